using System.IO.Compression;
using System.Xml.Linq;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Publishing;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Jianxun.Core.Tests;

/// <summary>A series' own fonts and sizes (版式): saved, checked, and used for every issue of the series; on each database.</summary>
public abstract class SeriesTypesettingTests(DatabaseKind kind)
{
    private static readonly Actor Admin = Actor.System;
    private static readonly Actor Editor = new(2, "editor", 1, new HashSet<string> { Roles.Editor });
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static async Task<SeriesDto> SeriesAsync(CoreHarness h)
        => (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0];

    private static SaveSeriesRequest Save(SeriesDto s, SeriesTypesetting? typesetting = null, IReadOnlyList<int>? readers = null)
        => new(s.Name, s.Issuer, s.FirstTotalNumber, s.DistributionBao, s.DistributionSong, s.DistributionFa, s.DefaultCopies,
            [.. s.Columns.Select(c => new SaveColumnRequest(c.Id, c.Name, c.IsBriefs))], s.IsActive, typesetting, readers);

    private static async Task<SeriesDto> SetTypesettingAsync(CoreHarness h, SeriesTypesetting typesetting)
    {
        var series = await SeriesAsync(h);
        return await h.RunAsync<SeriesHandlers, SeriesDto>(x => x.UpdateAsync(Admin, series.Id, Save(series, typesetting), default));
    }

