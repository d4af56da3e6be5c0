using System.Diagnostics;
using Jianxun.Publishing;
using Jianxun.Testing;
using Jianxun.Text.Tests.Import;

namespace Jianxun.Text.Tests;

/// <summary>
/// The hostile-file corpus against the readers (ADR-016): each file is refused with <see cref="BulletinImportException"/>
/// in bounded time, and the managed memory allocated on this thread while refusing it (an upper bound on the rise of the
/// peak) stays under 200 MB. Allocation is counted per thread, so tests running in parallel cannot disturb it.
/// </summary>
public sealed class HostileFileTests
{
    private const long MemoryBudget = 200L * 1024 * 1024;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(15);

    public static TheoryData<string> Bombs() => ["deep-docx", "xml-bomb-docx", "media-bomb-docx", "lying-sizes-docx", "many-entries-docx", "wide-docx", "stream-bomb-pdf", "many-pages-pdf", "deep-pdf", "huge-text"];

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Import_Bomb_IsRefusedInBoundedTimeAndMemory(string name)
    {
        var file = Make(name);

        var (error, elapsed, allocated) = Refuse(file, name);

        Assert.True(elapsed < TimeBudget, $"{name}: {elapsed.TotalSeconds:0.0} s");
        Assert.True(allocated < MemoryBudget, $"{name}: {allocated / 1048576} MB allocated");
        Assert.NotEqual(BulletinImportError.Empty, error.Error);
        Assert.Matches("[\u4e00-\u9fff]", error.Message);
    }

