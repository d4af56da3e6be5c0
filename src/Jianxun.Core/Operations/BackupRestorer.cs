using System.IO.Compression;
using System.Text.Json;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Operations;

/// <summary>Reads an archive's manifest and checks every entry against it, without writing anything.</summary>
public static class BackupArchive
{
    /// <summary>The manifest of a Jianxun archive, or null for any other file (used to pick the archives retention may remove).</summary>
    public static BackupManifest? TryReadManifest(string file)
    {
        try
        {
            using var zip = ZipFile.OpenRead(file);
            return ReadManifest(zip);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or BackupException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static BackupManifest ReadManifest(ZipArchive zip)
    {
        var entry = zip.GetEntry(BackupManifest.EntryName) ?? throw new BackupException("这不是简讯的备份文件（没有 manifest.json）。");
        using var stream = entry.Open();
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(stream, BackupManifest.Json);
        }
        catch (JsonException e)
        {
            throw new BackupException("这不是简讯的备份文件（manifest.json 无法读取）。", e);
        }
        if (manifest is null || manifest.Format != BackupManifest.FormatName || manifest.Parts is null || manifest.Tables is null)
        {
            throw new BackupException("这不是简讯的备份文件（清单格式不符）。");
        }
        return manifest;
    }

    /// <summary>Every entry is listed, safe to extract, and has the listed size and SHA-256; exactly one database.</summary>
    internal static async Task VerifyAsync(ZipArchive zip, BackupManifest manifest, CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in manifest.Parts)
        {
            if (!IsSafe(part.Path) || !listed.Add(part.Path))
            {
                throw new BackupException($"备份清单中的路径不合法：{part.Path}。");
            }
        }
        if (manifest.Parts.Count(p => p.Path.StartsWith(BackupPart.DatabasePrefix, StringComparison.Ordinal)) != 1
            || !listed.Contains(BackupDatabase.EntryName(manifest.Provider)))
        {
            throw new BackupException("备份文件中没有数据库，或不止一个数据库。");
        }
        var extra = zip.Entries.Select(e => e.FullName).Where(n => n != BackupManifest.EntryName && !listed.Contains(n)).ToList();
        if (extra.Count > 0)
        {
            throw new BackupException($"备份文件中有清单未列出的内容（{extra[0]}）：文件被改动过，未恢复。");
        }
        foreach (var part in manifest.Parts)
        {
            var entry = zip.GetEntry(part.Path) ?? throw new BackupException($"备份文件不完整：缺少 {part.Path}。");
            await using var stream = await entry.OpenAsync(ct);
            var (size, sha) = await BackupWriter.CopyHashedAsync(stream, Stream.Null, ct);
            if (size != part.Size || sha != part.Sha256)
            {
                throw new BackupException($"备份文件已损坏：{part.Path} 的大小或 SHA-256 校验值与清单不符。");
            }
        }
    }

    private static bool IsSafe(string path)
        => path.Length is > 0 and < 1024
           && (path.StartsWith(BackupPart.DatabasePrefix, StringComparison.Ordinal) || path.StartsWith(BackupPart.FilesPrefix, StringComparison.Ordinal)
               || path.StartsWith(BackupPart.KeysPrefix, StringComparison.Ordinal))
           && !path.Contains('\\', StringComparison.Ordinal) && !path.Contains(':', StringComparison.Ordinal)
           && !path.Split('/').Any(s => s is "" or "." or "..")
           && !(path.StartsWith(BackupPart.KeysPrefix, StringComparison.Ordinal) && path.Count(c => c == '/') != 1);
}

/// <summary>What a restore put back.</summary>
public sealed record RestoreResult(BackupManifest Manifest, int Files, int Keys, IReadOnlyList<string> PendingMigrations);

/// <summary>
/// <c>jianxun restore FILE</c> (ADR-032): only into an empty data directory and an empty database of the same provider, and
/// only after the manifest and every entry's hash check out. Files are extracted to a staging folder inside the data
/// directory, the database is loaded (SQLite: checked, then moved into place; PostgreSQL: one transaction), and only then
/// are the files moved to their places: a failure on the way leaves the target as empty as it was.
/// </summary>
public sealed class BackupRestorer(AppDbContext db, IOptions<JianxunOptions> options, IOptions<BackupOptions> tools)
{
    public async Task<RestoreResult> RestoreAsync(string file, IProgress<string>? steps, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var settings = options.Value;
        var full = Path.GetFullPath(file);
        if (!File.Exists(full))
        {
            throw new BackupException($"找不到备份文件 {full}。");
        }
        ZipArchive zip;
        try
        {
            zip = await ZipFile.OpenReadAsync(full, ct);
        }
        catch (InvalidDataException e)
        {
            throw new BackupException("这不是简讯的备份文件，或文件已损坏（不是完整的 zip 文件）。", e);
        }
        using (zip)
        {
            BackupManifest manifest;
            try
            {
                manifest = BackupArchive.ReadManifest(zip);
                CheckCompatible(manifest, settings);
                steps?.Report($"正在校验备份文件（{manifest.Parts.Count} 个部分，{manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC 备份）……");
                await BackupArchive.VerifyAsync(zip, manifest, ct);
            }
            catch (InvalidDataException e)
            {
                throw new BackupException("备份文件已损坏（压缩数据无法读取），未恢复任何内容。", e);
            }
            await CheckEmptyTargetAsync(settings, ct);
            steps?.Report("校验通过，目标为空，开始恢复……");
            return await ExtractAsync(zip, manifest, settings, steps, progress, ct);
        }
    }

