using System.Collections;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Common;

/// <summary>
/// No log line carries an unbounded payload (issue 15: 40,000 ids made EF Core log a 1.4 MB line). Every logger the app
/// creates, EF Core's included, is wrapped so that each structured value is cut at <see cref="MaxValueChars"/> and the
/// formatted message at <see cref="MaxMessageChars"/>, for every provider (JSON console, console, a test's capture).
/// Parameter values never reach a line at all: sensitive data logging stays off (<see cref="CoreServices"/>).
/// </summary>
public static class BoundedLogging
{
    /// <summary>One structured value (a command text, a user name, a path): enough to recognise it, never a payload.</summary>
    public const int MaxValueChars = 2_000;

    /// <summary>One formatted message.</summary>
    public const int MaxMessageChars = 8_000;

    /// <summary>Wraps the logger factory; call after <c>AddLogging</c> (it replaces the factory that registered).</summary>
    public static IServiceCollection AddBoundedLogLines(this IServiceCollection services)
    {
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new BoundedLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()))));
        return services;
    }

    /// <summary>The text cut to <paramref name="max"/> characters, saying how much was left out.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, max)}…[{text.Length - max} more characters not logged]");
    }

    private sealed class BoundedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new BoundedLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class BoundedLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var message = Cut(formatter(state, exception), MaxMessageChars);
            inner.Log(logLevel, eventId, new BoundedState(values, message), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>The state as providers see it: the values cut one by one, the message already formatted and cut.</summary>
    private sealed class BoundedState(IReadOnlyList<KeyValuePair<string, object?>>? values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values?.Count ?? 0;

        public KeyValuePair<string, object?> this[int index]
        {
            get
            {
                var pair = values![index];
                return pair.Value switch
                {
                    string s when s.Length > MaxValueChars => new(pair.Key, Cut(s, MaxValueChars)),
                    string or null or ValueType => pair,
                    IEnumerable and not string => new(pair.Key, Cut(string.Join(", ", ((IEnumerable)pair.Value).Cast<object?>().Take(50)), MaxValueChars)),
                    _ => new(pair.Key, Cut(pair.Value.ToString() ?? "", MaxValueChars)),
                };
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
