using System.Text.Json.Serialization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Filters;

namespace Jianxun.Text;

/// <summary>
/// Reads a bulletin from a PDF's text layer with glyph positions: lines by baseline, the first-line indent from x
/// positions, masthead/headings/titles from size, weight and colour, photo captions, page furniture and the
/// distribution block dropped. The structure and entities come from the same back end as <see cref="BulletinParser"/>.
/// </summary>
public static class PdfBulletinReader
{
    /// <summary>Reads a PDF; throws <see cref="BulletinImportException"/> for anything that is not a readable bulletin.</summary>
    public static ParsedBulletin Read(ReadOnlyMemory<byte> pdf, BulletinParseOptions? options = null)
    {
        options ??= new BulletinParseOptions();
        if (pdf.IsEmpty)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件为空。");
        }

        if (pdf.Length > options.MaxFileBytes)
        {
            throw BulletinImporter.TooLarge(pdf.Length, options.MaxFileBytes);
        }

        // A user's file is read in a killable child process (ADR-019); only the parser's own tests read in this process.
        var pages = options.ReadPdfInThisProcess ? Extract(pdf, options) : PdfReaderProcess.ReadPages(pdf, options.MaxPages, workerPath: options.PdfWorkerPath);

        // Pages with no text layer (scans) are read by OCR in their own bounded processes (ADR-029).
        var scanned = pages.Any(p => p.NeedsOcr);
        pages = scanned ? PdfOcr.ReadScannedPages(pdf, pages, options.OcrProgress, OcrTools.OnThisMachine) : pages;
        var lines = PdfLayoutAnalysis.ToSourceLines(pages);
        if (scanned && !lines.Any(l => l.Kind == LineKind.Content))
        {
            throw new BulletinImportException(
                BulletinImportError.NoTextLayer, "PDF 是扫描件（没有文字层），文字识别（OCR）没有读出可识别的正文，请提供更清晰的扫描件、带文字层的 PDF 或 Word 文档。");
        }

        if (!lines.Any(l => l.Kind == LineKind.Content))
        {
            throw new BulletinImportException(BulletinImportError.NotABulletin, "PDF 中没有可识别的正文，不像一期简讯。");
        }

