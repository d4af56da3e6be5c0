using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace Jianxun.Core.Accounts;

/// <summary>Limits on failed sign-ins (section <c>Jianxun:SignIn</c>); see docs/security/sessions.md.</summary>
public sealed class SignInLimitOptions
{
    public const string SectionName = "Jianxun:SignIn";

    /// <summary>Failed sign-ins to one account from one client address before that address must wait.</summary>
    [Range(1, 1000)]
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address, to any accounts, before that address must wait.</summary>
    [Range(1, 100_000)]
    public int FailuresPerAddress { get; set; } = 50;

    /// <summary>How long the failures above are counted, and so the longest wait.</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>Sign-in requests (right or wrong) from one client address per minute: each costs a password hash.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinutePerAddress { get; set; } = 60;
}

/// <summary>
/// Counts failed sign-ins per account and client address, and per client address, with the framework's rate limiters
/// (System.Threading.RateLimiting, fixed windows). A stranger's failures from one address never stop the account's owner
/// at another address (ADR-015). Only the sign-in check knows a failure from a success, so it, not the request pipeline,
/// takes the permits.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accountAndAddress;
    private readonly PartitionedRateLimiter<string> _address;
    // An administrator's unlock starts the account's counts afresh: its partitions are named with a new generation.
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public SignInThrottle(Microsoft.Extensions.Options.IOptions<SignInLimitOptions> options)
    {
        var o = options.Value;
        Window = TimeSpan.FromMinutes(o.WindowMinutes);
        _accountAndAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.FailuresPerAccountAndAddress, Window = Window, QueueLimit = 0 }));
        _address = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.FailuresPerAddress, Window = Window, QueueLimit = 0 }));
    }

    public TimeSpan Window { get; }

    /// <summary>Whether sign-ins to <paramref name="normalizedUserName"/> from <paramref name="address"/> must wait.</summary>
    public bool MustWait(string normalizedUserName, string address)
        => !HasPermits(_accountAndAddress, PairKey(normalizedUserName, address)) || !HasPermits(_address, address);

    /// <summary>Counts a failure; true when it used the account-and-address pair's last permit (worth an audit entry).</summary>
    public bool CountFailure(string normalizedUserName, string address)
    {
        using (_address.AttemptAcquire(address))
        {
        }
        var key = PairKey(normalizedUserName, address);
        using var lease = _accountAndAddress.AttemptAcquire(key);
        return lease.IsAcquired && !HasPermits(_accountAndAddress, key);
    }

    private string? _dummyHash;

    /// <summary>A password hash made once with the configured hasher, checked against for unknown names (equal timing).</summary>
    public string DummyHash(Func<string> make) => _dummyHash ??= make();

    /// <summary>Lets the account be tried again from every address (an administrator's unlock).</summary>
    public void Reset(string normalizedUserName) => _generations.AddOrUpdate(normalizedUserName, 1, (_, g) => g + 1);

    private static bool HasPermits(PartitionedRateLimiter<string> limiter, string key)
    {
        // A request for zero permits asks whether any are left, without taking one.
        using var lease = limiter.AttemptAcquire(key, 0);
        return lease.IsAcquired;
    }

    private string PairKey(string normalizedUserName, string address)
        => $"{_generations.GetValueOrDefault(normalizedUserName)}\u001f{normalizedUserName}\u001f{address}";

    public void Dispose()
    {
        _accountAndAddress.Dispose();
        _address.Dispose();
    }
}
