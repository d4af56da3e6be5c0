using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// Picks the bearer handler when the request carries <c>Authorization: Bearer</c> (or is an <c>/api</c> request without the
/// cookie) and the cookie handler otherwise, like a policy scheme. Unlike one, it fails a cookie or token whose account
/// has changed since it was issued (<see cref="AccountClaimsTransformation"/> made it anonymous), so the request is
/// challenged (401, or the login page) rather than forbidden.
/// </summary>
internal sealed class CookieOrBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Ended = "登录已失效：账户的密码、状态或会话已变更，请重新登录。";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(Target(Context));
        if (!result.Succeeded)
        {
            return result;
        }
        return result.Principal.Identity?.IsAuthenticated == true
            ? AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name))
            : AuthenticateResult.Fail(Ended);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(Target(Context), properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(Target(Context), properties);

    public static string Target(HttpContext ctx)
    {
        if (AuthenticationSetup.HasBearerToken(ctx.Request))
        {
            return IdentityConstants.BearerScheme;
        }
        // A program without a token gets a 401 from the bearer handler, not a redirect to the login page.
        return AuthenticationSetup.IsApi(ctx.Request) && !ctx.Request.Cookies.ContainsKey(AuthenticationSetup.CookieName)
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme;
    }
}
