using System.ComponentModel;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Jianxun.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Jianxun.Core.Operations;

/// <summary>Where <c>pg_dump</c> and <c>pg_restore</c> are (the <c>Jianxun:Backup</c> settings); by default found on the PATH.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Jianxun:Backup";

    public string PgDump { get; set; } = "pg_dump";
    public string PgRestore { get; set; } = "pg_restore";
}

/// <summary>A backup or restore that cannot go on; the message is for the administrator (Chinese).</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The database half of a backup (ADR-032): a consistent copy with the row counts of that same copy, and its restore.
/// SQLite: the online backup API into a file (readers and writers go on; the copy is one read transaction).
/// PostgreSQL: a repeatable-read transaction exports its snapshot, the counts are taken in it and <c>pg_dump --snapshot</c>
/// dumps exactly it (custom format); restore is <c>pg_restore --single-transaction</c>, so a failure leaves the database empty.
/// </summary>
internal static class BackupDatabase
{
    public const string MigrationsTable = "__EFMigrationsHistory";

    public static string EntryName(DatabaseProvider provider)
        => BackupPart.DatabasePrefix + (provider == DatabaseProvider.Sqlite ? "jianxun.db" : "jianxun.pgdump");

    /// <summary>The tables of the EF model and the migrations history: what the manifest counts and a restore checks.</summary>
    public static IReadOnlyList<string> Tables(IModel model)
        => model.GetEntityTypes()
            .Where(e => e.GetViewName() is null && e.GetSqlQuery() is null)
            .Select(e => e.GetTableName())
            .OfType<string>()
            .Append(MigrationsTable)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The path of the SQLite database file the settings name.</summary>
    public static string SqlitePath(AppDbContext db)
        => Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    public static async Task<(string Migration, SortedDictionary<string, long> Counts)> SnapshotAsync(
        AppDbContext db, DatabaseProvider provider, BackupOptions tools, string target, CancellationToken ct)
    {
        var tables = Tables(db.Model);
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = SqlitePath(db);
            if (!File.Exists(path))
            {
                throw new BackupException($"找不到数据库文件 {path}：请检查设置 Jianxun:DataDirectory 和 ConnectionStrings:Jianxun。");
            }
            var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
            await using (var from = new SqliteConnection(source.ConnectionString))
            await using (var to = new SqliteConnection(SqliteFile(target)))
            {
                await from.OpenAsync(ct);
                await to.OpenAsync(ct);
                // One step: the whole copy is one read transaction of the source, so it is one consistent state.
                from.BackupDatabase(to);
                await ExecuteAsync(to, null, "PRAGMA journal_mode=DELETE;", ct);
            }
            await using var copy = new SqliteConnection(SqliteFile(target));
            await copy.OpenAsync(ct);
            return (await LastMigrationAsync(copy, null, ct), await CountAsync(copy, null, tables, ct));
        }

