using System.Globalization;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Submissions;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Home;

/// <summary>One row of a work list: what it is, where one click takes the user, and its state (a CSS class and its name) and time.</summary>
public sealed record HomeRowDto(int Id, string Link, string Title, string? Unit, string? StatusClass, string? StatusName, DateTime? At, DateOnly? Date);

/// <summary>
/// One work list of the home page: its title, how many things wait in it (all of them, not only the rows shown), the
/// page that lists them all, and the first rows.
/// </summary>
public sealed record HomeListDto(string Key, string Title, int Count, string AllLink, string Empty, IReadOnlyList<HomeRowDto> Rows);

/// <summary>The home page: the lists of the user's roles, in the order of the day's work; the latest issues last.</summary>
public sealed record HomeDto(IReadOnlyList<HomeListDto> Lists)
{
    public HomeListDto? List(string key) => Lists.FirstOrDefault(l => l.Key == key);

    public IReadOnlyList<HomeRowDto> LatestIssues => List(HomeQueries.Latest)?.Rows ?? [];
}

/// <summary>
/// Each role's home page is its work list: what waits for the user, with counts, one click away. Articles are listed
/// through the draft rule (<see cref="SubmissionHandlers.VisibleTo"/>), published issues through the reading scope
/// (ADR-007), so a list never shows what its page would refuse.
/// </summary>
public sealed class HomeQueries(AppDbContext db, ReadingScope reading)
{
    public const int RowsShown = 8;
    public const string Drafts = "drafts", Returned = "returned", Calls = "calls", UnitReview = "unit-review", ToAdopt = "to-adopt",
        ToPlace = "to-place", IssuesInProgress = "issues-in-progress", SentBack = "sent-back", SignOff = "sign-off", Latest = "latest";

    public async Task<HomeDto> GetAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var lists = new List<HomeListDto>();
        var visible = SubmissionHandlers.VisibleTo(db.Submissions, actor);
        var me = actor.UserId ?? -1;

