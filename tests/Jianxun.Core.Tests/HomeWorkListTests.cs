using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Home;
using Jianxun.Core.Issues;
using Jianxun.Core.Notifications;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Tests;

/// <summary>
/// Each role's home page is its work list (issue 17): counts that agree with the list pages, rows that follow the draft
/// rule and the reading scope, issues the signer sent back; and readers told when an issue is published in their scope.
/// On each database.
/// </summary>
public abstract class HomeWorkListTests(DatabaseKind kind)
{
    private static async Task<Actor> ActorAsync(CoreHarness h, string userName)
        => await h.RunAsync<UserManager<AppUser>, Actor>(async users =>
        {
            var u = (await users.FindByNameAsync(userName))!;
            return new Actor(u.Id, u.UserName!, u.UnitId, (await users.GetRolesAsync(u)).ToHashSet(StringComparer.Ordinal), u.DisplayName);
        });

    private static async Task<HomeDto> HomeAsync(CoreHarness h, Actor actor)
        => await h.RunAsync<HomeQueries, HomeDto>(x => x.GetAsync(actor, default));

    private static async Task<int> ListTotalAsync(CoreHarness h, Actor actor, SubmissionStatus status)
        => (await h.RunAsync<SubmissionHandlers, SubmissionPageDto>(x => x.ListAsync(actor, new SubmissionFilter(status), default))).Total;

