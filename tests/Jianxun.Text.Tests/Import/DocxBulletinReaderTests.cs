using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jianxun.Publishing;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Jianxun.Text.Tests.Import;

public sealed class DocxBulletinReaderTests
{
    [Fact]
    public void Read_JianxunRenderedDocx_RoundTrips()
    {
        var issue = RoundTrip.Issue(extraArticles: 1);

        var read = DocxBulletinReader.Read(new DocxIssueRenderer().Render(issue));

        RoundTrip.AssertMatches(issue, read);
        Assert.Equal("国资简讯", read.Masthead);
        Assert.Equal(12, read.IssueNumber);
        Assert.Equal(88, read.TotalIssueNumber);
    }

    [Fact]
    public void Read_PlainWordFormatting_FindsStructure()
    {
        // Normal style only: manual bold, size and centring, a first-line indent, a two-paragraph title, a table.
        var docx = PlainDocx(
            P("简  讯", size: 60, bold: true, centred: true, color: "FF0000"),
            P("2025年第7期", centred: true),
            P("【国资动态】", bold: true),
            P("临江港务集团召开年中工作会议暨", size: 36, bold: true, centred: true),
            P("安全生产推进会", size: 36, bold: true, centred: true),
            P("7月2日，临江港务集团召开年中工作会议，党委书记、董事长裴之远作工作报告。", indent: true),
            P("裴之远强调，下半年要聚焦主责主业，一是抓好重点项目，二是守牢安全底线。", indent: true),
            P("【供稿：临江港务集团 党群工作部 祁嘉树】", right: true),
            P("【企业风采】", bold: true),
            P("临江文旅公司举办非遗展演", bold: true, centred: true),
            P("7月6日，临江文旅公司举办非遗展演活动，吸引游客三千余人次。（供稿：临江文旅公司）", indent: true),
            P("报：区委办公室。", size: 28),
            P("共印30份", size: 28));

        var read = DocxBulletinReader.Read(docx);

        Assert.Equal("简讯", read.Masthead);
        Assert.Equal(7, read.IssueNumber);
        Assert.Equal(["国资动态", "企业风采"], read.Sections.Select(s => s.Name));
        var first = Assert.Single(read.Sections[0].Articles);
        Assert.Equal("临江港务集团召开年中工作会议暨安全生产推进会", first.Title);
        Assert.Equal(2, first.Paragraphs.Count);
        Assert.Equal(["临江港务集团", "党群工作部"], first.Credit!.Units);
        Assert.Equal(["祁嘉树"], first.Credit.Authors);
        var second = Assert.Single(read.Sections[1].Articles);
        Assert.Equal("临江文旅公司举办非遗展演", second.Title);
        Assert.Equal(["7月6日，临江文旅公司举办非遗展演活动，吸引游客三千余人次。"], second.Paragraphs);
        Assert.Equal(["临江文旅公司"], second.Credit!.Units);
    }

    private static Paragraph P(string text, int size = 32, bool bold = false, bool centred = false, bool right = false, bool indent = false, string? color = null)
    {
        var pPr = new ParagraphProperties();
        if (indent)
        {
            pPr.Append(new Indentation { FirstLine = "640" });
        }

        if (centred || right)
        {
            pPr.Append(new Justification { Val = centred ? JustificationValues.Center : JustificationValues.Right });
        }

        var rPr = new RunProperties();
        if (bold)
        {
            rPr.Append(new Bold());
        }

        if (color is not null)
        {
            rPr.Append(new Color { Val = color });
        }

        rPr.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Paragraph(pPr, new Run(rPr, new WText(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static byte[] PlainDocx(params Paragraph[] paragraphs)
    {
        using var buffer = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var p in paragraphs)
            {
                body.Append(p);
            }

            // A table in the middle of nowhere: flattened, not fatal.
            body.InsertAt(new Table(new TableRow(new TableCell(new Paragraph(new Run(new WText("内部资料 注意保存")))))), 1);
            main.Document = new Document(body);
        }

        return buffer.ToArray();
    }
}
