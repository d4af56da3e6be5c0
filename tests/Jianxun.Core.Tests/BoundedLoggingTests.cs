using System.Collections.Concurrent;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jianxun.Core.Tests;

/// <summary>
/// No log line carries an unbounded user-controlled payload (issue 15: 40,000 ids gave a 1.4 MB line): EF Core's own
/// failure lines, read by a capturing provider the way a console or JSON provider reads them (message and values).
/// </summary>
public abstract class BoundedLoggingTests(DatabaseKind kind)
{
    [SkippableFact]
    public async Task EfCoreCommandFailure_WithMegabyteCommandAndParameter_LogsBoundedLinesWithoutTheValue()
    {
        var capture = new CapturingProvider();
        await using var harness = await CoreHarness.StartAsync(kind, seed: false, configure: s => s.AddSingleton<ILoggerProvider>(capture));
        var command = "SELECT " + string.Join(", ", Enumerable.Range(0, 200_000).Select(i => $"no_such_column_{i}")) + " FROM \"AspNetUsers\" WHERE \"UserName\" = {0}";
        var secret = "PAYLOAD-" + new string('秘', 1_000_000);

        await Assert.ThrowsAnyAsync<Exception>(() => harness.RunAsync<AppDbContext>(db => db.Database.ExecuteSqlRawAsync(command, secret)));

        var failure = capture.Lines.Where(l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Level == LogLevel.Error).ToList();
        Assert.NotEmpty(failure); // EF Core did log the failure: the line is there, only bounded
        Assert.Contains(failure, l => l.Message.Contains("no_such_column_0", StringComparison.Ordinal));
        Assert.All(capture.Lines, l =>
        {
            Assert.True(l.Message.Length <= BoundedLogging.MaxMessageChars + 100, $"{l.Category}: {l.Message.Length} characters");
            Assert.All(l.Values, v => Assert.True(v.Length <= BoundedLogging.MaxValueChars + 100, $"{l.Category}: a value of {v.Length} characters"));
            Assert.DoesNotContain("PAYLOAD-", l.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(l.Values, v => v.Contains("PAYLOAD-", StringComparison.Ordinal));
        });
        Assert.Contains(failure, l => l.Message.Contains("more characters not logged", StringComparison.Ordinal));
    }

    private sealed record Line(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values);

    /// <summary>Reads each entry as a structured provider does: the formatted message and every value as text.</summary>
    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<Line> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs ? pairs.Select(p => p.Value?.ToString() ?? "").ToList() : [];
                lines.Enqueue(new Line(category, logLevel, formatter(state, exception), values));
            }
        }
    }
}

public sealed class SqliteBoundedLoggingTests() : BoundedLoggingTests(DatabaseKind.Sqlite);

public sealed class PostgresBoundedLoggingTests() : BoundedLoggingTests(DatabaseKind.Postgres);
