using System.CommandLine;
using System.Globalization;
using Jianxun.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Commands;

/// <summary><c>jianxun backup -o FILE</c> and <c>jianxun restore FILE</c> (ADR-032).</summary>
internal static class BackupCommands
{
    public static IEnumerable<Command> Create(CliConsole console, Func<ServiceProvider> services)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "备份文件（.zip），或放备份的文件夹（自动命名为 jianxun-年月日-时分秒.zip）。不能在数据目录中。",
            Required = true,
        };
        var keep = new Option<int?>("--keep") { Description = "只保留该文件夹中最新的 N 个简讯备份（含本次），更早的删除；其他文件不动。" };
        keep.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--keep 必须是正整数。");
            }
        });
        var backup = new Command("backup",
            "在简讯运行时把数据库、所有存储的文件和数据保护密钥写入一个带清单（行数、SHA-256）的备份文件。成功返回 0。") { output, keep };
        backup.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<BackupWriter>();
            try
            {
                var result = await writer.WriteAsync(parse.GetValue(output)!, parse.GetValue(keep), Steps(console), new IndexProgress(console.Error, "已备份文件"), ct);
                var m = result.Manifest;
                await console.Out.WriteLineAsync($"备份完成：{result.File}（{Size(result.Size)}）");
                await console.Out.WriteLineAsync($"  数据库 {m.Provider}，结构版本 {m.SchemaMigration}，{m.Tables.Count} 个表共 {m.Tables.Values.Sum()} 行；"
                                                 + $"文件 {m.Parts.Count(p => p.Path.StartsWith(BackupPart.FilesPrefix, StringComparison.Ordinal))} 个，"
                                                 + $"密钥 {m.Parts.Count(p => p.Path.StartsWith(BackupPart.KeysPrefix, StringComparison.Ordinal))} 个。");
                foreach (var removed in result.Removed)
                {
                    await console.Out.WriteLineAsync($"  已删除较早的备份：{removed}");
                }
                return 0;
            }
            catch (BackupException e)
            {
                await console.Error.WriteLineAsync(e.Message);
                return 1;
            }
            catch (OperationCanceledException)
            {
                await console.Error.WriteLineAsync("备份被中断，未生成备份文件。");
                return 1;
            }
        });

        var file = new Argument<string>("file") { Description = "jianxun backup 生成的备份文件。" };
        var restore = new Command("restore",
            "把备份恢复到空的数据目录和空数据库（与设置中的数据库种类相同）。先校验清单和每个部分的 SHA-256，任何一项不符都不写入；不覆盖已有数据。成功返回 0。") { file };
        restore.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            var restorer = scope.ServiceProvider.GetRequiredService<BackupRestorer>();
            try
            {
                var result = await restorer.RestoreAsync(parse.GetValue(file)!, Steps(console), new IndexProgress(console.Error, "已恢复文件"), ct);
                var m = result.Manifest;
                await console.Out.WriteLineAsync($"恢复完成：{m.Tables.Count} 个表共 {m.Tables.Values.Sum()} 行，文件 {result.Files} 个，密钥 {result.Keys} 个"
                                                 + $"（{m.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC 的备份，简讯 {m.AppVersion}）。");
                if (result.PendingMigrations.Count > 0)
                {
                    await console.Out.WriteLineAsync($"备份来自较早的版本，还有 {result.PendingMigrations.Count} 个迁移待执行：请运行 jianxun db migrate 后再启动网站。");
                }
                return 0;
            }
            catch (BackupException e)
            {
                await console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });
        return [backup, restore];
    }

    /// <summary>Step lines on standard error, on the calling thread (see IndexProgress).</summary>
    private static LineProgress Steps(CliConsole console) => new(console.Error);

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    private sealed class LineProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
