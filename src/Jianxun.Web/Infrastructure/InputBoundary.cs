using System.Collections;
using System.Reflection;
using System.Text.Json;
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

    private const int MaxDepth = 6;

    /// <summary>The Chinese name of a field, by the last segment of its bound name (title, Form.Title, items[2].paragraphs).</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = "标题",
        ["paragraphs"] = "正文",
        ["body"] = "正文",
        ["authors"] = "作者",
        ["contactPhone"] = "联系电话",
        ["caption"] = "图片说明",
        ["comment"] = "意见",
        ["topic"] = "约稿主题",
        ["description"] = "约稿说明",
        ["name"] = "名称",
        ["shortName"] = "单位简称",
        ["aliases"] = "别名",
        ["peerGroup"] = "排名分组",
        ["issuer"] = "编印单位",
        ["editorsNote"] = "编者按",
        ["distributionBao"] = "报送范围",
        ["distributionSong"] = "抄送范围",
        ["distributionFa"] = "发送范围",
        ["erratum"] = "更正说明",
        ["creditLine"] = "供稿信息",
        ["credit"] = "供稿信息",
        ["note"] = "说明",
        ["text"] = "内容",
        ["userName"] = "登录名",
        ["displayName"] = "姓名",
        ["email"] = "电子邮箱",
        ["password"] = "密码",
        ["q"] = "搜索词",
        ["file"] = "文件名",
        ["fileName"] = "文件名",
    };

    /// <summary>The first unsafe string in a bound value, as (field, Chinese message); null when all is clean.</summary>
    public static (string Field, string Message)? Find(string name, object? value) => Walk(name, value, 0);

    /// <summary>The message for a field holding a refused character.</summary>
    public static string Message(string field, char c)
    {
        var last = field[(field.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        var key = bracket >= 0 ? last[..bracket] : last;
        var label = Labels.TryGetValue(key, out var l) ? $"“{l}”（{field}）" : $"字段“{field}”";
        return $"{label}中含有不可见的控制字符或文字方向控制符 {UnsafeText.Describe(c)}，请删除后重新提交。";
    }

    private static (string Field, string Message)? Walk(string name, object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                var at = UnsafeText.IndexOfUnsafe(s);
                return at < 0 ? null : (name, Message(name, s[at]));
            case IFormFile file:
                return Walk(name + ".fileName", file.FileName, depth + 1);
            case IEnumerable<IFormFile> formFiles:
                return formFiles.Select((f, i) => Walk($"{name}[{i}]", f, depth + 1)).FirstOrDefault(f => f is not null);
            case IDictionary dictionary when depth < MaxDepth:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if ((Walk($"{name}[{entry.Key}]", entry.Key as string, depth + 1) ?? Walk($"{name}[{entry.Key}]", entry.Value, depth + 1)) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is ValueType)
                    {
                        // Numbers and dates cannot hold characters: a list of them is passed whole.
                        return null;
                    }
                    if (Walk($"{name}[{index}]", item, depth + 1) is { } found)
                    {
                        return found;
                    }
                    index++;
                }
                return null;
            default:
                var type = value.GetType();
                if (depth >= MaxDepth || type.IsPrimitive || type.IsEnum || value is ValueType || !IsOwnModel(type))
                {
                    return null;
                }
                foreach (var property in Readable(type))
                {
                    if (Walk(name.Length == 0 ? CamelCase(property.Name) : $"{name}.{CamelCase(property.Name)}", property.GetValue(value), depth + 1) is { } found)
                    {
                        return found;
                    }
                }
                return null;
        }
    }

    /// <summary>Request records and page forms are ours; services, contexts and framework types are never walked.</summary>
    private static bool IsOwnModel(Type type) => type.Namespace?.StartsWith("Jianxun.", StringComparison.Ordinal) == true;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    private static PropertyInfo[] Readable(Type type)
        => PropertyCache.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)]);

    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

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
