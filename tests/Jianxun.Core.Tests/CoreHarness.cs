using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Tests;

/// <summary>Core's services over a real database (SQLite in memory, or PostgreSQL when configured), migrated and seeded.</summary>
public sealed class CoreHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly TempDirectory _dataDirectory = new();
    private readonly ServiceProvider _services;

    private CoreHarness(DatabaseKind kind, bool seed, bool sqliteFile, Action<IServiceCollection>? configure, CoreHarness? template = null)
    {
        if (template is not null)
        {
            _database = TestDatabase.CloneOf(template._database, sqliteFile ? _dataDirectory.Path : null);
            CopyDirectory(template._dataDirectory.Path, _dataDirectory.Path);
        }
        else
        {
            _database = new TestDatabase(kind, sqliteFile ? _dataDirectory.Path : null);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = _dataDirectory.Path,
            ["Jianxun:Database"] = _database.Provider.ToString(),
            ["Jianxun:SeedDemoData"] = seed ? "true" : "false",
            ["ConnectionStrings:Jianxun"] = _database.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJianxunCore(configuration);
        // The run's one clock (seeding included); a test that needs another moment passes its own through UseClock.
        services.UseClock(TestClock.Shared);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // Test speed only: the demo accounts' hashes need not resist brute force here.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        configure?.Invoke(services);
        services.AddIdentityCore<AppUser>(CoreServices.ConfigureIdentity).AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>().AddDefaultTokenProviders();
        _services = services.BuildServiceProvider();
    }

    public static async Task<CoreHarness> StartAsync(DatabaseKind kind, bool seed = true, bool sqliteFile = false, Action<IServiceCollection>? configure = null)
    {
        TestDatabase.SkipIfUnavailable(kind);
        // Seeded harnesses start from a copy of one seeded template per provider: seeding renders two issues and
        // hashes seven passwords, far too slow to repeat for every test.
        var template = seed ? await TemplateAsync(kind) : null;
        var harness = new CoreHarness(kind, seed, sqliteFile, configure, template);
        await harness.RunAsync<DatabaseMigrator>(m => m.MigrateAsync(CancellationToken.None));
        return harness;
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Dictionary<DatabaseKind, CoreHarness> Templates = [];

    private static async Task<CoreHarness> TemplateAsync(DatabaseKind kind)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(kind, out var template))
            {
                // Lives as long as the test process; its in-memory or throw-away database goes with it.
                template = new CoreHarness(kind, seed: true, sqliteFile: false, configure: null);
                await template.RunAsync<DatabaseMigrator>(m => m.MigrateAsync(CancellationToken.None));
                await template._services.DisposeAsync();
                Templates[kind] = template;
                var dropOnExit = template;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    dropOnExit._database.Dispose();
                    dropOnExit._dataDirectory.Dispose();
                };
            }
            return template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Runs one unit of work in its own scope, as one request would.</summary>
    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, Task<TResult>> work) where THandler : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public async Task RunAsync<THandler>(Func<THandler, Task> work) where THandler : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
        _dataDirectory.Dispose();
    }
}
