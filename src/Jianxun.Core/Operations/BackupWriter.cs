using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Jianxun.Core.Data;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Operations;

/// <summary>What a finished backup wrote and removed.</summary>
public sealed record BackupResult(string File, long Size, BackupManifest Manifest, IReadOnlyList<string> Removed);

/// <summary>
/// <c>jianxun backup</c> (ADR-032): one zip with the database copy, every stored file of the data directory, the
/// data-protection keys and <c>manifest.json</c>, written while Jianxun runs. It is written under a temporary name beside
/// the target and renamed when complete, so a failure (a full disk, a killed process) never leaves a half archive under
/// the name asked for.
/// </summary>
public sealed class BackupWriter(AppDbContext db, IOptions<JianxunOptions> options, IOptions<BackupOptions> tools, BackupStatus status, TimeProvider clock)
{
    public const string Extension = ".zip";

    /// <param name="output">The archive, or a folder to put <c>jianxun-yyyyMMdd-HHmmss.zip</c> in (office time).</param>
    /// <param name="keep">When given, keeps only this many Jianxun archives in the output folder (the newest), this one included.</param>
    /// <param name="steps">One line a step.</param>
    /// <param name="files">Stored files copied so far.</param>
    /// <param name="ct">Cancels the backup; nothing is left under the output name.</param>
    public async Task<BackupResult> WriteAsync(string output, int? keep, IProgress<string>? steps, IProgress<(int Done, int Total)>? files, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var file = ResolveOutput(output);
        try
        {
            var result = await WriteArchiveAsync(file, keep, steps, files, ct);
            await status.RecordAsync(new BackupRun(started, clock.GetUtcNow(), true, file, result.Size, null), CancellationToken.None);
            return result;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or OperationCanceledException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            var reason = e switch
            {
                OperationCanceledException => "备份被中断",
                BackupException => e.Message,
                _ => e.Message,
            };
            await status.RecordAsync(new BackupRun(started, clock.GetUtcNow(), false, file, 0, reason), CancellationToken.None);
            if (e is BackupException or OperationCanceledException)
            {
                throw;
            }
            throw new BackupException($"备份失败，未生成备份文件：{reason}", e);
        }
    }

