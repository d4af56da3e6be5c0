using System.Globalization;

namespace Jianxun.Publishing;

/// <summary>Text that every renderer composes the same way, so PDF, DOCX and HTML agree.</summary>
internal static class IssueText
{
    private const string TerminalPunctuation = "。！？；…”’）」』】";

    public static string DateLine(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    public static string IssueLine(IssueDocument issue) =>
        string.IsNullOrWhiteSpace(issue.TotalNumber) ? issue.IssueLabel : $"{issue.IssueLabel}（{issue.TotalNumber}）";

    /// <summary>【领导关注】, whether the name came as 领导关注, [领导关注] or 【领导关注】.</summary>
    public static string ColumnHeading(string name) => $"【{ColumnName(name)}】";

    public static string ColumnName(string name) => name.Trim().Trim('[', ']', '【', '】', '〔', '〕', ' ', '　');

    public static string BriefNumber(int number) => string.Create(CultureInfo.InvariantCulture, $"{number}、");

    /// <summary>A brief's bold lead-in: its title, closed with 。 unless it already ends a sentence.</summary>
    public static string BriefTitle(string title)
    {
        var trimmed = title.Trim();
        return trimmed.Length > 0 && TerminalPunctuation.Contains(trimmed[^1], StringComparison.Ordinal) ? trimmed : trimmed + "。";
    }

    public const string EditorsNoteLabel = "编者按：";

    public static string CopiesLine(int copies) => string.Create(CultureInfo.InvariantCulture, $"（共印{copies}份）");

    public static IEnumerable<(string Label, string Text)> DistributionLines(Distribution? distribution)
    {
        if (distribution is null)
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(distribution.Bao))
        {
            yield return ("报：", distribution.Bao.Trim());
        }

        if (!string.IsNullOrWhiteSpace(distribution.Song))
        {
            yield return ("送：", distribution.Song.Trim());
        }

        if (!string.IsNullOrWhiteSpace(distribution.Fa))
        {
            yield return ("发：", distribution.Fa.Trim());
        }
    }

    /// <summary>Photos of an article by the paragraph they attach to (side: before it; full width: after it).</summary>
    public static ILookup<int, IssuePhoto> PhotosAt(IssueArticle article, PhotoPlacement placement)
    {
        var last = Math.Max(0, article.Paragraphs.Count - 1);
        return article.Photos
            .Where(p => p.Placement == placement)
            .ToLookup(p => Math.Clamp(p.ParagraphIndex ?? (placement == PhotoPlacement.Side ? 0 : last), 0, last));
    }
}
