using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Tests;

/// <summary>One "today" for the whole app: the office's date, whatever the server's zone or the hour in UTC.</summary>
public sealed class OfficeClockTests
{
    private static readonly TimeZoneInfo Shanghai = OfficeClock.FindZone("Asia/Shanghai");

    [Theory]
    [InlineData("2026-12-31T15:59:59Z", "2026-12-31")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01")] // New Year in the office while UTC still has New Year's Eve
    [InlineData("2027-02-28T23:30:00Z", "2027-03-01")]
    [InlineData("2027-03-01T00:30:00Z", "2027-03-01")]
    public void OfficeToday_IsTheDateInTheOfficeZone_NotInUtc(string utc, string expected)
    {
        var clock = new OfficeClock(new TestClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), Shanghai);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), clock.OfficeToday());
        Assert.Equal(TimeSpan.FromHours(8), clock.GetLocalNow().Offset);
    }

    [Fact]
    public void OfficeDayStartUtc_AndOfficeDate_RoundTrip_AtTheDayBoundary()
    {
        var clock = new OfficeClock(TestClock.Shared, Shanghai);
        var day = new DateOnly(2027, 1, 1);

        var start = clock.OfficeDayStartUtc(day);

        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(day, clock.OfficeDate(start));
        Assert.Equal(day.AddDays(-1), clock.OfficeDate(start.AddTicks(-1)));
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0), clock.ToOffice(start));
    }

    [Fact]
    public void OfficeToday_FollowsTheConfiguredZone()
    {
        // 20:00 UTC on 31 December: already 1 January in Shanghai, still 31 December in London.
        var instant = new TestClock(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2027, 1, 1), TodayIn(null, instant));
        Assert.Equal(new DateOnly(2026, 12, 31), TodayIn("Europe/London", instant));
    }

    [Fact]
    public void UnknownTimeZoneSetting_StopsTheStartWithAChineseMessage()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TodayIn("Mars/Olympus_Mons", TestClock.Shared));
        Assert.Contains("Jianxun:TimeZone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Asia/Shanghai", error.Message, StringComparison.Ordinal);
    }

    private static DateOnly TodayIn(string? zone, TimeProvider instant)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = Path.GetTempPath(),
            ["Jianxun:TimeZone"] = zone,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJianxunCore(configuration);
        services.UseClock(instant);
        using var sp = services.BuildServiceProvider();
        _ = sp.GetRequiredService<IOptions<JianxunOptions>>().Value;
        return sp.GetRequiredService<TimeProvider>().OfficeToday();
    }
}
