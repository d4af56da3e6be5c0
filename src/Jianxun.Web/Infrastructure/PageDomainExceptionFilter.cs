using Jianxun.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// On pages, a handler's NotFound/Forbidden becomes the 404/403 error page. A post refused with a validation error or a
/// conflict on a page that is an <see cref="IRedisplayOnRefusal"/> shows the form again with the messages (ADR-027); any
/// other validation error becomes the 400 page with its message.
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
        if (executed.Exception is ValidationException or ConflictException && !executed.ExceptionHandled
            && !HttpMethods.IsGet(executed.HttpContext.Request.Method) && executed.HandlerInstance is IRedisplayOnRefusal page)
        {
            try
            {
                await RedisplayAsync(executed, page);
                return;
            }
            catch (DomainException reloading)
            {
                // The page could not be loaded again (deleted meanwhile, no longer readable): that error is the answer.
                executed.Exception = reloading;
            }
        }
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

    private static async Task RedisplayAsync(PageHandlerExecutedContext executed, IRedisplayOnRefusal page)
    {
        if (executed.Exception is ValidationException invalid)
        {
            executed.ModelState.AddErrors(invalid);
        }
        else if (executed.Exception is ConflictException conflict)
        {
            page.ShowConflict(executed.ModelState, conflict);
        }
        await page.ReloadAsync(executed.HttpContext.RequestAborted);
        executed.Result = new PageResult();
        executed.ExceptionHandled = true;
    }
}
