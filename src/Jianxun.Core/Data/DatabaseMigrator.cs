using Jianxun.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Data;

/// <summary>Applies migrations on purpose (start-up in Development or by setting, or <c>jianxun db migrate</c>).</summary>
public sealed class DatabaseMigrator(AppDbContext db, DemoSeeder seeder, IOptions<JianxunOptions> options)
{
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken ct)
        => [.. await db.Database.GetPendingMigrationsAsync(ct)];

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var pending = await GetPendingMigrationsAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while an import or a publish writes.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await db.Database.MigrateAsync(ct);
        if (options.Value.SeedDemoData)
        {
            await seeder.SeedIfEmptyAsync(ct);
        }
        return pending;
    }
}
