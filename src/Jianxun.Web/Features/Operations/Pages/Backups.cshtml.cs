using Jianxun.Core.Operations;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Operations.Pages;

/// <summary>The last backup for administrators: when, how big, whether it worked (ADR-032). Read from the record the backup command writes.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class BackupsModel(BackupStatus status, TimeProvider clock) : PageModel
{
    /// <summary>Older than this, the page warns that there is no recent backup (a daily timer missed more than one run).</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromHours(48);

    public BackupStatusRecord Record { get; private set; } = new(null, null);

    public bool IsStale => Record.LastSuccess is not { } s || clock.GetUtcNow() - s.FinishedAt > Stale;

    public async Task OnGetAsync(CancellationToken ct) => Record = await status.ReadAsync(ct);
}
