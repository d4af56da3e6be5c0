using Jianxun.Core.Accounts;

namespace Jianxun.Core.Issues;

public enum IssueAction
{
    SubmitForSignOff = 0,
    SignOff = 1,
    SendBack = 2,
    Publish = 3,
    Correct = 4,
}

public sealed record IssueTransition(IssueAction Action, IssueStatus From, IssueStatus To, IReadOnlyList<string> Roles, bool RequiresComment = false);

/// <summary>The life of an issue as data: compile (draft) → sign-off → signed (locked) → published (never changes; corrections are revisions).</summary>
public static class IssueWorkflow
{
    public static IReadOnlyList<IssueTransition> Table { get; } =
    [
        new(IssueAction.SubmitForSignOff, IssueStatus.Draft, IssueStatus.AwaitingSignOff, [Roles.Editor]),
        new(IssueAction.SignOff, IssueStatus.AwaitingSignOff, IssueStatus.SignedOff, [Roles.Signer]),
        new(IssueAction.SendBack, IssueStatus.AwaitingSignOff, IssueStatus.Draft, [Roles.Signer], RequiresComment: true),
        new(IssueAction.Publish, IssueStatus.SignedOff, IssueStatus.Published, [Roles.Editor, Roles.Signer]),
        new(IssueAction.Correct, IssueStatus.Published, IssueStatus.Published, [Roles.Editor], RequiresComment: true),
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
    };
}
