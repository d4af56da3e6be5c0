using System.Runtime.CompilerServices;
using System.Text.Json;
using Jianxun.Core.Archive;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Submissions;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jianxun.Core.Search;

/// <summary>Turns published issues and workflow articles into search documents and writes them to the index.</summary>
public sealed class SearchIndexer(AppDbContext db, ISearchIndex index)
{
    private static int _dictionaryLoaded;

    /// <summary>Re-indexes the archive items of these issues (removed when the issue is not published).</summary>
    public async Task IndexIssuesAsync(IReadOnlyCollection<int> issueIds, CancellationToken ct)
    {
        if (issueIds.Count == 0)
        {
            return;
        }
        await EnsureDictionaryAsync(ct);
        await index.DeleteIssuesAsync(issueIds, ct);
        await index.UpsertAsync(await IssueDocumentsAsync(db.Issues.Where(i => issueIds.Contains(i.Id)), ct), ct);
    }

    /// <summary>Re-indexes workflow articles; published ones leave the workflow index (the archive has them).</summary>
    public async Task IndexSubmissionsAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await EnsureDictionaryAsync(ct);
        await index.DeleteAsync(SearchDocKind.Submission, ids, ct);
        await index.UpsertAsync(await SubmissionDocumentsAsync(db.Submissions.Where(s => ids.Contains(s.Id)), ct), ct);
    }

    /// <summary>Rebuilds the whole index in one transaction, reporting (done, total) as it goes, and compacts it at the end.</summary>
    public async Task<int> ReindexAllAsync(IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        Interlocked.Exchange(ref _dictionaryLoaded, 0);
        await EnsureDictionaryAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await index.ClearAsync(ct);
        var issueIds = await db.Issues.AsNoTracking().Where(i => i.Status == IssueStatus.Published).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var submissionIds = await db.Submissions.AsNoTracking().Where(s => s.Status != SubmissionStatus.Published).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var total = await db.IssueItems.CountAsync(i => issueIds.Contains(i.IssueId), ct) + submissionIds.Count;
        var done = 0;
        foreach (var batch in issueIds.Chunk(50))
        {
            var docs = await IssueDocumentsAsync(db.Issues.Where(i => batch.Contains(i.Id)), ct);
            await index.UpsertAsync(docs, ct);
            done += docs.Count;
            progress?.Report((done, total));
        }
        foreach (var batch in submissionIds.Chunk(200))
        {
            var docs = await SubmissionDocumentsAsync(db.Submissions.Where(s => batch.Contains(s.Id)), ct);
            await index.UpsertAsync(docs, ct);
            done += docs.Count;
            progress?.Report((done, total));
        }
        await index.CompactAsync(ct);
        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>
    /// Rebuilds the index when a migration asked for it (<c>search_state.rebuild</c>: the stored form changed and cannot
    /// be converted in SQL); returns whether it did.
    /// </summary>
    public async Task<bool> RebuildIfRequestedAsync(IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var requested = await db.Database.SqlQueryRaw<int>("SELECT rebuild AS \"Value\" FROM search_state WHERE id = 1").ToListAsync(ct);
        if (requested is not [1])
        {
            return false;
        }
        await ReindexAllAsync(progress, ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE search_state SET rebuild = 0 WHERE id = 1", ct);
        return true;
    }

    /// <summary>Unit names (full, short, aliases) and the archive's person names stay whole words for jieba.</summary>
    public async Task EnsureDictionaryAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _dictionaryLoaded) == 1)
        {
            return;
        }
        var units = await db.Units.AsNoTracking().Select(u => new { u.Name, u.ShortName, u.Aliases }).ToListAsync(ct);
        ChineseSegmenter.Shared.AddWords(units.SelectMany(u => u.Aliases.Append(u.Name).Append(u.ShortName)), "nt");
        ChineseSegmenter.Shared.AddWords(await index.PersonNamesAsync(ct), "nr");
        Volatile.Write(ref _dictionaryLoaded, 1);
    }

    private async Task<List<SearchDocument>> IssueDocumentsAsync(IQueryable<Issue> issues, CancellationToken ct)
    {
        var rows = await issues.AsNoTracking().AsSplitQuery().Where(i => i.Status == IssueStatus.Published)
            .Include(i => i.Sections).ThenInclude(s => s.Items).ToListAsync(ct);
        var unitNames = await UnitNamesAsync(ct);
        var docs = new List<SearchDocument>();
        foreach (var issue in rows)
        {
            // A restricted issue is also read by every unit credited with one of its articles (ADR-007).
            var issueUnits = issue.ReaderUnitIds.Count == 0 ? null : issue.Sections.SelectMany(s => s.Items).SelectMany(i => i.UnitIds).Distinct().ToList();
            foreach (var section in issue.Sections)
            {
                foreach (var item in section.Items)
                {
                    var persons = Persons(item.PersonsJson);
                    ChineseSegmenter.Shared.AddWords(persons, "nr");
                    var title = item.Title ?? (item.Number is int n ? $"{section.Name}（{n}）" : section.Name);
                    docs.Add(new SearchDocument(SearchDocKind.ArchiveItem, item.Id, issue.Id, issue.SeriesId, section.ColumnId, section.Name,
                        issue.Source == IssueSource.Imported ? SearchSource.Imported : SearchSource.Published, null, null, issue.Date,
                        title, [.. item.Paragraphs, item.CreditLine ?? ""], item.UnitIds,
                        item.CreditUnits.Count > 0 ? item.CreditUnits : [.. item.UnitIds.Select(u => unitNames.GetValueOrDefault(u, ""))], persons,
                        issue.ReaderUnitIds, issueUnits));
                }
            }
        }
        return docs;
    }

    private async Task<List<SearchDocument>> SubmissionDocumentsAsync(IQueryable<Submission> submissions, CancellationToken ct)
    {
        var rows = await submissions.AsNoTracking().Where(s => s.Status != SubmissionStatus.Published).Include(s => s.Units).ToListAsync(ct);
        var unitNames = await UnitNamesAsync(ct);
        var columnIds = rows.Select(s => s.AdoptedColumnId ?? s.ColumnHintId).OfType<int>().Distinct().ToList();
        var columns = await db.SeriesColumns.AsNoTracking().Where(c => columnIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Name, c.SeriesId), ct);
        return [.. rows.Select(s =>
        {
            var columnId = s.AdoptedColumnId ?? s.ColumnHintId;
            var column = columnId is int id && columns.TryGetValue(id, out var c) ? c : ((string Name, int SeriesId)?)null;
            var units = s.Units.OrderBy(u => u.Order).Select(u => u.UnitId).ToList();
            return new SearchDocument(SearchDocKind.Submission, s.Id, null, column?.SeriesId, columnId, column?.Name, SearchSource.Workflow,
                // Withdrawn before it was ever sent is still a draft to the reading rule: only its writer finds it.
                (int)(s.SubmittedAt is null ? SubmissionStatus.Draft : s.Status), s.CreatedById, s.EventDate ?? DateOnly.FromDateTime(s.CreatedAt), s.Title,
                [.. s.Paragraphs, string.Join(' ', s.Authors)], units, [.. units.Select(u => unitNames.GetValueOrDefault(u, ""))], []);
        })];
    }

    private async Task<Dictionary<int, string>> UnitNamesAsync(CancellationToken ct)
        => await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ShortName, ct);

    private static List<string> Persons(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return [.. (JsonSerializer.Deserialize<List<ImportPersonDto>>(json, ImportHandlers.PersonJson) ?? []).Select(p => p.Name)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>
/// Keeps the index in step with the data, inside the same transaction: before a save it notes published issues,
/// their changed items and changed workflow articles (opening a transaction if the caller has none); after the save
/// it writes their index rows and commits. A failed save rolls the index back with everything else.
/// </summary>
// REVIEW: one interceptor instead of a call in every handler: publish, correct, import and each workflow move
// all change these entities, and a missed call would leave the index silently stale. Only async saves are indexed
// (the code base has no synchronous SaveChanges).
public sealed class SearchIndexInterceptor : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public List<Issue> Issues { get; } = [];
        public HashSet<int> IssueIds { get; } = [];
        public List<Submission> Submissions { get; } = [];
        public HashSet<int> SubmissionIds { get; } = [];
        public IDbContextTransaction? Owned { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && Collect(db.ChangeTracker) is { } pending)
        {
            if (db.Database.CurrentTransaction is null)
            {
                pending.Owned = await db.Database.BeginTransactionAsync(cancellationToken);
            }
            _pending.AddOrUpdate(db, pending);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            try
            {
                var indexer = new SearchIndexer(db, SearchServices.IndexFor(db));
                await indexer.IndexIssuesAsync([.. pending.IssueIds.Union(pending.Issues.Select(i => i.Id))], cancellationToken);
                await indexer.IndexSubmissionsAsync([.. pending.SubmissionIds.Union(pending.Submissions.Select(s => s.Id))], cancellationToken);
                if (pending.Owned is not null)
                {
                    await pending.Owned.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (pending.Owned is not null)
                {
                    await pending.Owned.DisposeAsync();
                }
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        => await AbandonAsync(eventData.Context);

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        => await AbandonAsync(eventData.Context);

    private async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            if (pending.Owned is not null)
            {
                // Disposing an uncommitted transaction rolls it back (never with the caller's token: it may be the cancelled one).
                await pending.Owned.DisposeAsync();
            }
        }
    }

    private static Pending? Collect(ChangeTracker tracker)
    {
        Pending? p = null;
        var issues = tracker.Entries<Issue>().ToList();
        foreach (var e in issues.Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Status == IssueStatus.Published))
        {
            (p ??= new()).Issues.Add(e.Entity);
        }
        foreach (var e in tracker.Entries<IssueItem>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var issue = issues.FirstOrDefault(i => i.Entity.Id == e.Entity.IssueId);
            if (e.Entity.IssueId > 0 && (issue is null || issue.Entity.Status == IssueStatus.Published))
            {
                (p ??= new()).IssueIds.Add(e.Entity.IssueId);
            }
        }
        foreach (var e in tracker.Entries<Submission>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (e.State == EntityState.Deleted)
            {
                (p ??= new()).SubmissionIds.Add(e.Entity.Id);
            }
            else
            {
                (p ??= new()).Submissions.Add(e.Entity);
            }
        }
        return p;
    }
}