        await using var connection = new NpgsqlConnection(PostgresConnection(db));
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var snapshot = (string)(await ScalarAsync(connection, transaction, "SELECT pg_export_snapshot()", ct))!;
        var counts = await CountAsync(connection, transaction, tables, ct);
        var migration = await LastMigrationAsync(connection, transaction, ct);
        await RunToolAsync(tools.PgDump, "Jianxun:Backup:PgDump",
            ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot, "--file=" + target], PostgresEnvironment(db), ct);
        await transaction.CommitAsync(ct);
        return (migration, counts);
    }

    /// <summary>Whether the target database has no tables (a restore goes only into an empty one).</summary>
    public static async Task<bool> IsEmptyAsync(AppDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = SqlitePath(db);
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                return true;
            }
            await using var c = new SqliteConnection(SqliteFile(path));
            await c.OpenAsync(ct);
            return Convert.ToInt64(await ScalarAsync(c, null, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", ct), CultureInfo.InvariantCulture) == 0;
        }
        await using var connection = new NpgsqlConnection(PostgresConnection(db));
        await connection.OpenAsync(ct);
        return Convert.ToInt64(await ScalarAsync(connection, null,
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", ct), CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>Checks a restored SQLite file before it is put in place: integrity, foreign keys, the manifest's counts.</summary>
    public static async Task CheckSqliteCopyAsync(string path, IReadOnlyList<string> tables, BackupManifest manifest, CancellationToken ct)
    {
        await using var c = new SqliteConnection(SqliteFile(path));
        await c.OpenAsync(ct);
        var integrity = (string?)await ScalarAsync(c, null, "PRAGMA integrity_check", ct);
        if (integrity != "ok")
        {
            throw new BackupException($"备份中的数据库未通过完整性检查（{integrity}），未恢复任何内容。");
        }
        if (await ScalarAsync(c, null, "PRAGMA foreign_key_check", ct) is not null)
        {
            throw new BackupException("备份中的数据库有不成立的外键引用，未恢复任何内容。");
        }
        CompareCounts(manifest, await CountAsync(c, null, tables, ct));
        // The app's mode (DatabaseMigrator sets it too): readers never wait for writers.
        await ExecuteAsync(c, null, "PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>Loads a dump into the empty PostgreSQL database in one transaction, then checks the counts.</summary>
    public static async Task RestorePostgresAsync(AppDbContext db, BackupOptions tools, string dump, IReadOnlyList<string> tables, BackupManifest manifest, CancellationToken ct)
    {
        var env = PostgresEnvironment(db);
        await RunToolAsync(tools.PgRestore, "Jianxun:Backup:PgRestore",
            ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", "--dbname=" + env["PGDATABASE"], dump], env, ct);
        await using var connection = new NpgsqlConnection(PostgresConnection(db));
        await connection.OpenAsync(ct);
        CompareCounts(manifest, await CountAsync(connection, null, tables, ct));
    }

    public static async Task<SortedDictionary<string, long>> CountAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string> tables, CancellationToken ct)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = Convert.ToInt64(await ScalarAsync(connection, transaction, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", ct),
                CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static void CompareCounts(BackupManifest manifest, SortedDictionary<string, long> restored)
    {
        foreach (var (table, count) in manifest.Tables)
        {
            if (!restored.TryGetValue(table, out var got) || got != count)
            {
                throw new BackupException($"恢复后的表 {table} 有 {got} 行，清单记录为 {count} 行：恢复不完整。");
            }
        }
    }

    private static async Task<string> LastMigrationAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
        => await ScalarAsync(connection, transaction, $"SELECT max(\"MigrationId\") FROM \"{MigrationsTable}\"", ct) as string
           ?? throw new BackupException("数据库还没有执行过迁移（jianxun db migrate），没有可备份的数据。");

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // table names come from the EF model, quoted
        command.CommandText = sql;
#pragma warning restore CA2100
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // constant statements
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string SqliteFile(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    private static string PostgresConnection(AppDbContext db)
        => new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;

    /// <summary>libpq's variables for the configured database: the password never appears on a command line.</summary>
    private static Dictionary<string, string> PostgresEnvironment(AppDbContext db)
    {
        var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PGHOST"] = cs.Host ?? "localhost",
            ["PGPORT"] = cs.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = cs.Database ?? cs.Username ?? "postgres",
        };
        if (cs.Username is { Length: > 0 } user)
        {
            env["PGUSER"] = user;
        }
        if (cs.Password is { Length: > 0 } password)
        {
            env["PGPASSWORD"] = password;
        }
        return env;
    }

    private static async Task RunToolAsync(string program, string setting, IEnumerable<string> arguments, Dictionary<string, string> env, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"无法启动 {program}。");
        }
        catch (Win32Exception e)
        {
            throw new BackupException($"找不到 PostgreSQL 客户端程序 {program}：请安装 postgresql-client（与服务器同一主版本或更新），或在设置 {setting} 中给出它的完整路径。", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            var output = process.StandardOutput.ReadToEndAsync(ct);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var message = (await error).Trim();
            await output;
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{Path.GetFileName(program)} 失败（退出码 {process.ExitCode}）：{(message.Length > 2000 ? message[..2000] : message)}");
            }
        }
    }
}
