using System.CommandLine;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Commands;

internal static class IssueCommands
{
    public static Command Create(CliConsole console, Func<ServiceProvider> services)
    {
        var issue = new Command("issue", "刊物：导出 PDF、DOCX 或 HTML。");

        var id = new Argument<int>("ID") { Description = "刊物编号（网址 /issues/ID 中的数字）。" };
        var format = new Option<string>("--format") { Description = "pdf、docx 或 html。", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong(IssueHandlers.Formats);
        var output = new Option<string>("--output", "-o") { Description = "输出文件；省略时用刊期命名，写在当前目录。" };
        var revision = new Option<int?>("--revision") { Description = "已印发刊物的版本（更正后的新版本号），默认最新版。" };
        var export = new Command("export", "导出一期刊物。已印发的刊物导出所存文件，草稿按当前内容排版。") { id, format, output, revision };
        export.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            try
            {
                var file = await scope.ServiceProvider.GetRequiredService<IssueHandlers>()
                    .FileAsync(Actor.System, parse.GetValue(id), parse.GetValue(format)!, parse.GetValue(revision), ct);
                var path = parse.GetValue(output) is { Length: > 0 } o ? o : file.FileName;
                await File.WriteAllBytesAsync(path, file.Content, ct);
                await console.Out.WriteLineAsync($"已导出 {path}（{file.Content.Length / 1024.0:0.0} KB）");
                return 0;
            }
            catch (DomainException e)
            {
                await console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });
        issue.Subcommands.Add(export);

        var list = new Command("list", "列出各期刊物。");
        list.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            foreach (var i in await scope.ServiceProvider.GetRequiredService<IssueHandlers>().ListAsync(Actor.System, null, null, ct))
            {
                await console.Out.WriteLineAsync($"{i.Id}\t{i.Series}\t{i.Label}\t{i.Date:yyyy-MM-dd}\t{i.StatusName}\t{i.Articles} 篇");
            }
            return 0;
        });
        issue.Subcommands.Add(list);
        return issue;
    }
}
