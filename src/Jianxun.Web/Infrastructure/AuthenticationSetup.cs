using Jianxun.Core.Accounts;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Jianxun.Web.Infrastructure;

internal static class AuthenticationSetup
{
    /// <summary>Chooses cookie (pages) or bearer token (programs) per request.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static void AddJianxunAuthentication(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(JianxunOptions.SectionName).Get<JianxunOptions>() ?? new JianxunOptions();

        // Keys live in the data directory so that logins and tokens survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("Jianxun")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(CoreServices.EnsureDataDirectory(settings), "keys")));

        builder.Services.AddIdentity<AppUser, AppRole>(CoreServices.ConfigureIdentity)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<JianxunClaimsFactory>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultAuthenticateScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
            {
                var header = ctx.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return IdentityConstants.BearerScheme;
                }
                // A program without a token gets a 401 from the bearer handler, not a redirect to the login page.
                return IsApi(ctx.Request) && !ctx.Request.Cookies.ContainsKey(CookieName)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(settings.AccessTokenMinutes));

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (IsApi(ctx.Request))
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    ctx.Response.Redirect(ctx.RedirectUri);
                }
                return Task.CompletedTask;
            };
            // A page the user may not use answers 403 (rendered as a Chinese error page), never a redirect loop.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthorization(Policies.Add);
    }

    public const string CookieName = "Jianxun.Auth";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool IsApiPath(string path) => new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
