using Jianxun.Core.Accounts;

namespace Jianxun.Core.Issues;

public enum IssueAction
{
    SubmitForSignOff = 0,
    SignOff = 1,
    SendBack = 2,
    Publish = 3,
    Correct = 4,

    /// <summary>The issue was started (a history entry, not a move of the table).</summary>
    Create = 5,

    /// <summary>撤回送签: the editor takes an issue back from the signer's desk before it is signed.</summary>
    Recall = 6,
}

/// <summary>One row of the issue's transition table.</summary>
/// <param name="Action">The move.</param>
/// <param name="From">The state it starts from.</param>
/// <param name="To">The state it leads to.</param>
/// <param name="Roles">The roles that may make it.</param>
/// <param name="RequiresComment">A comment is required (send back, correction).</param>
/// <param name="Confirm">The question the page asks before a move that cannot be undone; null when it can be.</param>
public sealed record IssueTransition(IssueAction Action, IssueStatus From, IssueStatus To, IReadOnlyList<string> Roles, bool RequiresComment = false,
    string? Confirm = null);

/// <summary>
/// The life of an issue as data: compile (draft) → sign-off → signed (locked) → published (never changes; corrections are
/// revisions). The pages show exactly the moves this table allows the user (ADR-023).
/// </summary>
public static class IssueWorkflow
{
    public static IReadOnlyList<IssueTransition> Table { get; } =
    [
        new(IssueAction.SubmitForSignOff, IssueStatus.Draft, IssueStatus.AwaitingSignOff, [Roles.Editor]),
        new(IssueAction.Recall, IssueStatus.AwaitingSignOff, IssueStatus.Draft, [Roles.Editor]),
        new(IssueAction.SignOff, IssueStatus.AwaitingSignOff, IssueStatus.SignedOff, [Roles.Signer],
            Confirm: "签发后本期即锁定，不能再修改。确定签发吗？"),
        new(IssueAction.SendBack, IssueStatus.AwaitingSignOff, IssueStatus.Draft, [Roles.Signer], RequiresComment: true),
        // The editors print and send (印发) what the leader signed; the signer's part ends with the signature.
        new(IssueAction.Publish, IssueStatus.SignedOff, IssueStatus.Published, [Roles.Editor],
            Confirm: "印发后刊物即发给读者，不能撤回，只能另发更正版。确定印发吗？"),
        new(IssueAction.Correct, IssueStatus.Published, IssueStatus.Published, [Roles.Editor], RequiresComment: true,
            Confirm: "更正版发布后不能撤回，读者将看到新的一版。确定发布更正版吗？"),
    ];

    public static IssueTransition? Find(IssueAction action, IssueStatus from) => Table.FirstOrDefault(t => t.Action == action && t.From == from);

    public static string DisplayName(IssueStatus status) => status switch
    {
        IssueStatus.Draft => "编辑中",
        IssueStatus.AwaitingSignOff => "待签发",
        IssueStatus.SignedOff => "已签发",
        IssueStatus.Published => "已印发",
    };

    public static string DisplayName(IssueAction action) => action switch
    {
        IssueAction.SubmitForSignOff => "送签",
        IssueAction.SignOff => "签发",
        IssueAction.SendBack => "退回修改",
        IssueAction.Publish => "印发",
        IssueAction.Correct => "更正",
        IssueAction.Create => "新建",
        IssueAction.Recall => "撤回送签",
    };
}
