using Jianxun.Core.Common;
using Jianxun.Core.Operations;
using Jianxun.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Web.Tests;

/// <summary><c>/admin/backups</c> shows what the backup command recorded in the data directory (ADR-032).</summary>
public sealed class BackupPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task BackupsPage_ShowsNoBackupThenTheLastRunTheLastSuccessAndAStaleWarning()
    {
        using var admin = await app.LoginAsync("admin");
        File.Delete(Path.Combine(app.DataDirectory, BackupStatus.FileName));
        var none = await admin.GetStringAsync("/admin/backups");
        Assert.Contains("还没有运行过备份命令（jianxun backup）", none);

        var status = app.Services.GetRequiredService<BackupStatus>();
        var now = TestClock.Shared.GetUtcNow();
        // 2026-06-15 10:00 +08:00 by default: three days before, in the office's zone.
        var threeDaysAgo = now.AddDays(-3);
        await status.RecordAsync(new BackupRun(threeDaysAgo.AddMinutes(-1), threeDaysAgo, true, "/backups/jianxun-a.zip", 3 * 1048576 + 1048576 / 2, null), default);
        await status.RecordAsync(new BackupRun(now.AddMinutes(-1), now, false, "/backups/jianxun-b.zip", 0, "磁盘空间不足"), default);

        var page = await admin.GetStringAsync("/admin/backups");

        Assert.Contains("失败：磁盘空间不足", page);
        Assert.Contains("/backups/jianxun-b.zip", page);
        Assert.Contains($"最近一次成功的备份：{TestClock.Office.ToOffice(threeDaysAgo.UtcDateTime):yyyy-MM-dd HH:mm:ss}，/backups/jianxun-a.zip（3.5 MB）", page);
        Assert.Contains("已超过 48 小时没有成功的备份", page);

        await status.RecordAsync(new BackupRun(now.AddMinutes(-1), now, true, "/backups/jianxun-c.zip", 2048, null), default);
        var fresh = await admin.GetStringAsync("/admin/backups");
        Assert.Contains(">成功</dd>", fresh);
        Assert.Contains("2.0 KB", fresh);
        Assert.DoesNotContain("没有成功的备份", fresh);
    }
}
