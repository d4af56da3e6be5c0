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
        var lines = PdfLayoutAnalysis.ToSourceLines(pages);
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

                    limits.ThrowIfRefused();
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

                    pages.Add(new PdfPageContent(n, page.Width, page.Height, pageGlyphs, images));
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

            if (glyphs < 10 || readable < glyphs / 2)
            {
                throw new BulletinImportException(
                    BulletinImportError.NoTextLayer,
                    "PDF 中没有可提取的文字（可能是扫描件或图片），请提供带文字层的 PDF 或 Word 文档。");
            }

            return pages;
        }
    }

    private static bool IsReadable(char c) =>
        c is (>= '\u4e00' and <= '\u9fff') or (>= '\u3000' and <= '\u303f') or (>= '\uff00' and <= '\uffef') or (> ' ' and < '\u007f')
            or (>= '\u2010' and <= '\u2027') or (>= '\u3400' and <= '\u4dbf');
}

/// <summary>What the reader keeps of one page.</summary>
internal sealed record PdfPageContent(int Number, double Width, double Height, IReadOnlyList<PdfGlyph> Glyphs, IReadOnlyList<PdfRectangle> Images);
