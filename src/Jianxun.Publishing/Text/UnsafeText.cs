using System.Text;

namespace Jianxun.Publishing;

/// <summary>
/// The one rule for characters that must not be in any text (ADR-017): C0 and C1 control characters (tab, line feed and
/// carriage return excepted: they are how text has lines) and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which make text read differently from how it is stored. Input is refused at the
/// boundary; the writers strip what older rows still hold, so that a published file can always be made.
/// </summary>
public static class UnsafeText
{
    /// <summary>Whether <paramref name="c"/> is refused in text.</summary>
    public static bool IsUnsafe(char c)
        => c switch
        {
            '\t' or '\n' or '\r' => false,
            <= '\u001F' => true,
            >= '\u007F' and <= '\u009F' => true,
            >= '\u202A' and <= '\u202E' => true,
            >= '\u2066' and <= '\u2069' => true,
            _ => false,
        };

    /// <summary>The index of the first refused character, or -1.</summary>
    public static int IndexOfUnsafe(string? text)
    {
        if (text is null)
        {
            return -1;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>How a refused character is named to a person: U+0000, U+202E.</summary>
    public static string Describe(char c) => $"U+{(int)c:X4}";

    /// <summary>The text without the refused characters (the same instance when there are none).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Strip(string? text)
    {
        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text!.Length);
        sb.Append(text, 0, first);
        for (var i = first + 1; i < text.Length; i++)
        {
            if (!IsUnsafe(text[i]))
            {
                sb.Append(text[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The issue with every text stripped: the writers' second line of defence for rows stored before the boundary
    /// refused such characters (imports, older versions).
    /// </summary>
    public static IssueDocument Clean(IssueDocument issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (!HasUnsafe(issue))
        {
            return issue;
        }
        return issue with
        {
            SeriesName = Strip(issue.SeriesName),
            IssueLabel = Strip(issue.IssueLabel),
            TotalNumber = Strip(issue.TotalNumber),
            Issuer = Strip(issue.Issuer),
            EditorsNote = Strip(issue.EditorsNote),
            Erratum = Strip(issue.Erratum),
            Distribution = issue.Distribution is { } d
                ? d with { Bao = Strip(d.Bao), Song = Strip(d.Song), Fa = Strip(d.Fa) }
                : null,
            Columns = [.. issue.Columns.Select(c => c with
            {
                Name = Strip(c.Name),
                Articles = [.. c.Articles.Select(a => a with
                {
                    Title = Strip(a.Title),
                    CreditLine = Strip(a.CreditLine),
                    Paragraphs = [.. a.Paragraphs.Select(p => Strip(p))],
                    // A photo keeps its identity when its caption is clean: the HTML preview finds photo links by reference.
                    Photos = [.. a.Photos.Select(p => ReferenceEquals(Strip(p.Caption), p.Caption) ? p : p with { Caption = Strip(p.Caption) })],
                })],
            })],
        };
    }

    private static bool HasUnsafe(IssueDocument issue)
        => new[] { issue.SeriesName, issue.IssueLabel, issue.TotalNumber, issue.Issuer, issue.EditorsNote, issue.Erratum,
                   issue.Distribution?.Bao, issue.Distribution?.Song, issue.Distribution?.Fa }
               .Concat(issue.Columns.SelectMany(c => c.Articles.SelectMany(a => a.Paragraphs.Concat([a.Title, a.CreditLine])
                   .Concat(a.Photos.Select(p => p.Caption))).Append(c.Name)))
               .Any(t => IndexOfUnsafe(t) >= 0);
}
