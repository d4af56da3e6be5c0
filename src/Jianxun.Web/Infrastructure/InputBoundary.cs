using System.Collections;
using System.Reflection;
using Jianxun.Core.Common;
using Jianxun.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// The one boundary for text (ADR-017): every string a request binds — JSON bodies, forms, query and route values, and the
/// file names of uploads, at any depth of a request record — is checked against <see cref="UnsafeText"/> before any handler
/// runs. The API answers 400 (ValidationProblemDetails naming the field, in Chinese); a page answers the Chinese 400 page
/// with the same message. Nothing is removed silently.
/// </summary>
internal static class InputBoundary
{
    /// <summary>Where a page's refusal message waits for the re-executed error page.</summary>
    public const string PageMessageKey = "Jianxun.InputBoundary.Message";

    /// <summary>The first unsafe string in a bound value, as (field, Chinese message); null when all is clean.</summary>
    public static (string Field, string Message)? Find(string name, object? value) => TextBoundary.Find(name, value, FormFile);

    /// <summary>An upload is checked by its file name; its content is a file's business (ADR-016), not text.</summary>
    private static (string Suffix, object? Value)? FormFile(object value) => value is IFormFile file ? (".fileName", file.FileName) : null;

    private static bool IsOwnModel(Type type) => TextBoundary.IsOwnModel(type);

    private static PropertyInfo[] Readable(Type type) => TextBoundary.Readable(type);

    /// <summary>
    /// The endpoint filter: decided once per endpoint at start-up (which parameters can carry text: strings, lists, request
    /// records, uploads; never services), so endpoints without text pay nothing.
    /// </summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var isService = factory.ApplicationServices.GetService<IServiceProviderIsService>();
        var checks = factory.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i))
            .Where(x => CanCarryText(x.Parameter.ParameterType) && isService?.IsService(x.Parameter.ParameterType) != true)
            .Select(x => (Name: NameOf(x.Parameter), x.Index))
            .ToArray();
        if (checks.Length == 0)
        {
            return next;
        }
        return async context =>
        {
            foreach (var (name, index) in checks)
            {
                if (index < context.Arguments.Count && Find(name, context.Arguments[index]) is { } bad)
                {
                    throw ValidationException.For(bad.Field, bad.Message);
                }
            }
            return await next(context);
        };
    }

    private static string NameOf(ParameterInfo parameter)
    {
        // A body record's fields are named as in the JSON ("title"), a query or form value by its own name ("q").
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return IsOwnModel(type) ? "" : parameter.Name ?? "";
    }

    private static bool CanCarryText(Type type)
        => type == typeof(string)
           || typeof(IFormFile).IsAssignableFrom(type)
           || typeof(IFormFileCollection).IsAssignableFrom(type)
           || (typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string) && !typeof(HttpContext).IsAssignableFrom(type))
           || (IsOwnModel(type) && !type.IsEnum);

    /// <summary>
    /// The page side: the same check over a page's bound properties and handler arguments, run by the page filter before
    /// the handler. A refused form gets the Chinese 400 page naming the field; the browser's "back" keeps what was typed.
    /// </summary>
    internal static class Pages
    {
        /// <summary>True when the request was refused (the result is set); false to run the handler.</summary>
        public static bool Refuse(PageHandlerExecutingContext context)
        {
            if (FindInPage(context) is not { } bad)
            {
                return false;
            }
            context.ModelState.AddModelError(bad.Field, bad.Message);
            context.HttpContext.Items[PageMessageKey] = bad.Message;
            context.Result = new BadRequestResult();
            return true;
        }

        private static (string Field, string Message)? FindInPage(PageHandlerExecutingContext context)
        {
            foreach (var (name, value) in context.HandlerArguments)
            {
                if (Find(name, value) is { } bad)
                {
                    return bad;
                }
            }
            var model = context.HandlerInstance;
            var bindAll = model.GetType().GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var property in Readable(model.GetType()))
            {
                if (property.DeclaringType == typeof(PageModel) || property.DeclaringType == typeof(PageBase))
                {
                    continue;
                }
                if ((bindAll || property.GetCustomAttribute<BindPropertyAttribute>() is not null) && Find(property.Name, property.GetValue(model)) is { } bad)
                {
                    return bad;
                }
            }
            return null;
        }
    }
}
