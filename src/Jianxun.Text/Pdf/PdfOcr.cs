using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Jianxun.Text.Pdf;

namespace Jianxun.Text;

/// <summary>One scanned page being read by OCR: the <paramref name="Done"/>th of <paramref name="Total"/>, page <paramref name="Page"/> of the PDF.</summary>
public readonly record struct OcrPageProgress(int Done, int Total, int Page);

/// <summary>
/// The programs that read a scanned page (ADR-029): poppler's <c>pdftoppm</c> rasterises it, Tesseract with the
/// simplified-Chinese model (<c>chi_sim</c>) recognises it. Both are found on <c>PATH</c>; a deployment installs the Debian
/// packages <c>poppler-utils tesseract-ocr tesseract-ocr-chi-sim</c>.
/// </summary>
internal sealed record OcrTools(string Tesseract, string Pdftoppm)
{
    public const string Language = "chi_sim";

    private static readonly Lazy<OcrTools?> Installed = new(() => Find(Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The tools on this machine's PATH (looked up once), or null when one is missing or Tesseract lacks <c>chi_sim</c>.</summary>
    public static OcrTools? OnThisMachine => Installed.Value;

    /// <summary>The tools in the folders of <paramref name="searchPath"/> (PATH syntax), or null.</summary>
    public static OcrTools? Find(string? searchPath)
    {
        var folders = (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string? Which(string name) => folders.Select(f => Path.Combine(f, OperatingSystem.IsWindows() ? name + ".exe" : name)).FirstOrDefault(File.Exists);
        if (Which("tesseract") is not { } tesseract || Which("pdftoppm") is not { } pdftoppm)
        {
            return null;
        }

        var list = new ProcessStartInfo(tesseract) { ArgumentList = { "--list-langs" } };
        var outcome = BoundedProcess.Run(list, TimeSpan.FromSeconds(20), UserFileLimits.MaxOcrProcessMemoryBytes);
        return outcome is { Overrun: null, ExitCode: 0 }
               && outcome.Output.Split('\n').Any(l => string.Equals(l.Trim(), Language, StringComparison.Ordinal))
            ? new OcrTools(tesseract, pdftoppm)
            : null;
    }
}

/// <summary>
/// Reads the scanned pages of a PDF (pages with no text layer, found by the reader process) by OCR (ADR-029): each page is
/// rasterised by <c>pdftoppm</c> and recognised by Tesseract, both as bounded processes (time, memory) in a private
/// temporary folder, and Tesseract's TSV (a box for every line and word) becomes glyphs with positions and sizes, so the
/// same layout analysis reads a scan and a text PDF. Recent pages are remembered by the file's hash: a preview and the
/// import that follows it read the file twice.
/// </summary>
internal static class PdfOcr
{
    /// <summary>The resolution a page is rasterised at (Tesseract reads best at 300 dpi).</summary>
    public const double Dpi = 300;

    private const int CachedPages = 64;

    // Like the PDF readers (ADR-019): a burst of imports costs at most this many OCR processes at once.
    private static readonly SemaphoreSlim Gate = new(UserFileLimits.MaxPdfReaders, UserFileLimits.MaxPdfReaders);
    private static readonly Dictionary<string, List<PdfGlyph>> Cache = new(StringComparer.Ordinal);
    private static readonly Queue<string> CacheOrder = new();
    private static readonly Lock CacheLock = new();

    /// <summary>
    /// The pages with each scanned page's glyphs read by OCR (its scan is no longer an image on the page); <paramref name="tools"/>
    /// is null where they are not installed (<see cref="OcrTools.OnThisMachine"/>), and then a scanned page is refused in Chinese.
    /// </summary>
    public static List<PdfPageContent> ReadScannedPages(
        ReadOnlyMemory<byte> pdf, List<PdfPageContent> pages, IProgress<OcrPageProgress>? progress, OcrTools? tools)
    {
        var scanned = pages.Where(p => p.NeedsOcr).ToList();
        if (scanned.Count == 0)
        {
            return pages;
        }

        var numbers = string.Join("、", scanned.Take(5).Select(p => p.Number.ToString(CultureInfo.InvariantCulture))) + (scanned.Count > 5 ? " 等" : string.Empty);
        if (tools is null)
        {
            throw new BulletinImportException(
                BulletinImportError.NoTextLayer,
                $"PDF 第 {numbers} 页是扫描图片，没有文字层，需要文字识别（OCR）才能读取，但服务器没有安装 Tesseract 中文识别（tesseract-ocr、tesseract-ocr-chi-sim）和 pdftoppm（poppler-utils）。请联系管理员安装，或提供带文字层的 PDF 或 Word 文档。");
        }

        if (scanned.Count > UserFileLimits.MaxOcrPages)
        {
            throw UserFileLimits.Refuse(UserFileLimits.Invariant(
                $"扫描页过多：每个文件不超过 {UserFileLimits.MaxOcrPages} 页需要文字识别（这份有 {scanned.Count} 页扫描件），请拆分后再导入。"));
        }

        var hash = Convert.ToHexString(SHA256.HashData(pdf.Span));
        var read = new Dictionary<int, List<PdfGlyph>>();
        DirectoryInfo? folder = null;
        try
        {
            for (var i = 0; i < scanned.Count; i++)
            {
                var page = scanned[i];
                progress?.Report(new OcrPageProgress(i + 1, scanned.Count, page.Number));
                var key = hash + "/" + page.Number.ToString(CultureInfo.InvariantCulture);
                if (Cached(key) is { } known)
                {
                    read[page.Number] = known;
                    continue;
                }

                if (folder is null)
                {
                    // Created with mode 0700 on Unix: no other account reads the file or plants a page image.
                    folder = Directory.CreateTempSubdirectory("jianxun-ocr-");
                    using var file = File.Create(Path.Combine(folder.FullName, "input.pdf"));
                    file.Write(pdf.Span);
                }

                var glyphs = ReadPage(tools, folder.FullName, page);
                Remember(key, glyphs);
                read[page.Number] = glyphs;
            }
        }
        finally
        {
            try
            {
                folder?.Delete(recursive: true);
            }
            catch (IOException)
            {
                // REVIEW: left for the system's temp cleaner; the folder is private.
            }
        }

        var sizes = OcrTsv.SnapSizes(read.Values.SelectMany(g => g).Select(g => g.Size));
        return [.. pages.Select(p => read.TryGetValue(p.Number, out var glyphs)
            ? p with { Glyphs = [.. glyphs.Select(g => g with { Size = sizes(g.Size) })], Images = [], NeedsOcr = false }
            : p)];
    }

    private static List<PdfGlyph> ReadPage(OcrTools tools, string folder, PdfPageContent page)
    {
        // A page larger than A3 is rasterised at a lower resolution, so no image exceeds MaxOcrImageSide pixels. The image
        // is an uncompressed PGM: compressing a noisy 300 dpi page as PNG costs pdftoppm ten times the rendering.
        var longest = Math.Max(page.Width, page.Height);
        var dpi = Math.Max(36, Math.Min(Dpi, Math.Floor(UserFileLimits.MaxOcrImageSide * 72 / Math.Max(longest, 1))));
        var number = page.Number.ToString(CultureInfo.InvariantCulture);
        var image = Path.Combine(folder, "page-" + number);
        var rasterise = new ProcessStartInfo(tools.Pdftoppm)
        {
            ArgumentList =
            {
                "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-singlefile", "-f", number, "-l", number,
                Path.Combine(folder, "input.pdf"), image,
            },
        };
        Step(rasterise, page.Number, "转为图片");
        var recognise = new ProcessStartInfo(tools.Tesseract)
        {
            ArgumentList = { image + ".pgm", image, "-l", OcrTools.Language, "--dpi", dpi.ToString(CultureInfo.InvariantCulture), "--psm", "4", "tsv" },
        };

        // One thread a page: the machine's cores are shared with the server and with the other imports.
        recognise.Environment["OMP_THREAD_LIMIT"] = "1";
        Step(recognise, page.Number, "文字识别");
        var tsv = new FileInfo(image + ".tsv");
        if (!tsv.Exists || tsv.Length > UserFileLimits.MaxPdfReaderAnswerBytes)
        {
            throw new BulletinImportException(BulletinImportError.Corrupt, UserFileLimits.Invariant($"PDF 第 {page.Number} 页文字识别没有结果，无法读取。"));
        }

        return OcrTsv.ToGlyphs(File.ReadAllText(tsv.FullName), dpi, page.Height);
    }

    private static void Step(ProcessStartInfo start, int page, string what)
    {
        BoundedProcess.Outcome outcome;
        Gate.Wait();
        try
        {
            outcome = BoundedProcess.Run(start, UserFileLimits.OcrStepTimeLimit, UserFileLimits.MaxOcrProcessMemoryBytes, UserFileLimits.OcrStepWallTimeLimit);
        }
        finally
        {
            Gate.Release();
        }

        switch (outcome.Overrun)
        {
            case BoundedProcess.Limit.Time:
                throw UserFileLimits.Refuse(UserFileLimits.Invariant(
                    $"PDF 第 {page} 页{what}超时：每页每步不超过 {UserFileLimits.OcrStepTimeLimit.TotalSeconds:0} 秒处理器时间（{UserFileLimits.OcrStepWallTimeLimit.TotalMinutes:0} 分钟实际时间），已被终止。请提供带文字层的 PDF 或 Word 文档。"));
            case BoundedProcess.Limit.Memory:
                throw UserFileLimits.Refuse(UserFileLimits.Invariant(
                    $"PDF 第 {page} 页{what}所需内存超过上限（{UserFileLimits.Megabytes(UserFileLimits.MaxOcrProcessMemoryBytes)}），已被终止。请提供带文字层的 PDF 或 Word 文档。"));
        }

        if (outcome.ExitCode != 0)
        {
            throw new BulletinImportException(
                BulletinImportError.Corrupt,
                UserFileLimits.Invariant($"PDF 第 {page} 页无法{what}（程序异常结束，代码 {outcome.ExitCode}），文件可能已损坏。"));
        }
    }

    private static List<PdfGlyph>? Cached(string key)
    {
        lock (CacheLock)
        {
            return Cache.GetValueOrDefault(key);
        }
    }

    private static void Remember(string key, List<PdfGlyph> glyphs)
    {
        lock (CacheLock)
        {
            if (!Cache.TryAdd(key, glyphs))
            {
                return;
            }

            CacheOrder.Enqueue(key);
            while (CacheOrder.Count > CachedPages)
            {
                Cache.Remove(CacheOrder.Dequeue());
            }
        }
    }
}

/// <summary>
/// A child process run to its end under a processor-time, a resident-memory and a (longer) wall-time limit, killed with its
/// tree on overrun. Processor time is the limit that means the same on an idle and on a crowded machine; the wall time
/// only ends a process that waits on nothing forever.
/// </summary>
internal static class BoundedProcess
{
    public enum Limit
    {
        Time,
        Memory,
    }

    /// <summary>How it ended; <see cref="Output"/> is its standard output (kept up to 1 MB).</summary>
    public sealed record Outcome(int ExitCode, Limit? Overrun, string Output);

    private const int MaxOutputChars = 1 << 20;

    public static Outcome Run(ProcessStartInfo start, TimeSpan time, long memoryBytes, TimeSpan? wallTime = null)
    {
        var wall = wallTime ?? time;
        start.UseShellExecute = false;
        start.CreateNoWindow = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new System.Text.StringBuilder();
        var started = Stopwatch.GetTimestamp();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                if (e.Data is not null && output.Length < MaxOutputChars)
                {
                    output.AppendLine(e.Data);
                }
            }
        };

        // Tesseract chats on standard error ("Detected 25 diacritics"): read and dropped, so it never fills the pipe.
        process.ErrorDataReceived += (_, _) => { };
        if (!process.Start())
        {
            throw new InvalidOperationException($"{start.FileName} did not start (ADR-029).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Limit? overrun = null;
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(20)))
        {
            long resident = 0;
            var used = TimeSpan.Zero;
            try
            {
                process.Refresh();
                resident = process.WorkingSet64;
                used = process.TotalProcessorTime;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended between the wait and the sample.
            }

            overrun = resident > memoryBytes ? Limit.Memory
                : used > time || Stopwatch.GetElapsedTime(started) > wall ? Limit.Time
                : null;
            if (overrun is not null)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended on its own meanwhile.
                }

                break;
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return new Outcome(process.ExitCode, overrun, output.ToString());
        }
    }
}

