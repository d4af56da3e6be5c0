using System.Collections.Concurrent;
using Jianxun.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jianxun.Web.Tests;

/// <summary>
/// A first start on an empty database (migrations, demo data, search index, a new key ring, a sign-in) logs no warning
/// (issue 17, point 9; ADR-024): each warning seen there once had a cause, fixed or decided.
/// </summary>
public abstract class StartupLogTests(DatabaseKind kind)
{
    [SkippableFact]
    public async Task FirstStart_OnAnEmptyDatabase_LogsNoWarning()
    {
        TestDatabase.SkipIfUnavailable(kind);
        using var data = new TempDirectory();
        using var database = kind == DatabaseKind.Sqlite ? new TestDatabase(kind, data.Path) : new TestDatabase(kind);
        var logs = new CapturedLogs();
        await using var app = new LoggedApp(kind, data.Path, database.ConnectionString, logs);

        using var client = await app.LoginAsync("editor");
        Assert.Contains("周文澜，您好", await client.GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Applied ", StringComparison.Ordinal));
        var all = logs.Entries.ToList();
        var warnings = all.Select((e, i) => (e, i)).Where(x => x.e.Level >= LogLevel.Warning && !KnownUpstream(x.e.Category, x.e.Message))
            .Select(x => string.Join("\n", all.Skip(Math.Max(0, x.i - 6)).Take(7).Select(e => $"{e.Level} {e.Category}: {e.Message}"))).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        if (!OperatingSystem.IsWindows())
        {
            // Without a certificate the key ring is protected by its folder: the service account's alone.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(data.Path, "keys")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "keys"), "key-*.xml"));
        }
    }

    /// <summary>
    /// REVIEW: on a new PostgreSQL database EF's migrator still reads the history table once inside MigrateAsync before it
    /// sees it (the table is created first, DatabaseMigrator) and logs that as an error; npgsql/efcore.pg#3407, where the
    /// maintainer calls it spurious. This one line, on PostgreSQL only, is not counted; anything else is.
    /// </summary>
    private bool KnownUpstream(string category, string message)
        => kind == DatabaseKind.Postgres && category == "Microsoft.EntityFrameworkCore.Database.Command"
           && message.Contains("FROM \"__EFMigrationsHistory\"", StringComparison.Ordinal);

    private sealed class LoggedApp(DatabaseKind kind, string dataDirectory, string connectionString, CapturedLogs logs)
        : JianxunApplicationFactory(kind, dataDirectory, connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }

    /// <summary>Every log line of the app, kept in memory.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}

public sealed class SqliteStartupLogTests() : StartupLogTests(DatabaseKind.Sqlite);

public sealed class PostgresStartupLogTests() : StartupLogTests(DatabaseKind.Postgres);
