using Jianxun.Core.Accounts;
using Jianxun.Core.Issues;
using Jianxun.Core.Submissions;

namespace Jianxun.Core.Tests;

public sealed class WorkflowTests
{
    // The expected table, written out by hand from the requirements (and not derived from Workflow.Table):
    // action, role, the states it may start from, and where it leads.
    private static readonly (WorkflowAction Action, string Role, SubmissionStatus[] From, SubmissionStatus To)[] Expected =
    [
        (WorkflowAction.Submit, Roles.Contributor, [SubmissionStatus.Draft, SubmissionStatus.Returned], SubmissionStatus.Submitted),
        (WorkflowAction.UnitApprove, Roles.UnitReviewer, [SubmissionStatus.AwaitingUnitReview], SubmissionStatus.Submitted),
        (WorkflowAction.UnitReturn, Roles.UnitReviewer, [SubmissionStatus.AwaitingUnitReview], SubmissionStatus.Returned),
        (WorkflowAction.Adopt, Roles.Editor, [SubmissionStatus.Submitted], SubmissionStatus.Adopted),
        (WorkflowAction.Return, Roles.Editor, [SubmissionStatus.Submitted, SubmissionStatus.Adopted], SubmissionStatus.Returned),
        (WorkflowAction.Decline, Roles.Editor, [SubmissionStatus.Submitted], SubmissionStatus.Declined),
        (WorkflowAction.Withdraw, Roles.Contributor, [SubmissionStatus.Draft, SubmissionStatus.AwaitingUnitReview, SubmissionStatus.Submitted, SubmissionStatus.Returned], SubmissionStatus.Withdrawn),
        (WorkflowAction.Restore, Roles.Contributor, [SubmissionStatus.Withdrawn], SubmissionStatus.Draft),
        (WorkflowAction.Delete, Roles.Contributor, [SubmissionStatus.Withdrawn], SubmissionStatus.Deleted),
        (WorkflowAction.Publish, Workflow.SystemRole, [SubmissionStatus.Adopted], SubmissionStatus.Published),
    ];

    // The issue's table, by hand as well (ADR-023): the signer signs or sends back, the editors print (印发) and recall.
    private static readonly (IssueAction Action, IssueStatus From, IssueStatus To, string[] Roles)[] ExpectedIssue =
    [
        (IssueAction.SubmitForSignOff, IssueStatus.Draft, IssueStatus.AwaitingSignOff, [Roles.Editor]),
        (IssueAction.Recall, IssueStatus.AwaitingSignOff, IssueStatus.Draft, [Roles.Editor]),
        (IssueAction.SignOff, IssueStatus.AwaitingSignOff, IssueStatus.SignedOff, [Roles.Signer]),
        (IssueAction.SendBack, IssueStatus.AwaitingSignOff, IssueStatus.Draft, [Roles.Signer]),
        (IssueAction.Publish, IssueStatus.SignedOff, IssueStatus.Published, [Roles.Editor]),
        (IssueAction.Correct, IssueStatus.Published, IssueStatus.Published, [Roles.Editor]),
    ];

    [Fact]
    public void IssueTable_IsExactlyTheExpectedOne()
        => Assert.Equal(ExpectedIssue.Select(e => $"{e.Action} {e.From}→{e.To} {string.Join('+', e.Roles)}"),
            IssueWorkflow.Table.Select(t => $"{t.Action} {t.From}→{t.To} {string.Join('+', t.Roles)}"));

    [Fact]
    public void MovesThatCannotBeUndone_AskForConfirmation_AndNoOtherDoes()
    {
        Assert.Equal([WorkflowAction.Decline, WorkflowAction.Withdraw, WorkflowAction.Delete],
            Workflow.Table.Where(t => t.Confirm is not null).Select(t => t.Action));
        Assert.Equal([IssueAction.SignOff, IssueAction.Publish, IssueAction.Correct],
            IssueWorkflow.Table.Where(t => t.Confirm is not null).Select(t => t.Action));
    }

