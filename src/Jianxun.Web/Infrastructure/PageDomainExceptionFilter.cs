using Jianxun.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// On pages, a handler's NotFound/Forbidden becomes the 404/403 error page; validation errors are shown beside the fields by
/// each page, and one a page does not catch becomes the 400 page with its message.
/// </summary>
internal sealed class PageDomainExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (InputBoundary.Pages.Refuse(context))
        {
            // ADR-017: text with control or bidi characters never reaches a page's handler.
            return;
        }
        var executed = await next();
        if (executed.Exception is NotFoundException)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
        else if (executed.Exception is ForbiddenException)
        {
            executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            executed.ExceptionHandled = true;
        }
        else if (executed.Exception is ValidationException invalid)
        {
            // Bad input a page does not show beside a field (a page number, a list too long): the Chinese 400 page says
            // what was wrong, never a 500.
            executed.HttpContext.Items[InputBoundary.PageMessageKey] = invalid.Message;
            executed.Result = new BadRequestResult();
            executed.ExceptionHandled = true;
        }
    }
}
