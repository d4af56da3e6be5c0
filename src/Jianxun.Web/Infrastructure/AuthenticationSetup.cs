using System.Threading.RateLimiting;
using Jianxun.Core.Accounts;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Infrastructure;

internal static class AuthenticationSetup
{
    /// <summary>Chooses cookie (pages) or bearer token (programs) per request.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static void AddJianxunAuthentication(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(JianxunOptions.SectionName).Get<JianxunOptions>() ?? new JianxunOptions();

        // Keys live in the data directory so that logins and tokens survive a restart (ADR-024).
        if (!builder.Services.AddJianxunKeyRing(settings, builder.Configuration))
        {
            // Decided, not overlooked (ADR-024): without a certificate the keys rest unencrypted in a folder only the service
            // account may open, like the database beside them; the key manager's "no XML encryptor" warning says just that.
            // REVIEW: this also quiets the key manager's other warnings; its errors still show.
            builder.Logging.AddFilter(KeyRing.KeyManagerLogCategory, LogLevel.Error);
        }

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
            .AddScheme<AuthenticationSchemeOptions, CookieOrBearerHandler>(CookieOrBearer, "Cookie or bearer token", null)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(settings.AccessTokenMinutes));

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.ExpireTimeSpan = UserSessions.CookieLifetime;
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

        // Identity re-validates the cookie's stamp every 30 minutes and rebuilds its principal from the account: the session id
        // (ADR-020) is not the account's, so it is carried over, or the refreshed cookie would belong to no session.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.CurrentPrincipal?.FindFirst(JianxunClaims.SessionId) is { } sid && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(sid.Type, sid.Value));
            }
            return Task.CompletedTask;
        });

        // Sessions follow the account (ADR-015): the stamp, roles and unit are checked on every request, cookie and token alike.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IClaimsTransformation, AccountClaimsTransformation>();

        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddSignInRateLimit();
    }

    /// <summary>The rate-limiter policy on the login form and the token endpoint: sign-in requests per client address.</summary>
    public const string SignInRateLimit = "sign-in";

    // Each sign-in costs a password hash: one address may not make the server hash without end. Failures are limited
    // separately, per account and address (SignInThrottle), because only the sign-in check knows a failure.
    private static void AddSignInRateLimit(this IServiceCollection services)
        => services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInRateLimit, ctx =>
            {
                if (!HttpMethods.IsPost(ctx.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var limit = ctx.RequestServices.GetRequiredService<IOptions<SignInLimitOptions>>().Value.RequestsPerMinutePerAddress;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(ctx),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (IsApi(http.Request))
                {
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = new ProblemDetails
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "登录请求过于频繁",
                            Detail = "此地址的登录请求过于频繁，请一分钟后再试。",
                        },
                    });
                }
            };
        });

    /// <summary>The client's address as the server sees it (the proxy's, behind a reverse proxy: see docs/security/sessions.md).</summary>
    public static string ClientAddress(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static bool HasBearerToken(HttpRequest request)
        => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public const string CookieName = "Jianxun.Auth";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool IsApiPath(string path) => new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
