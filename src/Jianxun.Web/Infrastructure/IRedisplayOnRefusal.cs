using Jianxun.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// A page whose form is shown again when a post is refused. <see cref="PageDomainExceptionFilter"/> catches the post's
/// <see cref="ValidationException"/> (messages beside the fields) or <see cref="ConflictException"/> (a message above the
/// form), calls <see cref="ReloadAsync"/> for what the page shows besides the form, and renders the page with what the user
/// typed: the one error path of every page (ADR-027), instead of a catch-and-redisplay block in each handler.
/// </summary>
internal interface IRedisplayOnRefusal
{
    /// <summary>Loads what the page shows (lists, the current record) after a refused post; the bound form is kept.</summary>
    Task ReloadAsync(CancellationToken ct);

    /// <summary>Shows a conflict's message; by default in the form's summary (a page may show it elsewhere).</summary>
    void ShowConflict(ModelStateDictionary modelState, ConflictException conflict) => modelState.AddModelError("", conflict.Message);
}
