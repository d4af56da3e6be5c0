using System.Globalization;

namespace Jianxun.Text;

/// <summary>
/// The one source of every limit on files that users give us (photos, instruction scans, imported PDF, DOCX and text),
/// each checked before the expensive work it guards (ADR-016, docs/security/files.md). Messages are Chinese and name the limit.
/// </summary>
public static class UserFileLimits
{
    /// <summary>A photo file (JPEG or PNG), as uploaded.</summary>
    public const long MaxPhotoBytes = 10L * 1024 * 1024;

    /// <summary>Photos one article may carry (and one upload may bring).</summary>
    public const int MaxPhotosPerArticle = 20;

    /// <summary>A leader-instruction scan (PDF, JPEG or PNG), as uploaded.</summary>
    public const long MaxScanBytes = 20L * 1024 * 1024;

    /// <summary>Longest side of an image, read from its header before any pixel is decoded.</summary>
    public const int MaxImageSide = 10_000;

    /// <summary>Width × height of an image, read from its header before any pixel is decoded.</summary>
    public const long MaxImagePixels = 40_000_000;

    /// <summary>Photos are stored with at most this many pixels on the longest side: A4 width at 300 dpi, more than any photo prints at.</summary>
    public const int StoredPhotoMaxSide = 2480;

    /// <summary>Scans are stored with at most this many pixels on the longest side: A4 height at 300 dpi, so a full-page scan stays legible.</summary>
    public const int StoredScanMaxSide = 3508;

    /// <summary>A file to import (PDF or DOCX); text files have <see cref="MaxTextBytes"/>.</summary>
    public const long MaxImportBytes = 50L * 1024 * 1024;

    /// <summary>An extracted-text file to import (a bulletin's text is 20–100 KB).</summary>
    public const long MaxTextBytes = 5L * 1024 * 1024;

    /// <summary>A contributor's article document (.docx with its photos, .doc, .wps, .rtf, .odt, .txt), as uploaded.</summary>
    public const long MaxArticleDocumentBytes = 30L * 1024 * 1024;

    /// <summary>Wall time of one LibreOffice conversion of a legacy document; the process tree is killed after it.</summary>
    public static readonly TimeSpan ConversionTimeLimit = TimeSpan.FromSeconds(45);

    /// <summary>Pages of a PDF to import (a bulletin has a handful).</summary>
    public const int MaxPdfPages = 200;

    /// <summary>
    /// Nesting of arrays, dictionaries and forms that PdfPig follows (its <c>MaxStackDepth</c>, at its default): 64 lost the
    /// text of tagged PDFs that Chromium writes, whose structure trees nest deeper.
    /// </summary>
    public const int MaxPdfNesting = 256;

    /// <summary>One decoded PDF stream that is a font or an image (a fully embedded CJK font is 10–20 MB).</summary>
    public const long MaxPdfStreamBytes = 48L * 1024 * 1024;

    /// <summary>One decoded PDF stream of any other kind: page contents, forms, object and cross-reference streams.</summary>
    public const long MaxPdfContentStreamBytes = 2L * 1024 * 1024;

    /// <summary>All decoded PDF streams of one file together.</summary>
    public const long MaxPdfDecodedBytes = 192L * 1024 * 1024;

    /// <summary>Characters (glyphs) on all pages of a PDF together; a dense page has about 2,000.</summary>
    public const int MaxPdfGlyphs = 300_000;

    /// <summary>Drawn shapes (bars, boxes, rules) kept of one PDF page for the layout analysis; a bulletin page has a few dozen.</summary>
    public const int MaxPdfShapesPerPage = 2_000;

    /// <summary>Entries in a DOCX (a Word document has 10–100).</summary>
    public const int MaxDocxEntries = 1_000;

    /// <summary>All entries of a DOCX uncompressed, counted while inflating (declared sizes are not trusted).</summary>
    public const long MaxDocxUncompressedBytes = 256L * 1024 * 1024;

    /// <summary>The XML parts of a DOCX uncompressed (a 20-page bulletin's document.xml is under 1 MB).</summary>
    public const long MaxDocxXmlBytes = 16L * 1024 * 1024;

    /// <summary>Elements in the XML parts of a DOCX (a 20-page bulletin has about 50,000).</summary>
    public const int MaxDocxXmlElements = 400_000;

    /// <summary>Nesting of XML elements (Word's deepest real structures, tables in text boxes in tables, stay under 60).</summary>
    public const int MaxXmlDepth = 200;

