using System.Globalization;
using Jianxun.Core.Common;
using Jianxun.Core.Scoring;

namespace Jianxun.Web.Features.Scores;

/// <summary>Moving between assessment periods on the pages: the previous and next period, and the picker's choices.</summary>
internal static class ScorePeriodNav
{
    /// <summary>The period <paramref name="delta"/> months, quarters or years away, of the same kind.</summary>
    public static ScorePeriod Shift(ScorePeriod period, int delta) => period.Kind switch
    {
        ScorePeriodKind.Month => ScorePeriod.ForMonth(((period.Year * 12) + period.Index - 1 + delta) / 12, (((period.Year * 12) + period.Index - 1 + delta) % 12) + 1),
        ScorePeriodKind.Quarter => ScorePeriod.ForQuarter(((period.Year * 4) + period.Index - 1 + delta) / 4, (((period.Year * 4) + period.Index - 1 + delta) % 4) + 1),
        _ => ScorePeriod.ForYear(period.Year + delta),
    };

    /// <summary>The picker's second choice: 全年, the quarters, then the months (values Y, Q1…Q4, 01…12).</summary>
    public static IReadOnlyList<(string Value, string Label)> Spans { get; } =
    [
        ("Y", "全年"),
        .. Enumerable.Range(1, 4).Select(q => (string.Create(CultureInfo.InvariantCulture, $"Q{q}"), $"第{"一二三四"[q - 1]}季度")),
        .. Enumerable.Range(1, 12).Select(m => (m.ToString("D2", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{m}月"))),
    ];

    /// <summary>The span value of a period, for selecting it in the picker.</summary>
    public static string SpanOf(ScorePeriod period) => period.Kind switch
    {
        ScorePeriodKind.Month => period.Index.ToString("D2", CultureInfo.InvariantCulture),
        ScorePeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"Q{period.Index}"),
        _ => "Y",
    };

    /// <summary>
    /// The period the page shows: the picker's year and span when it was used, else the period parameter, else the
    /// current month. A period that cannot be read is a <see cref="ValidationException"/> (the page shows it).
    /// </summary>
    public static ScorePeriod Resolve(string? period, int? year, string? span, DateOnly today)
    {
        if (year is int y)
        {
            period = span is null or "" or "Y" ? y.ToString("D4", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{span}");
        }
        if (string.IsNullOrWhiteSpace(period))
        {
            return ScorePeriod.ForMonth(today.Year, today.Month);
        }
        return ScorePeriod.TryParse(period, out var parsed)
            ? parsed
            : throw ValidationException.For("period", $"无法识别考核期间“{period}”：月份写作 2026-03，季度写作 2026-Q1，年度写作 2026。");
    }

    /// <summary>Years offered by the picker: a few back from this year, and the shown year if it is older.</summary>
    public static IReadOnlyList<int> Years(DateOnly today, ScorePeriod shown) =>
        [.. Enumerable.Range(today.Year - 5, 6).Append(shown.Year).Distinct().OrderDescending()];

    public static string Label(string key) => ScorePeriod.TryParse(key, out var p) ? p.Label : key;
}
