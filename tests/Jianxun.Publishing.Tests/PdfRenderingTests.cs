namespace Jianxun.Publishing.Tests;

/// <summary>
/// <see cref="PdfIssueRenderer.RenderWithLayout"/>, which the compile page's page budget and nearly-empty warnings read
/// (ADR-026): the same bytes as <see cref="PdfIssueRenderer.Render"/>, the page count of the file, and the last page's
/// fill as the text on that page shows it when read back.
/// </summary>
public sealed class PdfRenderingTests
{
    public static TheoryData<int, int> Sizes => new() { { 1, 0 }, { 3, 2 }, { 5, 3 }, { 8, 6 }, { 12, 6 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RenderWithLayout_AnyIssue_CountsThePagesAndMeasuresTheLastPage_AsTheFileShows(int articles, int briefs)
    {
        // Without the 版记, what the last page holds is its text (and photos), from the top of the type area down.
        var issue = SampleIssues.Standard(articleCount: articles, photos: false, briefCount: briefs) with { Distribution = null, Copies = null };
        var rendering = new PdfIssueRenderer().RenderWithLayout(issue);

        Assert.Equal(new PdfIssueRenderer().Render(issue), rendering.Pdf);
        var read = new PdfReadBack(rendering.Pdf);
        Assert.Equal(read.Pages.Count, rendering.Pages);
        var last = read.Pages[^1];
        var lowest = read.BodyLetters(last).Min(l => l.BoundingBox.Bottom);
        var measured = (read.Top - lowest) / (read.Top - read.Bottom);
        // The engine counts whole lines (and the space after a paragraph); the glyphs end a little above the line's foot.
        Assert.InRange(rendering.LastPageFill, measured - 0.01, measured + 0.06);
    }

    [Fact]
    public void RenderWithLayout_DistributionBlock_CountsItsHeightOnTheLastPage()
    {
        var bare = SampleIssues.Standard(articleCount: 1, photos: false, briefCount: 0) with { Distribution = null, Copies = null };
        var withFoot = bare with { Distribution = new Distribution { Bao = "市委办公厅。", Fa = "各监管企业。" }, Copies = 60 };
        var (a, b) = (new PdfIssueRenderer().RenderWithLayout(bare), new PdfIssueRenderer().RenderWithLayout(withFoot));
        Assert.Equal(a.Pages, b.Pages);
        Assert.True(b.LastPageFill > a.LastPageFill + 0.05, $"{a.LastPageFill} → {b.LastPageFill}");
    }
}
