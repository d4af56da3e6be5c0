using System.Net;
using System.Text;
using Jianxun.Text;

namespace Jianxun.Core.Search;

/// <summary>How text becomes index terms (shared by both dialects), and snippets with the matches marked.</summary>
public static class SearchText
{
    /// <summary>Longer texts are indexed up to here (a bulletin article is a few thousand characters).</summary>
    // REVIEW: keeps a pathological article from exceeding PostgreSQL's 1 MB tsvector limit; phrases past this point are not found.
    public const int MaxIndexedChars = 200_000;

    private const int MaxTokenLength = 64;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "的", "了", "和", "是", "在", "与", "及", "等", "也", "就", "都", "而", "或", "之", "其", "这", "那", "有", "为", "对", "把", "被",
        "着", "以", "于", "从", "向", "并", "将", "又", "还", "个", "中", "上", "下", "地", "得", "吗", "呢", "啊", "吧",
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "is", "are", "for", "by", "with",
    };

    public static bool IsStopWord(string token) => StopWords.Contains(token);

    /// <summary>jieba's search-mode words of an already folded text, keeping only tokens with a letter or digit.</summary>
    public static IReadOnlyList<string> QueryTokens(string folded)
        => [.. ChineseSegmenter.Shared.Segment(folded).Select(t => t.Trim()).Where(IsIndexable).Distinct(StringComparer.Ordinal)];

    /// <summary>The words of a folded text in order (duplicates kept, for term frequency).</summary>
    public static IReadOnlyList<string> IndexTokens(string folded)
        => [.. ChineseSegmenter.Shared.Segment(Cap(folded)).Select(t => t.Trim()).Where(IsIndexable)];

    /// <summary>The distinct character bigrams of a folded text whose two characters are letters or digits.</summary>
    public static IReadOnlyList<string> Grams(string folded)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var s = Cap(folded);
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsLetterOrDigit(s[i]) && char.IsLetterOrDigit(s[i + 1]))
            {
                set.Add(s.Substring(i, 2));
            }
        }
        return [.. set];
    }

    /// <summary>The runs of letters and digits of a text, in order (what bigrams are made of).</summary>
    public static IEnumerable<string> Runs(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>
    /// Every n-gram of every run of a folded text, in order and space-separated, each preceded by <paramref name="mark"/>
    /// (SQLite's positional bigram and trigram columns: consecutive n-grams at consecutive positions are exactly a
    /// phrase). Wherever a run ends stands the mark alone, so no phrase continues into the next run. Runs shorter than
    /// <paramref name="n"/> have none.
    /// </summary>
    public static string NGramSequence(string folded, int n, char mark)
    {
        var s = Cap(folded);
        var sb = new StringBuilder(s.Length * (n + 2));
        foreach (var run in Runs(s).Where(r => r.Length >= n))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ').Append(mark).Append(' ');
            }
            for (var i = 0; i + n <= run.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }
                sb.Append(mark).Append(run, i, n);
            }
        }
        return sb.ToString();
    }

    /// <summary>The folded text an index verifies substrings against: title, then body paragraphs.</summary>
    public static string Folded(string title, IEnumerable<string> paragraphs)
        => SearchQueryParser.Fold(title) + "\n" + string.Join("\n", paragraphs.Select(SearchQueryParser.Fold));

    /// <summary>The body as stored for snippets: normalised paragraphs, one per line.</summary>
    public static string Body(IEnumerable<string> paragraphs) => string.Join("\n", paragraphs.Select(TextNormalizer.Normalize).Where(p => p.Length > 0));

    private static bool IsIndexable(string t) => t.Length is > 0 and <= MaxTokenLength && t.Any(char.IsLetterOrDigit);

    private static string Cap(string s) => s.Length > MaxIndexedChars ? s[..MaxIndexedChars] : s;

    /// <summary>The strings to mark for a query: every positive term and its words of two or more characters.</summary>
    public static IReadOnlyList<string> Highlights(IReadOnlyList<SearchClause> clauses)
        => [.. clauses.Where(c => !c.Excluded).SelectMany(c => c.Alternatives)
            .SelectMany(a => a.Tokens.Where(t => t.Length >= 2 || a.Text.Length == 1).Append(a.Text))
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>
    /// A window of the text around the first match, HTML-escaped, with every match in <c>&lt;mark&gt;</c>.
    /// </summary>
    public static string Snippet(string text, IReadOnlyList<string> marks, int length = 120)
    {
        var flat = text.Replace('\n', ' ');
        var lower = flat.ToLowerInvariant();
        var first = marks.Select(m => lower.IndexOf(m, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, Math.Min(first - (length / 4), flat.Length - length));
        var end = Math.Min(flat.Length, start + length);
        var sb = new StringBuilder();
        if (start > 0)
        {
            sb.Append('…');
        }
        var i = start;
        var plain = start;
        while (i < end)
        {
            var hit = marks.FirstOrDefault(m => m.Length > 0 && string.CompareOrdinal(lower, i, m, 0, m.Length) == 0);
            if (hit is null)
            {
                i++;
                continue;
            }
            sb.Append(WebUtility.HtmlEncode(flat[plain..i])).Append("<mark>").Append(WebUtility.HtmlEncode(flat.Substring(i, hit.Length))).Append("</mark>");
            i += hit.Length;
            plain = i;
        }
        sb.Append(WebUtility.HtmlEncode(flat[plain..Math.Max(plain, Math.Min(end, flat.Length))]));
        if (Math.Max(end, plain) < flat.Length)
        {
            sb.Append('…');
        }
        return sb.ToString();
    }

    /// <summary>The title with its matches marked (HTML).</summary>
    public static string MarkAll(string text, IReadOnlyList<string> marks) => Snippet(text, marks, Math.Max(text.Length, 1));
}
