using Jianxun.Core.Accounts;
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

    private CoreHarness(DatabaseKind kind, bool seed, bool sqliteFile)
    {
        _database = new TestDatabase(kind, sqliteFile ? _dataDirectory.Path : null);
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
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // Test speed only: the demo accounts' hashes need not resist brute force here.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        services.AddIdentityCore<AppUser>(CoreServices.ConfigureIdentity).AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>().AddDefaultTokenProviders();
        _services = services.BuildServiceProvider();
    }

    public static async Task<CoreHarness> StartAsync(DatabaseKind kind, bool seed = true, bool sqliteFile = false)
    {
        TestDatabase.SkipIfUnavailable(kind);
        var harness = new CoreHarness(kind, seed, sqliteFile);
        await harness.RunAsync<DatabaseMigrator>(m => m.MigrateAsync(CancellationToken.None));
        return harness;
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