        if (actor.IsInRole(Roles.Contributor))
        {
            lists.Add(await ArticlesAsync(Drafts, "我的草稿", "/submissions?status=Draft", "没有未报送的草稿。",
                visible.Where(s => s.CreatedById == me && s.Status == SubmissionStatus.Draft).OrderByDescending(s => s.UpdatedAt), ct));
            lists.Add(await ArticlesAsync(Returned, "退回修改的稿件", "/submissions?status=Returned", "没有退回的稿件。",
                visible.Where(s => s.CreatedById == me && s.Status == SubmissionStatus.Returned).OrderByDescending(s => s.UpdatedAt), ct));
            lists.Add(await CallsAsync(actor, ct));
        }
        if (actor.IsInRole(Roles.UnitReviewer) && actor.UnitId is int unitId)
        {
            lists.Add(await ArticlesAsync(UnitReview, "待本单位审核", "/submissions?status=AwaitingUnitReview", "没有等待本单位审核的稿件。",
                visible.Where(s => s.Status == SubmissionStatus.AwaitingUnitReview && s.Units.Any(u => u.UnitId == unitId)).OrderBy(s => s.SubmittedAt), ct));
        }
        if (actor.IsInRole(Roles.Editor))
        {
            var placed = db.IssueItems.Where(i => i.SubmissionId != null).Select(i => i.SubmissionId);
            lists.Add(await ArticlesAsync(ToAdopt, "待采用（先到先审）", "/submissions?status=Submitted", "没有等待采用的稿件。",
                visible.Where(s => s.Status == SubmissionStatus.Submitted).OrderBy(s => s.SubmittedAt), ct));
            lists.Add(await ArticlesAsync(ToPlace, "已采用待编入刊物", "/submissions?status=Adopted", "采用的稿件都已编入刊物。",
                visible.Where(s => s.Status == SubmissionStatus.Adopted && !placed.Contains(s.Id)).OrderBy(s => s.UpdatedAt), ct));
            lists.Add(await IssuesAsync(IssuesInProgress, "编辑中的刊物", "/issues", "没有正在编辑的刊物。",
                db.Issues.Where(i => i.Source == IssueSource.Compiled && (i.Status == IssueStatus.Draft || i.Status == IssueStatus.SignedOff))
                    .OrderBy(i => i.Date).ThenBy(i => i.Id), ct));
            var sentBack = await SentBackIssueIdsAsync(ct);
            lists.Add(await IssuesAsync(SentBack, "签发退回的刊物", "/issues", "没有被退回的刊物。",
                db.Issues.Where(i => sentBack.Contains(i.Id)).OrderBy(i => i.Date).ThenBy(i => i.Id), ct));
        }
        if (actor.IsInRole(Roles.Signer))
        {
            lists.Add(await IssuesAsync(SignOff, "待签发", "/issues", "没有等待签发的刊物。",
                db.Issues.Where(i => i.Status == IssueStatus.AwaitingSignOff).OrderBy(i => i.UpdatedAt), ct));
        }
        var published = await reading.FilterAsync(db.Issues.Where(i => i.Status == IssueStatus.Published), actor, ct);
        lists.Add(await IssuesAsync(Latest, "最新刊物", "/archive", "还没有可以阅读的刊物。",
            published.OrderByDescending(i => i.Date).ThenByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id), ct));
        return new HomeDto(lists);
    }

    /// <summary>
    /// Drafts the signer sent back: in the issue's own history (IssueEvent, ADR-023) the last 送签 or 退回修改 is a
    /// send-back, so an issue sent again and recalled (撤回送签) is not listed. Issues from before the history existed have
    /// no events and are not listed either.
    /// </summary>
    private async Task<List<int>> SentBackIssueIdsAsync(CancellationToken ct)
    {
        var steps = await db.Set<IssueEvent>().AsNoTracking()
            .Where(e => (e.Action == IssueAction.SubmitForSignOff || e.Action == IssueAction.SendBack)
                        && db.Issues.Any(i => i.Id == e.IssueId && i.Status == IssueStatus.Draft))
            .Select(e => new { e.Id, e.IssueId, e.At, e.Action }).ToListAsync(ct);
        return [.. steps.GroupBy(e => e.IssueId).Where(g => g.MaxBy(e => (e.At, e.Id))!.Action == IssueAction.SendBack).Select(g => g.Key)];
    }

    private static async Task<HomeListDto> ArticlesAsync(string key, string title, string allLink, string empty, IQueryable<Submission> query, CancellationToken ct)
    {
        var count = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().Take(RowsShown)
            .Select(s => new { s.Id, s.Title, Unit = s.Unit!.ShortName, s.Status, s.UpdatedAt })
            .ToListAsync(ct);
        return new HomeListDto(key, title, count, allLink, empty,
            [.. rows.Select(r => new HomeRowDto(r.Id, $"/submissions/{r.Id}", r.Title, r.Unit, "status-" + r.Status.ToString().ToLowerInvariant(), Workflow.DisplayName(r.Status), r.UpdatedAt, null))]);
    }

    private static async Task<HomeListDto> IssuesAsync(string key, string title, string allLink, string empty, IQueryable<Issue> query, CancellationToken ct)
    {
        var count = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().Take(RowsShown)
            .Select(i => new { i.Id, Series = i.Series!.Name, i.Year, i.Number, i.TotalNumber, i.Date, i.Status, i.Source })
            .ToListAsync(ct);
        return new HomeListDto(key, title, count, allLink, empty, [.. rows.Select(r =>
        {
            var label = new Issue { Year = r.Year, Number = r.Number, TotalNumber = r.TotalNumber, Date = r.Date }.Label;
            // A compiled issue opens on its page (downloads, history); an imported one in the archive's reading view.
            var link = r.Source == IssueSource.Imported ? $"/archive/{r.Id}" : $"/issues/{r.Id}";
            return new HomeRowDto(r.Id, link, $"{r.Series} {label}", null, "issue-" + r.Status.ToString().ToLowerInvariant(),
                IssueWorkflow.DisplayName(r.Status), null, r.Date);
        })]);
    }

    /// <summary>Open calls addressed to the user's unit, the nearest deadline first.</summary>
    private async Task<HomeListDto> CallsAsync(Actor actor, CancellationToken ct)
    {
        var query = db.Calls.Where(c => !c.IsClosed && c.Units.Any(u => u.UnitId == actor.UnitId)).OrderBy(c => c.Deadline);
        var count = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().Take(RowsShown).Select(c => new { c.Id, c.Topic, c.Deadline }).ToListAsync(ct);
        return new HomeListDto(Calls, "约稿通知", count, "/calls", "没有正在征集的约稿。",
            [.. rows.Select(r => new HomeRowDto(r.Id, $"/calls/{r.Id}", r.Topic, null, null, "截止 " + r.Deadline.ToString("M月d日", CultureInfo.InvariantCulture), null, r.Deadline))]);
    }
}
