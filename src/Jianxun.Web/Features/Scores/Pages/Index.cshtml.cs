using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Scoring;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Scores.Pages;

/// <summary>The ranking of a month, quarter or year: chart, table, exports; publishing and recomputing for the office.</summary>
public sealed class IndexModel(ScoreHandlers handler) : PageModel, IRedisplayOnRefusal
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Group { get; set; }

    /// <summary>The picker's year and span (全年, Q1…, 01…); they win over <see cref="Period"/>.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public string? Span { get; set; }

    /// <summary>The administrator's confirmation that past months will be scored with today's rules.</summary>
    [BindProperty] public bool Confirm { get; set; }

    public ScorePeriod Shown { get; private set; }
    public DateOnly Today { get; private set; }
    public RankingDto? Ranking { get; private set; }

    /// <summary>Why a unit user sees no ranking (not yet published).</summary>
    public string? NotPublished { get; private set; }

    public IReadOnlyList<string> PublishedPeriods { get; private set; } = [];

    public bool IsOffice => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor) || User.IsInRole(Roles.Signer);
    public bool CanPublish => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    public bool IsAdmin => User.IsInRole(Roles.Admin);
    public int? OwnUnitId => User.ToActor().UnitId;

    public string Query(ScorePeriod period, string? group) =>
        $"period={Uri.EscapeDataString(period.Key)}{(string.IsNullOrEmpty(group) ? "" : "&group=" + Uri.EscapeDataString(group))}";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        await ActAsync(async p =>
        {
            await handler.PublishAsync(User.ToActor(), p, ct);
            return $"已向各单位发布{p.Label}的排名。";
        });

    public async Task<IActionResult> OnPostUnpublishAsync(CancellationToken ct) =>
        await ActAsync(async p =>
        {
            await handler.UnpublishAsync(User.ToActor(), p, ct);
            return $"已撤回{p.Label}的排名，各单位暂时看不到。";
        });

    public async Task<IActionResult> OnPostRecomputeAsync(CancellationToken ct) =>
        await ActAsync(async p =>
        {
            if (!Confirm)
            {
                throw ValidationException.For("confirm", "请先勾选确认：已结束的月份将改按现行规则计分。");
            }
            await handler.RecomputeAsync(User.ToActor(), p, ct);
            return $"已按现行规则重新计算{p.Label}的得分，并记入操作日志。";
        });

    private async Task<IActionResult> ActAsync(Func<ScorePeriod, Task<string>> act)
    {
        var period = ScorePeriodNav.Resolve(Period, null, null, handler.Today);
        TempData["Message"] = await act(period);
        return Redirect("/scores?" + Query(period, Group));
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
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
        Group = string.IsNullOrWhiteSpace(Group) ? null : Group.Trim();
        try
        {
            Ranking = await handler.RankingAsync(User.ToActor(), Shown, Group, ct);
        }
        catch (ForbiddenException e)
        {
            // Units see a ranking only once the office has published it: say so, rather than an error page.
            NotPublished = e.Message;
        }
        if (!IsOffice)
        {
            PublishedPeriods = await handler.PublishedPeriodsAsync(ct);
        }
    }
}
