using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Search;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Features.Search.Pages;

/// <summary>The search index for administrators: what it holds, the last rebuilds, and a rebuild with progress.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ReindexModel(SearchReindexJob job, SearchHandlers search, AuditQueries audit, IOptions<JianxunOptions> options) : PageModel, IRedisplayOnRefusal
{
    /// <summary>The administrator's confirmation that saves wait (and may fail) while the index is rebuilt.</summary>
    [BindProperty] public bool Confirm { get; set; }

    public SearchReindexStatusDto Status { get; private set; } = null!;

    /// <summary>Null while a rebuild runs (the counts would be the old index's).</summary>
    public SearchIndexCountsDto? Counts { get; private set; }

    public IReadOnlyList<AuditEntryDto> History { get; private set; } = [];

    /// <summary>Which saves wait during a rebuild depends on the database (see the page).</summary>
    public bool IsSqlite => options.Value.Database == DatabaseProvider.Sqlite;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Confirm)
        {
            throw ValidationException.For("confirm", "请先勾选确认：已了解重建期间保存要等待。");
        }
        await job.StartRebuildAsync(User.ToActor(), ct);
        TempData["Message"] = "已开始重建搜索索引。";
        return Redirect("/admin/search");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Status = job.Status;
        Counts = Status.State == SearchReindexState.Running ? null : await search.IndexCountsAsync(actor, ct);
        History = [.. (await audit.ListAsync(actor, SearchReindexJob.AuditEntityType, null, 1, ct)).Items.Take(10)];
    }
}
