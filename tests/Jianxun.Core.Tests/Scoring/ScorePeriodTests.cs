using Jianxun.Core.Scoring;

namespace Jianxun.Core.Tests.Scoring;

public sealed class ScorePeriodTests
{
    [Theory]
    [InlineData("2026-03", 2026, ScorePeriodKind.Month, 3)]
    [InlineData(" 2026-03 ", 2026, ScorePeriodKind.Month, 3)]
    [InlineData("2026-12", 2026, ScorePeriodKind.Month, 12)]
    [InlineData("2026-Q1", 2026, ScorePeriodKind.Quarter, 1)]
    [InlineData("2026-q4", 2026, ScorePeriodKind.Quarter, 4)]
    [InlineData("2026", 2026, ScorePeriodKind.Year, 0)]
    public void TryParse_ValidText_GivesThePeriod(string text, int year, ScorePeriodKind kind, int index)
    {
        Assert.True(ScorePeriod.TryParse(text, out var period));
        Assert.Equal(new ScorePeriod(year, kind, index), period);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026-3")]
    [InlineData("2026-003")]
    [InlineData("2026/03")]
    [InlineData("2026- 3")]
    [InlineData("+2026")]
    [InlineData("1989")]
    [InlineData("2026年3月")]
    public void TryParse_InvalidText_IsFalse(string? text)
    {
        Assert.False(ScorePeriod.TryParse(text, out var period));
        Assert.Equal(default, period);
    }

    [Theory]
    [InlineData("2026-03", "2026年3月", "2026-03-01", "2026-03-31")]
    [InlineData("2026-02", "2026年2月", "2026-02-01", "2026-02-28")]
    [InlineData("2028-02", "2028年2月", "2028-02-01", "2028-02-29")]
    [InlineData("2026-Q1", "2026年第一季度", "2026-01-01", "2026-03-31")]
    [InlineData("2026-Q2", "2026年第二季度", "2026-04-01", "2026-06-30")]
    [InlineData("2026-Q4", "2026年第四季度", "2026-10-01", "2026-12-31")]
    [InlineData("2026", "2026年度", "2026-01-01", "2026-12-31")]
    public void Label_FromAndTo_DescribeThePeriod(string key, string label, string from, string to)
    {
        Assert.True(ScorePeriod.TryParse(key, out var period));

        Assert.Equal(label, period.Label);
        Assert.Equal(key, period.Key);
        Assert.Equal(key, period.ToString());
        Assert.Equal(DateOnly.ParseExact(from, "yyyy-MM-dd"), period.From);
        Assert.Equal(DateOnly.ParseExact(to, "yyyy-MM-dd"), period.To);
        Assert.True(period.Contains(period.From));
        Assert.True(period.Contains(period.To));
        Assert.False(period.Contains(period.From.AddDays(-1)));
        Assert.False(period.Contains(period.To.AddDays(1)));
    }

    [Fact]
    public void Months_OfEachKind_AreTheMonthsInOrder()
    {
        Assert.Equal([(2026, 5)], ScorePeriod.ForMonth(2026, 5).Months);
        Assert.Equal([(2026, 4), (2026, 5), (2026, 6)], ScorePeriod.ForQuarter(2026, 2).Months);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => (2026, m)), ScorePeriod.ForYear(2026).Months);
    }

    [Fact]
    public void Enclosing_IsTheQuarterAndYearAMonthBelongsTo()
    {
        Assert.Equal([ScorePeriod.ForQuarter(2026, 1), ScorePeriod.ForYear(2026)], ScorePeriod.ForMonth(2026, 3).Enclosing());
        Assert.Equal([ScorePeriod.ForQuarter(2026, 2), ScorePeriod.ForYear(2026)], ScorePeriod.ForMonth(2026, 4).Enclosing());
        Assert.Equal([ScorePeriod.ForQuarter(2026, 4), ScorePeriod.ForYear(2026)], ScorePeriod.ForMonth(2026, 12).Enclosing());
        Assert.Equal([ScorePeriod.ForYear(2026)], ScorePeriod.ForQuarter(2026, 3).Enclosing());
        Assert.Empty(ScorePeriod.ForYear(2026).Enclosing());
    }
}
