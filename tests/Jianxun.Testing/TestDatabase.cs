using Jianxun.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jianxun.Testing;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A throw-away database for one test class: an in-memory SQLite database kept alive by an open connection,
/// or a fresh PostgreSQL database on the server named by <c>JIANXUN_TEST_POSTGRES</c>, dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "JIANXUN_TEST_POSTGRES";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static string SkipMessage =>
        $"PostgreSQL tests are skipped: set {PostgresVariable} to a server connection string (e.g. \"Host=127.0.0.1;Port=55432;Username=postgres\"), as .ci/run does.";

    /// <summary>Skips the calling test (Xunit.SkippableFact) when the provider is not configured here.</summary>
    public static void SkipIfUnavailable(DatabaseKind kind)
        => Requirements.SkipUnless(Requirements.Postgres, kind != DatabaseKind.Postgres || PostgresServer is not null, SkipMessage);

    private readonly SqliteConnection? _keepAlive;
    private readonly string? _postgresName;

    public DatabaseKind Kind { get; }
    public string ConnectionString { get; }
    public DatabaseProvider Provider => Kind == DatabaseKind.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <param name="kind">Which server.</param>
    /// <param name="sqliteFileDirectory">For SQLite, a folder for a file database (as in production: WAL, real concurrent writers) instead of memory.</param>
    public TestDatabase(DatabaseKind kind, string? sqliteFileDirectory = null)
    {
        Kind = kind;
        if (kind == DatabaseKind.Sqlite && sqliteFileDirectory is not null)
        {
            ConnectionString = $"Data Source={Path.Combine(sqliteFileDirectory, "jianxun.db")}";
            return;
        }
        if (kind == DatabaseKind.Sqlite)
        {
            ConnectionString = $"Data Source=file:jx{Guid.NewGuid():N}?mode=memory&cache=shared";
            _keepAlive = new SqliteConnection(ConnectionString);
            _keepAlive.Open();
            return;
        }

        var server = PostgresServer ?? throw new InvalidOperationException(SkipMessage);
        _postgresName = $"jianxun_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{_postgresName}\" ENCODING 'UTF8' TEMPLATE template0";
            create.ExecuteNonQuery();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresName, Pooling = false }.ConnectionString;
    }

    private TestDatabase(DatabaseKind kind, string connectionString, SqliteConnection? keepAlive, string? postgresName)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _keepAlive = keepAlive;
        _postgresName = postgresName;
    }

    /// <summary>
    /// A copy of a migrated and seeded template database: PostgreSQL copies it server-side (CREATE DATABASE … TEMPLATE),
    /// SQLite through the backup API. Seeding once and copying keeps the suite fast on two cores.
    /// </summary>
    public static TestDatabase CloneOf(TestDatabase template, string? sqliteFileDirectory = null)
    {
        if (template.Kind == DatabaseKind.Sqlite)
        {
            var source = template._keepAlive ?? throw new InvalidOperationException("The SQLite template must be an in-memory database.");
            if (sqliteFileDirectory is not null)
            {
                var cs = $"Data Source={Path.Combine(sqliteFileDirectory, "jianxun.db")};Pooling=False";
                using var file = new SqliteConnection(cs);
                file.Open();
                lock (source)
                {
                    source.BackupDatabase(file);
                }
                return new TestDatabase(DatabaseKind.Sqlite, cs, null, null);
            }
            var memory = $"Data Source=file:jx{Guid.NewGuid():N}?mode=memory&cache=shared";
            var keepAlive = new SqliteConnection(memory);
            keepAlive.Open();
            lock (source)
            {
                source.BackupDatabase(keepAlive);
            }
            return new TestDatabase(DatabaseKind.Sqlite, memory, keepAlive, null);
        }

        var server = PostgresServer ?? throw new InvalidOperationException(SkipMessage);
        var name = $"jianxun_test_{Guid.NewGuid():N}";
        lock (PostgresCloneLock)
        {
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{template._postgresName}\"";
            create.ExecuteNonQuery();
        }
        return new TestDatabase(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString, null, name);
    }

    // PostgreSQL refuses to copy a template while another copy of it is being made.
    private static readonly object PostgresCloneLock = new();

    public void Dispose()
    {
        _keepAlive?.Dispose();
        if (_postgresName is not null && PostgresServer is { } server)
        {
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }
}
