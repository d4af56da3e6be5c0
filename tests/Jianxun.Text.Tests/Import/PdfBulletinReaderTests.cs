using Jianxun.Publishing;

namespace Jianxun.Text.Tests.Import;

public sealed class PdfBulletinReaderTests
{
    private static readonly Lazy<byte[]> RenderedPdf = new(() => new PdfIssueRenderer().Render(RoundTrip.Issue(extraArticles: 3)));

    [Fact]
    public void Read_JianxunRenderedPdf_RoundTripsColumnsTitlesParagraphsCredits()
    {
        var issue = RoundTrip.Issue(extraArticles: 3);

        var read = PdfBulletinReader.Read(RenderedPdf.Value);

        RoundTrip.AssertMatches(issue, read);
    }

    [Fact]
    public void Read_JianxunRenderedPdf_MastheadAndIssueFacts()
    {
        var read = PdfBulletinReader.Read(RenderedPdf.Value);

        Assert.Equal("国资简讯", read.Masthead);
        Assert.Equal(12, read.IssueNumber);
        Assert.Equal(88, read.TotalIssueNumber);
        Assert.Equal(new DateOnly(2025, 6, 30), read.Date);
    }
}