    public static TheoryData<SubmissionStatus, WorkflowAction, string> EveryCombination()
    {
        var data = new TheoryData<SubmissionStatus, WorkflowAction, string>();
        foreach (var state in Enum.GetValues<SubmissionStatus>())
        {
            foreach (var action in Enum.GetValues<WorkflowAction>())
            {
                foreach (var role in Roles.All.Append(Workflow.SystemRole))
                {
                    data.Add(state, action, role);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void IsAllowed_EveryStateActionAndRole_MatchesTheExpectedTable(SubmissionStatus state, WorkflowAction action, string role)
    {
        var expected = Expected.Any(e => e.Action == action && e.Role == role && e.From.Contains(state));
        Assert.Equal(expected, Workflow.IsAllowed(action, state, [role]));
    }

    [Fact]
    public void Table_EveryRow_LeadsWhereExpected()
    {
        foreach (var (action, _, from, to) in Expected)
        {
            foreach (var state in from)
            {
                Assert.Equal(to, Workflow.Find(action, state)!.To);
            }
        }
        Assert.Equal(Expected.Sum(e => e.From.Length), Workflow.Table.Sum(t => t.From.Count));
    }

    [Theory]
    [InlineData(WorkflowAction.UnitReturn)]
    [InlineData(WorkflowAction.Return)]
    [InlineData(WorkflowAction.Decline)]
    public void ReturnAndDecline_RequireAComment(WorkflowAction action)
        => Assert.All(Workflow.Table.Where(t => t.Action == action), t => Assert.True(t.RequiresComment));

    [Fact]
    public void Adopt_RequiresAColumn_AndNothingElseDoes()
        => Assert.All(Workflow.Table, t => Assert.Equal(t.Action == WorkflowAction.Adopt, t.RequiresColumn));

    [Theory]
    [InlineData(true, ReturnStage.None, SubmissionStatus.AwaitingUnitReview)]
    [InlineData(true, ReturnStage.UnitReview, SubmissionStatus.AwaitingUnitReview)]
    [InlineData(true, ReturnStage.Editor, SubmissionStatus.Submitted)]
    [InlineData(false, ReturnStage.None, SubmissionStatus.Submitted)]
    [InlineData(false, ReturnStage.UnitReview, SubmissionStatus.Submitted)]
    public void TargetOf_Submit_GoesThroughUnitReviewUnlessAnEditorReturnedIt(bool unitRequiresReview, ReturnStage returnedBy, SubmissionStatus expected)
        => Assert.Equal(expected, Workflow.TargetOf(Workflow.Find(WorkflowAction.Submit, SubmissionStatus.Draft)!, unitRequiresReview, returnedBy));

    [Theory]
    [InlineData(SubmissionStatus.Draft, Roles.Contributor, true)]
    [InlineData(SubmissionStatus.Returned, Roles.Contributor, true)]
    [InlineData(SubmissionStatus.Submitted, Roles.Contributor, false)]
    [InlineData(SubmissionStatus.AwaitingUnitReview, Roles.UnitReviewer, true)]
    [InlineData(SubmissionStatus.Submitted, Roles.Editor, true)]
    [InlineData(SubmissionStatus.Adopted, Roles.Editor, true)]
    [InlineData(SubmissionStatus.Published, Roles.Editor, false)]
    [InlineData(SubmissionStatus.Draft, Roles.Editor, false)]
    [InlineData(SubmissionStatus.Declined, Roles.Contributor, false)]
    public void CanEdit_ByStateAndRole(SubmissionStatus state, string role, bool expected)
        => Assert.Equal(expected, Workflow.CanEdit(state, role));

    [Fact]
    public void DisplayNames_AreChineseForEveryStateAndAction()
    {
        Assert.All(Enum.GetValues<SubmissionStatus>(), s => Assert.DoesNotContain(s.ToString(), Workflow.DisplayName(s)));
        Assert.All(Enum.GetValues<WorkflowAction>(), a => Assert.DoesNotContain(a.ToString(), Workflow.DisplayName(a)));
    }
}

public sealed class RevisionDiffTests
{
    private static SubmissionRevision Revision(int number, string title, params string[] paragraphs)
        => new() { Number = number, UserName = "u", Title = title, Paragraphs = [.. paragraphs] };

    [Fact]
    public void Compare_ChineseEdit_MarksOnlyTheChangedCharacters()
    {
        var diff = RevisionDiff.Compare(
            Revision(1, "城投集团召开工作会议", "近日，城投集团召开年度工作会议。"),
            Revision(2, "城投集团召开年度工作会议", "城投集团召开2026年度工作会议。"));

        Assert.Equal([new DiffSegment("城投集团召开", DiffKind.Same), new DiffSegment("年度", DiffKind.Inserted), new DiffSegment("工作会议", DiffKind.Same)], diff.New.Title);
        Assert.Equal(new DiffSegment("近日，", DiffKind.Deleted), diff.Old.Paragraphs[0][0]);
        Assert.Contains(new DiffSegment("2026", DiffKind.Inserted), diff.New.Paragraphs[0]);
        Assert.Equal(3, diff.Deleted);
        Assert.Equal(4, diff.Inserted);
    }

    [Fact]
    public void Compare_SplitParagraph_ShowsTheNewBreak()
    {
        var diff = RevisionDiff.Compare(Revision(1, "题", "第一句。第二句。"), Revision(2, "题", "第一句。", "第二句。"));
        Assert.Single(diff.Old.Paragraphs);
        Assert.Equal(2, diff.New.Paragraphs.Count);
        Assert.Contains(new DiffSegment("¶", DiffKind.Inserted), diff.New.Paragraphs[0]);
    }

    [Fact]
    public void Compare_SameText_HasNoChanges()
    {
        var diff = RevisionDiff.Compare(Revision(1, "题", "一段。"), Revision(2, "题", "一段。"));
        Assert.Equal(0, diff.Deleted + diff.Inserted);
        Assert.All(diff.New.Paragraphs.SelectMany(p => p), s => Assert.Equal(DiffKind.Same, s.Kind));
    }
}