    [Fact]
    public void Import_DeepDocx_NamesTheDepthLimit()
    {
        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("深.docx", HostileFiles.DeepDocx()));
        Assert.Equal(BulletinImportError.TooLarge, e.Error);
        Assert.Contains($"不超过 {UserFileLimits.MaxXmlDepth} 层", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_XmlBombDocx_NamesTheXmlLimit()
    {
        var e = Assert.Throws<BulletinImportException>(() => DocxBulletinReader.Read(HostileFiles.XmlBombDocx()));
        Assert.Contains("XML 部件合计不超过 16 MB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ManyEntries_NamesTheEntryLimit()
    {
        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("多.docx", HostileFiles.ManyEntriesDocx()));
        Assert.Contains($"不超过 {UserFileLimits.MaxDocxEntries} 个", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_StreamBombPdf_NamesTheStreamLimit()
    {
        var e = Assert.Throws<BulletinImportException>(() => PdfBulletinReader.Read(HostileFiles.StreamBombPdf(64L * 1024 * 1024)));
        Assert.Equal(BulletinImportError.TooLarge, e.Error);
        Assert.Contains("页面内容每段不超过 2 MB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ManyPagesPdf_NamesThePageLimit()
    {
        var e = Assert.Throws<BulletinImportException>(() => PdfBulletinReader.Read(HostileFiles.ManyPagesPdf(UserFileLimits.MaxPdfPages + 1)));
        Assert.Contains($"不超过 {UserFileLimits.MaxPdfPages} 页", e.Message, StringComparison.Ordinal);
        Assert.Equal(UserFileLimits.MaxPdfPages, PdfBulletinReader.CheckPages(HostileFiles.ManyPagesPdf(UserFileLimits.MaxPdfPages)));
    }

    public static TheoryData<string> Malformed() => ["truncated-pdf", "truncated-docx", "truncated-png-as-docx", "png-named-pdf", "docx-named-txt", "pdf-zip-polyglot", "jpeg-header-only"];

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Import_MalformedOrMisnamed_IsRefusedOrReadNeverCrashes(string name)
    {
        var (file, fileName) = name switch
        {
            "truncated-pdf" => (HostileFiles.Truncate(new PdfIssueRenderer().Render(RoundTrip.Issue())), "a.pdf"),
            "truncated-docx" => (HostileFiles.Truncate(new DocxIssueRenderer().Render(RoundTrip.Issue())), "a.docx"),
            "truncated-png-as-docx" => (HostileFiles.Truncate(TestImages.Png(200, 100)), "a.docx"),
            "png-named-pdf" => (TestImages.Png(200, 100), "scan.pdf"),
            "docx-named-txt" => (new DocxIssueRenderer().Render(RoundTrip.Issue()), "a.txt"),
            "pdf-zip-polyglot" => (HostileFiles.Polyglot(new PdfIssueRenderer().Render(RoundTrip.Issue()), HostileFiles.DeepDocx()), "a.pdf"),
            "jpeg-header-only" => (HostileFiles.HugeJpegHeader(), "a.jpg"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var started = Stopwatch.GetTimestamp();
        try
        {
            // A name is never trusted: the content decides, and a DOCX read as text is still read as a DOCX.
            BulletinImporter.Import(fileName, file);
        }
        catch (BulletinImportException e)
        {
            Assert.Matches("[\u4e00-\u9fff]", e.Message);
        }

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeBudget);
    }

    [Fact]
    public void Limits_ImageRefusal_NamesBothLimits()
    {
        Assert.Null(UserFileLimits.ImageRefusal(10_000, 4_000));
        Assert.Equal("图片尺寸超过上限：每边不超过 10000 像素、总像素不超过 4000 万（这张是 16000×16000）。", UserFileLimits.ImageRefusal(16_000, 16_000));
        Assert.NotNull(UserFileLimits.ImageRefusal(10_001, 10));
        Assert.NotNull(UserFileLimits.ImageRefusal(8_000, 6_000));
    }

    [Fact]
    public void Limits_AreConsistent()
    {
        Assert.True(UserFileLimits.MaxImageSide * 4_000L >= UserFileLimits.MaxImagePixels);
        Assert.True(UserFileLimits.StoredPhotoMaxSide <= UserFileLimits.StoredScanMaxSide);
        Assert.True(UserFileLimits.MaxDocxXmlBytes < UserFileLimits.MaxDocxUncompressedBytes);
        Assert.True(UserFileLimits.MaxPdfContentStreamBytes < UserFileLimits.MaxPdfStreamBytes);
        Assert.Equal(UserFileLimits.MaxImportBytes, new BulletinParseOptions().MaxFileBytes);
        Assert.Equal(UserFileLimits.MaxPdfPages, new BulletinParseOptions().MaxPages);
    }

    [Fact]
    public void Limits_RealFilesStillPass()
    {
        var issue = RoundTrip.Issue(extraArticles: 3);
        RoundTrip.AssertMatches(issue, DocxBulletinReader.Read(new DocxIssueRenderer().Render(issue)));
        RoundTrip.AssertMatches(issue, PdfBulletinReader.Read(new PdfIssueRenderer().Render(issue)));
    }

    internal static byte[] Make(string name) => name switch
    {
        "deep-docx" => HostileFiles.DeepDocx(),
        "xml-bomb-docx" => HostileFiles.XmlBombDocx(),
        "media-bomb-docx" => HostileFiles.MediaBombDocx(),
        "lying-sizes-docx" => HostileFiles.LyingSizesDocx(),
        "many-entries-docx" => HostileFiles.ManyEntriesDocx(),
        "wide-docx" => HostileFiles.WideDocx(),
        "stream-bomb-pdf" => HostileFiles.StreamBombPdf(),
        "many-pages-pdf" => HostileFiles.ManyPagesPdf(),
        "deep-pdf" => HostileFiles.DeepPdf(),
        "huge-text" => System.Text.Encoding.UTF8.GetBytes(new string('简', (int)(UserFileLimits.MaxTextBytes / 3) + 10)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static (BulletinImportException Error, TimeSpan Elapsed, long Allocated) Refuse(byte[] file, string name)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var error = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import(name, file));
        return (error, Stopwatch.GetElapsedTime(started), GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