/// <summary>Tesseract's TSV (level 4 a line, level 5 a word, boxes in pixels from the top left) as glyphs in PDF points.</summary>
internal static partial class OcrTsv
{
    [System.Text.RegularExpressions.GeneratedRegex("供稿[；：，。:;,.]+")]
    private static partial System.Text.RegularExpressions.Regex CreditCueRegex();

    /// <summary>How high a Chinese character's ink stands in its em square: turns a word's box height into a font size.</summary>
    private const double InkShare = 0.9;

    public static List<PdfGlyph> ToGlyphs(string tsv, double dpi, double pageHeight)
    {
        var scale = 72 / dpi;
        var lines = new List<List<(string Text, double Left, double Top, double Width, double Height)>>();
        var words = new List<(string Text, double Left, double Top, double Width, double Height)>();
        foreach (var row in tsv.Split('\n').Skip(1).Append("4\t"))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length >= 1 && cells[0] is "1" or "2" or "3" or "4")
            {
                // A new line (or block): the words gathered so far are one line.
                if (words.Count > 0)
                {
                    lines.Add(words);
                    words = [];
                }

                continue;
            }

            if (cells.Length < 12 || cells[0] != "5" || string.IsNullOrWhiteSpace(cells[11])
                || !double.TryParse(cells[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var left)
                || !double.TryParse(cells[7], NumberStyles.Float, CultureInfo.InvariantCulture, out var top)
                || !double.TryParse(cells[8], NumberStyles.Float, CultureInfo.InvariantCulture, out var width)
                || !double.TryParse(cells[9], NumberStyles.Float, CultureInfo.InvariantCulture, out var height)
                || width <= 0 || height <= 0)
            {
                continue;
            }

            words.Add((cells[11].Trim(), left, top, width, height));
        }

