using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// The single mapping from domain errors to ProblemDetails: NotFound→404, Forbidden→403, Conflict→409, Validation→400,
/// and a write that gave up waiting for a long transaction (<see cref="DatabaseBusy"/>, e.g. a search index rebuild)→503.
/// </summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What a user is told when the database was too busy to take a change (API and pages).</summary>
    public const string BusyMessage = "数据库正在处理一项耗时的工作（例如管理员正在重建搜索索引），这次操作没有完成，也没有保存任何内容。请稍后重试。";

    /// <summary>The Retry-After header sent with that 503 (API and pages), in seconds.</summary>
    public const string BusyRetryAfterSeconds = "30";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = StatusOf(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            Log.UnhandledException(logger, exception, Truncated(httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value ?? ""));
        }
        // The middleware has already switched Request.Path to the error page; decide by the original path.
        var originalPath = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        if (!AuthenticationSetup.IsApiPath(originalPath))
        {
            // Pages: the exception middleware re-executes the Chinese error page (/error/500). Known domain
            // errors on pages never get here: PageDomainExceptionFilter turns them into 404/403 first.
            return false;
        }

        httpContext.Response.StatusCode = status;
        var details = exception is ValidationException v
            ? new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value)) { Title = title, Status = status }
            : new ProblemDetails
            {
                Title = title,
                Status = status,
                Detail = status switch
                {
                    500 => "请稍后重试；如果问题仍然存在，请联系管理员。",
                    413 => ChineseProblems.UploadLimitMessage(httpContext),
                    503 when exception is ServiceUnavailableException => exception.Message,
                    503 => BusyMessage,
                    // The framework's own messages are English and name internals; the status says it in Chinese.
                    _ when exception is BadHttpRequestException => ChineseProblems.Describe(status, httpContext).Detail ?? title,
                    _ => exception.Message,
                },
            };
        if (status == StatusCodes.Status503ServiceUnavailable && exception is not ServiceUnavailableException)
        {
            httpContext.Response.Headers.RetryAfter = BusyRetryAfterSeconds;
        }
        if (exception is ConflictException { Latest: { } latest })
        {
            // A stale save gets the latest version back, so the client can show it and let the user redo the change.
            details.Extensions["current"] = latest;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The status and Chinese title of an exception: the one mapping, used by the API and by the error page.</summary>
    public static (int Status, string Title) StatusOf(Exception? exception) => exception switch
    {
        ValidationException => (StatusCodes.Status400BadRequest, "提交的内容有误"),
        NotFoundException => (StatusCodes.Status404NotFound, "找不到"),
        ForbiddenException => (StatusCodes.Status403Forbidden, "没有权限"),
        ConflictException => (StatusCodes.Status409Conflict, "操作冲突"),
        ServiceUnavailableException => (StatusCodes.Status503ServiceUnavailable, "暂时无法处理"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "上传内容过大"),
        BadHttpRequestException bad => (bad.StatusCode, "请求无效"),
        _ when DatabaseBusy.Is(exception) => (StatusCodes.Status503ServiceUnavailable, "系统正忙"),
        _ => (StatusCodes.Status500InternalServerError, "服务器内部错误"),
    };

    /// <summary>A logged value is at most 500 characters: a hostile request must not write megabytes into the log.</summary>
    public static string Truncated(string value) => value.Length <= 500 ? value : string.Concat(value.AsSpan(0, 500), "…");
}
