using System.Diagnostics;
using System.Globalization;
using Jianxun.Core.Common;

namespace Jianxun.Testing;

/// <summary>
/// The tests' clock: the whole run starts at one fixed moment and ticks on with real elapsed time, so that lockouts, token
/// lifetimes and "newest first" still behave, but what day it is never depends on when or where the suite runs.
/// The moment is <see cref="DefaultStart"/> unless <c>JIANXUN_TEST_NOW</c> gives another (an ISO 8601 time with its offset,
/// e.g. <c>2027-01-01T00:30:00+08:00</c>): CI runs the date-sensitive tests again at such hard moments.
/// The app, the demo seeder and the test code all read this one clock (through the factory's and the harness's
/// <c>Today</c>); the machine's own clock and time zone decide nothing.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>10:00 on Monday 15 June 2026 in the office (UTC+8): mid-month, mid-year, a working day.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public const string StartVariable = "JIANXUN_TEST_NOW";

    /// <summary>The clock every test host and harness of this test run shares.</summary>
    public static TestClock Shared { get; } = new(StartFromEnvironment());

    /// <summary>The shared clock as the app sees it: in the office's default zone (Asia/Shanghai), whatever the machine's.</summary>
    public static OfficeClock Office { get; } = new(Shared, OfficeClock.FindZone(null));

    /// <summary>Today in the office, by the shared clock: what test code uses for dates it sends and expects.</summary>
    public static DateOnly OfficeToday => Office.OfficeToday();

    private readonly DateTimeOffset _start;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public TestClock(DateTimeOffset start) => _start = start.ToUniversalTime();

    public DateTimeOffset Start => _start;

    public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_startedAt);

    private static DateTimeOffset StartFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(StartVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultStart;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? start
            : throw new InvalidOperationException($"{StartVariable}='{text}' is not an ISO 8601 time with an offset, e.g. 2027-01-01T00:30:00+08:00");
    }
}
