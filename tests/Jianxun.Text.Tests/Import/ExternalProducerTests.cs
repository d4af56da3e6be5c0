using Jianxun.Publishing;

namespace Jianxun.Text.Tests.Import;

/// <summary>PDFs made by other producers from the same issue: scored against what Jianxun's own DOCX reads back as.</summary>
internal static class ExternalProducers
{
    // A host stylesheet of the kind HtmlIssueRenderer expects (its jx-* classes carry no style of their own).
    public const string Stylesheet = """
        body { font-size: 16pt; margin: 0 }
        .jx-series { color: #e60012; font-size: 40pt; text-align: center; letter-spacing: .25em }
        .jx-issue-line { text-align: center; margin: 0 }
        .jx-issuer-line { display: flex; justify-content: space-between; margin: 0 }
        .jx-column-heading { font-size: 16pt; margin: 12pt 0 6pt }
        .jx-title { font-size: 18pt; text-align: center; margin: 10pt 2em 6pt }
        .jx-body, .jx-editors-note p { text-indent: 2em; text-align: justify; margin: 0 }
        .jx-credit { text-align: right; font-size: 14pt; margin: 0 }
        .jx-brief-list { list-style: none; padding: 0; margin: 0 }
        .jx-brief { text-indent: 2em; text-align: justify }
        .jx-photo { margin: 6pt 0; text-align: center } .jx-photo img { max-width: 100% }
        .jx-photo-side { float: right; width: 40%; margin: 0 0 0 1em } .jx-photo-side img { width: 100% }
        figcaption { font-size: 12pt }
        .jx-distribution { font-size: 14pt; margin-top: 2em }
        """;

    public static readonly Lazy<string> Truth = new(() =>
        BulletinJson.Serialize(DocxBulletinReader.Read(new DocxIssueRenderer().Render(RoundTrip.Issue(extraArticles: 2)))));

    public static byte[] PrintHtml(string css)
    {
        var html = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + css + "</style></head><body>"
            + new HtmlIssueRenderer().Render(RoundTrip.Issue(extraArticles: 2)) + "</body></html>";
        return ExternalTools.Run(
            ExternalTools.Chromium!,
            dir => ($"--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=\"{dir}/profile\" --no-pdf-header-footer --print-to-pdf=\"{dir}/issue.pdf\" \"file://{dir}/issue.html\"", "issue.pdf"),
            dir => File.WriteAllText(Path.Combine(dir, "issue.html"), html));
    }

    public static void AssertScore(ParsedBulletin read, double min)
    {
        var score = BulletinScorer.Score(Truth.Value, BulletinJson.Serialize(read));
        Assert.True(score["score"] >= min, string.Join(", ", score.Select(kv => kv.Key + "=" + kv.Value.ToString("F3"))));
    }
}

// One class per tool run, so xunit runs them side by side.
public sealed class LibreOfficePdfTests
{
    [SofficeFact]
    public void Read_LibreOfficePdfOfJianxunDocx_ScoresAtLeast095()
    {
        var docx = new DocxIssueRenderer().Render(RoundTrip.Issue(extraArticles: 2));
        var pdf = ExternalTools.Run(
            ExternalTools.Soffice!,
            dir => ("--headless --norestore --convert-to pdf --outdir \"" + dir + "\" issue.docx", "issue.pdf"),
            dir => File.WriteAllBytes(Path.Combine(dir, "issue.docx"), docx));

        var read = PdfBulletinReader.Read(pdf);

        ExternalProducers.AssertScore(read, 0.95);
    }
}

// One class per tool run, so xunit runs them side by side.
public sealed class ChromiumStyledPdfTests
{
    [ChromiumFact]
    public void Read_ChromiumPdfOfStyledHtml_ScoresAtLeast095()
    {
        var read = PdfBulletinReader.Read(ExternalProducers.PrintHtml(ExternalProducers.Stylesheet));

        ExternalProducers.AssertScore(read, 0.95);
    }
}

// One class per tool run, so xunit runs them side by side.
public sealed class ChromiumUnstyledPdfTests
{
    [ChromiumFact]
    public void Read_ChromiumPdfOfUnstyledHtml_FindsColumnsAndTitles()
    {
        // No stylesheet: no indents, no centring, list markers doubled. Sizes and paragraph gaps must carry it.
        var read = PdfBulletinReader.Read(ExternalProducers.PrintHtml(string.Empty));

        Assert.Equal(["国企动态", "基层风采", "简讯"], read.Sections.Select(s => s.Name));
        Assert.Equal(4, read.Sections[0].Articles.Count(a => a.Title is not null));
    }
}
