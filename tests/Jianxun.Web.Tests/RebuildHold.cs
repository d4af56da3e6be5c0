using Jianxun.Core.Search;

namespace Jianxun.Web.Tests;

/// <summary>
/// A test hook: the next rebuild of the search index waits where <see cref="HoldableSearchIndex"/> first writes documents,
/// that is inside the rebuild's transaction with the old index already deleted, until released or failed.
/// </summary>
public sealed class RebuildHold
{
    private readonly Lock _gate = new();
    private bool _armed;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the rebuild is waiting.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _release.TrySetResult();

    /// <summary>Makes the held rebuild fail as a database error would.</summary>
    public void Fail() => _release.TrySetException(new InvalidOperationException("Test hook: the rebuild fails while writing the index."));

    internal void Arm()
    {
        lock (_gate)
        {
            _armed = true;
            _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    internal async Task WaitIfArmedAsync(CancellationToken ct)
    {
        Task release;
        lock (_gate)
        {
            if (!_armed)
            {
                return;
            }
            _armed = false;
            _reached.TrySetResult();
            release = _release.Task;
        }
        await release.WaitAsync(ct);
    }
}

/// <summary>The provider's index, with <see cref="RebuildHold"/> before writes; everything else passes through.</summary>
internal sealed class HoldableSearchIndex(ISearchIndex inner, RebuildHold hold) : ISearchIndex
{
    public async Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        await hold.WaitIfArmedAsync(ct);
        await inner.UpsertAsync(documents, ct);
    }

    public Task DeleteAsync(SearchDocKind kind, IReadOnlyCollection<int> refIds, CancellationToken ct) => inner.DeleteAsync(kind, refIds, ct);

    public Task DeleteIssuesAsync(IReadOnlyCollection<int> issueIds, CancellationToken ct) => inner.DeleteIssuesAsync(issueIds, ct);

    public Task ClearAsync(CancellationToken ct) => inner.ClearAsync(ct);

    public Task CompactAsync(CancellationToken ct) => inner.CompactAsync(ct);

    public Task<SearchIndexResult> QueryAsync(SearchIndexQuery query, CancellationToken ct) => inner.QueryAsync(query, ct);

    public Task<IReadOnlyList<string>> PersonNamesAsync(CancellationToken ct) => inner.PersonNamesAsync(ct);
}
