using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Commands;

/// <summary><c>jianxun search QUERY</c> over the archive (and the workflow), and <c>jianxun search reindex</c>.</summary>
internal static class SearchCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console, Func<ServiceProvider> services)
    {
        var query = new Argument<string[]>("QUERY") { Description = "检索词：词语（都要出现）、\"短语\"（按原文精确查找）、-排除、OR（任一）。", Arity = ArgumentArity.ZeroOrMore };
        var series = new Option<string?>("--series") { Description = "刊物（编号或名称）。" };
        var column = new Option<string?>("--column") { Description = "栏目名称。" };
        var unit = new Option<string?>("--unit") { Description = "供稿单位（编号、全称、简称或别名），含下属单位。" };
        var person = new Option<string?>("--person") { Description = "提及的人物。" };
        var from = new Option<string?>("--from") { Description = "起始日期 yyyy-MM-dd（也可写 yyyy 或 yyyy-MM）。" };
        var to = new Option<string?>("--to") { Description = "截止日期 yyyy-MM-dd。" };
        var source = new Option<string?>("--source") { Description = "published（本系统印发）、imported（导入）或 workflow（流程中的稿件），可用逗号分隔多个。" };
        var sort = new Option<string?>("--sort") { Description = "relevance（相关度，默认）或 date（日期）。" };
        var page = new Option<int?>("--page") { Description = "页码，从 1 开始。" };
        var pageSize = new Option<int?>("--page-size") { Description = "每页条数（1–100，默认 20）。" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出（与 GET /api/search 相同）。" };
        var search = new Command("search", "搜索刊物库和流程中的稿件。例如：jianxun search 韦立新 --from 2024-01-01 --unit 城投集团")
        {
            query, series, column, unit, person, from, to, source, sort, page, pageSize, json,
        };
        search.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            var request = new SearchRequest(string.Join(' ', parse.GetValue(query) ?? []), parse.GetValue(series), parse.GetValue(column), parse.GetValue(unit),
                parse.GetValue(person), parse.GetValue(from), parse.GetValue(to), parse.GetValue(source), parse.GetValue(sort), parse.GetValue(page), parse.GetValue(pageSize));
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<SearchHandlers>().SearchAsync(Actor.System, request, ct);
                if (parse.GetValue(json))
                {
                    await console.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                    return 0;
                }
                await console.Out.WriteLineAsync($"共 {result.Total} 条，第 {result.Page} 页（{(result.Sort == "date" ? "按日期" : "按相关度")}）");
                foreach (var h in result.Items)
                {
                    var date = h.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "          ";
                    await console.Out.WriteLineAsync($"{date}  {h.Title}  〔{h.SourceName}{(h.Column is null ? "" : " · " + h.Column)}{(h.Units.Count == 0 ? "" : " · " + string.Join("、", h.Units))}〕  {h.Url}");
                    await console.Out.WriteLineAsync("            " + Plain(h.Snippet));
                }
                return 0;
            }
            catch (DomainException e)
            {
                await console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });

        var reindex = new Command("reindex", "重建搜索索引（刊物库和流程中的稿件），进度输出到标准错误。");
        reindex.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var progress = new IndexProgress(console.Error);
            // Audited like the web app's rebuild (same entity type, so /admin/search lists it among the recent rebuilds).
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            int count;
            try
            {
                count = await scope.ServiceProvider.GetRequiredService<SearchHandlers>().ReindexAsync(Actor.System, progress, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                audit.Record(Actor.System, "search.reindex.failed", SearchHandlers.AuditEntityType, null,
                    $"命令行重建搜索索引失败（{e.GetType().Name}），原来的索引保持不变");
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            audit.Record(Actor.System, "search.reindex.succeeded", SearchHandlers.AuditEntityType, null,
                string.Create(CultureInfo.InvariantCulture, $"命令行重建搜索索引完成：共 {count} 篇，用时 {seconds:0.0} 秒"));
            await db.SaveChangesAsync(ct);
            await console.Out.WriteLineAsync($"搜索索引已重建：{count} 篇，用时 {seconds:0.0} 秒。");
            return 0;
        });
        search.Subcommands.Add(reindex);
        return search;
    }

    /// <summary>The snippet as plain text, matches in 【】.</summary>
    private static string Plain(string html)
        => WebUtility.HtmlDecode(html.Replace("<mark>", "【", StringComparison.Ordinal).Replace("</mark>", "】", StringComparison.Ordinal));
}
