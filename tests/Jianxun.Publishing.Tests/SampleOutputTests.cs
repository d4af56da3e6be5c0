namespace Jianxun.Publishing.Tests;

/// <summary>Writes sample files for a human to look at when JIANXUN_SAMPLES_DIR is set (e.g. then pdftoppm -r 80 -png).</summary>
public sealed class SampleOutputTests
{
    [Fact]
    public void Render_Samples_WrittenWhenAskedFor()
    {
        var directory = Environment.GetEnvironmentVariable("JIANXUN_SAMPLES_DIR");
        var issue = SampleIssues.Standard(articleCount: 6, briefCount: 4) with { Erratum = "更正：上期第3页“港航公司”应为“港航集团”。" };

        var pdf = new PdfIssueRenderer().Render(issue);
        var docx = new DocxIssueRenderer().Render(issue);
        var html = new HtmlIssueRenderer().Render(issue);

        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "sample.pdf"), pdf);
            File.WriteAllBytes(Path.Combine(directory, "sample.docx"), docx);
            File.WriteAllText(Path.Combine(directory, "sample.html"), html);
        }

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
    }
}
