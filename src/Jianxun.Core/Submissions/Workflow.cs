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

    /// <summary>The writer takes a withdrawn article back as a draft.</summary>
    Restore = 9,

    /// <summary>The writer deletes a withdrawn article for good (its photos, revisions and history go with it; the audit log keeps the record).</summary>
    Delete = 10,
}

/// <summary>One row of the transition table.</summary>
/// <param name="Action">The move.</param>
/// <param name="From">The states it may start from.</param>
/// <param name="To">The state it leads to (Submit may be rerouted to unit review, see <see cref="Workflow.TargetOf"/>).</param>
/// <param name="Role">The role that may make it; "System" for moves only Jianxun makes.</param>
/// <param name="RequiresComment">A comment is required (return, decline).</param>
/// <param name="RequiresColumn">A column is required (adopt).</param>
/// <param name="Confirm">The question the page asks before the move (it cannot be undone, or not easily); null when none.</param>
public sealed record Transition(WorkflowAction Action, IReadOnlyList<SubmissionStatus> From, SubmissionStatus To, string Role,
    bool RequiresComment = false, bool RequiresColumn = false, string? Confirm = null);

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
        new(WorkflowAction.Decline, [SubmissionStatus.Submitted], SubmissionStatus.Declined, Roles.Editor, RequiresComment: true,
            Confirm: "不采用后，这篇稿件的流程即告结束，不能恢复。确定不采用吗？"),
        new(WorkflowAction.Withdraw, [SubmissionStatus.Draft, SubmissionStatus.AwaitingUnitReview, SubmissionStatus.Submitted, SubmissionStatus.Returned],
            SubmissionStatus.Withdrawn, Roles.Contributor, Confirm: "撤回后审核人和编辑不再处理这篇稿件（之后可以恢复为草稿重新报送）。确定撤回吗？"),
        new(WorkflowAction.Restore, [SubmissionStatus.Withdrawn], SubmissionStatus.Draft, Roles.Contributor),
        new(WorkflowAction.Delete, [SubmissionStatus.Withdrawn], SubmissionStatus.Deleted, Roles.Contributor,
            Confirm: "删除后稿件、图片和修改记录都不能恢复。确定删除吗？"),
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
        SubmissionStatus.Deleted => "已删除",
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
        WorkflowAction.Restore => "恢复为草稿",
        WorkflowAction.Delete => "删除",
    };
}
