using System.Globalization;

namespace Jianxun.Core.Scoring;

public enum ScorePeriodKind
{
    Month = 0,
    Quarter = 1,
    Year = 2,
}

/// <summary>A month (2026-03), a quarter (2026-Q1) or a year (2026) of the assessment.</summary>
public readonly record struct ScorePeriod(int Year, ScorePeriodKind Kind, int Index)
{
    public static ScorePeriod ForMonth(int year, int month) => new(year, ScorePeriodKind.Month, month);

    public static ScorePeriod ForQuarter(int year, int quarter) => new(year, ScorePeriodKind.Quarter, quarter);

    public static ScorePeriod ForYear(int year) => new(year, ScorePeriodKind.Year, 0);

    public static bool TryParse(string? text, out ScorePeriod period)
    {
        period = default;
        var t = text?.Trim() ?? "";
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2200)
        {
            period = ForYear(y);
            return true;
        }
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out y) && y is >= 1990 and <= 2200)
        {
            if ((t[5] is 'Q' or 'q') && t[6] is >= '1' and <= '4')
            {
                period = ForQuarter(y, t[6] - '0');
                return true;
            }
            if (int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            {
                period = ForMonth(y, m);
                return true;
            }
        }
        return false;
    }

    public DateOnly From => Kind switch
    {
        ScorePeriodKind.Month => new DateOnly(Year, Index, 1),
        ScorePeriodKind.Quarter => new DateOnly(Year, (Index * 3) - 2, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The last day of the period (inclusive).</summary>
    public DateOnly To => Kind switch
    {
        ScorePeriodKind.Month => From.AddMonths(1).AddDays(-1),
        ScorePeriodKind.Quarter => From.AddMonths(3).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    public IEnumerable<(int Year, int Month)> Months
    {
        get
        {
            for (var d = From; d <= To; d = d.AddMonths(1))
            {
                yield return (d.Year, d.Month);
            }
        }
    }

    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>The periods this one is part of or made of, for publication checks: 2026-03 is in 2026-Q1 and 2026.</summary>
    public IEnumerable<ScorePeriod> Enclosing()
    {
        if (Kind == ScorePeriodKind.Month)
        {
            yield return ForQuarter(Year, ((Index - 1) / 3) + 1);
        }
        if (Kind != ScorePeriodKind.Year)
        {
            yield return ForYear(Year);
        }
    }

    public string Key => Kind switch
    {
        ScorePeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Index:D2}"),
        ScorePeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Index}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public string Label => Kind switch
    {
        ScorePeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Index}月"),
        ScorePeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}年第{"一二三四"[Index - 1]}季度"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}年度"),
    };

    public override string ToString() => Key;
}

/// <summary>The Chinese words the scoring pages and exports print.</summary>
public static class ScoreText
{
    public static string Kind(AdoptionKind kind) => kind switch
    {
        AdoptionKind.Full => "全文采用",
        AdoptionKind.Brief => "简讯采用",
        AdoptionKind.Combined => "综合采用",
    };

    public static string Category(ScoreCategory category) => category switch
    {
        ScoreCategory.Own => "本刊采用",
        ScoreCategory.Higher => "上级采用",
        ScoreCategory.Instruction => "领导批示",
        ScoreCategory.Quota => "定额考核",
        ScoreCategory.Calls => "约稿报送",
        ScoreCategory.Cap => "封顶",
        ScoreCategory.Total => "总分",
    };

    public static string Joint(JointMode mode) => mode switch
    {
        JointMode.EachFull => "联合报送各得全分",
        JointMode.SplitEvenly => "联合报送平分",
        JointMode.LeadShare => "牵头单位按比例，其余平分",
    };

    public static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
