using Jianxun.Publishing;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>
/// <c>samples [DIR]</c>: the benchmark issue as PDF, DOCX and HTML (the HTML inside the comparison's print page), for a
/// person to look at, e.g. <c>pdftoppm -r 80 -png DIR/issue.pdf DIR/page</c>. What the files must contain is checked by
/// the renderers' tests, which read each format back.
/// </summary>
internal static class PublishingSamples
{
    public static int Write(string directory)
    {
        var issue = BenchmarkIssue.Create();
        var dir = Directory.CreateDirectory(directory).FullName;
        File.WriteAllBytes(Path.Combine(dir, "issue.pdf"), new PdfIssueRenderer().Render(issue));
        File.WriteAllBytes(Path.Combine(dir, "issue.docx"), new DocxIssueRenderer().Render(issue));
        File.WriteAllText(Path.Combine(dir, "issue.html"), PrintableHtml.Wrap(new HtmlIssueRenderer().Render(issue)));
        Console.WriteLine($"Wrote issue.pdf, issue.docx and issue.html to {dir}");
        return 0;
    }
}