    /// <summary>
    /// Wall time for reading one import file; checked between pages and phases, so a step may overrun it by one page. A PDF
    /// reader process is killed when it runs longer than this from its start (ADR-019).
    /// </summary>
    public static readonly TimeSpan ImportTimeBudget = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Resident memory of the process that reads one PDF (import or scan, ADR-019), at which the parent kills it. A 20-page
    /// bulletin needs under 100 MB; the caps above let a legitimate file make PdfPig hold about 300 MB (the 50 MB input
    /// twice, 192 MB of decoded streams) besides the runtime.
    /// </summary>
    public const long MaxPdfReaderMemoryBytes = 512L * 1024 * 1024;

    /// <summary>PDF reader processes at once (the machine's memory for them is this × <see cref="MaxPdfReaderMemoryBytes"/>).</summary>
    public const int MaxPdfReaders = 2;

    /// <summary>The reader process's answer (300,000 glyphs at about 90 bytes of JSON each is 27 MB).</summary>
    public const long MaxPdfReaderAnswerBytes = 64L * 1024 * 1024;

    /// <summary>Scanned pages (no text layer) of one PDF that are read by OCR (ADR-029); a scanned bulletin has a handful.</summary>
    public const int MaxOcrPages = 40;

    /// <summary>
    /// Processor time for one step of reading one scanned page (rasterising it, or recognising its text; ADR-029): the
    /// process is killed when it uses more. A bulletin page takes 2–5 s to recognise on one core.
    /// </summary>
    public static readonly TimeSpan OcrStepTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Wall time for the same step: a crowded machine stretches a few seconds of work into minutes (measured: 3 minutes
    /// for 10 s of processor time at a load of 68 on 2 cores), so this only ends a process that waits forever.
    /// </summary>
    public static readonly TimeSpan OcrStepWallTimeLimit = TimeSpan.FromMinutes(10);

    /// <summary>Resident memory of one rasterising or OCR process (a 300 dpi A4 page and Tesseract's Chinese model need about 250 MB).</summary>
    public const long MaxOcrProcessMemoryBytes = 768L * 1024 * 1024;

    /// <summary>Longest side, in pixels, of a page rasterised for OCR (A3 at 300 dpi); larger pages are read at a lower resolution.</summary>
    public const int MaxOcrImageSide = 4960;

    /// <summary>The Chinese refusal for an image over the pixel limits, or null when it is within them.</summary>
    public static string? ImageRefusal(long width, long height) =>
        width > MaxImageSide || height > MaxImageSide || width * height > MaxImagePixels
            ? Invariant($"图片尺寸超过上限：每边不超过 {MaxImageSide} 像素、总像素不超过 {MaxImagePixels / 10_000} 万（这张是 {width}×{height}）。")
            : null;

    /// <summary>The Chinese refusal for a PDF whose reader process ran out of time and was stopped.</summary>
    public static string PdfReaderTimeRefusal(TimeSpan limit) =>
        Invariant($"PDF 读取超时：每个文件的读取时间不超过 {limit.TotalSeconds:0.#} 秒，读取已被终止。文件可能已损坏或结构异常，请重新导出 PDF 或改用 Word 文档。");

    /// <summary>The Chinese refusal for a PDF whose reader process needed more memory than allowed and was stopped.</summary>
    public static string PdfReaderMemoryRefusal(long limit) =>
        Invariant($"PDF 读取所需内存超过上限：每个文件不超过 {Megabytes(limit)}，读取已被终止。文件可能已损坏或结构异常，请重新导出 PDF 或改用 Word 文档。");

    /// <summary>A size in MB for messages.</summary>
    public static string Megabytes(long bytes) => Invariant($"{bytes / 1048576.0:0.#} MB");

    internal static BulletinImportException Refuse(string message) => new(BulletinImportError.TooLarge, message);

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The time budget of one file: checked between pages and phases (a running library call cannot be interrupted).</summary>
internal sealed class ImportBudget
{
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly TimeSpan _budget;

    public ImportBudget(TimeSpan? budget = null) => _budget = budget ?? UserFileLimits.ImportTimeBudget;

    public void Check()
    {
        if (System.Diagnostics.Stopwatch.GetElapsedTime(_start) > _budget)
        {
            throw UserFileLimits.Refuse(UserFileLimits.Invariant($"文件处理超时：每个文件的读取时间不超过 {_budget.TotalSeconds:0} 秒，请拆分或简化后再导入。"));
        }
    }
}
