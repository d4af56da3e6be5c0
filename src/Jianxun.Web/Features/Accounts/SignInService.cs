using System.Security.Claims;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Jianxun.Web.Features.Accounts;

/// <summary>
/// The one place where passwords are checked, for the login page and the token endpoint alike (ADR-015). Failures are
/// counted per account and client address (SignInThrottle), never against the account as a whole, so a stranger cannot lock
/// its owner out. An unknown name, a wrong password, a waiting address and a locked account get the same answer after about
/// the same work (one password hash); a deactivated account is told so only after the right password.
/// </summary>
public sealed class SignInService(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle, AuditLog audit,
    AppDbContext db, TimeProvider clock, UserSessions sessions, ILogger<SignInService> logger)
{
    public sealed record Outcome(ClaimsPrincipal? Principal, AppUser? User, string Message);

    /// <summary>The one refusal, whatever the reason: it tells a stranger nothing about the account.</summary>
    public const string Refused = "用户名或密码错误。连续输错多次后，需等待 15 分钟才能从同一地址再试。";

    public const string Deactivated = "该账户已停用，请联系管理员。";

    public async Task<Outcome> CheckPasswordAsync(string? userName, string? password, string clientAddress, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new(null, null, "请输入用户名和密码。");
        }
        var name = userName.Trim();
        var normalized = users.NormalizeName(name) ?? name;
        if (throttle.MustWait(normalized, clientAddress))
        {
            HashForNothing(password);
            Log.SignInRefused(logger, name, clientAddress, "too many failures from this address");
            return new(null, null, Refused);
        }

        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            HashForNothing(password);
        }
        if (user is null || !await users.CheckPasswordAsync(user, password))
        {
            Log.SignInRefused(logger, name, clientAddress, user is null ? "unknown user" : "wrong password");
            if (throttle.CountFailure(normalized, clientAddress) && user is not null)
            {
                // Recorded once a window, when the address is stopped; the owner elsewhere can still sign in.
                audit.Record(new Actor(user.Id, user.UserName!, user.UnitId, new HashSet<string>()), "user.sign-in-throttled", nameof(AppUser), user.Id,
                    $"用户 {user.UserName} 的密码从地址 {clientAddress} 连续输错，该地址 {(int)throttle.Window.TotalMinutes} 分钟内不能再登录此账户；其他地址不受影响");
                await db.SaveChangesAsync(ct);
            }
            return new(null, null, Refused);
        }
        if (user.LockoutEnd > clock.GetUtcNow())
        {
            // Identity's own lockout is no longer set by failures (ADR-015); a lock set otherwise is still honoured.
            Log.SignInRefused(logger, name, clientAddress, "locked out");
            return new(null, null, Refused);
        }
        if (!user.IsActive)
        {
            Log.SignInRefused(logger, name, clientAddress, "deactivated");
            return new(null, null, Deactivated);
        }
        Log.SignedIn(logger, user.UserName!, "password");
        return new(await signIn.CreateUserPrincipalAsync(user), user, "");
    }

    /// <summary>Signs a checked user in with the page cookie, in a new session (ADR-020).</summary>
    public async Task SignInWithCookieAsync(AppUser user, bool persistent, HttpContext http, CancellationToken ct)
        => await signIn.SignInWithClaimsAsync(user, persistent, [await StartSessionAsync(user, SessionKind.Cookie, http, ct)]);

    /// <summary>A checked user's principal for a bearer token, in a new session (ADR-020).</summary>
    public async Task<ClaimsPrincipal> TokenPrincipalAsync(ClaimsPrincipal principal, AppUser user, HttpContext http, CancellationToken ct)
    {
        ((ClaimsIdentity)principal.Identity!).AddClaim(await StartSessionAsync(user, SessionKind.Token, http, ct));
        return principal;
    }

    /// <summary>Signing out ends the session the request was made with; the caller removes the cookie.</summary>
    public Task EndCurrentSessionAsync(ClaimsPrincipal principal, CancellationToken ct)
        => principal.Identity?.IsAuthenticated == true && principal.ToActor().UserId is int userId
            ? sessions.SignOutAsync(userId, principal.FindFirstValue(JianxunClaims.SessionId), ct)
            : Task.CompletedTask;

    private async Task<Claim> StartSessionAsync(AppUser user, SessionKind kind, HttpContext http, CancellationToken ct)
    {
        var id = await sessions.StartAsync(user.Id, kind, http.Request.Headers.UserAgent.ToString(), AuthenticationSetup.ClientAddress(http), ct);
        return new Claim(JianxunClaims.SessionId, id);
    }

    // The same work as checking a real password, so that an unknown name answers no faster than a known one.
    private void HashForNothing(string password)
    {
        var dummy = new AppUser { DisplayName = "", UserName = "" };
        users.PasswordHasher.VerifyHashedPassword(dummy, throttle.DummyHash(() => users.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString())), password);
    }
}
