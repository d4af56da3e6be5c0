using System.IO.Compression;
using System.Text;
using Jianxun.Publishing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jianxun.Text.Tests.Import;

public sealed class BulletinImporterTests
{
    private static readonly Lazy<byte[]> Pdf = new(() => new PdfIssueRenderer().Render(RoundTrip.Issue(photos: false)));

    [Fact]
    public void Import_Pdf_PicksPdfReader()
    {
        var b = BulletinImporter.Import("issue.bin", Pdf.Value);

        Assert.Equal("国资简讯", b.Masthead);
        Assert.Equal(3, b.Sections.Count);
    }

    [Fact]
    public void Import_Docx_PicksDocxReader()
    {
        var docx = new DocxIssueRenderer().Render(RoundTrip.Issue(photos: false));

        var b = BulletinImporter.Import("issue.pdf", new MemoryStream(docx));

        RoundTrip.AssertMatches(RoundTrip.Issue(photos: false), b);
    }

    [Fact]
    public void Import_Pdf_SourceLinesHoldEachArticlesTitleAndCredit()
    {
        var b = BulletinImporter.Import("issue.pdf", Pdf.Value);

        AssertLinesCoverArticles(b);
    }

    [Fact]
    public void Import_Docx_SourceLinesHoldEachArticlesTitleAndCredit()
    {
        var docx = new DocxIssueRenderer().Render(RoundTrip.Issue(photos: false));

        var b = BulletinImporter.Import("issue.docx", docx);

        AssertLinesCoverArticles(b);
    }

    [Fact]
    public void Import_Text_SourceLinesAreTheFileLinesBlankOnesIncluded()
    {
        var text = "● 简讯\r\n\r\n[国资动态]\r\n区国资委召开专题会议\r\n　　3月5日，区国资委召开专题会议，研究部署下一阶段重点工作任务。\r\n【供稿：区国资委】  \r\n";

        var b = BulletinImporter.Import("a.txt", Encoding.UTF8.GetBytes(text));

        Assert.Equal(["● 简讯", "", "[国资动态]", "区国资委召开专题会议", "　　3月5日，区国资委召开专题会议，研究部署下一阶段重点工作任务。", "【供稿：区国资委】", ""], b.SourceLines);
        var a = b.Sections[0].Articles[0];
        Assert.Equal("区国资委召开专题会议", b.SourceLines[a.SourceLineStart - 1]);
        Assert.Equal("【供稿：区国资委】", b.SourceLines[a.SourceLineEnd - 1]);
    }

    private static void AssertLinesCoverArticles(ParsedBulletin b)
    {
        Assert.NotEmpty(b.SourceLines);
        foreach (var a in b.Sections.SelectMany(s => s.Articles))
        {
            Assert.InRange(a.SourceLineStart, 1, a.SourceLineEnd);
            Assert.InRange(a.SourceLineEnd, a.SourceLineStart, b.SourceLines.Count);
            var range = string.Concat(b.SourceLines.Skip(a.SourceLineStart - 1).Take(a.SourceLineEnd - a.SourceLineStart + 1)).Replace(" ", "", StringComparison.Ordinal);
            if (a.Title is not null)
            {
                Assert.StartsWith(a.Title[..4], b.SourceLines[a.SourceLineStart - 1], StringComparison.Ordinal);
            }

            Assert.Contains(a.Paragraphs[^1][^4..], range, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Import_ExtractedText_PicksTextParser()
    {
        var text = File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "001_spaced.txt"));

        var b = BulletinImporter.Import("001.txt", text);

        Assert.NotEmpty(b.Sections);
    }

    [Fact]
    public void Import_EmptyFile_Empty()
    {
        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("a.pdf", ReadOnlySpan<byte>.Empty));

        Assert.Equal(BulletinImportError.Empty, e.Error);
        Assert.Contains("空", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OverLimit_RefusedBeforeReading()
    {
        var stream = new UnreadableStream(length: 300L * 1024 * 1024);

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("big.pdf", stream));

        Assert.Equal(BulletinImportError.TooLarge, e.Error);
        Assert.Contains("上限", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ConfiguredLimit_Applies()
    {
        var options = new BulletinParseOptions { MaxFileBytes = 1000 };

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("a.pdf", Pdf.Value, options));

        Assert.Equal(BulletinImportError.TooLarge, e.Error);
    }

    [Fact]
    public void Import_RandomBytes_NotABulletin()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("x.txt", bytes));

        Assert.Equal(BulletinImportError.NotABulletin, e.Error);
    }

    [Fact]
    public void Import_TruncatedPdf_Corrupt()
    {
        var half = Pdf.Value.AsSpan(0, Pdf.Value.Length / 3).ToArray();

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("x.pdf", half));

        Assert.True(e.Error is BulletinImportError.Corrupt or BulletinImportError.NoTextLayer, e.Error + ": " + e.Message);
    }

    [Fact]
    public void Import_PdfHeaderThenGarbage_Corrupt()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(Enumerable.Repeat((byte)'x', 5000)).ToArray();

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("x.pdf", bytes));

        Assert.Equal(BulletinImportError.Corrupt, e.Error);
        Assert.Contains("PDF", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_EncryptedPdf_Encrypted()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawRectangle(XBrushes.Black, 10, 10, 50, 50);
        }

        document.SecuritySettings.UserPassword = "secret";
        document.SecuritySettings.OwnerPassword = "owner";
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("x.pdf", output.ToArray()));

        Assert.Equal(BulletinImportError.Encrypted, e.Error);
        Assert.Contains("密码", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ImageOnlyPdf_NoTextLayer()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        using (var image = XImage.FromStream(new MemoryStream(RoundTrip.Png(200, 280))))
        {
            gfx.DrawImage(image, 20, 20, 500, 700);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("scan.pdf", output.ToArray()));

        Assert.Equal(BulletinImportError.NoTextLayer, e.Error);
        Assert.Contains("扫描", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ZipWithoutWordDocument_UnsupportedFormat()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            w.Write("<workbook/>");
        }

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("book.xlsx", buffer.ToArray()));

        Assert.Equal(BulletinImportError.UnsupportedFormat, e.Error);
    }

    [Fact]
    public void Import_DocxWithBrokenXml_Corrupt()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            w.Write("<w:document");
        }

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("a.docx", buffer.ToArray()));

        Assert.Equal(BulletinImportError.Corrupt, e.Error);
    }

    [Fact]
    public void Import_LegacyDoc_UnsupportedFormat()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("a.doc", ole));

        Assert.Equal(BulletinImportError.UnsupportedFormat, e.Error);
        Assert.Contains(".docx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_PdfWithMastheadOnly_NotABulletin()
    {
        var pdf = new PdfIssueRenderer().Render(RoundTrip.Issue() with { Columns = [], EditorsNote = null, Distribution = null });

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("a.pdf", pdf));

        Assert.Equal(BulletinImportError.NotABulletin, e.Error);
        Assert.Contains("简讯", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Claims a length and fails on any read: proves the limit is checked first.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
