using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// The API is for programs (ADR-015): a request that changes something (POST, PUT, PATCH, DELETE) and is signed in by the
/// page cookie rather than a bearer token must carry the anti-forgery token in the <c>X-CSRF-TOKEN</c> header, as the
/// pages' own scripts do. Otherwise it is refused with a 400 ProblemDetails before the endpoint runs.
/// </summary>
internal static class ApiAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public const string Title = "缺少防伪令牌";

    public const string Detail = "通过登录 Cookie 调用接口修改数据时，必须在 X-CSRF-TOKEN 请求头中附带页面提供的防伪令牌；程序请使用 Bearer 令牌（POST /api/auth/token）。";

    /// <summary>Goes after authentication and authorization, so an anonymous or forbidden request keeps its 401 or 403.</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (NeedsToken(ctx) && !await HasValidTokenAsync(ctx))
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = Title, Detail = Detail },
            });
            return;
        }
        await next(ctx);
    });

    private static bool NeedsToken(HttpContext ctx)
        => AuthenticationSetup.IsApi(ctx.Request)
           && !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method) || HttpMethods.IsTrace(ctx.Request.Method))
           && ctx.User.Identity?.IsAuthenticated == true
           && !AuthenticationSetup.HasBearerToken(ctx.Request)
           && ctx.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;

    private static async Task<bool> HasValidTokenAsync(HttpContext ctx)
    {
        // The header only: a form field would make this middleware read (and buffer) every upload's body.
        if (string.IsNullOrEmpty(ctx.Request.Headers[HeaderName]))
        {
            return false;
        }
        return await ctx.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(ctx);
    }
}
