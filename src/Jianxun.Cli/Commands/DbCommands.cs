using System.CommandLine;
using Jianxun.Core.Data;
using Jianxun.Core.Demo;
using Jianxun.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jianxun.Cli.Commands;

internal static class DbCommands
{
    public static Command Create(CliConsole console, Func<ServiceProvider> services)
    {
        var db = new Command("db", "数据库：迁移与演示数据。");

        var dryRun = new Option<bool>("--dry-run") { Description = "只列出待执行的迁移，不修改数据库。" };
        var migrate = new Command("migrate", "把数据库升级到当前版本（SQLite 或 PostgreSQL，按设置）。成功返回 0。") { dryRun };
        migrate.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            var settings = scope.ServiceProvider.GetRequiredService<IOptions<JianxunOptions>>().Value;
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            var pending = await migrator.GetPendingMigrationsAsync(ct);
            await console.Out.WriteLineAsync($"数据库：{settings.Database}（{Describe(scope.ServiceProvider.GetRequiredService<AppDbContext>())}）");
            if (parse.GetValue(dryRun))
            {
                await console.Out.WriteLineAsync(pending.Count == 0 ? "没有待执行的迁移。" : $"待执行的迁移（{pending.Count}）：");
                foreach (var m in pending)
                {
                    await console.Out.WriteLineAsync($"  {m}");
                }
                return 0;
            }
            var applied = await migrator.MigrateAsync(ct, new IndexProgress(console.Error));
            await console.Out.WriteLineAsync(applied.Count == 0 ? "数据库已是最新版本。" : $"已执行 {applied.Count} 个迁移：{string.Join(", ", applied)}");
            // Images stored before the intake limits (ADR-016) are told about, not re-encoded here: that takes a while and
            // may leave some an administrator must look at, so it is its own command.
            var oversized = await scope.ServiceProvider.GetRequiredService<StoredImages>().FindOversizedAsync(ct);
            if (oversized.Count > 0)
            {
                await console.Out.WriteLineAsync($"有 {oversized.Count} 张图片保存于上传限制之前，超过打印尺寸，每次生成刊物都要完整解码："
                                                 + "请运行 jianxun photos reencode（可随时中断，再次运行会接着做）。");
            }
            return 0;
        });
        db.Subcommands.Add(migrate);

        var seed = new Command("seed-demo", "在空数据库中写入演示单位、刊物和账户（密码 " + DemoSeeder.DemoPassword + "）。");
        seed.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync(ct);
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
            await console.Out.WriteLineAsync(seeded ? "已写入演示数据。" : "数据库不是空的，未写入演示数据。");
            return seeded ? 0 : 1;
        });
        db.Subcommands.Add(seed);
        return db;
    }

    private static string Describe(AppDbContext db)
    {
        var cs = db.Database.GetConnectionString() ?? "";
        // Never print a password: keep only where the database is.
        return string.Join(';', cs.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
    }
}
