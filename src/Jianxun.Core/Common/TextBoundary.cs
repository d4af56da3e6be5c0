using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Jianxun.Publishing;

namespace Jianxun.Core.Common;

/// <summary>
/// The one boundary rule for text (ADR-017), for every way text comes in: the web app's endpoint and page filters, and the
/// handlers that take text from files (imports from the command line). It walks every string of a value (a request record
/// at any depth, lists, dictionaries) and finds the first one that holds a character <see cref="UnsafeText"/> refuses,
/// named by its JSON path and in Chinese. Nothing is removed silently.
/// </summary>
public static class TextBoundary
{
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

    /// <summary>
    /// The first unsafe string in <paramref name="value"/>, as (field, Chinese message); null when all is clean.
    /// <paramref name="unwrap"/> lets a caller say which text a foreign type carries (an upload's file name).
    /// </summary>
    public static (string Field, string Message)? Find(string name, object? value, Func<object, (string Suffix, object? Value)?>? unwrap = null)
        => Walk(name, value, 0, unwrap);

    /// <summary>Throws <see cref="ValidationException"/> on the first unsafe string in <paramref name="value"/>.</summary>
    public static void ThrowIfUnsafe(string name, object? value)
    {
        if (Find(name, value) is { } bad)
        {
            throw ValidationException.For(bad.Field, bad.Message);
        }
    }

    /// <summary>The message for a field holding a refused character.</summary>
    public static string Message(string field, char c)
    {
        ArgumentNullException.ThrowIfNull(field);
        var last = field[(field.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        var key = bracket >= 0 ? last[..bracket] : last;
        var label = Labels.TryGetValue(key, out var l) ? $"“{l}”（{field}）" : $"字段“{field}”";
        return $"{label}中含有不可见的控制字符或文字方向控制符 {UnsafeText.Describe(c)}，请删除后重新提交。";
    }

    private static (string Field, string Message)? Walk(string name, object? value, int depth, Func<object, (string Suffix, object? Value)?>? unwrap)
    {
        if (value is not null and not string && unwrap?.Invoke(value) is { } inner)
        {
            return Walk(name + inner.Suffix, inner.Value, depth + 1, unwrap);
        }
        switch (value)
        {
            case null:
                return null;
            case string s:
                var at = UnsafeText.IndexOfUnsafe(s);
                return at < 0 ? null : (name, Message(name, s[at]));
            case IDictionary dictionary when depth < MaxDepth:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if ((Walk($"{name}[{entry.Key}]", entry.Key as string, depth + 1, unwrap) ?? Walk($"{name}[{entry.Key}]", entry.Value, depth + 1, unwrap)) is { } found)
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
                    if (Walk($"{name}[{index}]", item, depth + 1, unwrap) is { } found)
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
                    if (Walk(name.Length == 0 ? CamelCase(property.Name) : $"{name}.{CamelCase(property.Name)}", property.GetValue(value), depth + 1, unwrap) is { } found)
                    {
                        return found;
                    }
                }
                return null;
        }
    }

    /// <summary>Request records and page forms are ours; services, contexts and framework types are never walked.</summary>
    public static bool IsOwnModel(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Namespace?.StartsWith("Jianxun.", StringComparison.Ordinal) == true;
    }

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    /// <summary>The public instance properties that can be read, cached per type.</summary>
    public static PropertyInfo[] Readable(Type type)
        => PropertyCache.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)]);

    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
