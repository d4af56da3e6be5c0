using System.Globalization;
using System.Text.RegularExpressions;

namespace Jianxun.Text;

/// <summary>Year, issue number, running number and date of an issue; each may be unknown.</summary>
public sealed record IssueNumbers(int? Year = null, int? Number = null, int? TotalNumber = null, DateOnly? Date = null)
{
    public bool IsEmpty => Year is null && Number is null && TotalNumber is null && Date is null;

    /// <summary>Each field from this, else from <paramref name="other"/>.</summary>
    public IssueNumbers Or(IssueNumbers other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Year ?? other.Year, Number ?? other.Number, TotalNumber ?? other.TotalNumber, Date ?? other.Date);
    }

    /// <summary>As a label: <c>2024年第5期（总第128期）</c>, <c>总第128期</c>, with the date after it when known.</summary>
    public string Describe()
    {
        var label = Year is not null && Number is not null ? $"{Year}年第{Number}期" : Number is not null ? $"第{Number}期" : "";
        if (TotalNumber is not null)
        {
            label = label.Length == 0 ? $"总第{TotalNumber}期" : $"{label}（总第{TotalNumber}期）";
        }
        if (label.Length == 0 && Year is not null)
        {
            label = $"{Year}年";
        }
        if (Date is { } d)
        {
            label = (label + " " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Trim();
        }
        return label;
    }
}

/// <summary>
/// Issue numbers from a file name, for batches whose documents do not state them (ADR-028). The shapes, tried in this order
/// on the name without its extension:
/// <list type="bullet">
/// <item><c>国资简讯2024年第5期（总第128期）</c>, <c>2024第五期</c>: year and number; <c>总第128期</c> / <c>总128期</c>: running number;</item>
/// <item><c>〔2024〕5号</c>, <c>[2024]5期</c>: year and number, the way documents are numbered;</item>
/// <item><c>2024-05-20</c>, <c>2024.5.20</c>, <c>2024年5月20日</c>, <c>20240520</c>: the issue date (and its year);</item>
/// <item><c>2024-05</c>, <c>2024_5</c>, <c>2024.05</c>: year and number (not a month: a bulletin series numbers its issues, and a name
/// that means a month gives a number no larger than 12, which a by-date run would not give anyway);</item>
/// <item><c>第5期</c>, <c>No.5</c>: number alone; a lone <c>2024</c> or <c>2024年</c>: year alone.</item>
/// </list>
/// </summary>
public static partial class IssueNumbering
{
    private const string Numeral = @"(?:\d{1,4}|[一二三四五六七八九十百〇零两]{1,6})";

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*年?\s*(?:度\s*)?第\s*(?<n>" + Numeral + @")\s*期")]
    private static partial Regex YearNumberRegex();

    [GeneratedRegex(@"总\s*第?\s*(?<t>\d{1,6}|[一二三四五六七八九十百千〇零两]{1,8})\s*期")]
    private static partial Regex TotalRegex();

    [GeneratedRegex(@"[〔\[【(（]\s*(?<y>(?:19|20)\d{2})\s*[〕\]】)）]\s*(?:第\s*)?(?<n>\d{1,4})\s*[号期]")]
    private static partial Regex BracketYearRegex();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*[-_.年/]\s*(?<m>\d{1,2})\s*[-_.月/]\s*(?<d>\d{1,2})(?!\d)")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})(?<m>\d{2})(?<d>\d{2})(?!\d)")]
    private static partial Regex CompactDateRegex();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*[-_.]\s*(?<n>\d{1,3})(?![\d.\-_]*\d)")]
    private static partial Regex YearDashNumberRegex();

    [GeneratedRegex(@"(?<!总\s*)第\s*(?<n>" + Numeral + @")\s*期")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"(?i)(?<![a-z])no\.?\s*_?(?<n>\d{1,4})(?!\d)")]
    private static partial Regex NoRegex();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})(?!\d)")]
    private static partial Regex YearRegex();

    /// <summary>What the file name says; an empty result when it says nothing usable.</summary>
    public static IssueNumbers FromFileName(string? fileName)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? ""));
        name = TextNormalizer.Normalize(name);
        int? year = null, number = null, total = null;
        DateOnly? date = null;

        if (TotalRegex().Match(name) is { Success: true } t)
        {
            total = ParseNumeral(t.Groups["t"].Value);
            name = name.Remove(t.Index, t.Length);
        }
        if (YearNumberRegex().Match(name) is { Success: true } yn)
        {
            (year, number) = (Int(yn.Groups["y"].Value), ParseNumeral(yn.Groups["n"].Value));
        }
        else if (BracketYearRegex().Match(name) is { Success: true } by)
        {
            (year, number) = (Int(by.Groups["y"].Value), Int(by.Groups["n"].Value));
        }
        if (DateRegex().Match(name) is { Success: true } d && MakeDate(d) is { } full)
        {
            date = full;
        }
        else if (CompactDateRegex().Match(name) is { Success: true } c && MakeDate(c) is { } compact)
        {
            date = compact;
        }
        if (number is null && date is null && YearDashNumberRegex().Match(name) is { Success: true } ydn)
        {
            (year, number) = (Int(ydn.Groups["y"].Value), Int(ydn.Groups["n"].Value));
        }
        if (number is null && (NumberRegex().Match(name) is { Success: true } n ? n : NoRegex().Match(name)) is { Success: true } alone)
        {
            number = ParseNumeral(alone.Groups["n"].Value);
        }
        year ??= date?.Year;
        if (year is null && YearRegex().Match(name) is { Success: true } y)
        {
            year = Int(y.Groups["y"].Value);
        }
        return new IssueNumbers(year, number is > 0 ? number : null, total is > 0 ? total : null, date);
    }

    /// <summary><c>12</c>, <c>十二</c>, <c>一百零八</c>, <c>二〇</c> (digit by digit) as a number; null when it is none.</summary>
    public static int? ParseNumeral(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.All(char.IsAsciiDigit))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        const string Digits = "〇一二三四五六七八九";
        if (!text.Any(c => c is '十' or '百' or '千'))
        {
            var n = 0;
            foreach (var ch in text)
            {
                var k = ch is '零' ? 0 : ch is '两' ? 2 : Digits.IndexOf(ch, StringComparison.Ordinal);
                if (k < 0)
                {
                    return null;
                }
                n = (n * 10) + k;
            }
            return n;
        }
        var total = 0;
        var digit = 0;
        foreach (var ch in text)
        {
            var k = ch is '零' ? 0 : ch is '两' ? 2 : Digits.IndexOf(ch, StringComparison.Ordinal);
            if (k >= 0)
            {
                digit = k;
                continue;
            }
            var unit = ch switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                return null;
            }
            total += (digit == 0 ? 1 : digit) * unit;
            digit = 0;
        }
        return total + digit;
    }

    private static int Int(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    private static DateOnly? MakeDate(Match m)
    {
        var (y, mo, d) = (Int(m.Groups["y"].Value), Int(m.Groups["m"].Value), Int(m.Groups["d"].Value));
        return mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }
}
