using System.Globalization;
using System.Security.Claims;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Infrastructure;

public static class JianxunClaims
{
    public const string UnitId = "jianxun:unit";
    public const string DisplayName = "jianxun:display-name";

    /// <summary>The session (<c>UserSession.Id</c>) a cookie or token belongs to (ADR-020); added at sign-in only.</summary>
    public const string SessionId = "jx:sid";
}

/// <summary>Puts the unit and the display name into the cookie and the bearer token, so no request needs a user lookup.</summary>
internal sealed class JianxunClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(JianxunClaims.DisplayName, user.DisplayName));
        if (user.UnitId is int unitId)
        {
            identity.AddClaim(new Claim(JianxunClaims.UnitId, unitId.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The actor the handlers need, read from the signed-in user's claims.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new ForbiddenException("请先登录。");
        }
        var id = int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
        var unit = user.FindFirstValue(JianxunClaims.UnitId);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(id, user.Identity.Name ?? "", unit is null ? null : int.Parse(unit, CultureInfo.InvariantCulture), roles, user.FindFirstValue(JianxunClaims.DisplayName));
    }

    public static string DisplayName(this ClaimsPrincipal user)
        => user.FindFirstValue(JianxunClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
