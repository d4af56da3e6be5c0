using System.Globalization;
using System.Text.RegularExpressions;

namespace Jianxun.Text;

/// <summary>An article as the warnings see it: read from a file, or as the editor corrected it in the preview.</summary>
public sealed record WarningArticle(string? Title, bool HasCredit, IReadOnlyList<string> Dates, IReadOnlyList<string> Paragraphs, int? SourceLine);

/// <summary>A column as the warnings see it.</summary>
public sealed record WarningSection(string Name, bool IsBriefs, int? SourceLine, IReadOnlyList<WarningArticle> Articles);

/// <summary>
/// The doubts about a bulletin's structure (ADR-028): one rule for a freshly read file (the command line's JSON) and for
/// the preview after each correction, so that a fixed doubt disappears and a split article gets its own.
/// </summary>
public static partial class BulletinWarnings
{
    /// <summary>What an untitled column is called when it is imported anyway.</summary>
    public const string StandInColumn = "未分栏目";

    /// <summary>The kinds <see cref="Structure"/> finds (recomputed after each correction; the others stay as found).</summary>
    public static readonly IReadOnlySet<ImportWarningKind> StructureKinds = new HashSet<ImportWarningKind>
    {
        ImportWarningKind.UntitledArticle, ImportWarningKind.UnnamedColumn, ImportWarningKind.CreditNotFound, ImportWarningKind.UnreadableDate,
    };

    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<d>\d{1,2})日$")]
    private static partial Regex DayRegex();

    /// <summary>The structure warnings of a parsed bulletin (its columns are briefs when every item is numbered).</summary>
    public static IReadOnlyList<ImportWarning> Of(ParsedBulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        return Structure(bulletin.Sections.Select(s => new WarningSection(
            s.Name,
            s.Articles.Count > 0 && s.Articles.All(a => a.Number is not null),
            s.SourceLineStart == 0 ? null : s.SourceLineStart,
            [.. s.Articles.Select(a => new WarningArticle(
                a.Title,
                a.Credit is { } c && c.Units.Count + c.Authors.Count > 0,
                a.Dates,
                a.Paragraphs,
                a.SourceLineStart == 0 ? null : a.SourceLineStart))])), bulletin.Year);
    }

    /// <summary>Untitled articles, unnamed columns, articles without a credit and dates that are no real day.</summary>
    public static List<ImportWarning> Structure(IEnumerable<WarningSection> sections, int? year)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var warnings = new List<ImportWarning>();
        var si = 0;
        foreach (var s in sections)
        {
            var column = string.IsNullOrWhiteSpace(s.Name) ? null : s.Name.Trim();
            if (column is null)
            {
                warnings.Add(new(ImportWarningKind.UnnamedColumn,
                    $"第 {si + 1} 个栏目没有栏目名，导入时暂称“{StandInColumn}”，请填写。", si, null, null, s.SourceLine ?? (s.Articles.Count > 0 ? s.Articles[0].SourceLine : null)));
            }
            var name = column ?? StandInColumn;
            for (var ai = 0; ai < s.Articles.Count; ai++)
            {
                var a = s.Articles[ai];
                var where = s.IsBriefs ? $"“{name}”第 {ai + 1} 条" : $"“{name}”第 {ai + 1} 篇";
                if (!s.IsBriefs && string.IsNullOrWhiteSpace(a.Title))
                {
                    warnings.Add(new(ImportWarningKind.UntitledArticle,
                        $"{where}没有标题，导入时暂以正文开头“{StandInTitle(a.Paragraphs)}”作标题，请补上。", si, ai, name, a.SourceLine));
                }
                if (!s.IsBriefs && !a.HasCredit)
                {
                    warnings.Add(new(ImportWarningKind.CreditNotFound,
                        $"{where}没有找到供稿信息（【供稿：单位 作者】），不计入单位统计，请核对。", si, ai, name, a.SourceLine));
                }
                foreach (var d in a.Dates.Where(d => !IsRealDay(d, year)))
                {
                    warnings.Add(new(ImportWarningKind.UnreadableDate, $"{where}中的日期“{d}”不是有效的日期，未计入，请核对原文。", si, ai, name, a.SourceLine));
                }
            }
            si++;
        }
        return warnings;
    }

    /// <summary>The title an untitled article is imported with: its first sentence, at most 24 characters.</summary>
    public static string StandInTitle(IReadOnlyList<string>? paragraphs)
    {
        var first = paragraphs?.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p))?.Trim() ?? "";
        var end = first.IndexOfAny(['。', '！', '？', '；']);
        var sentence = end > 0 ? first[..end] : first;
        return sentence.Length == 0 ? "无标题" : sentence.Length <= 24 ? sentence : sentence[..24] + "…";
    }

    /// <summary>Whether <c>M月D日</c> (or <c>YYYY年M月D日</c>) is a day of the calendar; 2月29日 without a year is allowed.</summary>
    public static bool IsRealDay(string text, int? year)
    {
        var m = DayRegex().Match(text ?? "");
        if (!m.Success)
        {
            return true;
        }
        var y = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : year ?? 2000;
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        return y is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, month);
    }
}
