using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jianxun.Publishing;

namespace Jianxun.Text.Tests.Import;

/// <summary>
/// The people of an invented issue, as its author knows them: who in a credit line is a writer (the other tokens are
/// units), and who acts in the body with the titles written before the name. The issue itself only holds text, so this
/// is the one fact the truth cannot take from it.
/// </summary>
internal sealed record IssuePeople(IReadOnlySet<string> Writers, IReadOnlyDictionary<string, string[]> Actors);

/// <summary>
/// The ground truth of a rendered issue in the shape of <c>Fixtures/*.truth.json</c> (samples/README.md), built from the
/// <see cref="IssueDocument"/> that was rendered and never from what a reader got back, so that a reader bug cannot move
/// the truth with it. Besides the scored fields it states the masthead, the issue numbers and the date.
/// </summary>
internal static partial class IssueTruth
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string TerminalPunctuation = "。！？；…”’）」』】";

    [GeneratedRegex(@"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:至(\d{1,2})日)?")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"^[【（(]?供稿[：:](.*?)[】）)]?$")]
    private static partial Regex CreditRegex();

    [GeneratedRegex(@"第(\d+)期")]
    private static partial Regex IssueNumberRegex();

    [GeneratedRegex(@"(\d{4})年")]
    private static partial Regex YearRegex();

    public static string From(IssueDocument issue, IssuePeople people)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(people);
        var sections = new JsonArray();
        foreach (var column in issue.Columns)
        {
            var articles = new JsonArray();
            var number = 0;
            foreach (var article in column.Articles)
            {
                number++;
                articles.Add(Article(article, column.IsBriefs ? number : null, people));
            }

            sections.Add(new JsonObject { ["name"] = column.Name.Trim().Trim('[', ']', '【', '】', '〔', '〕', ' ', '　'), ["articles"] = articles });
        }

        var year = YearRegex().Match(issue.IssueLabel) is { Success: true } y ? int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture) : issue.Date.Year;
        var truth = new JsonObject
        {
            ["masthead"] = issue.SeriesName.Trim(),
            ["sections"] = sections,
            ["issueNumber"] = Number(issue.IssueLabel),
            ["totalIssueNumber"] = Number(issue.TotalNumber),
            ["year"] = year,
            ["date"] = issue.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return truth.ToJsonString(Indented);
    }

    /// <summary>The masthead, issue numbers, year and date of a bulletin JSON (the truth's or a reader's), one per line.</summary>
    public static string Facts(string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        return string.Join('\n', new[] { "masthead", "issueNumber", "totalIssueNumber", "year", "date" }.Select(k => $"{k}={o[k]?.ToJsonString(Indented) ?? "null"}"));
    }

    private static JsonObject Article(IssueArticle article, int? briefNumber, IssuePeople people)
    {
        var paragraphs = article.Paragraphs.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var title = article.Title?.Trim() is { Length: > 0 } t ? t : null;
        if (briefNumber is not null && title is not null)
        {
            // A brief's title is printed in bold at the head of its one paragraph, closed with 。 unless it ends a sentence.
            var lead = TerminalPunctuation.Contains(title[^1], StringComparison.Ordinal) ? title : title + "。";
            paragraphs = paragraphs.Count == 0 ? [lead] : [lead + paragraphs[0], .. paragraphs.Skip(1)];
        }

        var body = string.Concat(paragraphs);
        return new JsonObject
        {
            ["title"] = briefNumber is null ? title : null,
            ["number"] = briefNumber,
            ["paragraphs"] = new JsonArray([.. paragraphs.Select(p => (JsonNode)p)]),
            ["credit"] = Credit(article.CreditLine, people),
            ["dates"] = new JsonArray([.. Dates(body).Select(d => (JsonNode)d)]),
            ["persons"] = new JsonArray([.. Persons(body, people)]),
            ["organizations"] = new JsonArray(),
        };
    }

    private static JsonObject? Credit(string? line, IssuePeople people)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var match = CreditRegex().Match(line.Trim());
        if (!match.Success)
        {
            throw new ArgumentException($"Not a credit line: {line}", nameof(line));
        }

        var tokens = match.Groups[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new JsonObject
        {
            ["units"] = new JsonArray([.. tokens.Where(x => !people.Writers.Contains(x)).Select(x => (JsonNode)x)]),
            ["authors"] = new JsonArray([.. tokens.Where(people.Writers.Contains).Select(x => (JsonNode)x)]),
        };
    }

    /// <summary>Day-precision dates in order of first appearance, once each; a range M月D日至D日 gives both ends.</summary>
    private static IEnumerable<string> Dates(string body)
    {
        var dates = new List<string>();
        foreach (Match m in DateRegex().Matches(body))
        {
            var year = m.Groups[1].Success ? m.Groups[1].Value + "年" : string.Empty;
            var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            dates.Add(string.Create(CultureInfo.InvariantCulture, $"{year}{month}月{int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)}日"));
            if (m.Groups[4].Success)
            {
                dates.Add(string.Create(CultureInfo.InvariantCulture, $"{year}{month}月{int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)}日"));
            }
        }

        return dates.Distinct(StringComparer.Ordinal);
    }

    /// <summary>The known actors named in the body, in order of first mention, each once.</summary>
    private static IEnumerable<JsonObject> Persons(string body, IssuePeople people) =>
        people.Actors
            .Select(a => (Name: a.Key, Titles: a.Value, At: body.IndexOf(a.Key, StringComparison.Ordinal)))
            .Where(a => a.At >= 0)
            .OrderBy(a => a.At)
            .Select(a => new JsonObject { ["name"] = a.Name, ["titles"] = new JsonArray([.. a.Titles.Select(x => (JsonNode)x)]) });

    private static int? Number(string? label) =>
        label is not null && IssueNumberRegex().Match(label) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
}
