using System.Text;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using UglyToad.PdfPig;

namespace Jianxun.Core.Tests;

/// <summary>Compiling, signing off, publishing and correcting issues, on each database.</summary>
public abstract class IssueHandlerTests(DatabaseKind kind)
{
    private static readonly Actor Editor = new(2, "editor", 1, new HashSet<string> { Roles.Editor });
    private static readonly Actor Signer = new(3, "signer", 1, new HashSet<string> { Roles.Signer });
    private static readonly Actor Contributor = new(5, "contributor", 3, new HashSet<string> { Roles.Contributor });
    private static readonly Actor Reader = new(7, "reader", 5, new HashSet<string> { Roles.Reader });

    private static async Task<int> SeriesIdAsync(CoreHarness h)
        => (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0].Id;

    /// <summary>A draft with every adopted demo article placed in its column.</summary>
    private static async Task<IssueDto> CompiledDraftAsync(CoreHarness h, DateOnly? date = null)
    {
        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(SeriesIdAsync(h).Result, date), default));
        var available = await h.RunAsync<IssueHandlers, IReadOnlyList<AvailableArticleDto>>(x => x.AvailableArticlesAsync(Editor, default));
        Assert.NotEmpty(available);
        var sections = issue.Sections.Select(s => new PlaceSectionRequest(s.Id,
            [.. available.Where(a => a.ColumnId == s.ColumnId).Select(a => new PlaceItemRequest(SubmissionId: a.SubmissionId))])).ToList();
        return await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, Copies: 80, Sections: sections), default));
    }

    private static Task<IssueDto> ActAsync(CoreHarness h, Actor actor, int id, IssueAction action, string? comment = null)
        => h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(actor, id, action, new IssueActionRequest(comment), default));

    [SkippableFact]
    public async Task CreateNext_EightEditorsAtOnce_GetDistinctNumbersWithoutGaps()
    {
        await using var h = await CoreHarness.StartAsync(kind, sqliteFile: true);
        var seriesId = await SeriesIdAsync(h);
        var existing = await h.RunAsync<IssueHandlers, IReadOnlyList<IssueListItemDto>>(x => x.ListAsync(Editor, seriesId, null, default));
        var date = new DateOnly(2030, 3, 1);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(seriesId, date), default)))));

        Assert.Equal(Enumerable.Range(1, 8), created.Select(i => i.Number!.Value).Order());
        var lastTotal = existing.Max(i => i.TotalNumber) ?? 100;
        Assert.Equal(Enumerable.Range(lastTotal + 1, 8), created.Select(i => i.TotalNumber!.Value).Order());
        Assert.All(created, i => Assert.Equal(2030, i.Year));
    }

    [SkippableFact]
    public async Task Compile_BriefsColumn_NumbersItemsAndCreditsComeFromTheArticles()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var issue = await CompiledDraftAsync(h);

        var briefs = issue.Sections.Single(s => s.IsBriefs);
        Assert.NotEmpty(briefs.Items);
        Assert.Equal(Enumerable.Range(1, briefs.Items.Count), briefs.Items.Select(i => i.Number!.Value));
        Assert.All(issue.Sections.Where(s => !s.IsBriefs).SelectMany(s => s.Items), i =>
        {
            Assert.Null(i.Number);
            Assert.Equal($"【供稿：{string.Join(' ', i.CreditUnits.Concat(i.CreditAuthors))}】", i.CreditLine);
        });
        Assert.Equal(80, issue.Copies);
        Assert.Equal("区委、区人大、区政府、区政协主要领导，分管副区长", issue.DistributionBao);
    }

    [SkippableFact]
    public async Task Update_EditedCreditLineAndReorder_AreKept()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var issue = await CompiledDraftAsync(h);
        // Gather everything into the first column, so it has several items to reorder.
        var first = issue.Sections[0];
        var gathered = await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version,
            Sections: [new PlaceSectionRequest(first.Id, [.. issue.Sections.SelectMany(s => s.Items).Select(i => new PlaceItemRequest(ItemId: i.Id))])]), default));
        issue = gathered;
        var section = issue.Sections[0];
        Assert.True(section.Items.Count >= 2);
        var reversed = section.Items.Reverse().Select((i, n) => new PlaceItemRequest(ItemId: i.Id, CreditLine: n == 0 ? "【供稿：编辑部】" : i.CreditLine)).ToList();
        var sections = issue.Sections.Select(s => s.Id == section.Id
            ? new PlaceSectionRequest(s.Id, reversed)
            : new PlaceSectionRequest(s.Id, [.. s.Items.Select(i => new PlaceItemRequest(ItemId: i.Id, CreditLine: i.CreditLine))])).ToList();

        var updated = await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, Sections: sections), default));
        var after = updated.Sections.Single(s => s.Id == section.Id);
        Assert.Equal(section.Items.Reverse().Select(i => i.Id), after.Items.Select(i => i.Id));
        Assert.Equal("【供稿：编辑部】", after.Items[0].CreditLine);

        await Assert.ThrowsAsync<ConflictException>(() => h.RunAsync<IssueHandlers, IssueDto>(x =>
            x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, Sections: sections), default)));
    }

    [SkippableFact]
    public async Task Update_ArticleNotAdopted_IsRefused()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(SeriesIdAsync(h).Result), default));
        var submitted = (await h.RunAsync<SubmissionHandlers, SubmissionPageDto>(x => x.ListAsync(Editor, new SubmissionFilter(SubmissionStatus.Submitted), default))).Items[0];
        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id,
            new UpdateIssueRequest(issue.Version, Sections: [new PlaceSectionRequest(issue.Sections[0].Id, [new PlaceItemRequest(SubmissionId: submitted.Id)])]), default)));
        Assert.Contains("不是已采用的稿件", e.Errors["sections"][0]);
    }

    [SkippableFact]
    public async Task Permissions_EachStepBelongsToItsRole()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Contributor, new CreateIssueRequest(1), default)));
        var issue = await CompiledDraftAsync(h);

        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(h, Signer, issue.Id, IssueAction.SubmitForSignOff));
        await Assert.ThrowsAsync<ConflictException>(() => ActAsync(h, Editor, issue.Id, IssueAction.Publish));
        await ActAsync(h, Editor, issue.Id, IssueAction.SubmitForSignOff);
        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(h, Editor, issue.Id, IssueAction.SignOff));
        var noComment = await Assert.ThrowsAsync<ValidationException>(() => ActAsync(h, Signer, issue.Id, IssueAction.SendBack, " "));
        Assert.Contains("comment", noComment.Errors.Keys);
        var back = await ActAsync(h, Signer, issue.Id, IssueAction.SendBack, "第二篇标题太长，请压缩。");
        Assert.Equal(nameof(IssueStatus.Draft), back.Status);

        await ActAsync(h, Editor, issue.Id, IssueAction.SubmitForSignOff);
        var signed = await ActAsync(h, Signer, issue.Id, IssueAction.SignOff);
        Assert.Equal(nameof(IssueStatus.SignedOff), signed.Status);
        // Signed off means locked: no more compiling.
        await Assert.ThrowsAsync<ConflictException>(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(signed.Version), default)));
        // A reader cannot read an issue before it is published, so it is "not found" to them, like an unknown one (ADR-007).
        await Assert.ThrowsAsync<NotFoundException>(() => ActAsync(h, Reader, issue.Id, IssueAction.Publish));
    }

    [SkippableFact]
    public async Task Publish_StoresFilesMarksArticlesAndNeverChangesAgain()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var issue = await CompiledDraftAsync(h);
        await ActAsync(h, Editor, issue.Id, IssueAction.SubmitForSignOff);
        await ActAsync(h, Signer, issue.Id, IssueAction.SignOff);
        // The signer's part ends with the signature: printing and sending (印发) is the editors' (ADR-023).
        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(h, Signer, issue.Id, IssueAction.Publish));
        var published = await ActAsync(h, Editor, issue.Id, IssueAction.Publish);

        Assert.Equal(nameof(IssueStatus.Published), published.Status);
        Assert.Equal(["docx", "html", "pdf"], published.Files.Select(f => f.Format).Order());
        Assert.All(published.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        foreach (var id in published.Sections.SelectMany(s => s.Items).Select(i => i.SubmissionId!.Value))
        {
            Assert.Equal(nameof(SubmissionStatus.Published), (await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.GetAsync(Editor, id, default))).Status);
        }

        var pdf = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Reader, issue.Id, "pdf", null, default));
        Assert.Equal(published.Files.Single(f => f.Format == "pdf").Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf.Content)));
        using (var doc = PdfDocument.Open(pdf.Content))
        {
            var firstPage = string.Concat(doc.GetPage(1).Letters.Select(l => l.Value));
            Assert.Contains("国资简讯", firstPage);
            Assert.Contains($"{published.Year}年第{published.Number}期", firstPage);
            var all = string.Concat(doc.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
            Assert.All(published.Sections.Where(s => !s.IsBriefs).SelectMany(s => s.Items), i => Assert.Contains(i.Title!.Replace(" ", "", StringComparison.Ordinal), all));
            Assert.Contains("共印80份", all);
        }

        await Assert.ThrowsAsync<ConflictException>(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(published.Version), default)));
        await Assert.ThrowsAsync<ConflictException>(() => ActAsync(h, Editor, issue.Id, IssueAction.Publish));
    }

    [SkippableFact]
    public async Task Correct_PublishedIssue_AddsARevisionAndKeepsTheFirst()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var issue = await CompiledDraftAsync(h);
        await ActAsync(h, Editor, issue.Id, IssueAction.SubmitForSignOff);
        await ActAsync(h, Signer, issue.Id, IssueAction.SignOff);
        var published = await ActAsync(h, Editor, issue.Id, IssueAction.Publish);
        var item = published.Sections.SelectMany(s => s.Items).First(i => i.Title is not null);

        var corrected = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CorrectAsync(Editor, issue.Id,
            new CorrectionRequest("本期第1页“九点六亿元”应为“九点八亿元”。", [new CorrectItemRequest(item.Id, Paragraphs: ["更正后的第一段。"])]), default));

        Assert.Equal(2, corrected.Revision);
        Assert.Equal(6, corrected.Files.Count);
        var first = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Reader, issue.Id, "pdf", 1, default));
        var second = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Reader, issue.Id, "pdf", null, default));
        Assert.Equal(published.Files.Single(f => f.Format == "pdf").Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first.Content)));
        using var doc = PdfDocument.Open(second.Content);
        var text = string.Concat(doc.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Contains("更正后的第一段。", text);
        Assert.Contains("应为“九点八亿元”", text);
        var html = Encoding.UTF8.GetString((await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Reader, issue.Id, "html", 1, default))).Content);
        Assert.DoesNotContain("更正后的第一段。", html);
    }

    [SkippableFact]
    public async Task Read_DraftIsHiddenFromReaders()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var issue = await CompiledDraftAsync(h);
        await Assert.ThrowsAsync<NotFoundException>(() => h.RunAsync<IssueHandlers, IssueDto>(x => x.GetAsync(Reader, issue.Id, default)));
        Assert.DoesNotContain(await h.RunAsync<IssueHandlers, IReadOnlyList<IssueListItemDto>>(x => x.ListAsync(Reader, null, null, default)), i => i.Id == issue.Id);
        Assert.Equal(2, (await h.RunAsync<IssueHandlers, IReadOnlyList<IssueListItemDto>>(x => x.ListAsync(Reader, null, null, default))).Count(i => i.Status == "Published"));
    }
}

public sealed class SqliteIssueHandlerTests() : IssueHandlerTests(DatabaseKind.Sqlite);

public sealed class PostgresIssueHandlerTests() : IssueHandlerTests(DatabaseKind.Postgres);
