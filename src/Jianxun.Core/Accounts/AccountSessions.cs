using System.Collections.Concurrent;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Accounts;

/// <summary>What a signed-in request may rely on about its account: read from the database, never from the cookie or token.</summary>
/// <param name="OpenSessions">The account's open sessions (ADR-020): session id → when it was last seen.</param>
public sealed record AccountState(int UserId, string UserName, string DisplayName, int? UnitId, string? SecurityStamp, bool IsActive,
    IReadOnlyList<string> Roles, IReadOnlyDictionary<string, DateTime> OpenSessions);

/// <summary>
/// Sessions that follow the account (ADR-015, ADR-020). Every signed-in request compares the security stamp carried by its cookie or
/// bearer token with the account's, requires its session id to be one of the account's open sessions, and takes its roles, unit and name from the account. An account is read at most once per
/// <see cref="Lifetime"/>; a change made through <see cref="UserHandlers"/> in this process is forgotten at once, so it
/// applies from the very next request. A change made by another process (the command line, a second server) applies within
/// <see cref="Lifetime"/>.
/// </summary>
public sealed class AccountSessions(TimeProvider clock)
{
    /// <summary>How long a read of an account serves other requests; the window for changes made by other processes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, (AccountState? State, DateTimeOffset ReadAt)> _cache = new();

    // When this process last wrote a session's LastSeenAt (the cached account may still hold an older value).
    private readonly ConcurrentDictionary<string, DateTime> _touched = new(StringComparer.Ordinal);

    // Bumped by every Forget: a read that started before a change must not put the old state back into the cache.
    private long _generation;

    /// <summary>The account as it is now (at most <see cref="Lifetime"/> old); null when it no longer exists.</summary>
    public async Task<AccountState?> GetAsync(AppDbContext db, int userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(userId, out var hit) && now - hit.ReadAt < Lifetime && now >= hit.ReadAt)
        {
            return hit.State;
        }
        var generation = Interlocked.Read(ref _generation);
        var state = await ReadAsync(db, userId, ct);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[userId] = (state, now);
        }
        return state;
    }

    /// <summary>Forgets what is known about an account, after a change to it has been saved.</summary>
    public void Forget(int userId)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(userId, out _);
    }

    /// <summary>
    /// Whether a session's <see cref="UserSession.LastSeenAt"/> should be written now: at most once per
    /// <see cref="UserSessions.LastSeenResolution"/>, so an active user costs one small write a minute, not one per request.
    /// </summary>
    public bool TouchDue(string sessionId, DateTime lastSeenInDatabase)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var last = _touched.TryGetValue(sessionId, out var touched) && touched > lastSeenInDatabase ? touched : lastSeenInDatabase;
        if (now - last < UserSessions.LastSeenResolution)
        {
            return false;
        }
        if (_touched.Count > 100_000)
        {
            _touched.Clear(); // bounded memory; at worst one extra write per session
        }
        _touched[sessionId] = now;
        return true;
    }

    /// <summary>A new security stamp: every cookie and token issued before it stops working.</summary>
    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private static async Task<AccountState?> ReadAsync(AppDbContext db, int userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.UserName, u.DisplayName, u.UnitId, u.SecurityStamp, u.IsActive })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles
                           where ur.UserId == userId
                           join r in db.Roles on ur.RoleId equals r.Id
                           select r.Name!).AsNoTracking().ToListAsync(ct);
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null)
            .Select(s => new { s.Id, s.LastSeenAt }).ToListAsync(ct);
        return new AccountState(userId, user.UserName ?? "", user.DisplayName, user.UnitId, user.SecurityStamp, user.IsActive,
            [.. roles.OrderBy(r => Roles.All.ToList().IndexOf(r))], sessions.ToDictionary(s => s.Id, s => s.LastSeenAt, StringComparer.Ordinal));
    }
}
