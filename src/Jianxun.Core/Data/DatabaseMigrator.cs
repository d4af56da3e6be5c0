using Jianxun.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Data;

/// <summary>Applies migrations on purpose (start-up in Development or by setting, or <c>jianxun db migrate</c>).</summary>
public sealed class DatabaseMigrator(AppDbContext db, DemoSeeder seeder, Search.SearchIndexer indexer, IOptions<JianxunOptions> options)
{
    /// <summary>The migrations not yet applied; on a new database (no history table yet) all of them, without reading the missing table.</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken ct)
        => await db.GetService<IHistoryRepository>().ExistsAsync(ct)
            ? [.. await db.Database.GetPendingMigrationsAsync(ct)]
            : [.. db.Database.GetMigrations()];

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
        // A new database gets its (empty) history table first: otherwise EF reads the table before it exists and logs that
        // failed query as an error on a start that goes well (PostgreSQL; npgsql/efcore.pg#3407, ADR-024).
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
        await indexer.RebuildIfRequestedAsync(searchProgress, ct);
        if (options.Value.SeedDemoData)
        {
            await seeder.SeedIfEmptyAsync(ct);
        }
        return pending;
    }
}
