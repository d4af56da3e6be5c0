using Jianxun.Core.Common;
using Jianxun.Core.Scoring;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Scores.Pages;

/// <summary>One unit's score for a period, opened into the items and rules behind every point, with the year's trend.</summary>
public sealed class UnitModel(ScoreHandlers handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Span { get; set; }

    public ScorePeriod Shown { get; private set; }
    public DateOnly Today { get; private set; }
    public UnitBreakdownDto? Breakdown { get; private set; }

    /// <summary>The handler's reason when the unit's figures cannot be shown (another unit's, or a unit not assessed).</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = handler.Today;
        try
        {
            Shown = ScorePeriodNav.Resolve(Period, Year, Span, Today);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
            Shown = ScorePeriod.ForMonth(Today.Year, Today.Month);
        }
        try
        {
            Breakdown = await handler.UnitAsync(User.ToActor(), Id, Shown, ct);
        }
        catch (ForbiddenException e)
        {
            // The readable reason on the page itself (只能查看本单位的得分明细), with the status a program expects.
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (NotFoundException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>The months of the trend, with no value for months still to come.</summary>
    internal IReadOnlyList<ChartPoint> TrendPoints() =>
        Breakdown is null
            ? []
            : [.. Breakdown.Trend.Select(m => new ChartPoint($"{m.MonthNumber}月",
                new DateOnly(Shown.Year, m.MonthNumber, 1) > Today ? null : m.Points))];
}
