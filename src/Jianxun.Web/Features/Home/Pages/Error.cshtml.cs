using System.Globalization;
using Jianxun.Core.Data;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Home.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";
    public string Message { get; private set; } = "";

    // The code is read from the route, not bound: when the page is re-executed for a POST whose body the server refused,
    // binding reads the form again, fails, and left the code 0 ("出错了", 500).
    public void OnGet() => Describe(RouteCode());

    public void OnPost() => Describe(RouteCode());

    private int RouteCode()
        => int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 500;

    private void Describe(int code)
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (Request.ContentLength is long length && ChineseProblems.UploadLimitBytes(HttpContext) is long limit && length > limit)
        {
            // A body over the endpoint's limit is a 413 whatever noticed it first (the anti-forgery check reads the form
            // before the handler and answers 400 when the server refuses the body).
            code = StatusCodes.Status413PayloadTooLarge;
        }
        if (error is Core.Common.DomainException or BadHttpRequestException)
        {
            // A handler's NotFound/Forbidden/… outside a page (e.g. /archive/{id}/source) is that status, never a 500.
            code = DomainExceptionHandler.StatusOf(error).Status;
        }
        (Title, Message) = code switch
        {
            400 => ("请求无效", "提交的内容无法处理。如果是表单，请刷新页面后重新填写提交。"),
            403 => ("没有权限", "您的账户没有使用此页面的权限。如需开通，请联系管理员。"),
            404 => ("找不到页面", "您要找的内容不存在，或者您无权查看。"),
            413 => ("上传内容过大", ChineseProblems.UploadLimitMessage(HttpContext)),
            _ when code is >= 400 and < 500 => FrameworkMessage(code),
            _ => ("出错了", "系统处理时出现问题，请稍后重试；如果问题仍然存在，请联系管理员。"),
        };
        if (HttpContext.Items[InputBoundary.PageMessageKey] is string refused)
        {
            // A form refused at the boundary (ADR-017): say which field and which character.
            Message = refused + "请用浏览器的“后退”回到刚才的页面修改。";
        }
        else if (error is Core.Common.DomainException { Message: { Length: > 0 } domainMessage } && code is >= 400 and < 500)
        {
            Message = domainMessage;
        }
        if (error is Core.Common.ServiceUnavailableException unavailable)
        {
            // The server lacks something of its own (a missing PDF reader, ADR-019): say what, never a 500.
            (Title, Message) = ("暂时无法处理", unavailable.Message);
        }
        if (DatabaseBusy.Is(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error))
        {
            // A save that waited too long for a rebuild of the search index (or another long write): nothing was saved.
            (Title, Message, code) = ("系统正忙", DomainExceptionHandler.BusyMessage + "请用浏览器的“后退”回到刚才的页面，稍后再提交。", 503);
            Response.Headers.RetryAfter = DomainExceptionHandler.BusyRetryAfterSeconds;
        }
        Response.StatusCode = code is >= 400 and <= 599 ? code : 500;
    }

    private (string Title, string Message) FrameworkMessage(int code)
    {
        var (title, detail) = ChineseProblems.Describe(code, HttpContext);
        return (title, detail ?? title);
    }
}
