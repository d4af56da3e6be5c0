using System.Globalization;
using System.Security.Claims;
using Jianxun.Core.Accounts;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// Makes every cookie and bearer token follow its account (ADR-015): after the handler has read the cookie or token, the
/// account's security stamp must still be the one it was issued with and the account must be active, or the request is
/// anonymous (401, or the login page). Its session (claim <c>jx:sid</c>, ADR-020) must be one of the account's open sessions:
/// a cookie or token without one, or whose session was ended, is anonymous too. Roles, unit and name come from the account as it is now, not as it was at sign-in.
/// Runs for every scheme, including endpoints that name the bearer scheme themselves.
/// </summary>
internal sealed class AccountClaimsTransformation(AccountSessions sessions, UserSessions sessionRows, AppDbContext db,
    IOptions<IdentityOptions> identity, IHttpContextAccessor http) : IClaimsTransformation
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } signedIn)
        {
            return principal;
        }
        var types = identity.Value.ClaimsIdentity;
        if (!int.TryParse(principal.FindFirstValue(types.UserIdClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return Anonymous;
        }
        var stamp = principal.FindFirstValue(types.SecurityStampClaimType);
        var sessionId = principal.FindFirstValue(JianxunClaims.SessionId);
        if (stamp is null || sessionId is null)
        {
            // Issued before sessions were records (ADR-020), or not by our sign-in: sign in again.
            return Anonymous;
        }
        var ct = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        var account = await sessions.GetAsync(db, userId, ct);
        if (account is not null && !Holds(account, stamp, sessionId))
        {
            // The remembered account may be the older one: another process changed the stamp or opened this session (a second
            // server, the command line, or Identity rehashing a password at sign-in) since. Read once more before refusing.
            sessions.Forget(userId);
            account = await sessions.GetAsync(db, userId, ct);
        }
        if (account is null || !account.IsActive || !Holds(account, stamp, sessionId))
        {
            return Anonymous;
        }
        if (sessions.TouchDue(sessionId, account.OpenSessions[sessionId]))
        {
            await sessionRows.TouchAsync(sessionId, ct);
        }

        var current = new ClaimsIdentity(signedIn.AuthenticationType, types.UserNameClaimType, types.RoleClaimType);
        string[] fromAccount = [types.UserNameClaimType, types.RoleClaimType, JianxunClaims.UnitId, JianxunClaims.DisplayName];
        current.AddClaims(signedIn.Claims.Where(c => !fromAccount.Contains(c.Type, StringComparer.Ordinal)).Select(c => new Claim(c.Type, c.Value, c.ValueType)));
        current.AddClaim(new Claim(types.UserNameClaimType, account.UserName));
        current.AddClaim(new Claim(JianxunClaims.DisplayName, account.DisplayName));
        if (account.UnitId is int unitId)
        {
            current.AddClaim(new Claim(JianxunClaims.UnitId, unitId.ToString(CultureInfo.InvariantCulture)));
        }
        current.AddClaims(account.Roles.Select(r => new Claim(types.RoleClaimType, r)));
        return new ClaimsPrincipal(current);
    }

    private static bool Holds(AccountState account, string stamp, string sessionId)
        => string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal) && account.OpenSessions.ContainsKey(sessionId);
}