    private void CheckCompatible(BackupManifest manifest, JianxunOptions settings)
    {
        if (manifest.FormatVersion > BackupManifest.CurrentFormatVersion)
        {
            throw new BackupException($"备份文件格式版本 {manifest.FormatVersion} 比本程序支持的（{BackupManifest.CurrentFormatVersion}）新：请先升级简讯再恢复。");
        }
        if (Version.TryParse(manifest.AppVersion, out var theirs) && Version.TryParse(BackupManifest.ThisAppVersion, out var ours) && theirs > ours)
        {
            throw new BackupException($"备份由较新的简讯 {manifest.AppVersion} 生成，本程序是 {BackupManifest.ThisAppVersion}：请先升级简讯再恢复。");
        }
        if (!db.Database.GetMigrations().Contains(manifest.SchemaMigration, StringComparer.Ordinal))
        {
            throw new BackupException($"备份的数据库结构（{manifest.SchemaMigration}）比本程序新或不是本程序的：请先把简讯升级到备份时的版本或更新版本再恢复。");
        }
        if (manifest.Provider != settings.Database)
        {
            throw new BackupException($"这是 {Name(manifest.Provider)} 数据库的备份，当前设置使用 {Name(settings.Database)}：只能恢复到同一种数据库。");
        }
    }

    private static string Name(DatabaseProvider p) => p == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    private async Task CheckEmptyTargetAsync(JianxunOptions settings, CancellationToken ct)
    {
        var root = settings.ResolvedDataDirectory;
        if (Directory.Exists(root) && Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any())
        {
            throw new BackupException($"数据目录 {root} 不是空的：恢复只写入空的数据目录和空数据库，不覆盖现有数据。请换一个空目录（Jianxun:DataDirectory），或先把现有目录移走。");
        }
        if (!await BackupDatabase.IsEmptyAsync(db, settings.Database, ct))
        {
            throw new BackupException("目标数据库已有数据表：恢复只写入空数据库，不覆盖现有数据。请新建一个空数据库并在 ConnectionStrings:Jianxun 中指向它。");
        }
    }

    private async Task<RestoreResult> ExtractAsync(ZipArchive zip, BackupManifest manifest, JianxunOptions settings, IProgress<string>? steps,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var root = CoreServices.EnsureDataDirectory(settings);
        var staging = Path.Combine(root, BackupWriter.RestoreStaging + Guid.NewGuid().ToString("N")[..12]);
        string? placedDatabase = null;
        var moved = new List<string>();
        try
        {
            foreach (var part in manifest.Parts)
            {
                var target = Path.Combine(staging, part.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var from = await zip.GetEntry(part.Path)!.OpenAsync(ct);
                await using var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                var (size, sha) = await BackupWriter.CopyHashedAsync(from, to, ct);
                if (size != part.Size || sha != part.Sha256)
                {
                    throw new BackupException($"备份文件在恢复过程中读出的 {part.Path} 与清单不符，已撤销恢复。");
                }
            }

            var tables = BackupDatabase.Tables(db.Model);
            var dump = Path.Combine(staging, BackupDatabase.EntryName(manifest.Provider));
            if (manifest.Provider == DatabaseProvider.Sqlite)
            {
                steps?.Report("正在检查数据库（完整性、外键、行数）……");
                await BackupDatabase.CheckSqliteCopyAsync(dump, tables, manifest, ct);
                var path = BackupDatabase.SqlitePath(db);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(dump, path);
                placedDatabase = path;
            }
            else
            {
                steps?.Report("正在导入数据库（pg_restore，单个事务）……");
                await BackupDatabase.RestorePostgresAsync(db, tools.Value, dump, tables, manifest, ct);
            }

            var files = manifest.Parts.Where(p => !p.Path.StartsWith(BackupPart.DatabasePrefix, StringComparison.Ordinal)).ToList();
            var done = 0;
            var fileCount = files.Count(p => p.Path.StartsWith(BackupPart.FilesPrefix, StringComparison.Ordinal));
            foreach (var part in files)
            {
                var isKey = part.Path.StartsWith(BackupPart.KeysPrefix, StringComparison.Ordinal);
                var relative = isKey ? part.Path : part.Path[BackupPart.FilesPrefix.Length..];
                var target = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(staging, part.Path), target);
                moved.Add(target);
                if (!isKey)
                {
                    progress?.Report((++done, fileCount));
                }
            }
            if (!OperatingSystem.IsWindows() && Directory.Exists(Path.Combine(root, "keys")))
            {
                File.SetUnixFileMode(Path.Combine(root, "keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var pending = db.Database.GetMigrations().SkipWhile(m => m != manifest.SchemaMigration).Skip(1).ToList();
            return new RestoreResult(manifest, fileCount, files.Count - fileCount, pending);
        }
        catch
        {
            // Back to empty: the files put in place, the SQLite file (PostgreSQL's single transaction undid itself).
            foreach (var m in moved)
            {
                File.Delete(m);
            }
            if (placedDatabase is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(placedDatabase);
            }
            throw;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
