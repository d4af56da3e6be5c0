using Jianxun.Core.Accounts;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Submissions.Pages;

public sealed class IndexModel(SubmissionHandlers handler, UnitHandlers units, SeriesHandlers series) : PageModel
{
    [BindProperty(SupportsGet = true)] public SubmissionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public int? ColumnId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public SubmissionPageDto Result { get; private set; } = null!;
    public IReadOnlyList<UnitDto> Units { get; private set; } = [];
    public IReadOnlyList<ColumnDto> Columns { get; private set; } = [];
    public bool SeeAllUnits { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        SeeAllUnits = actor.IsInRole(Roles.Editor) || actor.IsInRole(Roles.Signer) || actor.IsAdmin;
        if (Request.Query.Count == 0 && actor.IsInRole(Roles.Editor))
        {
            // The editor's default view is the queue, oldest first.
            Status = SubmissionStatus.Submitted;
        }
        Result = await handler.ListAsync(actor, new SubmissionFilter(Status, UnitId, ColumnId, From, To, Page: PageNumber), ct);
        Units = await units.ListAsync(includeInactive: false, ct);
        Columns = [.. (await series.ListAsync(includeInactive: false, ct)).SelectMany(s => s.Columns)];
    }

    public string PageLink(int page)
        => $"/submissions?status={Status}&unitId={UnitId}&columnId={ColumnId}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&page={page}";
}
