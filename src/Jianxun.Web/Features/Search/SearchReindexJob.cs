using System.Globalization;
using System.Threading.Channels;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Search;
using Jianxun.Web.Infrastructure;

namespace Jianxun.Web.Features.Search;

public enum SearchReindexState
{
    Idle = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// The web app's rebuild of the search index, as <c>GET /api/admin/search/reindex</c> reports it. Times are UTC;
/// <see cref="Error"/> is a Chinese message for the administrator (details go to the server log).
/// </summary>
public sealed record SearchReindexStatusDto(
    SearchReindexState State,
    int Done,
    int Total,
    int Percent,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? StartedBy,
    string? Error);

/// <summary>
/// Rebuilds the search index in the background for the administration page and API, one rebuild at a time, with
/// progress. The rebuild is <see cref="SearchHandlers.ReindexAsync"/>, the code behind <c>jianxun search reindex</c>: one
/// transaction, so a failed or cancelled rebuild (the app stopping cancels it) leaves the old index as it was.
/// The start and the end are audited.
/// </summary>
// REVIEW: the one-at-a-time rule holds within this process only. A second server, or `jianxun search reindex` run at the
// same time, is not refused here: its rebuild waits for this one's locks (search_state, and on SQLite the write lock).
public sealed class SearchReindexJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SearchReindexJob> logger) : BackgroundService
{
    public const string AuditEntityType = SearchHandlers.AuditEntityType;

    private static readonly SearchReindexStatusDto IdleStatus = new(SearchReindexState.Idle, 0, 0, 0, null, null, null, null);

    private readonly Channel<Actor> _queue = Channel.CreateUnbounded<Actor>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private SearchReindexStatusDto _status = IdleStatus;

    public SearchReindexStatusDto Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>
    /// Starts a rebuild and returns its status (running); a rebuild already running is a <see cref="ConflictException"/>
    /// carrying its status. The start is audited before the rebuild is queued.
    /// </summary>
    public async Task<SearchReindexStatusDto> StartRebuildAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        SearchReindexStatusDto previous, started;
        lock (_gate)
        {
            if (_status.State == SearchReindexState.Running)
            {
                throw new ConflictException(
                    $"搜索索引正在重建（{_status.StartedBy} 发起，已索引 {_status.Done} / {_status.Total}），请等这次重建结束后再试。", _status);
            }
            previous = _status;
            _status = started = new SearchReindexStatusDto(SearchReindexState.Running, 0, 0, 0, clock.GetUtcNow().UtcDateTime, null, actor.Name, null);
        }
        try
        {
            await AuditAsync(actor, "search.reindex.started", "开始重建搜索索引", ct);
            if (!_queue.Writer.TryWrite(actor))
            {
                throw new ConflictException("服务正在停止，无法开始重建搜索索引。");
            }
        }
        catch
        {
            lock (_gate)
            {
                _status = previous;
            }
            throw;
        }
        Log.SearchReindexStarted(logger, actor.UserName);
        return started;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var actor in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RebuildAsync(actor, stoppingToken);
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    private async Task RebuildAsync(Actor actor, CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        SearchReindexState state;
        string? error = null;
        string details;
        var count = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            count = await scope.ServiceProvider.GetRequiredService<SearchHandlers>().ReindexAsync(actor, new StatusProgress(this), stoppingToken);
            state = SearchReindexState.Succeeded;
            var seconds = clock.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            details = $"搜索索引重建完成：共 {count} 篇，用时 {seconds} 秒";
            Log.SearchReindexSucceeded(logger, count, seconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state = SearchReindexState.Failed;
            error = "服务停止，重建已取消；原来的索引保持不变。";
            details = "搜索索引重建已取消（服务停止），原来的索引保持不变";
            Log.SearchReindexCancelled(logger);
        }
        catch (Exception e)
        {
            state = SearchReindexState.Failed;
            error = "重建失败，原来的索引保持不变。详细错误已写入服务器日志，请联系系统维护人员。";
            details = $"搜索索引重建失败（{e.GetType().Name}），原来的索引保持不变";
            Log.SearchReindexFailed(logger, e);
        }
        // Audited before the state changes: whoever sees the rebuild end finds it in the audit log too.
        // Not with the stopping token: a cancelled rebuild is recorded while the app shuts down.
        try
        {
            await AuditAsync(actor, state == SearchReindexState.Succeeded ? "search.reindex.succeeded" : "search.reindex.failed", details, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.SearchReindexNotAudited(logger, e);
        }
        lock (_gate)
        {
            var done = state == SearchReindexState.Succeeded ? count : _status.Done;
            _status = _status with
            {
                State = state,
                Done = done,
                Percent = Percent(state, done, _status.Total),
                FinishedAt = clock.GetUtcNow().UtcDateTime,
                Error = error,
            };
        }
    }

    private void Report(int done, int total)
    {
        lock (_gate)
        {
            if (_status.State == SearchReindexState.Running)
            {
                _status = _status with { Done = done, Total = total, Percent = Percent(_status.State, done, total) };
            }
        }
    }

    private static int Percent(SearchReindexState state, int done, int total)
        => total == 0 ? (state == SearchReindexState.Succeeded ? 100 : 0) : (int)(Math.Min(done, total) * 100L / total);

    private async Task AuditAsync(Actor actor, string action, string details, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(actor, action, AuditEntityType, null, details);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(ct);
    }

    /// <summary>Updates the status on the indexer's thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class StatusProgress(SearchReindexJob job) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => job.Report(value.Done, value.Total);
    }
}
