using System.Globalization;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Accounts;

/// <summary>An open session as its owner or an administrator sees it.</summary>
public sealed record SessionDto(string Id, SessionKind Kind, DateTime CreatedAt, DateTime LastSeenAt, string? UserAgent,
    string? ClientAddress, bool IsCurrent);

/// <summary>
/// Sessions as records (ADR-020): every sign-in, by the login page or the token endpoint, opens a row; a user lists and ends
/// their own, an administrator anyone's. Ending one saves the row, then <see cref="AccountSessions.Forget"/> makes the very
/// next request with it anonymous in this process (another process: within <see cref="AccountSessions.Lifetime"/>).
/// </summary>
public sealed class UserSessions(AppDbContext db, AuditLog audit, TimeProvider clock, AccountSessions accounts, IOptions<JianxunOptions> options)
{
    /// <summary>The page cookie's sliding lifetime (the one source: the cookie options read it too).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    /// <summary>Ended and expired rows are deleted after this; the audit log keeps the history.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary><see cref="UserSession.LastSeenAt"/> is written at most once in this interval per session.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public const int MaxUserAgentLength = 200;

    private const int MaxClientAddressLength = 64;

    private TimeSpan TokenLifetime => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);

    /// <summary>Opens a session for a user whose password has just been checked; returns its id for the <c>jx:sid</c> claim.</summary>
    public async Task<string> StartAsync(int userId, SessionKind kind, string? userAgent, string? clientAddress, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await PruneAsync(now, ct);
        var session = new UserSession
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = Cut(UnsafeText.Strip(userAgent), MaxUserAgentLength),
            ClientAddress = Cut(clientAddress, MaxClientAddressLength),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        accounts.Forget(userId);
        return session.Id;
    }

    /// <summary>The caller's open sessions, newest first; <paramref name="currentSessionId"/> is marked.</summary>
    public async Task<IReadOnlyList<SessionDto>> ListMineAsync(Actor actor, string? currentSessionId, CancellationToken ct)
        => await ListAsync(actor.UserId ?? throw new ForbiddenException("请先登录。"), currentSessionId, ct);

    /// <summary>A user's open sessions, for administrators.</summary>
    public async Task<IReadOnlyList<SessionDto>> ListForUserAsync(Actor actor, int userId, string? currentSessionId, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        await RequireUserAsync(userId, ct);
        return await ListAsync(userId, currentSessionId, ct);
    }

    /// <summary>Ends one of the caller's own sessions; an unknown id and another user's answer alike (404).</summary>
    public Task EndMineAsync(Actor actor, string sessionId, CancellationToken ct)
        => EndAsync(actor, actor.UserId ?? throw new ForbiddenException("请先登录。"), sessionId, SessionEndReasons.EndedByUser, ct);

    /// <summary>An administrator ends one session of a user.</summary>
    public async Task EndForUserAsync(Actor actor, int userId, string sessionId, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        await RequireUserAsync(userId, ct);
        await EndAsync(actor, userId, sessionId, SessionEndReasons.EndedByAdmin, ct);
    }

    /// <summary>Signing out closes the session it was made with (the cookie is removed by the caller).</summary>
    public async Task SignOutAsync(int userId, string? sessionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedBy, userId)
                .SetProperty(x => x.EndReason, SessionEndReasons.SignedOut), ct);
        accounts.Forget(userId);
    }

    /// <summary>
    /// Marks every open session of a user as ended in the current unit of work: the caller saves it with the stamp change and
    /// its audit entry (ADR-015), then forgets the account.
    /// </summary>
    public async Task CloseAllAsync(int userId, string reason, int? endedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var session in await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(ct))
        {
            session.EndedAt = now;
            session.EndedBy = endedBy;
            session.EndReason = reason;
        }
    }

    /// <summary>Records that a session was used now; the caller decides it is due (<see cref="AccountSessions.TouchDue"/>).</summary>
    public async Task TouchAsync(string sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
    }

    /// <summary>
    /// Closes sessions whose cookie or token has expired (reason <c>expired</c>) and deletes rows ended more than
    /// <see cref="Retention"/> ago. Runs at every sign-in: two indexed statements, next to a password hash.
    /// </summary>
    public async Task PruneAsync(DateTime now, CancellationToken ct)
    {
        var cookieCutoff = now - CookieLifetime - LastSeenResolution;
        var tokenCutoff = now - TokenLifetime;
        await db.UserSessions
            .Where(s => s.EndedAt == null && ((s.Kind == SessionKind.Cookie && s.LastSeenAt < cookieCutoff) || (s.Kind == SessionKind.Token && s.CreatedAt < tokenCutoff)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, SessionEndReasons.Expired), ct);
        var deleteBefore = now - Retention;
        await db.UserSessions.Where(s => s.EndedAt != null && s.EndedAt < deleteBefore).ExecuteDeleteAsync(ct);
    }

    private async Task<IReadOnlyList<SessionDto>> ListAsync(int userId, string? currentSessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cookieCutoff = now - CookieLifetime - LastSeenResolution;
        var tokenCutoff = now - TokenLifetime;
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .ToListAsync(ct);
        return [.. rows
            .Where(s => s.Kind == SessionKind.Cookie ? s.LastSeenAt >= cookieCutoff : s.CreatedAt >= tokenCutoff)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new SessionDto(s.Id, s.Kind, s.CreatedAt, s.LastSeenAt, s.UserAgent, s.ClientAddress,
                string.Equals(s.Id, currentSessionId, StringComparison.Ordinal)))];
    }

    private async Task EndAsync(Actor actor, int userId, string sessionId, string reason, CancellationToken ct)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct)
            ?? throw new NotFoundException("找不到该登录会话，它可能已经结束。");
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(ct);
        session.EndedAt = clock.GetUtcNow().UtcDateTime;
        session.EndedBy = actor.UserId;
        session.EndReason = reason;
        var by = reason == SessionEndReasons.EndedByAdmin ? $"管理员结束了用户 {userName} 的一个登录会话" : $"用户 {userName} 结束了自己的一个登录会话";
        audit.Record(actor, "user.session-ended", nameof(AppUser), userId,
            $"{by}（{KindName(session.Kind)}，签到于 {session.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC，浏览器：{session.UserAgent ?? "未知"}，地址：{session.ClientAddress ?? "未知"}）");
        await db.SaveChangesAsync(ct);
        accounts.Forget(userId);
    }

    private async Task RequireUserAsync(int userId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw new NotFoundException("找不到该用户。");
        }
    }

    /// <summary>How the pages name a session's kind.</summary>
    public static string KindName(SessionKind kind) => kind == SessionKind.Cookie ? "网页" : "令牌";

    private static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}
