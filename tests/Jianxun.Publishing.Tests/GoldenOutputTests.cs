using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Jianxun.Publishing.Tests;

/// <summary>
/// The same issue gives the same PDF, DOCX and HTML bytes in every process, on every machine, in every culture and time
/// zone: the hashes below (the HTML file as published, stylesheet inlined) were taken once and are checked by every run (CI runs this class again under other zones and a
/// faked clock). A change that alters the output on purpose updates them: run with JIANXUN_PRINT_GOLDEN=1 and read the
/// output. The fonts are pinned by package-lock.json, so a font upgrade changes the PDF hash too. The DOCX hash is that of
/// a Linux machine (ADR-021: .NET writes the operating system into each zip entry).
/// </summary>
public sealed class GoldenOutputTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string PdfSha256 = "a66f8c2aa4294855a430f1ae7c39953ee9254fac3b6d8080b8c294618bc1b2c0";
    private const string DocxSha256 = "ba0b35144b6934cb9230d534bf7aed7d7eb18b2fd69a676fd311eaa5c18a8e41";
    private const string HtmlSha256 = "9d09ca4fe50b56c5ba3fda10f96207f62f5ac7bd6bbfc56cfbcb3e4d5ae9b5bb";

    public static TheoryData<string> Cultures => ["zh-CN", "en-US", "ar-SA", "th-TH", "fa-IR", ""];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Render_StandardIssue_MatchesTheGoldenHash_InEveryCulture(string culture)
    {
        var (pdf, docx, html) = InCulture(culture, () =>
        {
            var issue = SampleIssues.Standard(articleCount: 4);
            return (new PdfIssueRenderer().Render(issue), new DocxIssueRenderer().Render(issue), new HtmlIssueRenderer().RenderDocument(issue));
        });
        var pdfHash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var docxHash = Convert.ToHexStringLower(SHA256.HashData(docx));
        var htmlHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)));
        if (Environment.GetEnvironmentVariable("JIANXUN_PRINT_GOLDEN") == "1")
        {
            output.WriteLine($"PDF {culture} {pdfHash}\nDOCX {culture} {docxHash}\nHTML {culture} {htmlHash}");
        }

        Assert.Equal(PdfSha256, pdfHash);
        Assert.Equal(DocxSha256, docxHash);
        Assert.Equal(HtmlSha256, htmlHash);
    }

    private static T InCulture<T>(string name, Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
