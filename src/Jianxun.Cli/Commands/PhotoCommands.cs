using System.CommandLine;
using Jianxun.Core.Common;
using Jianxun.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Commands;

/// <summary><c>jianxun photos reencode</c>: photos and scans stored before the intake limits, re-encoded at print size (ADR-016).</summary>
internal static class PhotoCommands
{
    public static Command Create(CliConsole console, Func<ServiceProvider> services)
    {
        var photos = new Command("photos", "稿件图片和批示扫描件。");
        var dryRun = new Option<bool>("--dry-run") { Description = "只列出超过打印尺寸的图片，不修改。" };
        var reencode = new Command("reencode",
            "把上传限制之前保存的大图片按打印尺寸重新保存（图片最长边 " + Jianxun.Text.UserFileLimits.StoredPhotoMaxSide + " 像素，扫描件 "
            + Jianxun.Text.UserFileLimits.StoredScanMaxSide + " 像素），逐张写入审计日志。可随时中断，再次运行会接着做；全部处理完返回 0。") { dryRun };
        reencode.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            var images = scope.ServiceProvider.GetRequiredService<StoredImages>();
            if (parse.GetValue(dryRun))
            {
                var found = await images.FindOversizedAsync(ct);
                await console.Out.WriteLineAsync(found.Count == 0 ? "没有超过打印尺寸的图片。" : $"超过打印尺寸的图片（{found.Count}）：");
                foreach (var image in found)
                {
                    await console.Out.WriteLineAsync($"  {StoredImages.Describe(image)}：{image.Width}×{image.Height}");
                }
                return 0;
            }
            // Progress on standard error, one line an image, written on the calling thread (see IndexProgress).
            var progress = new LineProgress<(int Done, int Total, OversizedImage Image, string Outcome)>(p =>
                console.Error.WriteLine($"[{p.Done}/{p.Total}] {StoredImages.Describe(p.Image)}：{p.Outcome}"));
            var summary = await images.ReencodeAsync(Actor.System, progress, ct);
            await console.Out.WriteLineAsync(summary.Found == 0
                ? "没有超过打印尺寸的图片，无需处理。"
                : $"共 {summary.Found} 张超过打印尺寸：重新保存 {summary.Reencoded} 张（{Megabytes(summary.BytesBefore)} → {Megabytes(summary.BytesAfter)}），未处理 {summary.Left.Count} 张。");
            foreach (var left in summary.Left)
            {
                await console.Out.WriteLineAsync($"  {left}");
            }
            if (summary.Left.Count > 0)
            {
                await console.Out.WriteLineAsync("未处理的图片超过了上传限制或无法读取：请在稿件页面删除后重新上传，或从数据目录中恢复文件后再运行本命令。");
            }
            return summary.Left.Count == 0 ? 0 : 1;
        });
        photos.Subcommands.Add(reencode);
        return photos;
    }

    private static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class LineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
