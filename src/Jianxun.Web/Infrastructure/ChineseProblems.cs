using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// Every 4xx the framework answers by itself (binding errors, malformed JSON, 404, 405, 413, 415) in Chinese, for the API
/// (ProblemDetails) and the pages (the error page); the handlers' own messages are Chinese already and are kept.
/// </summary>
internal static class ChineseProblems
{
    /// <summary>The boundary's services: Chinese ProblemDetails and Chinese binding messages on pages (pages check text in PageDomainExceptionFilter).</summary>
    public static IServiceCollection AddInputBoundary(this IServiceCollection services)
    {
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = Customize);
        services.Configure<MvcOptions>(o => BindingMessages(o.ModelBindingMessageProvider));
        return services;
    }

    /// <summary>Applies the one text check to every minimal-API endpoint mapped under <paramref name="endpoints"/>.</summary>
    public static RouteGroupBuilder WithInputBoundary(this RouteGroupBuilder endpoints) => endpoints.AddEndpointFilterFactory(InputBoundary.Filter);

    /// <summary>The title and detail of a status the framework set; null detail keeps what was there.</summary>
    public static (string Title, string? Detail) Describe(int status, HttpContext http) => status switch
    {
        400 => ("请求无效", "请求的格式不正确：请求体不是有效的 JSON，或某个参数的类型不对（例如数字处写了文字）。请检查后重试。"),
        401 => ("需要登录", "请先登录，或在 Authorization 头中提供有效的访问令牌。"),
        403 => ("没有权限", "您没有执行此操作的权限。"),
        404 => ("找不到", "您要找的内容不存在，或者您无权查看。"),
        405 => ("不支持的请求方法", "此地址不接受这种请求方法（例如 GET、POST）。"),
        406 => ("无法提供所需格式", "无法按请求的格式（Accept）返回内容。"),
        409 => ("操作冲突", null),
        411 => ("缺少内容长度", "请求需要提供 Content-Length。"),
        413 => ("上传内容过大", UploadLimitMessage(http)),
        415 => ("不支持的内容类型", "请求体的类型（Content-Type）不被接受：此接口要求 JSON（application/json）或表单（multipart/form-data）。"),
        429 => ("请求过于频繁", "请稍后再试。"),
        _ => ("请求无效", null),
    };

    /// <summary>The 413 message, from the limit of the endpoint that was asked (photo, archive import, scan each have their own).</summary>
    public static string UploadLimitMessage(HttpContext http)
    {
        var limit = UploadLimitBytes(http);
        return limit is long bytes
            ? $"上传的内容超过了此处的上限 {Megabytes(bytes)} MB，没有保存任何内容。请缩小文件后重试。"
            : "上传的内容超过了此处的上限，没有保存任何内容。请缩小文件后重试。";
    }

    /// <summary>The smaller of the endpoint's request size limit and its multipart form limit (the server's default when it sets none).</summary>
    public static long? UploadLimitBytes(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        // After re-execution (pages) or an exception, the endpoint asked is kept in the feature, not in the context.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint
                       ?? http.Features.Get<IStatusCodeReExecuteFeature>()?.Endpoint
                       ?? http.GetEndpoint();
        var request = endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                      ?? http.RequestServices.GetService<IOptions<KestrelServerOptions>>()?.Value.Limits.MaxRequestBodySize;
        var form = endpoint?.Metadata.GetMetadata<IFormOptionsMetadata>()?.MultipartBodyLengthLimit;
        return (request, form) switch
        {
            (long r, long f) => Math.Min(r, f),
            (long r, null) => r,
            (null, long f) => f,
            _ => null,
        };
    }

    private static string Megabytes(long bytes)
        => (bytes / 1048576.0).ToString(bytes % 1048576 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture);

    private static void Customize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        if (status is < 400 or >= 500 || IsChinese(details.Title))
        {
            // Handlers' own problems (DomainExceptionHandler, validation) are Chinese already; 5xx are described there.
            return;
        }
        var (title, detail) = Describe(status, context.HttpContext);
        details.Title = title;
        if (detail is not null || !IsChinese(details.Detail))
        {
            details.Detail = detail;
        }
    }

    private static bool IsChinese(string? text) => text is not null && text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    private static void BindingMessages(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是“{field}”的有效值。");
        p.SetMissingBindRequiredValueAccessor(field => $"缺少“{field}”。");
        p.SetMissingKeyOrValueAccessor(() => "缺少值。");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "请求体不能为空。");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”不是有效的值。");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "提供的值无效。");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "此处必须填写数字。");
        p.SetUnknownValueIsInvalidAccessor(field => $"“{field}”的值无效。");
        p.SetValueIsInvalidAccessor(value => $"“{value}”无效。");
        p.SetValueMustBeANumberAccessor(field => $"“{field}”必须是数字。");
        p.SetValueMustNotBeNullAccessor(value => $"“{value}”不能为空。");
    }
}
