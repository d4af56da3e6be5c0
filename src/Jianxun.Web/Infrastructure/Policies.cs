using Jianxun.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Jianxun.Web.Infrastructure;

/// <summary>Named authorization policies; every page and endpoint names one (or relies on the signed-in fallback).</summary>
public static class Policies
{
    public const string Admin = nameof(Admin);
    public const string Editor = nameof(Editor);
    public const string Signer = nameof(Signer);
    public const string Contributor = nameof(Contributor);
    public const string UnitReviewer = nameof(UnitReviewer);

    public static void Add(AuthorizationOptions options)
    {
        // Nothing is public unless it says so ([AllowAnonymous]: login, health, static files).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Editor, p => p.RequireRole(Roles.Editor));
        options.AddPolicy(Signer, p => p.RequireRole(Roles.Signer));
        options.AddPolicy(Contributor, p => p.RequireRole(Roles.Contributor).RequireClaim(JianxunClaims.UnitId));
        options.AddPolicy(UnitReviewer, p => p.RequireRole(Roles.UnitReviewer).RequireClaim(JianxunClaims.UnitId));
    }
}
