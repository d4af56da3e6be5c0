using Jianxun.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jianxun.Web.Infrastructure;

internal static class PageModelExtensions
{
    /// <summary>Shows a handler's validation messages on the page, beside what the user typed (nothing is lost).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationException exception)
    {
        foreach (var (field, messages) in exception.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field, message);
            }
        }
    }
}
