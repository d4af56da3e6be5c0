using Jianxun.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Data;

/// <summary>Applies migrations on purpose (start-up in Development or by setting, or <c>jianxun db migrate</c>).</summary>
public sealed class DatabaseMigrator(AppDbContext db, DemoSeeder seeder, Search.SearchIndexer indexer, IOptions<JianxunOptions> options)
{
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken ct)
        => [.. await db.Database.GetPendingMigrationsAsync(ct)];

    /// <summary>
    /// Migrates, rebuilds the search index when a migration asked for it (<paramref name="searchProgress"/> hears how far
    /// that got), then seeds the demo data when configured.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct, IProgress<(int Done, int Total)>? searchProgress = null)
    {
        var pending = await GetPendingMigrationsAsync(ct);
        if (db.Database.IsSqlite())
        {
            // 16 KB pages for a new file (an existing one keeps its size: the pragma then does nothing): the full-text
            // index reads its long lists a page at a time, and larger pages took about 10 % off searches at 200,000
            // articles (ADR-011). It must come before WAL, which fixes the page size. WAL lets readers go on while an
            // import or a publish writes.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA page_size=16384;", ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await db.Database.MigrateAsync(ct);
        await indexer.RebuildIfRequestedAsync(searchProgress, ct);
        if (options.Value.SeedDemoData)
        {
            await seeder.SeedIfEmptyAsync(ct);
        }
        return pending;
    }
}