    [SkippableFact]
    public async Task Home_EachRole_ListsItsWorkWithTheCountsOfItsListPages()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var contributor = await ActorAsync(h, "contributor");
        var reviewer = await ActorAsync(h, "reviewer");
        var editor = await ActorAsync(h, "editor");
        var signer = await ActorAsync(h, "signer");
        var reader = await ActorAsync(h, "reader");
        // A fresh draft: its writer's alone (the draft rule), on no one else's home page.
        var draft = await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.CreateAsync(contributor,
            new SaveSubmissionRequest("城投集团首页待办测试草稿", ["正文。"], null, null, ["林小禾"], null), default));

        var mine = await HomeAsync(h, contributor);
        Assert.Equal([HomeQueries.Drafts, HomeQueries.Returned, HomeQueries.Calls, HomeQueries.Latest], mine.Lists.Select(l => l.Key));
        var drafts = mine.List(HomeQueries.Drafts)!;
        Assert.Equal(await ListTotalAsync(h, contributor, SubmissionStatus.Draft), drafts.Count);
        Assert.Contains(drafts.Rows, r => r.Id == draft.Id && r.Link == $"/submissions/{draft.Id}" && r.StatusName == "草稿");
        Assert.Equal("/submissions?status=Draft", drafts.AllLink);
        Assert.True(mine.List(HomeQueries.Returned)!.Count >= 1);
        Assert.Contains(mine.List(HomeQueries.Calls)!.Rows, r => r.Link.StartsWith("/calls/", StringComparison.Ordinal));

        var review = (await HomeAsync(h, reviewer)).List(HomeQueries.UnitReview)!;
        Assert.Equal(await ListTotalAsync(h, reviewer, SubmissionStatus.AwaitingUnitReview), review.Count);
        var awaitingUnit = Assert.Single(review.Rows, r => r.Title == "城投集团召开2026年度工作会议");

        var desk = await HomeAsync(h, editor);
        Assert.Equal([HomeQueries.ToAdopt, HomeQueries.ToPlace, HomeQueries.IssuesInProgress, HomeQueries.SentBack, HomeQueries.Latest],
            desk.Lists.Select(l => l.Key));
        Assert.Equal(await ListTotalAsync(h, editor, SubmissionStatus.Submitted), desk.List(HomeQueries.ToAdopt)!.Count);
        Assert.True(desk.List(HomeQueries.ToAdopt)!.Count >= 2);
        Assert.Equal((await h.RunAsync<IssueHandlers, IReadOnlyList<AvailableArticleDto>>(x => x.AvailableArticlesAsync(editor, default))).Count,
            desk.List(HomeQueries.ToPlace)!.Count);
        // Not yet past the unit's review, or never sent: not the office's to see.
        var deskRows = desk.Lists.SelectMany(l => l.Rows).Where(r => r.Link.StartsWith("/submissions/", StringComparison.Ordinal)).Select(r => r.Id).ToList();
        Assert.DoesNotContain(awaitingUnit.Id, deskRows);
        Assert.DoesNotContain(draft.Id, deskRows);

        var sign = await HomeAsync(h, signer);
        Assert.Equal([HomeQueries.SignOff, HomeQueries.Latest], sign.Lists.Select(l => l.Key));
        Assert.Equal(0, sign.List(HomeQueries.SignOff)!.Count);

        var reading = await HomeAsync(h, reader);
        var latest = Assert.Single(reading.Lists);
        Assert.Equal(HomeQueries.Latest, latest.Key);
        Assert.Equal(2, latest.Count);
        Assert.All(latest.Rows, r => Assert.Equal($"/issues/{r.Id}", r.Link));
        Assert.All(latest.Rows, r => Assert.StartsWith("国资简讯", r.Title, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Home_IssueTheSignerSentBack_WaitsOnTheEditorsListUntilSentAgain()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var editor = await ActorAsync(h, "editor");
        var signer = await ActorAsync(h, "signer");
        var issue = await CompileAsync(h, editor, "城投集团", []);

        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issue.Id, IssueAction.SubmitForSignOff, new IssueActionRequest(), default));
        var waiting = Assert.Single((await HomeAsync(h, signer)).List(HomeQueries.SignOff)!.Rows);
        Assert.Equal((issue.Id, $"/issues/{issue.Id}", "待签发"), (waiting.Id, waiting.Link, waiting.StatusName));
        Assert.DoesNotContain((await HomeAsync(h, editor)).List(HomeQueries.IssuesInProgress)!.Rows, r => r.Id == issue.Id);

        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(signer, issue.Id, IssueAction.SendBack, new IssueActionRequest("请补充编者按。"), default));
        var desk = await HomeAsync(h, editor);
        Assert.Equal(1, desk.List(HomeQueries.SentBack)!.Count);
        Assert.Equal($"/issues/{issue.Id}", Assert.Single(desk.List(HomeQueries.SentBack)!.Rows).Link);
        Assert.Contains(desk.List(HomeQueries.IssuesInProgress)!.Rows, r => r.Id == issue.Id);
        Assert.Equal(0, (await HomeAsync(h, signer)).List(HomeQueries.SignOff)!.Count);

        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issue.Id, IssueAction.SubmitForSignOff, new IssueActionRequest(), default));
        Assert.Equal(0, (await HomeAsync(h, editor)).List(HomeQueries.SentBack)!.Count);
        Assert.Equal(1, (await HomeAsync(h, signer)).List(HomeQueries.SignOff)!.Count);
    }

    [SkippableFact]
    public async Task Home_IssueTheSignerSentBack_IsReadFromTheIssuesHistory_NotTheAuditLog()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var editor = await ActorAsync(h, "editor");
        var signer = await ActorAsync(h, "signer");
        var issue = await CompileAsync(h, editor, "城投集团", []);
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issue.Id, IssueAction.SubmitForSignOff, new IssueActionRequest(), default));
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(signer, issue.Id, IssueAction.SendBack, new IssueActionRequest("请压缩到四页。"), default));

        // Without the audit records of the moves, the issue's own history still says it was sent back (ADR-023).
        await h.RunAsync<Data.AppDbContext>(async db => await db.AuditEntries.Where(a => a.EntityType == nameof(Issue)).ExecuteDeleteAsync());
        Assert.Equal([issue.Id], (await HomeAsync(h, editor)).List(HomeQueries.SentBack)!.Rows.Select(r => r.Id));

        // Sent again and recalled (撤回送签): a draft again, but the signer did not send it back this time.
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issue.Id, IssueAction.SubmitForSignOff, new IssueActionRequest(), default));
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issue.Id, IssueAction.Recall, new IssueActionRequest(), default));
        var desk = await HomeAsync(h, editor);
        Assert.Equal(0, desk.List(HomeQueries.SentBack)!.Count);
        Assert.Contains(desk.List(HomeQueries.IssuesInProgress)!.Rows, r => r.Id == issue.Id);
    }

    [SkippableFact]
    public async Task Publish_WithFakeMailSender_TellsTheReadersInTheIssuesScopeInTheAppAndByMail()
    {
        var mail = new FakeMailSender();
        await using var h = await CoreHarness.StartAsync(kind, configure: s => s.AddSingleton<IMailSender>(mail));
        await h.RunAsync<UserManager<AppUser>>(async users => await users.SetEmailAsync((await users.FindByNameAsync("reader"))!, "reader@example.invalid"));
        var editor = await ActorAsync(h, "editor");
        var signer = await ActorAsync(h, "signer");
        var reader = await ActorAsync(h, "reader");
        var units = (await h.RunAsync<UnitHandlers, IReadOnlyList<UnitDto>>(x => x.ListAsync(false, default))).ToDictionary(u => u.ShortName, u => u.Id);
        await h.RunAsync<Notifier>(x => x.MarkAllReadAsync(reader, default));

        // Sent to 城投集团 only, with 城投集团's articles: the reader of 文旅集团 is outside its scope and hears nothing.
        var outside = await CompileAsync(h, editor, "城投集团", [units["城投集团"]]);
        await PublishAsync(h, editor, signer, outside.Id);
        Assert.Empty(await h.RunAsync<Notifier, IReadOnlyList<NotificationDto>>(x => x.ListAsync(reader, unreadOnly: true, default)));
        Assert.DoesNotContain(mail.Sent, m => m.To == "reader@example.invalid");

        // Sent to 文旅集团: its reader is told, in the application and by mail, once.
        var inside = await CompileAsync(h, editor, "产发集团", [units["文旅集团"]]);
        await PublishAsync(h, editor, signer, inside.Id);
        var notice = Assert.Single(await h.RunAsync<Notifier, IReadOnlyList<NotificationDto>>(x => x.ListAsync(reader, unreadOnly: true, default)));
        Assert.Equal($"国资简讯{inside.Label} 已印发，请阅读。", notice.Text);
        Assert.Equal($"/issues/{inside.Id}", notice.Link);
        var sent = Assert.Single(mail.Sent, m => m.To == "reader@example.invalid");
        Assert.Contains(inside.Label, sent.Body, StringComparison.Ordinal);
        // And the notice leads to an issue the reader may open.
        Assert.Equal(inside.Id, (await h.RunAsync<IssueHandlers, IssueDto>(x => x.GetAsync(reader, inside.Id, default))).Id);
    }

    /// <summary>The next issue with the adopted, unplaced articles of one unit, read by the given units (none: everyone).</summary>
    private static async Task<IssueDto> CompileAsync(CoreHarness h, Actor editor, string unit, IReadOnlyList<int> readerUnitIds)
    {
        var seriesId = (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0].Id;
        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(editor, new CreateIssueRequest(seriesId), default));
        var available = (await h.RunAsync<IssueHandlers, IReadOnlyList<AvailableArticleDto>>(x => x.AvailableArticlesAsync(editor, default)))
            .Where(a => a.Units == unit).ToList();
        Assert.NotEmpty(available);
        var sections = issue.Sections.Select(s => new PlaceSectionRequest(s.Id,
            [.. available.Where(a => a.ColumnId == s.ColumnId).Select(a => new PlaceItemRequest(SubmissionId: a.SubmissionId))])).ToList();
        return await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(editor, issue.Id,
            new UpdateIssueRequest(issue.Version, Sections: sections, ReaderUnitIds: readerUnitIds), default));
    }

    private static async Task PublishAsync(CoreHarness h, Actor editor, Actor signer, int issueId)
    {
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issueId, IssueAction.SubmitForSignOff, new IssueActionRequest(), default));
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(signer, issueId, IssueAction.SignOff, new IssueActionRequest(), default));
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(editor, issueId, IssueAction.Publish, new IssueActionRequest(), default));
    }
}

public sealed class SqliteHomeWorkListTests() : HomeWorkListTests(DatabaseKind.Sqlite);

public sealed class PostgresHomeWorkListTests() : HomeWorkListTests(DatabaseKind.Postgres);
