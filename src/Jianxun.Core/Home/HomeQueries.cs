using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Submissions;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Home;

public sealed record WorkItemDto(int Id, string Title, string Unit, string Status, DateTime At);

public sealed record IssueItemDto(int Id, string Series, string Label, DateOnly Date, string Status);

/// <summary>What is waiting for each role; a list is null when the user does not hold the role.</summary>
public sealed record HomeDto(
    IReadOnlyList<WorkItemDto>? MyDraftsAndReturned,
    IReadOnlyList<WorkItemDto>? AwaitingUnitReview,
    IReadOnlyList<WorkItemDto>? AwaitingEditor,
    IReadOnlyList<IssueItemDto>? AwaitingSignOff,
    IReadOnlyList<IssueItemDto> LatestIssues);

/// <summary>The home page: each role sees what is waiting for it, scoped to the user's unit.</summary>
public sealed class HomeQueries(AppDbContext db, ReadingScope reading)
{
    private const int ListSize = 20;

    public async Task<HomeDto> GetAsync(Actor actor, CancellationToken ct)
    {
        IReadOnlyList<WorkItemDto>? mine = null, unitReview = null, editor = null;
        IReadOnlyList<IssueItemDto>? signOff = null;

        if (actor.IsInRole(Roles.Contributor) && actor.UserId is int userId)
        {
            mine = await Items(db.Submissions.Where(s => s.CreatedById == userId
                    && (s.Status == SubmissionStatus.Draft || s.Status == SubmissionStatus.Returned))
                .OrderByDescending(s => s.UpdatedAt), ct);
        }
        if (actor.IsInRole(Roles.UnitReviewer) && actor.UnitId is int unitId)
        {
            unitReview = await Items(db.Submissions.Where(s => s.Units.Any(u => u.UnitId == unitId) && s.Status == SubmissionStatus.AwaitingUnitReview)
                .OrderBy(s => s.SubmittedAt), ct);
        }
        if (actor.IsInRole(Roles.Editor))
        {
            editor = await Items(db.Submissions.Where(s => s.Status == SubmissionStatus.Submitted).OrderBy(s => s.SubmittedAt), ct);
        }
        if (actor.IsInRole(Roles.Signer))
        {
            signOff = await IssueItems(db.Issues.Where(i => i.Status == IssueStatus.AwaitingSignOff).OrderBy(i => i.CreatedAt), ct);
        }
        var published = await reading.FilterAsync(db.Issues.Where(i => i.Status == IssueStatus.Published), actor, ct);
        var latest = await IssueItems(published.OrderByDescending(i => i.PublishedAt), ct);
        return new HomeDto(mine, unitReview, editor, signOff, latest);
    }

    private static async Task<IReadOnlyList<WorkItemDto>> Items(IQueryable<Submission> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Take(ListSize)
            .Select(s => new { s.Id, s.Title, Unit = s.Unit!.ShortName, s.Status, s.UpdatedAt })
            .ToListAsync(ct);
        return [.. rows.Select(r => new WorkItemDto(r.Id, r.Title, r.Unit, r.Status.ToString(), r.UpdatedAt))];
    }

    private static async Task<IReadOnlyList<IssueItemDto>> IssueItems(IQueryable<Issue> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Take(ListSize)
            .Select(i => new { i.Id, Series = i.Series!.Name, i.Year, i.Number, i.Date, i.Status })
            .ToListAsync(ct);
        return [.. rows.Select(r => new IssueItemDto(r.Id, r.Series, r.Year is null ? r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : $"{r.Year}年第{r.Number}期", r.Date, r.Status.ToString()))];
    }
}
