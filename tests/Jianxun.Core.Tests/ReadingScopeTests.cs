using Jianxun.Core.Accounts;
using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Home;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Search;
using Jianxun.Testing;

namespace Jianxun.Core.Tests;

/// <summary>Who may read a published issue (ADR-007): the issue's reader units and their sub-units, contributing units, the office; on each database.</summary>
public abstract class ReadingScopeTests(DatabaseKind kind)
{
    private static readonly Actor Admin = Actor.System;
    private static readonly Actor Editor = new(2, "editor", 1, new HashSet<string> { Roles.Editor });
    private static readonly Actor Signer = new(3, "signer", 1, new HashSet<string> { Roles.Signer });
    private static readonly DateOnly Date = new(2031, 5, 6);

    private static Actor ReaderOf(int unitId) => new(900 + unitId, "reader" + unitId, unitId, new HashSet<string> { Roles.Reader });

    private sealed record Setup(int IssueId, Dictionary<string, int> Units);

    /// <summary>
    /// Publishes an issue carrying only 产发集团's articles, readable by 城投集团 (and so by its subsidiary 城投置业);
    /// 文旅集团 is neither a reader unit nor a contributor.
    /// </summary>
    private static async Task<Setup> PublishScopedIssueAsync(CoreHarness h)
    {
        var units = (await h.RunAsync<UnitHandlers, IReadOnlyList<UnitDto>>(x => x.ListAsync(false, default))).ToDictionary(u => u.ShortName, u => u.Id);
        var seriesId = (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0].Id;
        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(seriesId, Date), default));
        var available = await h.RunAsync<IssueHandlers, IReadOnlyList<AvailableArticleDto>>(x => x.AvailableArticlesAsync(Editor, default));
        var chanfa = available.Where(a => a.Units == "产发集团").ToList();
        Assert.NotEmpty(chanfa);
        var sections = issue.Sections.Select(s => new PlaceSectionRequest(s.Id,
            [.. chanfa.Where(a => a.ColumnId == s.ColumnId).Select(a => new PlaceItemRequest(SubmissionId: a.SubmissionId))])).ToList();
        issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id,
            new UpdateIssueRequest(issue.Version, Sections: sections, ReaderUnitIds: [units["城投集团"], units["城投集团"]]), default));
        Assert.Equal(new[] { units["城投集团"] }, issue.ReaderUnitIds);
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(Editor, issue.Id, IssueAction.SubmitForSignOff, new IssueActionRequest(), default));
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(Signer, issue.Id, IssueAction.SignOff, new IssueActionRequest(), default));
        await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(Editor, issue.Id, IssueAction.Publish, new IssueActionRequest(), default));
        return new Setup(issue.Id, units);
    }

    /// <summary>Whether the actor reaches the issue everywhere it can be reached, or nowhere: a half-hidden issue fails.</summary>
    private static async Task<bool> CanReadAsync(CoreHarness h, Actor actor, int issueId)
    {
        var seen = new List<bool>
        {
            await FindsAsync(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.GetAsync(actor, issueId, default))),
            await FindsAsync(() => h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(actor, issueId, "pdf", null, default))),
            await FindsAsync(() => h.RunAsync<IssueHandlers, string>(x => x.PreviewHtmlAsync(actor, issueId, default))),
            await FindsAsync(() => h.RunAsync<ArchiveQueries, ArchiveIssueDto>(x => x.GetAsync(actor, issueId, default))),
            (await h.RunAsync<IssueHandlers, IReadOnlyList<IssueListItemDto>>(x => x.ListAsync(actor, null, null, default))).Any(i => i.Id == issueId),
            (await h.RunAsync<ArchiveQueries, IReadOnlyList<ArchiveListItemDto>>(x => x.ListAsync(actor, new ArchiveFilter(), default))).Any(i => i.Id == issueId),
            (await h.RunAsync<ArchiveQueries, IReadOnlyList<int>>(x => x.YearsAsync(actor, default))).Contains(Date.Year),
            (await h.RunAsync<HomeQueries, HomeDto>(x => x.GetAsync(actor, default))).LatestIssues.Any(i => i.Id == issueId),
            (await h.RunAsync<SearchHandlers, SearchResultDto>(x => x.SearchAsync(actor,
                new SearchRequest(From: "2031-05-06", To: "2031-05-06", Source: "published"), default))).Items.Any(i => i.IssueId == issueId),
        };
        Assert.True(seen.All(s => s) || seen.All(s => !s), $"{actor.UserName} reaches issue {issueId} only in part: {string.Join(",", seen)}");
        return seen[0];
    }

    private static async Task<bool> FindsAsync<T>(Func<Task<T>> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    [SkippableFact]
    public async Task Read_ScopedIssue_OnlyReaderUnitsTheirSubUnitsContributorsAndTheOffice()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var s = await PublishScopedIssueAsync(h);

        Assert.False(await CanReadAsync(h, ReaderOf(s.Units["文旅集团"]), s.IssueId));
        Assert.False(await CanReadAsync(h, new Actor(990, "nounit", null, new HashSet<string> { Roles.Reader }), s.IssueId));
        Assert.True(await CanReadAsync(h, ReaderOf(s.Units["城投集团"]), s.IssueId));
        Assert.True(await CanReadAsync(h, ReaderOf(s.Units["城投置业"]), s.IssueId));
        Assert.True(await CanReadAsync(h, ReaderOf(s.Units["产发集团"]), s.IssueId));
        Assert.True(await CanReadAsync(h, Editor, s.IssueId));
        Assert.True(await CanReadAsync(h, Signer, s.IssueId));
        Assert.True(await CanReadAsync(h, Admin, s.IssueId));
        // The other published issues are open to everyone: the outsider still reads them.
        var open = await h.RunAsync<IssueHandlers, IReadOnlyList<IssueListItemDto>>(x => x.ListAsync(ReaderOf(s.Units["文旅集团"]), null, null, default));
        Assert.True(open.Count >= 2);
    }

    [SkippableFact]
    public async Task Read_UnitPage_LeavesOutArticlesOfIssuesOutsideTheScope()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var s = await PublishScopedIssueAsync(h);

        var outsider = await h.RunAsync<SearchHandlers, UnitPageDto>(x => x.UnitPageAsync(ReaderOf(s.Units["文旅集团"]), s.Units["产发集团"], default));
        var insider = await h.RunAsync<SearchHandlers, UnitPageDto>(x => x.UnitPageAsync(ReaderOf(s.Units["城投置业"]), s.Units["产发集团"], default));

        Assert.DoesNotContain(outsider.Contributed, i => i.IssueId == s.IssueId);
        Assert.Contains(insider.Contributed, i => i.IssueId == s.IssueId);
    }

    [SkippableFact]
    public async Task CreateNext_CopiesTheSeriesReaderUnits_AndUnknownUnitsAreRefused()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var units = (await h.RunAsync<UnitHandlers, IReadOnlyList<UnitDto>>(x => x.ListAsync(false, default))).ToDictionary(u => u.ShortName, u => u.Id);
        var series = (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0];
        var save = new SaveSeriesRequest(series.Name, series.Issuer, series.FirstTotalNumber, series.DistributionBao, series.DistributionSong,
            series.DistributionFa, series.DefaultCopies, [.. series.Columns.Select(c => new SaveColumnRequest(c.Id, c.Name, c.IsBriefs))], series.IsActive,
            ReaderUnitIds: [units["文旅集团"], units["城投集团"]]);
        var saved = await h.RunAsync<SeriesHandlers, SeriesDto>(x => x.UpdateAsync(Admin, series.Id, save, default));
        Assert.Equal(new[] { units["城投集团"], units["文旅集团"] }.Order(), saved.ReaderUnitIds);

        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(series.Id), default));
        Assert.Equal(saved.ReaderUnitIds, issue.ReaderUnitIds);

        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<IssueHandlers, IssueDto>(x =>
            x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, ReaderUnitIds: [999_999]), default)));
        Assert.Contains("999999", Assert.Single(e.Errors["readerUnitIds"]), StringComparison.Ordinal);
        var opened = await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, ReaderUnitIds: []), default));
        Assert.Empty(opened.ReaderUnitIds);
    }
}

public sealed class SqliteReadingScopeTests() : ReadingScopeTests(DatabaseKind.Sqlite);

public sealed class PostgresReadingScopeTests() : ReadingScopeTests(DatabaseKind.Postgres);
