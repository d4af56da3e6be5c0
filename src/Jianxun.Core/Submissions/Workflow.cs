using Jianxun.Core.Accounts;

namespace Jianxun.Core.Submissions;

/// <summary>What a user can do to an article.</summary>
public enum WorkflowAction
{
    Create = 0,
    Submit = 1,
    UnitApprove = 2,
    UnitReturn = 3,
    Adopt = 4,
    Return = 5,
    Decline = 6,
    Withdraw = 7,
    Publish = 8,
}

/// <summary>One row of the transition table.</summary>
/// <param name="Action">The move.</param>
/// <param name="From">The states it may start from.</param>
/// <param name="To">The state it leads to (Submit may be rerouted to unit review, see <see cref="Workflow.TargetOf"/>).</param>
/// <param name="Role">The role that may make it; "System" for moves only Jianxun makes.</param>
/// <param name="RequiresComment">A comment is required (return, decline).</param>
/// <param name="RequiresColumn">A column is required (adopt).</param>
public sealed record Transition(WorkflowAction Action, IReadOnlyList<SubmissionStatus> From, SubmissionStatus To, string Role,
    bool RequiresComment = false, bool RequiresColumn = false);

/// <summary>
/// The workflow as data (squidex-style): which role may move an article from which state to which,
/// and what the move requires. Everything else asks this table.
/// </summary>
public static class Workflow
{
    public const string SystemRole = "System";

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(WorkflowAction.Submit, [SubmissionStatus.Draft, SubmissionStatus.Returned], SubmissionStatus.Submitted, Roles.Contributor),
        new(WorkflowAction.UnitApprove, [SubmissionStatus.AwaitingUnitReview], SubmissionStatus.Submitted, Roles.UnitReviewer),
        new(WorkflowAction.UnitReturn, [SubmissionStatus.AwaitingUnitReview], SubmissionStatus.Returned, Roles.UnitReviewer, RequiresComment: true),
        new(WorkflowAction.Adopt, [SubmissionStatus.Submitted], SubmissionStatus.Adopted, Roles.Editor, RequiresColumn: true),
        new(WorkflowAction.Return, [SubmissionStatus.Submitted, SubmissionStatus.Adopted], SubmissionStatus.Returned, Roles.Editor, RequiresComment: true),
        new(WorkflowAction.Decline, [SubmissionStatus.Submitted], SubmissionStatus.Declined, Roles.Editor, RequiresComment: true),
        new(WorkflowAction.Withdraw, [SubmissionStatus.Draft, SubmissionStatus.AwaitingUnitReview, SubmissionStatus.Submitted, SubmissionStatus.Returned],
            SubmissionStatus.Withdrawn, Roles.Contributor),
        new(WorkflowAction.Publish, [SubmissionStatus.Adopted], SubmissionStatus.Published, SystemRole),
    ];

    /// <summary>The row for a move from a state, or null when the table has none.</summary>
    public static Transition? Find(WorkflowAction action, SubmissionStatus from)
        => Table.FirstOrDefault(t => t.Action == action && t.From.Contains(from));

    /// <summary>Whether someone holding <paramref name="roles"/> may make the move from <paramref name="from"/>.</summary>
    public static bool IsAllowed(WorkflowAction action, SubmissionStatus from, IEnumerable<string> roles)
        => Find(action, from) is { } t && roles.Contains(t.Role, StringComparer.Ordinal);

    /// <summary>
    /// Where the move leads. A submission goes to the unit's reviewer first when the unit asks for it —
    /// except when an editor had returned it: then the fixed article goes straight back to the editors.
    /// </summary>
    public static SubmissionStatus TargetOf(Transition transition, bool unitRequiresReview, ReturnStage returnedBy)
        => transition.Action == WorkflowAction.Submit && unitRequiresReview && returnedBy != ReturnStage.Editor
            ? SubmissionStatus.AwaitingUnitReview
            : transition.To;

    /// <summary>Who may edit the text in a state: the contributor before review, the reviewer during unit review, the editor after.</summary>
    public static bool CanEdit(SubmissionStatus status, string role) => (status, role) switch
    {
        (SubmissionStatus.Draft or SubmissionStatus.Returned, Roles.Contributor) => true,
        (SubmissionStatus.AwaitingUnitReview, Roles.UnitReviewer) => true,
        (SubmissionStatus.Submitted or SubmissionStatus.Adopted, Roles.Editor) => true,
        _ => false,
    };

    public static string DisplayName(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => "草稿",
        SubmissionStatus.AwaitingUnitReview => "待单位审核",
        SubmissionStatus.Submitted => "待编辑处理",
        SubmissionStatus.Adopted => "已采用",
        SubmissionStatus.Returned => "已退回",
        SubmissionStatus.Declined => "不采用",
        SubmissionStatus.Withdrawn => "已撤回",
        SubmissionStatus.Published => "已刊发",
    };

    public static string DisplayName(WorkflowAction action) => action switch
    {
        WorkflowAction.Create => "创建",
        WorkflowAction.Submit => "报送",
        WorkflowAction.UnitApprove => "单位审核通过",
        WorkflowAction.UnitReturn => "单位审核退回",
        WorkflowAction.Adopt => "采用",
        WorkflowAction.Return => "退回修改",
        WorkflowAction.Decline => "不采用",
        WorkflowAction.Withdraw => "撤回",
        WorkflowAction.Publish => "刊发",
    };
}
