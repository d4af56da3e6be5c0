using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jianxun.Core.Data;
using Jianxun.Core.Operations;
using Jianxun.Core.Storage;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Tests;

/// <summary>
/// <c>jianxun backup</c> and <c>jianxun restore</c> (ADR-032) on each database: a populated demo (seeded, photos, an imported
/// bulletin, a data-protection key) backed up and restored into a fresh data directory and database gives the same rows in
/// every table of the EF model, the same files and keys that still open what they protected; every refusal writes nothing.
/// </summary>
public abstract class BackupCommandTests(DatabaseKind kind) : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly List<TestDatabase> _databases = [];

    private sealed record Site(string Data, string? ConnectionString);

    private Site NewSite(string name)
    {
        TestDatabase.SkipIfUnavailable(kind);
        var data = Path.Combine(_work.Path, name);
        Directory.CreateDirectory(data);
        if (kind == DatabaseKind.Sqlite)
        {
            return new Site(data, null);
        }
        var database = new TestDatabase(kind);
        _databases.Add(database);
        return new Site(data, database.ConnectionString);
    }

    private Dictionary<string, string?> Settings(Site site) => new()
    {
        ["Jianxun:DataDirectory"] = site.Data,
        ["Jianxun:Database"] = kind.ToString(),
        ["ConnectionStrings:Jianxun"] = site.ConnectionString,
    };

    private async Task<(int Exit, string Out, string Error)> RunAsync(Site site, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JianxunCli.RunAsync(args, new CliConsole(new StringReader(""), output, error), Settings(site));
        return (exit, output.ToString(), error.ToString());
    }

    private string Archives => Directory.CreateDirectory(Path.Combine(_work.Path, "archives")).FullName;

    /// <summary>The demo as the app seeds it, two photos stored like uploads, an imported bulletin and a data-protection key.</summary>
    private async Task<Site> PopulatedAsync(string name = "source")
    {
        var site = NewSite(name);
        var seed = await RunAsync(site, "db", "seed-demo");
        Assert.True(seed.Exit == 0, seed.Out + seed.Error);
        var inputs = Directory.CreateDirectory(Path.Combine(_work.Path, "inputs")).FullName;
        var import = await RunAsync(site, "import", ImportInputs.Copy(inputs, "003_inline.txt"));
        Assert.True(import.Exit == 0, import.Out + import.Error);

        await using var sp = JianxunCli.BuildServices(Settings(site));
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>();
        var submissionId = await db.Set<Submission>().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        foreach (var (w, h) in new[] { (640, 480), (300, 900) })
        {
            var content = TestImages.Png(w, h);
            db.Add(new SubmissionPhoto
            {
                SubmissionId = submissionId,
                StoredName = await files.SaveAsync("uploads", content, ".png", default),
                ContentType = "image/png",
                OriginalName = $"现场{w}.png",
                Size = content.Length,
                Width = w,
                Height = h,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            });
        }
        await db.SaveChangesAsync();
        _ = sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("backup-test").Protect("签名密钥仍可用");
        return site;
    }

    /// <summary>Every table of the EF model (and the migrations history): its rows as text, sorted.</summary>
    private static async Task<SortedDictionary<string, List<string>>> RowsAsync(Dictionary<string, string?> settings)
    {
        await using var sp = JianxunCli.BuildServices(settings);
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Append("__EFMigrationsHistory").Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader, i))));
            }
            rows.Sort(StringComparer.Ordinal);
            result[table] = rows;
        }
        return result;
    }

    private static string Cell(DbDataReader reader, int i) => reader.IsDBNull(i)
        ? "∅"
        : reader.GetValue(i) switch
        {
            byte[] b => Convert.ToHexString(b),
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            Array a => string.Join(',', a.Cast<object>()),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        };

    /// <summary>Every file of a data directory but the SQLite database and the backup status record, with its SHA-256.</summary>
    private static SortedDictionary<string, string> Files(string data) => new(
        Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(data, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("jianxun.db", StringComparison.Ordinal) && r != BackupStatus.FileName)
            .ToDictionary(r => r, r => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(data, r))))),
        StringComparer.Ordinal);

    private async Task<bool> TargetIsEmptyAsync(Site site)
    {
        if (Directory.EnumerateFiles(site.Data, "*", SearchOption.AllDirectories).Any())
        {
            return false;
        }
        await using var sp = JianxunCli.BuildServices(Settings(site));
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return kind == DatabaseKind.Sqlite
            ? !File.Exists(Path.Combine(site.Data, "jianxun.db"))
            : !(await db.Database.GetAppliedMigrationsAsync()).Any();
    }

    [SkippableFact]
    public async Task BackupThenRestore_IntoAnEmptyDataDirectoryAndDatabase_GivesTheSameRowsFilesAndKeys()
    {
        var source = await PopulatedAsync();
        var archive = Path.Combine(Archives, "jianxun-full.zip");

        var backup = await RunAsync(source, "backup", "-o", archive);

        Assert.True(backup.Exit == 0, backup.Out + backup.Error);
        Assert.Contains("备份完成：" + archive, backup.Out);
        Assert.Empty(Directory.GetFiles(Archives, ".*")); // no temporary left beside it
        using (var zip = ZipFile.OpenRead(archive))
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(zip.GetEntry("manifest.json")!.Open(), BackupManifest.Json)!;
            Assert.Equal((kind == DatabaseKind.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, BackupManifest.CurrentFormatVersion), (manifest.Provider, manifest.FormatVersion));
            var stored = manifest.Parts.Where(p => p.Path.StartsWith("files/", StringComparison.Ordinal)).Select(p => p.Path).ToList();
            Assert.Equal(2, stored.Count(p => p.StartsWith("files/uploads/", StringComparison.Ordinal)));
            Assert.Single(stored, p => p.StartsWith("files/imports/", StringComparison.Ordinal) && p.EndsWith(".txt", StringComparison.Ordinal));
            Assert.True(backup.Error.Contains($"已备份文件 {stored.Count}/{stored.Count}（100%）", StringComparison.Ordinal), backup.Error);
            Assert.Single(manifest.Parts, p => p.Path.StartsWith("keys/key-", StringComparison.Ordinal));
            Assert.Equal(2, manifest.Tables["SubmissionPhoto"]);
            Assert.Equal(manifest.Parts.Count + 1, zip.Entries.Count);
        }
        var status = JsonSerializer.Deserialize<BackupStatusRecord>(await File.ReadAllTextAsync(Path.Combine(source.Data, BackupStatus.FileName)), BackupManifest.Json)!;
        Assert.True(status.LastAttempt!.Succeeded);
        Assert.Equal(new FileInfo(archive).Length, status.LastSuccess!.Size);

        var target = NewSite("target");
        var restore = await RunAsync(target, "restore", archive);

        Assert.True(restore.Exit == 0, restore.Out + restore.Error);
        Assert.Contains("恢复完成", restore.Out);
        var expected = await RowsAsync(Settings(source));
        var restored = await RowsAsync(Settings(target));
        Assert.Equal(expected.Keys, restored.Keys);
        foreach (var table in expected.Keys)
        {
            Assert.True(expected[table].SequenceEqual(restored[table]), $"table {table} differs after restore");
        }
        Assert.Contains(expected, t => t.Key == "Units" && t.Value.Count > 0);
        Assert.Equal(Files(source.Data), Files(target.Data));
        await using var sp = JianxunCli.BuildServices(Settings(target));
        var protector = sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("backup-test");
        Assert.Equal("签名密钥仍可用", protector.Unprotect(protector.Protect("签名密钥仍可用")));
        Assert.Equal(Files(source.Data).Keys.Where(k => k.StartsWith("keys/", StringComparison.Ordinal)),
            Files(target.Data).Keys.Where(k => k.StartsWith("keys/", StringComparison.Ordinal))); // the restored key was used, no new one made
    }

    /// <summary>A copy of the archive with its manifest changed.</summary>
    private string WithManifest(string archive, string name, Action<JsonObject> change)
    {
        var copy = Path.Combine(Archives, name);
        File.Copy(archive, copy);
        using var zip = ZipFile.Open(copy, ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        JsonObject manifest;
        using (var s = entry.Open())
        {
            manifest = JsonNode.Parse(s)!.AsObject();
        }
        entry.Delete();
        change(manifest);
        using var w = new StreamWriter(zip.CreateEntry("manifest.json").Open());
        w.Write(manifest.ToJsonString());
        return copy;
    }

    [SkippableFact]
    public async Task Restore_ACorruptForeignNewerOrOtherProviderArchiveOrANonEmptyTarget_IsRefusedAndWritesNothing()
    {
        var source = await PopulatedAsync();
        var archive = Path.Combine(Archives, "good.zip");
        Assert.Equal(0, (await RunAsync(source, "backup", "-o", archive)).Exit);

        // One byte changed inside a stored photo (stored uncompressed): the zip's CRC or the manifest's SHA-256 catches it.
        var corrupt = Path.Combine(Archives, "corrupt.zip");
        File.Copy(archive, corrupt);
        var bytes = await File.ReadAllBytesAsync(corrupt);
        var png = bytes.AsSpan().IndexOf("IDAT"u8);
        bytes[png + 10] ^= 0xFF;
        await File.WriteAllBytesAsync(corrupt, bytes);
        var truncated = Path.Combine(Archives, "truncated.zip");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var foreign = Path.Combine(Archives, "foreign.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("别的程序的压缩包");
        }
        var text = Path.Combine(Archives, "notes.zip");
        await File.WriteAllTextAsync(text, "不是压缩包");
        var added = WithManifest(archive, "added.zip", _ => { });
        using (var zip = ZipFile.Open(added, ZipArchiveMode.Update))
        using (var w = new StreamWriter(zip.CreateEntry("files/uploads/extra.png").Open()))
        {
            w.Write("清单之外");
        }
        var newerSchema = WithManifest(archive, "newer-schema.zip", m => m["schemaMigration"] = "29991231000000_FromTheFuture");
        var newerApp = WithManifest(archive, "newer-app.zip", m => m["appVersion"] = "999.0.0");
        var newerFormat = WithManifest(archive, "newer-format.zip", m => m["formatVersion"] = 99);
        var otherProvider = WithManifest(archive, "other.zip", m => m["provider"] = kind == DatabaseKind.Sqlite ? "Postgres" : "Sqlite");
        var escaping = WithManifest(archive, "escaping.zip", m => m["parts"]!.AsArray().Add(new JsonObject { ["path"] = "files/../../etc/x", ["size"] = 1, ["sha256"] = "00" }));

        var target = NewSite("target");
        foreach (var (file, message) in new[]
                 {
                     (corrupt, "已损坏"), (truncated, "已损坏"), (foreign, "不是简讯的备份文件（没有 manifest.json）"),
                     (text, "已损坏"), (added, "清单未列出的内容（files/uploads/extra.png）"),
                     (newerSchema, "备份的数据库结构（29991231000000_FromTheFuture）比本程序新"), (newerApp, "备份由较新的简讯 999.0.0 生成"),
                     (newerFormat, "备份文件格式版本 99"), (otherProvider, "只能恢复到同一种数据库"), (escaping, "路径不合法"),
                     (Path.Combine(Archives, "missing.zip"), "找不到备份文件"),
                 })
        {
            var run = await RunAsync(target, "restore", file);
            Assert.True(run.Exit == 1 && run.Error.Contains(message, StringComparison.Ordinal), $"{Path.GetFileName(file)}: {run.Error}");
            Assert.True(await TargetIsEmptyAsync(target), $"{Path.GetFileName(file)} left something in the target");
        }

        // A non-empty target: the populated source itself, then an empty database beside a data directory holding one file.
        var over = await RunAsync(source, "restore", archive);
        Assert.Equal(1, over.Exit);
        Assert.Contains("不是空的", over.Error);
        var stray = Path.Combine(target.Data, "note.txt");
        await File.WriteAllTextAsync(stray, "已有内容");
        Assert.Contains($"数据目录 {target.Data} 不是空的", (await RunAsync(target, "restore", archive)).Error);
        File.Delete(stray);
        Assert.True(await TargetIsEmptyAsync(target));

        // Archives never go into the data directory (they would be copied into the next one and share its disk).
        var inside = await RunAsync(source, "backup", "-o", Path.Combine(source.Data, "b.zip"));
        Assert.Equal(1, inside.Exit);
        Assert.Contains("备份文件不能放在数据目录", inside.Error);
        var exists = await RunAsync(source, "backup", "-o", archive);
        Assert.Contains("已存在，未覆盖", exists.Error);
    }

    [SkippableFact]
    public async Task Backup_WhenAStoredFileCannotBeRead_LeavesNoArchiveAndRecordsTheFailure()
    {
        var source = await PopulatedAsync();
        Directory.CreateDirectory(Path.Combine(source.Data, "uploads"));
        File.CreateSymbolicLink(Path.Combine(source.Data, "uploads", "zz-gone.png"), Path.Combine(_work.Path, "nowhere.png"));
        var archive = Path.Combine(Archives, "failed.zip");

        var run = await RunAsync(source, "backup", "-o", archive);

        Assert.Equal(1, run.Exit);
        Assert.Contains("备份失败，未生成备份文件", run.Error);
        Assert.Empty(Directory.GetFiles(Archives, "*", SearchOption.AllDirectories));
        var status = JsonSerializer.Deserialize<BackupStatusRecord>(await File.ReadAllTextAsync(Path.Combine(source.Data, BackupStatus.FileName)), BackupManifest.Json)!;
        Assert.False(status.LastAttempt!.Succeeded);
        Assert.Null(status.LastSuccess);
        Assert.Equal(archive, status.LastAttempt.File);
    }

    [SkippableFact]
    public async Task Backup_WithKeep_RemovesOnlyTheOlderJianxunArchivesOfTheFolder()
    {
        var source = await PopulatedAsync();
        var other = Path.Combine(Archives, "other.zip");
        await File.WriteAllTextAsync(other, "不是备份");
        foreach (var name in new[] { "a.zip", "b.zip", "c.zip" })
        {
            var run = await RunAsync(source, "backup", "-o", Path.Combine(Archives, name), "--keep", "2");
            Assert.True(run.Exit == 0, run.Error);
        }

        Assert.Equal(["b.zip", "c.zip", "other.zip"], Directory.GetFiles(Archives).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("--keep 必须是正整数", (await RunAsync(source, "backup", "-o", Archives, "--keep", "0")).Error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var d in _databases)
        {
            d.Dispose();
        }
        _work.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteBackupCommandTests() : BackupCommandTests(DatabaseKind.Sqlite)
{
    /// <summary>The online backup API copies one state of the database while other connections keep writing.</summary>
    [Fact]
    public async Task Backup_WhileWritesHappen_RestoresToAConsistentDatabase()
    {
        using var work = new TempDirectory();
        var source = new Dictionary<string, string?> { ["Jianxun:DataDirectory"] = Path.Combine(work.Path, "source"), ["Jianxun:Database"] = "Sqlite" };
        var target = new Dictionary<string, string?> { ["Jianxun:DataDirectory"] = Path.Combine(work.Path, "target"), ["Jianxun:Database"] = "Sqlite" };
        var console = new CliConsole(new StringReader(""), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, await JianxunCli.RunAsync(["db", "seed-demo"], console, source));
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            await using var sp = JianxunCli.BuildServices(source);
            while (!stop.IsCancellationRequested)
            {
                await using var scope = sp.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var submission = await db.Set<Submission>().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
                db.Add(new SubmissionPhoto { SubmissionId = submission, StoredName = $"uploads/w{written}.png", ContentType = "image/png", OriginalName = "w.png", Sha256 = "x" });
                await db.SaveChangesAsync();
                written++;
            }
        });
        while (written < 3)
        {
            await Task.Delay(10);
        }

        var archive = Path.Combine(work.Path, "during.zip");
        var backup = await JianxunCli.RunAsync(["backup", "-o", archive], console, source);
        var before = written;
        await Task.Delay(100);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(0, backup);
        Assert.True(written > before, "the writer kept writing during and after the backup");
        Assert.Equal(0, await JianxunCli.RunAsync(["restore", archive], console, target));
        await using var c = new SqliteConnection($"Data Source={Path.Combine(work.Path, "target", "jianxun.db")};Pooling=False");
        await c.OpenAsync();
        await using var check = c.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
        check.CommandText = "PRAGMA foreign_key_check";
        Assert.Null(await check.ExecuteScalarAsync());
        check.CommandText = "SELECT count(*) FROM SubmissionPhoto";
        var restored = (long)(await check.ExecuteScalarAsync())!;
        Assert.InRange(restored, 3, written);
        using var zip = ZipFile.OpenRead(archive);
        var manifest = JsonSerializer.Deserialize<BackupManifest>(zip.GetEntry("manifest.json")!.Open(), BackupManifest.Json)!;
        Assert.Equal(manifest.Tables["SubmissionPhoto"], restored);
    }
}

public sealed class PostgresBackupCommandTests() : BackupCommandTests(DatabaseKind.Postgres);
