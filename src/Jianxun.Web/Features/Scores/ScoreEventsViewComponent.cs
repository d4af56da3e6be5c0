using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Features.Scores;

/// <summary>What the 上级采用 form sends (every field as typed, so nothing is lost when something is wrong).</summary>
public sealed class HigherAdoptionForm
{
    public string? Date { get; set; }
    public string? Kind { get; set; }
    public string? Body { get; set; }
    public string? Publication { get; set; }
    public string? Note { get; set; }
}

/// <summary>What the 领导批示 form sends (the scan comes as a separate file field).</summary>
public sealed class InstructionForm
{
    public string? Date { get; set; }
    public string? Level { get; set; }
    public string? LeaderName { get; set; }
    public string? Text { get; set; }
}

/// <summary>The model of <c>_ScoreEvents.cshtml</c>: an article's recorded events and, for editors, the forms to add more.</summary>
public sealed class ScoreEventsView
{
    public required int SubmissionId { get; init; }
    public required SubmissionScoreEventsDto Events { get; init; }
    public required bool CanRecord { get; init; }
    public required DateOnly Today { get; init; }
    public HigherAdoptionForm Higher { get; init; } = new();
    public InstructionForm Instruction { get; init; } = new();

    /// <summary>True on the events page itself (after a form error), where the forms post back to the same page.</summary>
    public bool Standalone { get; init; }

    /// <summary>Editors and administrators record events on articles that reached the editors.</summary>
    public static bool MayRecord(System.Security.Claims.ClaimsPrincipal user, string status) =>
        (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin))
        && status is not (nameof(SubmissionStatus.Draft) or nameof(SubmissionStatus.Withdrawn) or nameof(SubmissionStatus.AwaitingUnitReview));
}

/// <summary>
/// The section 上级采用与领导批示 on the article page: self-contained (its own data, its own forms posting to
/// <c>/submissions/{id}/score-events</c>), so the article page only places it.
/// </summary>
public sealed class ScoreEventsViewComponent(ScoreHandlers handler) : ViewComponent
{
    public const string ViewPath = "/Features/Scores/Pages/_ScoreEvents.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(int submissionId, string status)
    {
        SubmissionScoreEventsDto events;
        try
        {
            events = await handler.EventsAsync(UserClaimsPrincipal.ToActor(), submissionId, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            // Readers of a published article outside the unit see the article, not the unit's assessment records.
            return Content("");
        }
        var canRecord = ScoreEventsView.MayRecord(UserClaimsPrincipal, status);
        var recorded = events.HigherAdoptions.Count + events.Instructions.Count > 0;
        var scored = status is nameof(SubmissionStatus.Adopted) or nameof(SubmissionStatus.Published);
        if (!canRecord && !recorded && !scored)
        {
            return Content("");
        }
        return View(ViewPath, new ScoreEventsView { SubmissionId = submissionId, Events = events, CanRecord = canRecord, Today = handler.Today });
    }
}