    private string ResolveOutput(string output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new BackupException("请用 -o 给出备份文件或文件夹。");
        }
        var full = Path.GetFullPath(output);
        if (Directory.Exists(full) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar))
        {
            var local = clock.GetLocalNow();
            full = Path.Combine(full, "jianxun-" + local.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + Extension);
        }
        var data = options.Value.ResolvedDataDirectory + Path.DirectorySeparatorChar;
        if (full.StartsWith(data, StringComparison.Ordinal))
        {
            throw new BackupException($"备份文件不能放在数据目录（{options.Value.ResolvedDataDirectory}）中：请放到另一个磁盘或文件夹。");
        }
        return full;
    }

    private async Task<BackupResult> WriteArchiveAsync(string file, int? keep, IProgress<string>? steps, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        if (File.Exists(file))
        {
            throw new BackupException($"文件 {file} 已存在，未覆盖：请换一个文件名。");
        }
        var folder = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(folder);
        var settings = options.Value;
        var provider = settings.Database;
        var id = Guid.NewGuid().ToString("N")[..12];
        var temporary = Path.Combine(folder, $".{Path.GetFileName(file)}.{id}.partial");
        var snapshot = Path.Combine(folder, $".{Path.GetFileName(file)}.{id}.database");
        try
        {
            steps?.Report(provider == DatabaseProvider.Sqlite ? "正在复制数据库（SQLite 在线备份）……" : "正在导出数据库（pg_dump）……");
            var (migration, counts) = await BackupDatabase.SnapshotAsync(db, provider, tools.Value, snapshot, ct);
            steps?.Report($"数据库已复制：{counts.Values.Sum()} 行，{counts.Count} 个表，结构版本 {migration}。");

            // After the database: stored files are written before the rows naming them and never rewritten under the same
            // name, so every file the copy names already exists now (ADR-032).
            var stored = StoredFiles(settings);
            var keys = KeyFiles(settings);
            var parts = new List<BackupPart>();
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    parts.Add(await AddAsync(zip, BackupDatabase.EntryName(provider), snapshot, ct));
                    var done = 0;
                    progress?.Report((0, stored.Count));
                    foreach (var (relative, full) in stored)
                    {
                        parts.Add(await AddAsync(zip, BackupPart.FilesPrefix + relative, full, ct));
                        progress?.Report((++done, stored.Count));
                    }
                    foreach (var (name, full) in keys)
                    {
                        parts.Add(await AddAsync(zip, BackupPart.KeysPrefix + name, full, ct));
                    }
                    var manifest = new BackupManifest
                    {
                        AppVersion = BackupManifest.ThisAppVersion,
                        Provider = provider,
                        SchemaMigration = migration,
                        CreatedAt = clock.GetUtcNow(),
                        Tables = counts,
                        Parts = parts,
                    };
                    var entry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal);
                    await using (var m = await entry.OpenAsync(ct))
                    {
                        await JsonSerializer.SerializeAsync(m, manifest, BackupManifest.Json, ct);
                    }
                    steps?.Report($"已写入 {stored.Count} 个文件、{keys.Count} 个密钥文件和清单，正在写入磁盘……");
                    await zip.DisposeAsync();
                    await stream.FlushAsync(ct);
#pragma warning disable CA1849 // fsync has no asynchronous form; the archive must be on disk before it gets its name
                    stream.Flush(flushToDisk: true);
#pragma warning restore CA1849
                    File.Move(temporary, file);
                    var size = new FileInfo(file).Length;
                    var removed = keep is int n ? ApplyRetention(folder, n, file) : [];
                    return new BackupResult(file, size, manifest, removed);
                }
            }
        }
        finally
        {
            Delete(temporary);
            Delete(snapshot);
        }
    }

    /// <summary>Every stored file: the data directory without the database, the keys (their own part), uploads waiting for preview, temporaries and the status record.</summary>
    internal static List<(string Relative, string Full)> StoredFiles(JianxunOptions settings)
    {
        var root = settings.ResolvedDataDirectory;
        if (!Directory.Exists(root))
        {
            return [];
        }
        var skippedTop = new HashSet<string>(StringComparer.Ordinal) { BackupStatus.FileName, "jianxun.db", "jianxun.db-wal", "jianxun.db-shm", "jianxun.db-journal" };
        return Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(full => (Relative: Path.GetRelativePath(root, full).Replace('\\', '/'), Full: full))
            .Where(f => !skippedTop.Contains(f.Relative)
                        && !f.Relative.StartsWith("keys/", StringComparison.Ordinal)
                        && !f.Relative.StartsWith("imports/pending/", StringComparison.Ordinal)
                        && !f.Relative.StartsWith(RestoreStaging, StringComparison.Ordinal)
                        && !f.Relative.EndsWith(".tmp", StringComparison.Ordinal))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
    }

    internal const string RestoreStaging = ".restore-";

    private static List<(string Name, string Full)> KeyFiles(JianxunOptions settings)
    {
        var keys = Path.Combine(settings.ResolvedDataDirectory, "keys");
        return Directory.Exists(keys)
            ? Directory.EnumerateFiles(keys).Select(f => (Path.GetFileName(f), f)).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Formats that are already compressed are stored as they are: deflating them costs time and gains nothing.</summary>
    private static readonly HashSet<string> Compressed = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".pdf", ".docx", ".zip", ".pgdump", ".gif", ".webp" };

    private static async Task<BackupPart> AddAsync(ZipArchive zip, string name, string source, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, Compressed.Contains(Path.GetExtension(name)) ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
        await using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        await using var to = await entry.OpenAsync(ct);
        var (size, sha) = await CopyHashedAsync(from, to, ct);
        return new BackupPart(name, size, sha);
    }

    /// <summary>Copies and hashes in one pass (to may be <see cref="Stream.Null"/> to only hash).</summary>
    internal static async Task<(long Size, string Sha256)> CopyHashedAsync(Stream from, Stream to, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Keeps the <paramref name="keep"/> newest Jianxun archives of the folder (by their manifests); other files are never touched.</summary>
    private static List<string> ApplyRetention(string folder, int keep, string justWritten)
    {
        var archives = Directory.EnumerateFiles(folder, "*" + Extension)
            .Select(f => (File: f, Manifest: BackupArchive.TryReadManifest(f)))
            .Where(a => a.Manifest is not null || a.File == justWritten)
            .OrderByDescending(a => a.File == justWritten)
            .ThenByDescending(a => a.Manifest?.CreatedAt)
            .ThenByDescending(a => a.File, StringComparer.Ordinal)
            .ToList();
        var removed = new List<string>();
        foreach (var (old, _) in archives.Skip(Math.Max(keep, 1)))
        {
            File.Delete(old);
            removed.Add(old);
        }
        return removed;
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the administrator: a hidden .partial file, never the archive's own name.
        }
    }
}
