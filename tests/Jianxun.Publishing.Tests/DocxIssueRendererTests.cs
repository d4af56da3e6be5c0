using System.IO.Compression;
using System.Security.Cryptography;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Jianxun.Publishing.Tests;

public sealed class DocxIssueRendererTests
{
    private static readonly Lazy<(IssueDocument Issue, byte[] Docx)> Standard = new(() =>
    {
        var issue = SampleIssues.Standard(articleCount: 4) with { Erratum = "更正：上期第3页“港航公司”应为“港航集团”。" };
        return (issue, new DocxIssueRenderer().Render(issue));
    });

    private static WordprocessingDocument Open() => WordprocessingDocument.Open(new MemoryStream(Standard.Value.Docx), false);

    [Fact]
    public void Render_StandardIssue_PassesOpenXmlValidator()
    {
        using var document = Open();

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Render_StandardIssue_TextReadsBackInOrder()
    {
        var issue = Standard.Value.Issue;
        using var document = Open();
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        var expected = new List<string> { issue.SeriesName, "2026年第5期（总第123期）", "市国资委办公室编2026年3月9日" };
        expected.Add("编者按：" + issue.EditorsNote);
        foreach (var column in issue.Columns)
        {
            expected.Add("【" + column.Name.Trim('[', ']') + "】");
            var number = 0;
            foreach (var article in column.Articles)
            {
                number++;
                var first = true;
                if (!column.IsBriefs && article.Title is not null)
                {
                    expected.Add(article.Title);
                }

                foreach (var paragraph in article.Paragraphs)
                {
                    var lead = first && column.IsBriefs ? number + "、" + (article.Title is null ? string.Empty : article.Title + "。") : string.Empty;
                    expected.Add(lead + paragraph);
                    first = false;
                }

                if (article.CreditLine is not null)
                {
                    expected.Add(article.CreditLine);
                }
            }
        }

        expected.Add(issue.Erratum!);
        expected.Add("报：" + issue.Distribution!.Bao);
        expected.Add("送：" + issue.Distribution.Song);
        expected.Add("发：" + issue.Distribution.Fa);
        expected.Add("（共印60份）");

        var text = paragraphs.Where(p => p.Length > 0 && !p.StartsWith("图为", StringComparison.Ordinal) && !p.Contains("摄影", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Render_StandardIssue_UsesNamedParagraphStyles()
    {
        using var document = Open();
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId!.Value).ToHashSet();
        var used = document.MainDocumentPart.Document!.Body!.Descendants<ParagraphStyleId>().Select(p => p.Val!.Value).ToHashSet();

        string[] required = ["Masthead", "ColumnHeading", "ArticleTitle", "Body", "Credit", "Brief", "Distribution"];
        Assert.All(required, r => Assert.Contains(r, styles));
        Assert.All(required, r => Assert.Contains(r, used));
    }

    [Fact]
    public void Render_Styles_SetEastAsianFontsAndFirstLineIndentInTwips()
    {
        using var document = Open();
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;

        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!;
        Assert.Equal("Noto Serif SC", defaults.EastAsia!.Value);
        var body = styles.Elements<Style>().Single(s => s.StyleId == "Body");
        var indentation = body.StyleParagraphProperties!.Indentation!;
        Assert.Equal("640", indentation.FirstLine!.Value);
        Assert.Equal(200, indentation.FirstLineChars!.Value);
        var masthead = styles.Elements<Style>().Single(s => s.StyleId == "Masthead");
        Assert.Equal("E60012", masthead.StyleRunProperties!.Color!.Val!.Value);
        Assert.NotNull(masthead.StyleRunProperties.RunFonts!.EastAsia);
    }

    [Fact]
    public void Render_Footers_HavePageFieldOnAlternatingSides()
    {
        using var document = Open();
        var main = document.MainDocumentPart!;
        var section = main.Document!.Body!.Elements<SectionProperties>().Single();

        var references = section.Elements<FooterReference>().ToDictionary(f => f.Type!.Value, f => f.Id!.Value!);
        Assert.Equal(2, references.Count);
        foreach (var (type, id) in references)
        {
            var footer = ((FooterPart)main.GetPartById(id)).Footer!;
            Assert.Contains(footer.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
            var justification = footer.Descendants<Justification>().Single().Val!.Value;
            Assert.Equal(type == HeaderFooterValues.Even ? JustificationValues.Left : JustificationValues.Right, justification);
        }

        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
    }

    [Fact]
    public void Render_PageSetup_FollowsGbT9704()
    {
        using var document = Open();
        var section = document.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();

        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);
        Assert.Equal(2098, margin.Top!.Value);
        Assert.Equal(1587u, margin.Left!.Value);
        Assert.Equal(1474u, margin.Right!.Value); // 26 mm
    }

    [Fact]
    public void Render_Photos_EmbeddedAsImagesWithCaptions()
    {
        using var document = Open();
        var main = document.MainDocumentPart!;

        Assert.Equal(2, main.ImageParts.Count());
        Assert.Equal(2, main.Document!.Body!.Descendants<Drawing>().Count());
        var captions = main.Document.Body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Caption")
            .Select(p => p.InnerText)
            .ToList();
        Assert.Equal(2, captions.Count);
    }

    [Fact]
    public void Render_Package_DatesEveryEntry1980AndHasNoDocumentDates()
    {
        using var zip = new ZipArchive(new MemoryStream(Standard.Value.Docx), ZipArchiveMode.Read);

        Assert.Equal(["[Content_Types].xml", "_rels/.rels"], zip.Entries.Take(2).Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
        Assert.All(zip.Entries, e => Assert.Equal(0, e.ExternalAttributes));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("docProps/", StringComparison.Ordinal));
        Assert.All(zip.Entries.Where(e => e.FullName.StartsWith("media/", StringComparison.Ordinal)), e => Assert.Equal(e.Length, e.CompressedLength));
    }

    [Fact]
    public void Render_Package_NamesEveryRelationshipItself()
    {
        using var document = Open();
        var main = document.MainDocumentPart!;

        Assert.Equal("rIdDocument", document.GetIdOfPart(main));
        Assert.Equal(
            ["rIdFooterEven", "rIdFooterOdd", "rIdImage1", "rIdImage2", "rIdSettings", "rIdStyles"],
            main.Parts.Select(p => p.RelationshipId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_SameIssueTwice_GivesIdenticalBytes()
    {
        var again = new DocxIssueRenderer().Render(Standard.Value.Issue);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(Standard.Value.Docx)), Convert.ToHexString(SHA256.HashData(again)));
    }
}
