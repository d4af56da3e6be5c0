using Jianxun.Core.Auditing;
using Jianxun.Core.Data;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Jianxun.Publishing;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Tests;

/// <summary><c>jianxun photos reencode</c> over images stored the old way (before the intake limits), on each database.</summary>
public abstract class PhotoCommandTests(DatabaseKind kind) : IDisposable
{
    private readonly TempDirectory _data = new();
    private TestDatabase? _database;

    private Dictionary<string, string?> Settings() => new()
    {
        ["Jianxun:DataDirectory"] = _data.Path,
        ["Jianxun:Database"] = kind.ToString(),
        ["ConnectionStrings:Jianxun"] = _database?.ConnectionString,
    };

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        TestDatabase.SkipIfUnavailable(kind);
        _database ??= kind == DatabaseKind.Postgres ? new TestDatabase(kind) : null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JianxunCli.RunAsync(args, new CliConsole(new StringReader(""), output, error), Settings());
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>What the upload path did before ADR-016: the bytes as sent, under uploads/, the row describing them.</summary>
    private async Task<(int PhotoId, int ScanId, int RefusedId, string PhotoFile, string ScanFile)> StoreTheOldWayAsync()
    {
        await using var sp = JianxunCli.BuildServices(Settings());
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var submissionId = await db.Set<Submission>().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        string Write(string relative, byte[] content)
        {
            var full = Path.Combine(_data.Path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
            return relative;
        }
        SubmissionPhoto Photo(string name, byte[] content, int width, int height) => new()
        {
            SubmissionId = submissionId,
            StoredName = Write(name, content),
            ContentType = "image/png",
            OriginalName = "old.png",
            Size = content.Length,
            Width = width,
            Height = height,
            Sha256 = "old",
            Order = 90,
        };
        var photo = Photo("uploads/2024/01/large.png", TestImages.Png(3000, 2000), 3000, 2000);
        // Over 10,000 px a side: the intake refuses it, so the command must leave it and say so (cheap: 24,002 pixels).
        var refused = Photo("uploads/2024/01/refused.png", TestImages.Png(12_001, 2), 12_001, 2);
        var scan = new LeaderInstruction
        {
            SubmissionId = submissionId,
            Date = new DateOnly(2024, 1, 5),
            Level = "city-principal",
            Text = "批示内容",
            ScanStoredName = Write("instructions/2024/01/scan.png", TestImages.Png(1000, 3700)),
            ScanContentType = "image/png",
            ScanOriginalName = "scan.png",
            RecordedByName = "system",
        };
        db.AddRange(photo, refused, scan);
        await db.SaveChangesAsync();
        return (photo.Id, scan.Id, refused.Id, photo.StoredName, scan.ScanStoredName!);
    }

    [SkippableFact]
    public async Task PhotosReencode_ImagesStoredBeforeTheLimits_AreStoredAtPrintSizeAuditedAndLeftAloneOnTheSecondRun()
    {
        await RunAsync("db", "seed-demo");
        var (photoId, scanId, refusedId, photoFile, scanFile) = await StoreTheOldWayAsync();

        var migrate = await RunAsync("db", "migrate");
        Assert.Contains("有 3 张图片保存于上传限制之前", migrate.Out);
        Assert.Contains("jianxun photos reencode", migrate.Out);
        var dry = await RunAsync("photos", "reencode", "--dry-run");
        Assert.Contains("3000×2000", dry.Out);
        Assert.Contains($"批示扫描件 {scanId}：1000×3700", dry.Out);

        var run = await RunAsync("photos", "reencode");

        Assert.Equal(1, run.Exit); // one image is over the upload limits and is left for an administrator
        Assert.Contains("共 3 张超过打印尺寸：重新保存 2 张", run.Out);
        Assert.Contains($"图片 {refusedId}：未处理：图片尺寸超过上限", run.Out);
        Assert.Contains("[3/3]", run.Error);
        await using (var sp = JianxunCli.BuildServices(Settings()))
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var photo = await db.Set<SubmissionPhoto>().AsNoTracking().SingleAsync(p => p.Id == photoId);
            Assert.Equal((2480, 1653), (photo.Width, photo.Height));
            var stored = await File.ReadAllBytesAsync(Path.Combine(_data.Path, photo.StoredName));
            Assert.True(ImageInfo.TryRead(stored, out var header));
            Assert.Equal((2480, 1653), (header.Width, header.Height));
            Assert.Equal(stored.Length, photo.Size);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)), photo.Sha256);
            var scan = await db.LeaderInstructions.AsNoTracking().SingleAsync(i => i.Id == scanId);
            Assert.True(ImageInfo.TryRead(await File.ReadAllBytesAsync(Path.Combine(_data.Path, scan.ScanStoredName!)), out var scanHeader));
            Assert.Equal(3508, scanHeader.Height);
            Assert.False(File.Exists(Path.Combine(_data.Path, photoFile)));
            Assert.False(File.Exists(Path.Combine(_data.Path, scanFile)));
            Assert.True(File.Exists(Path.Combine(_data.Path, "uploads/2024/01/refused.png")));
            var audited = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Action.EndsWith("reencoded")).Select(a => a.Action).ToListAsync();
            Assert.Equal(["score.instruction.scan-reencoded", "submission.photo-reencoded"], audited.Order(StringComparer.Ordinal));
        }

        var again = await RunAsync("photos", "reencode");
        Assert.Contains("共 1 张超过打印尺寸：重新保存 0 张", again.Out);
        var migrateAgain = await RunAsync("db", "migrate");
        Assert.Contains("有 1 张图片", migrateAgain.Out);
    }

    public void Dispose()
    {
        _database?.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqlitePhotoCommandTests() : PhotoCommandTests(DatabaseKind.Sqlite);

public sealed class PostgresPhotoCommandTests() : PhotoCommandTests(DatabaseKind.Postgres);