    /// <summary>A draft of the series with every available adopted article placed in its column.</summary>
    private static async Task<IssueDto> DraftAsync(CoreHarness h)
    {
        var series = await SeriesAsync(h);
        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(series.Id, new DateOnly(2031, 4, 1)), default));
        var available = await h.RunAsync<IssueHandlers, IReadOnlyList<AvailableArticleDto>>(x => x.AvailableArticlesAsync(Editor, default));
        var sections = issue.Sections.Select(s => new PlaceSectionRequest(s.Id,
            [.. available.Where(a => a.ColumnId == s.ColumnId).Select(a => new PlaceItemRequest(SubmissionId: a.SubmissionId))])).ToList();
        return await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, Sections: sections), default));
    }

    [SkippableFact]
    public async Task Render_SeriesWithBiggerBodySize_PdfBodyGlyphsHaveThatSize()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        await SetTypesettingAsync(h, new SeriesTypesetting(BodyFontSize: 18, BodyLineHeight: 32));
        var draft = await DraftAsync(h);

        var pdf = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Editor, draft.Id, "pdf", null, default));

        using var doc = PdfDocument.Open(pdf.Content);
        var letters = doc.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        // The body is most of the text: its size is the commonest, and a body paragraph's characters carry it.
        var commonest = letters.GroupBy(l => Math.Round(l.PointSize, 1)).OrderByDescending(g => g.Count()).First().Key;
        Assert.Equal(18, commonest);
        var paragraph = draft.Sections.SelectMany(s => s.Items).First(i => i.Title is not null).Paragraphs[0][..8];
        var text = string.Concat(letters.Select(l => l.Value));
        var at = text.IndexOf(paragraph, StringComparison.Ordinal);
        Assert.True(at >= 0, $"“{paragraph}” not found in the PDF");
        Assert.All(letters.Skip(at).Take(paragraph.Length), l => Assert.Equal(18, l.PointSize, 0.1));
    }

    [SkippableFact]
    public async Task Render_SeriesFonts_DocxStylesUseTheirNamesAndSizes_HtmlCarriesThem()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var saved = await SetTypesettingAsync(h, new SeriesTypesetting(TitleFontFamily: " Noto Sans SC ", BodyFontFamily: "Noto Sans SC",
            TitleFontSize: 20, BodyFontSize: 15, CreditFontSize: 12, MastheadColor: "#c00000"));
        Assert.Equal(new SeriesTypesetting(TitleFontFamily: "Noto Sans SC", BodyFontFamily: "Noto Sans SC", TitleFontSize: 20, BodyFontSize: 15,
            CreditFontSize: 12, MastheadColor: "#C00000"), saved.Typesetting);
        var draft = await DraftAsync(h);

        var docx = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Editor, draft.Id, "docx", null, default));

        using var zip = new ZipArchive(new MemoryStream(docx.Content));
        XDocument styles;
        using (var stream = zip.GetEntry("word/styles.xml")!.Open())
        {
            styles = XDocument.Load(stream);
        }
        var defaults = styles.Descendants(W + "rPrDefault").Single();
        Assert.Equal("Noto Sans SC", defaults.Descendants(W + "rFonts").Single().Attribute(W + "eastAsia")!.Value);
        Assert.Equal("30", defaults.Descendants(W + "sz").Single().Attribute(W + "val")!.Value);
        XElement Style(string id) => styles.Descendants(W + "style").Single(s => s.Attribute(W + "styleId")!.Value == id);
        var title = Style(DocxIssueRenderer.ArticleTitleStyle);
        Assert.Equal("Noto Sans SC", title.Descendants(W + "rFonts").Single().Attribute(W + "eastAsia")!.Value);
        Assert.Equal("40", title.Descendants(W + "sz").Single().Attribute(W + "val")!.Value);
        Assert.Equal("24", Style(DocxIssueRenderer.CreditStyle).Descendants(W + "sz").Single().Attribute(W + "val")!.Value);
        Assert.Equal("C00000", Style(DocxIssueRenderer.MastheadStyle).Descendants(W + "color").Single().Attribute(W + "val")!.Value);
        // The masthead and headings keep their defaults.
        Assert.Equal(TypesetSettings.Default.MastheadFontFamily,
            Style(DocxIssueRenderer.MastheadStyle).Descendants(W + "rFonts").Single().Attribute(W + "eastAsia")!.Value);

        var html = System.Text.Encoding.UTF8.GetString((await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Editor, draft.Id, "html", null, default))).Content);
        Assert.Contains("--jx-body-font: &quot;Noto Sans SC&quot;, &quot;Noto Serif SC&quot;", html, StringComparison.Ordinal);
        Assert.Contains("--jx-body-scale: 0.938", html, StringComparison.Ordinal);
        Assert.Contains("--jx-masthead-color: #C00000", html, StringComparison.Ordinal);
        var preview = await h.RunAsync<IssueHandlers, string>(x => x.PreviewHtmlAsync(Editor, draft.Id, default));
        Assert.Contains("--jx-title-scale: 1.111", preview, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Render_SameIssueTwice_GivesTheSamePdfAndHtml()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        await SetTypesettingAsync(h, new SeriesTypesetting(BodyFontSize: 15, TitleFontFamily: "Noto Sans SC"));
        var draft = await DraftAsync(h);

        // REVIEW: the DOCX is left out: its package carries write times and random relationship ids (as before series settings).
        foreach (var format in new[] { "pdf", "html" })
        {
            var a = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Editor, draft.Id, format, null, default));
            var b = await h.RunAsync<IssueHandlers, RenderedFile>(x => x.FileAsync(Editor, draft.Id, format, null, default));
            Assert.True(a.Content.AsSpan().SequenceEqual(b.Content), $"{format} differs between two renders");
        }
    }

    [SkippableFact]
    public async Task Save_UnknownFontFamily_IsRefusedListingTheAvailableFamilies()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var series = await SeriesAsync(h);

        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<SeriesHandlers, SeriesDto>(x =>
            x.UpdateAsync(Admin, series.Id, Save(series, new SeriesTypesetting(BodyFontFamily: "仿宋_GB2312")), default)));

        var message = Assert.Single(e.Errors["typesetting.bodyFontFamily"]);
        Assert.Contains("正文字体“仿宋_GB2312”不在字体目录中", message, StringComparison.Ordinal);
        Assert.Contains("可用字体：Noto Sans SC、", message, StringComparison.Ordinal);
        Assert.Contains("、Noto Serif SC、", message, StringComparison.Ordinal);
        Assert.True((await SeriesAsync(h)).Typesetting.IsEmpty);
    }

    [SkippableFact]
    public async Task Save_SizesOutOfRange_AreRefusedFieldByField()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var series = await SeriesAsync(h);

        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<SeriesHandlers, SeriesDto>(x => x.UpdateAsync(Admin, series.Id,
            Save(series, new SeriesTypesetting(MastheadFontSize: 200, TitleFontSize: 12.3, BodyFontSize: 20, CreditFontSize: 4, BodyLineHeight: 20,
                MastheadColor: "red")), default)));

        Assert.Equal("刊头字号应在 24 到 72 磅之间。", Assert.Single(e.Errors["typesetting.mastheadFontSize"]));
        Assert.Contains("0.5 磅为单位", Assert.Single(e.Errors["typesetting.titleFontSize"]), StringComparison.Ordinal);
        Assert.Equal("供稿行字号应在 9 到 22 磅之间。", Assert.Single(e.Errors["typesetting.creditFontSize"]));
        Assert.Contains("不能小于正文字号的 1.2 倍", Assert.Single(e.Errors["typesetting.bodyLineHeight"]), StringComparison.Ordinal);
        Assert.Contains("#RRGGBB", Assert.Single(e.Errors["typesetting.mastheadColor"]), StringComparison.Ordinal);
        Assert.False(e.Errors.ContainsKey("typesetting.bodyFontSize"));
    }

    [SkippableFact]
    public async Task Save_LeftOutOrEmpty_KeepsOrResetsTheTypesetting_AndAudits()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var saved = await SetTypesettingAsync(h, new SeriesTypesetting(BodyFontSize: 14));
        var stored = await h.RunAsync<AppDbContext, string?>(db => db.Series.Where(s => s.Id == saved.Id).Select(s => s.Typesetting).SingleAsync());
        Assert.Equal("{\"bodyFontSize\":14}", stored);

        var kept = await h.RunAsync<SeriesHandlers, SeriesDto>(x => x.UpdateAsync(Admin, saved.Id, Save(saved), default));
        Assert.Equal(14, kept.Typesetting.BodyFontSize);
        var reset = await h.RunAsync<SeriesHandlers, SeriesDto>(x => x.UpdateAsync(Admin, saved.Id, Save(saved, SeriesTypesetting.Empty), default));
        Assert.True(reset.Typesetting.IsEmpty);
        Assert.Null(await h.RunAsync<AppDbContext, string?>(db => db.Series.Where(s => s.Id == saved.Id).Select(s => s.Typesetting).SingleAsync()));

        var audit = await h.RunAsync<AppDbContext, List<string?>>(db => db.AuditEntries.Where(a => a.Action == "series.updated").OrderBy(a => a.Id)
            .Select(a => a.Details).ToListAsync());
        Assert.Contains(audit, d => d!.Contains("版式：{\"bodyFontSize\":14}", StringComparison.Ordinal));
        Assert.Contains(audit, d => d!.Contains("版式：默认", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ValidateSeries_ActiveSeriesWithMissingFont_FailsNamingTheSeriesAndFont()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var series = await SeriesAsync(h);
        await h.RunAsync<PublishingFonts>(f => h.RunAsync<AppDbContext>(db => f.ValidateSeriesAsync(db, default)));
        // A font the series was saved with has gone from the font directory since.
        await h.RunAsync<AppDbContext>(db => db.Series.Where(s => s.Id == series.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Typesetting, "{\"titleFontFamily\":\"方正小标宋简体\"}")));

        var e = await Assert.ThrowsAsync<FontNotFoundException>(() =>
            h.RunAsync<PublishingFonts>(f => h.RunAsync<AppDbContext>(db => f.ValidateSeriesAsync(db, default))));

        Assert.Contains($"刊物“{series.Name}”的版式设置无法使用", e.Message, StringComparison.Ordinal);
        Assert.Contains("标题字体“方正小标宋简体”不在字体目录中", e.Message, StringComparison.Ordinal);
        Assert.Contains("Noto Serif SC", e.Message, StringComparison.Ordinal);

        // A series no longer in use does not stop the start.
        await h.RunAsync<AppDbContext>(db => db.Series.Where(s => s.Id == series.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, false)));
        await h.RunAsync<PublishingFonts>(f => h.RunAsync<AppDbContext>(db => f.ValidateSeriesAsync(db, default)));
    }
}

public sealed class SqliteSeriesTypesettingTests() : SeriesTypesettingTests(DatabaseKind.Sqlite);

public sealed class PostgresSeriesTypesettingTests() : SeriesTypesettingTests(DatabaseKind.Postgres);
