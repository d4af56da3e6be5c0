namespace Jianxun.Core.Search;

/// <summary>What kind of thing a search document is.</summary>
public enum SearchDocKind
{
    /// <summary>An article of a published or imported issue (an <see cref="Issues.IssueItem"/>).</summary>
    ArchiveItem = 0,

    /// <summary>An article still in the workflow (a <see cref="Submissions.Submission"/>).</summary>
    Submission = 1,
}

/// <summary>Where a search document comes from, as the <c>source</c> filter names it.</summary>
public enum SearchSource
{
    Published = 0,
    Imported = 1,
    Workflow = 2,
}

/// <summary>
/// One searchable article as the index stores it; the index segments and normalises the text itself.
/// <see cref="IssueReaders"/> is its issue's reading scope (ADR-007; empty: everyone) and, for a restricted issue,
/// <see cref="IssueUnits"/> the units credited with any of the issue's articles, who read it too.
/// </summary>
public sealed record SearchDocument(
    SearchDocKind Kind,
    int RefId,
    int? IssueId,
    int? SeriesId,
    int? ColumnId,
    string? ColumnName,
    SearchSource Source,
    int? Status,
    int? CreatedById,
    DateOnly? Date,
    string Title,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<int> UnitIds,
    IReadOnlyList<string> UnitNames,
    IReadOnlyList<string> Persons,
    IReadOnlyList<int>? IssueReaders = null,
    IReadOnlyList<int>? IssueUnits = null);

/// <summary>Which workflow articles the searcher may see (the workflow's unit scope).</summary>
public sealed record WorkflowScope(bool All, int? UnitId, int? UserId)
{
    public static WorkflowScope None { get; } = new(false, null, null);
}

/// <summary>
/// A parsed, validated query plus filters, as handed to an index. Never holds raw user syntax.
/// <see cref="ReaderUnitChain"/>: the searcher's unit and the units above it, for the reading scope of archive documents
/// (<see cref="Issues.ReadingScope.CanRead"/>); null for the office, who reads every issue.
/// </summary>
public sealed record SearchIndexQuery(
    IReadOnlyList<SearchClause> Clauses,
    int? SeriesId = null,
    int? ColumnId = null,
    string? ColumnName = null,
    IReadOnlyCollection<int>? UnitIds = null,
    string? Person = null,
    DateOnly? From = null,
    DateOnly? To = null,
    IReadOnlyCollection<SearchSource>? Sources = null,
    WorkflowScope? Workflow = null,
    bool SortByDate = false,
    int Offset = 0,
    int Limit = 20,
    bool Facets = true,
    bool ByMonth = false,
    IReadOnlyList<int>? ReaderUnitChain = null);

/// <summary>One hit, with the stored (normalised) text for snippets.</summary>
public sealed record SearchIndexHit(SearchDocKind Kind, int RefId, int? IssueId, string Title, string Body, DateOnly? Date, string? Column,
    string Units, SearchSource Source, double Score);

public sealed record SearchIndexResult(
    int Total,
    IReadOnlyList<SearchIndexHit> Hits,
    IReadOnlyList<(int UnitId, int Count)> Units,
    IReadOnlyList<(string Column, int Count)> Columns,
    IReadOnlyList<(int Year, int Count)> Years,
    IReadOnlyList<(string Person, int Count)> Persons,
    IReadOnlyList<(SearchSource Source, int Count)> Sources,
    IReadOnlyList<(string Month, int Count)> Months);

/// <summary>
/// The full-text index of the archive and the workflow, one SQL dialect per provider (FTS5 on SQLite,
/// <c>tsvector</c> on PostgreSQL). Both keep two paths: jieba words for ranking and word queries, and
/// character bigrams so that a quoted phrase of two or more characters finds every article containing it
/// (candidates are always verified against the normalised text).
/// Writes join the caller's current transaction.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Replaces the documents (same kind and id) with these.</summary>
    Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct);

    /// <summary>Removes documents by kind and id.</summary>
    Task DeleteAsync(SearchDocKind kind, IReadOnlyCollection<int> refIds, CancellationToken ct);

    /// <summary>Removes every archive document of these issues.</summary>
    Task DeleteIssuesAsync(IReadOnlyCollection<int> issueIds, CancellationToken ct);

    /// <summary>Empties the index.</summary>
    Task ClearAsync(CancellationToken ct);

    /// <summary>
    /// Reorganises the stored index for reading after a bulk load (SQLite: FTS5 merges its segments into one), in the
    /// caller's transaction. Searches find the same documents before and after.
    /// </summary>
    Task CompactAsync(CancellationToken ct);

    /// <summary>Runs a query; with no clauses every document passing the filters matches.</summary>
    Task<SearchIndexResult> QueryAsync(SearchIndexQuery query, CancellationToken ct);

    /// <summary>Distinct person names in the index (for the segmenter's dictionary).</summary>
    Task<IReadOnlyList<string>> PersonNamesAsync(CancellationToken ct);
}
