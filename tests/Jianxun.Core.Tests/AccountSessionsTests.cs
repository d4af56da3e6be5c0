using Jianxun.Core.Accounts;

namespace Jianxun.Core.Tests;

/// <summary>ADR-020: a session's LastSeenAt is written at most once a minute, whatever the number of requests.</summary>
public sealed class AccountSessionsTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void TouchDue_ManyRequestsWithinAMinute_WritesOnceAMinute()
    {
        var start = new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var sessions = new AccountSessions(clock);
        var seenInDatabase = start.UtcDateTime; // the sign-in wrote it

        var writes = new List<TimeSpan>();
        for (var second = 0; second <= 150; second += 5)
        {
            clock.Now = start.AddSeconds(second);
            if (sessions.TouchDue("a1", seenInDatabase))
            {
                writes.Add(clock.Now - start);
            }
        }

        // The cached account keeps the sign-in's value; the process remembers its own writes.
        Assert.Equal([TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)], writes);
        clock.Now = start.AddSeconds(121);
        Assert.False(sessions.TouchDue("a1", seenInDatabase));
        Assert.True(sessions.TouchDue("b2", seenInDatabase), "another session has its own minute");
    }

    [Fact]
    public void TouchDue_ValueWrittenByAnotherProcess_CountsFromThatValue()
    {
        var start = new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start.AddSeconds(90));
        var sessions = new AccountSessions(clock);

        Assert.False(sessions.TouchDue("a1", start.AddSeconds(45).UtcDateTime));
        Assert.True(sessions.TouchDue("a1", start.UtcDateTime));
    }
}