        var bulletin = BulletinParser.ParseLines(lines, options);
        return BulletinImporter.EnsureBulletin(bulletin);
    }

    /// <summary>Reads a PDF from a stream (read to the end, up to <see cref="BulletinParseOptions.MaxFileBytes"/>).</summary>
    public static ParsedBulletin Read(Stream pdf, BulletinParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        options ??= new BulletinParseOptions();
        return Read(BulletinImporter.ReadAll(pdf, options.MaxFileBytes), options);
    }

    /// <summary>
    /// Opens a PDF under the same limits without reading its text (for scans kept as they are), in a killable child process
    /// (ADR-019): throws <see cref="BulletinImportException"/> when it is unreadable, has more than
    /// <see cref="UserFileLimits.MaxPdfPages"/> pages, or its reader overruns the time or memory limit.
    /// </summary>
    /// <param name="workerPath">Where the reader process is (<c>Jianxun:PdfWorkerPath</c>); null: beside this app.</param>
    public static int CheckPages(ReadOnlyMemory<byte> pdf, string? workerPath = null) => PdfReaderProcess.CountPages(pdf, workerPath: workerPath);

    /// <summary><see cref="CheckPages"/> in this process: for the reader process itself and the parser's own tests.</summary>
    internal static int CountPagesInThisProcess(ReadOnlyMemory<byte> pdf)
    {
        var limits = new PdfStreamLimits(DefaultFilterProvider.Instance);
        try
        {
            using var document = PdfDocument.Open(pdf, Options(limits));
            var count = document.NumberOfPages;
            limits.ThrowIfRefused();
            return count <= UserFileLimits.MaxPdfPages
                ? count
                : throw UserFileLimits.Refuse(UserFileLimits.Invariant($"PDF 页数过多：不超过 {UserFileLimits.MaxPdfPages} 页（这份有 {count} 页）。"));
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new BulletinImportException(BulletinImportError.Encrypted, "PDF 已加密（设有打开密码），请先解除密码再上传。", e);
        }
        catch (Exception e) when (e is not BulletinImportException and not OutOfMemoryException)
        {
            limits.ThrowIfRefused();
            throw new BulletinImportException(BulletinImportError.Corrupt, "PDF 文件已损坏或格式不正确，无法读取。", e);
        }
    }

    private static ParsingOptions Options(PdfStreamLimits limits) => new()
    {
        UseLenientParsing = true,
        SkipMissingFonts = true,
        MaxStackDepth = UserFileLimits.MaxPdfNesting,
        FilterProvider = limits,
    };

    internal static List<PdfPageContent> Extract(ReadOnlyMemory<byte> pdf, BulletinParseOptions options)
    {
        // Limits (UserFileLimits): PdfPig's own nesting guard, our caps on every decoded stream, pages, glyphs and time.
        var budget = new ImportBudget();
        var limits = new PdfStreamLimits(DefaultFilterProvider.Instance);
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, Options(limits));
            limits.ThrowIfRefused();
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new BulletinImportException(BulletinImportError.Encrypted, "PDF 已加密（设有打开密码），请先解除密码再导入。", e);
        }
        catch (Exception e) when (e is not BulletinImportException and not OutOfMemoryException)
        {
            limits.ThrowIfRefused();
            throw new BulletinImportException(BulletinImportError.Corrupt, "PDF 文件已损坏或格式不正确，无法读取。", e);
        }

        using (document)
        {
            int count;
            try
            {
                count = document.NumberOfPages;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                limits.ThrowIfRefused();
                throw new BulletinImportException(BulletinImportError.Corrupt, "PDF 文件已损坏（页面目录无法读取）。", e);
            }

            if (count == 0)
            {
                throw new BulletinImportException(BulletinImportError.Empty, "PDF 没有任何页面。");
            }

            if (count > options.MaxPages)
            {
                throw UserFileLimits.Refuse(UserFileLimits.Invariant($"PDF 页数过多：不超过 {options.MaxPages} 页（这份有 {count} 页）。"));
            }

            var pages = new List<PdfPageContent>(count);
            var glyphs = 0;
            var readable = 0;
            for (var n = 1; n <= count; n++)
            {
                budget.Check();
                try
                {
                    var page = document.GetPage(n);
                    limits.ThrowIfRefused();
                    var pageGlyphs = page.Letters.Select(PdfGlyphLines.ToGlyph).OfType<PdfGlyph>().ToList();
                    var images = new List<PdfRectangle>();
                    try
                    {
                        images.AddRange(page.GetImages().Select(i => i.BoundingBox).Where(b => b.Width > 8 && b.Height > 8));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException and not BulletinImportException)
                    {
                        // REVIEW: an unreadable image only costs us caption detection on this page.
                    }

                    var rules = DrawnShapes(page);
                    limits.ThrowIfRefused();
                    var pageReadable = pageGlyphs.Count(g => !string.IsNullOrWhiteSpace(g.Text) && IsReadable(g.Text[0]));
                    if (glyphs + pageGlyphs.Count > UserFileLimits.MaxPdfGlyphs)
                    {
                        throw UserFileLimits.Refuse(UserFileLimits.Invariant($"PDF 文字过多：全部页面合计不超过 {UserFileLimits.MaxPdfGlyphs} 个字符。"));
                    }

                    foreach (var g in pageGlyphs)
                    {
                        if (string.IsNullOrWhiteSpace(g.Text))
                        {
                            continue;
                        }

                        glyphs++;
                        if (IsReadable(g.Text[0]))
                        {
                            readable++;
                        }
                    }

                    pages.Add(new PdfPageContent(n, page.Width, page.Height, pageGlyphs, images, IsScan(pageReadable, images, page.Width * page.Height)) { Shapes = rules });
                }
                catch (Exception e) when (e is not BulletinImportException and not OutOfMemoryException)
                {
                    limits.ThrowIfRefused();
                    throw new BulletinImportException(
                        BulletinImportError.Corrupt,
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PDF 第 {n} 页已损坏，无法读取。"),
                        e);
                }
            }

            if (!pages.Any(p => p.NeedsOcr) && (glyphs < 10 || readable < glyphs / 2))
            {
                throw new BulletinImportException(
                    BulletinImportError.NoTextLayer,
                    "PDF 中没有可提取的文字（可能是扫描件或图片），请提供带文字层的 PDF 或 Word 文档。");
            }

            return pages;
        }
    }

    /// <summary>
    /// The bars, boxes and rules drawn on a page (issue 16, point 1): each filled or stroked sub-path's box (a stroke's box
    /// widened by half its line width), leaving out white fills and clipping paths, at most
    /// <see cref="UserFileLimits.MaxPdfShapesPerPage"/> a page (a chart drawn in thousands of strokes says nothing about headings).
    /// </summary>
    private static List<PdfShape> DrawnShapes(UglyToad.PdfPig.Content.Page page)
    {
        var shapes = new List<PdfShape>();
        try
        {
            foreach (var path in page.Paths)
            {
                if (path.IsClipping || !(path.IsFilled || path.IsStroked) || (path.IsFilled && !path.IsStroked && IsWhite(path.FillColor)))
                {
                    continue;
                }

                var half = path.IsStroked ? Math.Max(path.LineWidth, 0.1) / 2 : 0;
                foreach (var sub in path)
                {
                    if (sub.GetBoundingRectangle() is not { } box || double.IsNaN(box.Width) || double.IsNaN(box.Height))
                    {
                        continue;
                    }

                    var shape = new PdfShape(box.Left - half, box.Bottom - half, box.Right + half, box.Top + half, path.IsFilled);
                    if (shape.Right - shape.Left < 1 && shape.Top - shape.Bottom < 1)
                    {
                        continue;
                    }

                    shapes.Add(shape);
                    if (shapes.Count >= UserFileLimits.MaxPdfShapesPerPage)
                    {
                        return shapes;
                    }
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException and not BulletinImportException)
        {
            // REVIEW: unreadable paths cost only the drawn-shape cues on this page.
        }

        return shapes;
    }

    private static bool IsWhite(UglyToad.PdfPig.Graphics.Colors.IColor? color)
    {
        try
        {
            return color?.ToRGBValues() is var (r, g, b) && r > 0.95 && g > 0.95 && b > 0.95;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// A scanned page: (almost) no readable text, and images covering most of it (a scanner's page image, whole or in strips).
    /// A scan that already carries a hidden OCR text layer is read from that layer.
    /// </summary>
    private static bool IsScan(int readableGlyphs, List<PdfRectangle> images, double pageArea) =>
        readableGlyphs < 10 && pageArea > 0 && images.Sum(i => Math.Abs(i.Width * i.Height)) >= 0.4 * pageArea;

    private static bool IsReadable(char c) =>
        c is (>= '\u4e00' and <= '\u9fff') or (>= '\u3000' and <= '\u303f') or (>= '\uff00' and <= '\uffef') or (> ' ' and < '\u007f')
            or (>= '\u2010' and <= '\u2027') or (>= '\u3400' and <= '\u4dbf');
}

/// <summary>What the reader keeps of one page; <paramref name="NeedsOcr"/>: a scanned page, whose text is read by OCR (ADR-029).</summary>
internal sealed record PdfPageContent(
    int Number, double Width, double Height, IReadOnlyList<PdfGlyph> Glyphs, IReadOnlyList<PdfRectangle> Images, bool NeedsOcr = false)
{
    /// <summary>The bars, boxes and rules drawn on the page (issue 16, point 1).</summary>
    public IReadOnlyList<PdfShape> Shapes { get; init; } = [];
}

/// <summary>
/// A filled or stroked shape drawn on a page, by its box in points (a stroke's box includes its line width): a bar, a
/// box's side, a rule (short JSON names: the reader process sends them, ADR-019).
/// </summary>
internal readonly record struct PdfShape(
    [property: JsonPropertyName("l")] double Left,
    [property: JsonPropertyName("b")] double Bottom,
    [property: JsonPropertyName("r")] double Right,
    [property: JsonPropertyName("t")] double Top,
    [property: JsonPropertyName("f")] bool Filled)
{
    public double Width => Right - Left;

    public double Height => Top - Bottom;
}