        var glyphs = new List<PdfGlyph>();
        var pageWidthPx = lines.SelectMany(l => l).Select(w => w.Left + w.Width).DefaultIfEmpty(1).Max();
        var angle = Skew(lines, pageWidthPx);
        var (sin, cos) = Math.SinCos(angle);
        var cy = pageHeight / scale / 2;
        var cx = pageWidthPx / 2;
        foreach (var line in lines)
        {
            // A slightly skewed scan turned back: each word's centre rotated about the page's centre, its height less what
            // the skew added across its width. Margins and indents then line up down the page.
            AddLine(
                [.. line.Select(w =>
                {
                    double x = w.Left + (w.Width / 2) - cx, y = w.Top + (w.Height / 2) - cy;
                    var height = Math.Max(w.Height - (w.Width * Math.Abs(sin)), 0.5 * w.Height);
                    var (nx, ny) = (cx + (x * cos) + (y * sin), cy - (x * sin) + (y * cos));
                    return (w.Text, nx - (w.Width / 2), ny - (height / 2), w.Width, height);
                })],
                glyphs,
                scale,
                pageHeight);
        }

        return glyphs;
    }

    /// <summary>
    /// The page's skew (radians, clockwise positive in image coordinates): the median slope of the words' bottoms along
    /// the long lines (least squares per line); 0 when there are too few lines to tell.
    /// </summary>
    private static double Skew(List<List<(string Text, double Left, double Top, double Width, double Height)>> lines, double pageWidth)
    {
        var slopes = new List<double>();
        foreach (var line in lines.Where(l => l.Count >= 4))
        {
            var span = line.Max(w => w.Left + w.Width) - line.Min(w => w.Left);
            if (span < 0.4 * pageWidth)
            {
                continue;
            }

            var xs = line.Select(w => w.Left + (w.Width / 2)).ToList();
            var ys = line.Select(w => w.Top + w.Height).ToList();
            double mx = xs.Average(), my = ys.Average();
            var sxx = xs.Sum(x => (x - mx) * (x - mx));
            if (sxx > 0)
            {
                slopes.Add(xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / sxx);
            }
        }

        if (slopes.Count < 3)
        {
            return 0;
        }

        slopes.Sort();
        var slope = slopes[slopes.Count / 2];
        return Math.Abs(slope) < 0.1 ? Math.Atan(slope) : 0;
    }

    private static void AddLine(List<(string Text, double Left, double Top, double Width, double Height)> words, List<PdfGlyph> glyphs, double scale, double pageHeight)
    {
        if (words.Count == 0)
        {
            return;
        }

        // The size from the words' own heights (a skewed line's box is taller than its characters), Chinese words first;
        // one baseline for the line, so a slightly skewed line stays one line.
        var chinese = words.Where(w => w.Text.Any(IsWide)).ToList();
        var heights = (chinese.Count > 0 ? chinese : words).Select(w => w.Height).Order().ToList();
        var em = heights[heights.Count / 2];
        var bottoms = words.Select(w => w.Top + w.Height).Order().ToList();
        var baseline = pageHeight - (bottoms[bottoms.Count / 2] * scale);
        var size = em * scale / InkShare;

        // Tesseract's boxes for single Chinese characters are rough, but a run of text is set at an even pitch: the words
        // are joined into runs wherever the gap is less than most of an em, and each run's characters are spread evenly
        // over its width, in em cells (half an em for Latin letters and digits), so a real space (a wide gap) stays one.
        var sorted = words.OrderBy(w => w.Left).ToList();
        var run = new List<(string Text, double Left, double Top, double Width, double Height)>();
        var first = true;
        (string Text, double Left, double Top, double Width, double Height) end = (string.Empty, double.MaxValue, 0, 0, 0);
        foreach (var word in sorted.Append(end))
        {
            if (run.Count > 0 && word.Left - (run[^1].Left + run[^1].Width) > 0.7 * em)
            {
                var text = string.Concat(run.Select(w => w.Text));
                if (first)
                {
                    text = FixLineStart(text);
                    first = false;
                }

                text = FixPunctuation(text);
                var left = run[0].Left * scale;
                var right = (run[^1].Left + run[^1].Width) * scale;
                var units = text.Sum(c => IsWide(c) ? 1.0 : 0.5);
                var pitch = (right - left) / Math.Max(units, 0.5);
                var x = left;
                foreach (var c in text)
                {
                    var w = pitch * (IsWide(c) ? 1.0 : 0.5);
                    glyphs.Add(new PdfGlyph(CjkCompatibility.Map(c.ToString()), x, x + Math.Max(w, 0.01), baseline, size, Bold: false, Red: false));
                    x += w;
                }

                run.Clear();
            }

            run.Add(word);
        }
    }

    /// <summary>What OCR reads wrongly at the start of a line: the dash of a ——记 sub-title as 一一, a brief's 1 as ! or l.</summary>
    private static string FixLineStart(string text)
    {
        if (text.Length >= 3 && text[0] is '一' or '-' or '—' or '_' && text[1] is '一' or '-' or '—' or '_')
        {
            return "——" + text[2..].TrimStart('一', '-', '—', '_');
        }

        return text.Length >= 2 && text[0] is '!' or 'l' or 'I' or '|' or 'i' && text[1] is '、' or '.' or '，' or ','
            ? "1" + text[1..]
            : text;
    }

    /// <summary>Tesseract's chi_sim model often writes Latin punctuation between Chinese characters: the full-width forms.</summary>
    private static string FixPunctuation(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var before = i > 0 && IsWide(chars[i - 1]);
            var after = i + 1 < chars.Length && IsWide(chars[i + 1]);
            chars[i] = chars[i] switch
            {
                '(' when after => '（',
                ')' when before => '）',
                ',' when before => '，',
                ':' when before => '：',
                ';' when before => '；',
                _ => chars[i],
            };
        }

        // 供稿：, read as 供稿; or 供稿，(or both)
        return CreditCueRegex().Replace(new string(chars), "供稿：");
    }

    /// <summary>
    /// Sizes measured from pixels vary by a few percent between lines of the same font size: sizes within 6% of their
    /// neighbour are one size (their median), so the layout analysis sees the body size and the heading sizes apart.
    /// </summary>
    public static Func<double, double> SnapSizes(IEnumerable<double> sizes)
    {
        var sorted = sizes.Order().ToList();
        var groups = new List<List<double>>();
        foreach (var s in sorted)
        {
            if (groups.Count == 0 || s > groups[^1][^1] * 1.06)
            {
                groups.Add([]);
            }

            groups[^1].Add(s);
        }

        var bounds = groups.Select(g => (Low: g[0], High: g[^1], Median: g[g.Count / 2])).ToList();
        return s => bounds.FirstOrDefault(b => s >= b.Low && s <= b.High) is { High: > 0 } b ? b.Median : s;
    }

    private static bool IsWide(char c) => c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFF60') or (>= '\u3000' and <= '\u303F');
}
