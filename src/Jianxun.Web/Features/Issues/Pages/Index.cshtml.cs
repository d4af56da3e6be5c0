using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Issues.Pages;

public sealed class IndexModel(IssueHandlers handler, SeriesHandlers series, TimeProvider clock) : PageModel, IRedisplayOnRefusal
{
    public IReadOnlyList<IssueListItemDto> Issues { get; private set; } = [];
    public IReadOnlyList<SeriesDto> Series { get; private set; } = [];

    /// <summary>For editors: the numbers 新建下一期 would give in this year, per series.</summary>
    public IReadOnlyDictionary<int, NextIssueNumbers> Next { get; private set; } = new Dictionary<int, NextIssueNumbers>();
    public DateOnly Today => clock.OfficeToday();

    [BindProperty] public int SeriesId { get; set; }

    /// <summary>Shows one series' issues (the archive per series).</summary>
    [BindProperty(SupportsGet = true), FromQuery(Name = "series")] public int? SeriesFilter { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var issue = await handler.CreateNextAsync(User.ToActor(), new CreateIssueRequest(SeriesId, Date), ct);
        TempData["Message"] = $"已新建 {issue.Series} {issue.Label}（总第{issue.TotalNumber}期）。";
        return Redirect($"/issues/{issue.Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Issues = await handler.ListAsync(User.ToActor(), SeriesFilter, null, ct);
        Series = await series.ListAsync(includeInactive: false, ct);
        if (User.IsInRole(Roles.Editor))
        {
            Next = (await handler.NextNumbersAsync(User.ToActor(), Today.Year, ct)).ToDictionary(n => n.SeriesId);
        }
    }
}
