using System.Diagnostics;
using System.Globalization;
using Jianxun.Publishing;
using Microsoft.Playwright;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>Warm: the engine is already running and converts one more file. Cold: a new process for every file.</summary>
internal enum EngineMode
{
    Warm,
    Cold,
}

/// <summary>An engine the comparison times: it turns the prepared input into PDF files, one or more per round.</summary>
internal interface IPdfEngine : IAsyncDisposable
{
    /// <summary>Jianxun, LibreOffice or Chromium: rows of one mode are compared with Jianxun's row of that mode.</summary>
    string Engine { get; }

    EngineMode Mode { get; }

    /// <summary>How it runs, for the table.</summary>
    string How { get; }

    /// <summary>Null when the engine can run; otherwise why it is skipped.</summary>
    string? Unavailable { get; }

    /// <summary>Writes inputs; a warm engine also starts here. Called once before the first round.</summary>
    Task PrepareAsync(string workDirectory, IssueDocument issue);

    /// <summary>One round: the time of each file that counts (ms) and the last PDF made.</summary>
    Task<(IReadOnlyList<double> FileMs, byte[] Pdf)> RunAsync(int round);
}

/// <summary>
/// Jianxun's own renderer in this process. Warm, repeated renders reuse the process-wide cache of decoded photos and
/// compressed image and font streams (<see cref="PdfIssueRenderer.ClearCache"/>), as a server re-rendering an issue does;
/// with <c>clearCache</c> that cache is emptied before every render: the first render of an issue in a running server.
/// </summary>
internal sealed class JianxunEngine(bool clearCache = false) : IPdfEngine
{
    private const int RendersPerRound = 3;
    private readonly PdfIssueRenderer _renderer = new();
    private IssueDocument? _issue;

    public string Engine => "Jianxun";

    public EngineMode Mode => EngineMode.Warm;

    public string How => clearCache
        ? "in process, cache cleared before each render (a server's first render of an issue)"
        : "in process, warm (a server rendering again)";

    public string? Unavailable => null;

    public Task PrepareAsync(string workDirectory, IssueDocument issue)
    {
        _issue = issue;
        return Task.CompletedTask;
    }

    public Task<(IReadOnlyList<double> FileMs, byte[] Pdf)> RunAsync(int round)
    {
        var times = new List<double>();
        byte[] pdf = [];
        for (var i = 0; i < RendersPerRound; i++)
        {
            if (clearCache)
            {
                PdfIssueRenderer.ClearCache();
            }

            var started = Stopwatch.GetTimestamp();
            pdf = _renderer.Render(_issue!);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Task.FromResult<(IReadOnlyList<double>, byte[])>((times, pdf));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// Jianxun in a new process for every file, as a command-line tool would run: this benchmark's own executable with
/// <c>render-pdf ISSUE.json OUT.pdf</c> (<see cref="RenderChild"/>) reads the issue (photos in base64), renders it and
/// writes the PDF. The time is the whole process, start of the runtime, JIT and font loading included.
/// </summary>
internal sealed class JianxunProcessEngine : IPdfEngine
{
    private string _work = string.Empty;
    private string _issue = string.Empty;

    public string Engine => "Jianxun";

    public EngineMode Mode => EngineMode.Cold;

    public string How => "new process per file (this benchmark's `render-pdf`: read the issue, render, write)";

    public string? Unavailable => Environment.ProcessPath is null ? "no path to this executable" : null;

    /// <summary>What the last child measured inside itself: reading the issue, and rendering it.</summary>
    public List<(double ReadMs, double RenderMs)> Inside { get; } = [];

    public Task PrepareAsync(string workDirectory, IssueDocument issue)
    {
        _work = Directory.CreateDirectory(Path.Combine(workDirectory, "jianxun")).FullName;
        _issue = Path.Combine(_work, "issue.json");
        File.WriteAllBytes(_issue, RenderChild.Serialize(issue));
        return Task.CompletedTask;
    }

    public Task<(IReadOnlyList<double> FileMs, byte[] Pdf)> RunAsync(int round)
    {
        var pdf = Path.Combine(_work, $"out{round + 100}.pdf");
        var exe = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (string.Equals(Path.GetFileNameWithoutExtension(exe), "dotnet", StringComparison.Ordinal))
        {
            arguments.Add(typeof(RenderChild).Assembly.Location);
        }

        arguments.AddRange([RenderChild.Command, _issue, pdf]);
        var started = Stopwatch.GetTimestamp();
        var stdout = ExternalTools.Run(exe, arguments, home: null);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Inside.Add(RenderChild.ParseTimes(stdout));
        return Task.FromResult<(IReadOnlyList<double>, byte[])>(([ms], File.ReadAllBytes(pdf)));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// <c>soffice --headless --convert-to pdf</c> on Jianxun's own DOCX of the issue, with one profile in a private HOME that
/// the warm-up round creates. Cold: a new soffice process per file, as a server calling it per file does. Warm: one soffice
/// process converting a batch of copies of the DOCX; each file's time is the gap between the moments its PDF and the one
/// before it were written (their modification times), so the first file, which carries the start-up, does not count.
/// </summary>
internal sealed class LibreOfficeEngine(EngineMode mode, int batch = 5) : IPdfEngine
{
    private readonly string? _soffice = ExternalTools.Find("JIANXUN_SOFFICE", "soffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice");
    private string _work = string.Empty;
    private string _home = string.Empty;
    private string _docx = string.Empty;

    public string Engine => "LibreOffice";

    public EngineMode Mode => mode;

    public string How => mode == EngineMode.Cold
        ? "DOCX → PDF, new soffice process per file"
        : $"DOCX → PDF, one soffice converting {batch} files (gaps between outputs, first file left out)";

    public string? Unavailable => _soffice is null
        ? "soffice not found (apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk, or set JIANXUN_SOFFICE)"
        : null;

    public Task PrepareAsync(string workDirectory, IssueDocument issue)
    {
        _work = Directory.CreateDirectory(Path.Combine(workDirectory, $"libreoffice-{mode}".ToLowerInvariant())).FullName;
        _home = ExternalTools.CreateHomeWithFonts(Path.Combine(_work, "home"));
        _docx = Path.Combine(_work, "issue.docx");
        File.WriteAllBytes(_docx, new DocxIssueRenderer().Render(issue));
        return Task.CompletedTask;
    }

    public Task<(IReadOnlyList<double> FileMs, byte[] Pdf)> RunAsync(int round)
    {
        var outDir = Directory.CreateDirectory(Path.Combine(_work, $"out{round + 100}")).FullName;
        if (mode == EngineMode.Cold)
        {
            var started = Stopwatch.GetTimestamp();
            ExternalTools.Run(_soffice!, ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, _docx], _home);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return Task.FromResult<(IReadOnlyList<double>, byte[])>(([ms], ReadPdf(Path.Combine(outDir, "issue.pdf"))));
        }

        var inputs = Directory.CreateDirectory(Path.Combine(outDir, "in")).FullName;
        var names = Enumerable.Range(1, batch).Select(i => string.Create(CultureInfo.InvariantCulture, $"issue{i:00}")).ToList();
        foreach (var name in names)
        {
            File.Copy(_docx, Path.Combine(inputs, name + ".docx"));
        }

        ExternalTools.Run(_soffice!, ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, .. names.Select(n => Path.Combine(inputs, n + ".docx"))], _home);
        var written = names.Select(n => File.GetLastWriteTimeUtc(Path.Combine(outDir, n + ".pdf"))).ToList();
        var gaps = written.Zip(written.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        return Task.FromResult<(IReadOnlyList<double>, byte[])>((gaps, ReadPdf(Path.Combine(outDir, names[^1] + ".pdf"))));
    }

    private static byte[] ReadPdf(string path) => File.Exists(path) ? File.ReadAllBytes(path) : throw new InvalidOperationException($"soffice wrote no {path}");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// Chromium printing Jianxun's HTML of the issue (photos inline as data: URIs) with a print stylesheet that follows the
/// same A4 type area. Cold: <c>chromium --headless --print-to-pdf</c> with a fresh <c>--user-data-dir</c> per file.
/// Warm: one browser started through Playwright in <see cref="PrepareAsync"/>, one page that loads the file and prints it
/// (<c>page.PdfAsync</c>) three times a round.
/// </summary>
internal sealed class ChromiumEngine(EngineMode mode) : IPdfEngine
{
    private const int PrintsPerRound = 3;
    private readonly string? _chromium = ExternalTools.Find("JIANXUN_CHROMIUM", "chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    private string _work = string.Empty;
    private string _home = string.Empty;
    private string _html = string.Empty;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    public string Engine => "Chromium";

    public EngineMode Mode => mode;

    public string How => mode == EngineMode.Cold
        ? "HTML → PDF, `chromium --headless --print-to-pdf`, new process and profile per file"
        : "HTML → PDF, one browser (Playwright), the page loads the file and prints it (`page.PdfAsync`)";

    public string? Unavailable => _chromium is null
        ? "chromium not found (apt-get install chromium, or set JIANXUN_CHROMIUM)"
        : null;

    public async Task PrepareAsync(string workDirectory, IssueDocument issue)
    {
        _work = Directory.CreateDirectory(Path.Combine(workDirectory, $"chromium-{mode}".ToLowerInvariant())).FullName;
        _home = ExternalTools.CreateHomeWithFonts(Path.Combine(_work, "home"));
        _html = Path.Combine(_work, "issue.html");
        await File.WriteAllTextAsync(_html, PrintableHtml.Wrap(new HtmlIssueRenderer().Render(issue)));
        if (mode == EngineMode.Warm)
        {
            // The browser sees the same fonts as the command line's: the private HOME's fontconfig.
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                Env = ExternalTools.HomeEnvironment(_home),
            });
            _page = await _browser.NewPageAsync();
        }
    }

    public async Task<(IReadOnlyList<double> FileMs, byte[] Pdf)> RunAsync(int round)
    {
        if (mode == EngineMode.Cold)
        {
            var profile = Path.Combine(_work, $"profile{round + 100}");
            var pdf = Path.Combine(_work, $"out{round + 100}.pdf");
            var started = Stopwatch.GetTimestamp();
            ExternalTools.Run(
                _chromium!,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--no-pdf-header-footer",
                    $"--print-to-pdf={pdf}", new Uri(_html).AbsoluteUri,
                ],
                _home);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return ([ms], File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf) : throw new InvalidOperationException($"chromium wrote no {pdf}"));
        }

        var times = new List<double>();
        byte[] last = [];
        for (var i = 0; i < PrintsPerRound; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await _page!.GotoAsync(new Uri(_html).AbsoluteUri);
            last = await _page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (times, last);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

internal static class ExternalTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>An executable from an environment variable, PATH or a known location; null when there is none.</summary>
    public static string? Find(string environmentVariable, string name, params string[] knownPaths)
    {
        var configured = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name));
        return onPath.Concat(knownPaths).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// A private HOME whose fontconfig sees the same Noto Serif SC / Noto Sans SC TTFs Jianxun embeds, so all three
    /// engines set the same faces (fonts-noto-cjk's "Noto Serif CJK SC" stays the fallback).
    /// </summary>
    public static string CreateHomeWithFonts(string home)
    {
        var fonts = Directory.CreateDirectory(Path.Combine(home, ".local", "share", "fonts")).FullName;
        foreach (var ttf in Directory.Exists(FontCatalog.DefaultDirectory) ? Directory.GetFiles(FontCatalog.DefaultDirectory, "*.ttf") : [])
        {
            File.CreateSymbolicLink(Path.Combine(fonts, Path.GetFileName(ttf)), ttf);
        }

        return home;
    }

    /// <summary>HOME and the XDG folders of a private home, so a tool's fontconfig and profile live there.</summary>
    public static Dictionary<string, string> HomeEnvironment(string home) => new()
    {
        ["HOME"] = home,
        ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
        ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
        ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
    };

    /// <summary>Runs a tool to its end (in a private home when given) and returns what it wrote on standard output.</summary>
    public static string Run(string executable, IReadOnlyList<string> arguments, string? home)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in home is null ? [] : HomeEnvironment(home))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} did not finish within {Timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} exited with {process.ExitCode}: {stderr.GetAwaiter().GetResult()}{stdout.GetAwaiter().GetResult()}");
        }

        return stdout.GetAwaiter().GetResult();
    }
}

/// <summary>A whole HTML page around Jianxun's fragment, with print CSS that mirrors the PDF's type area.</summary>
internal static class PrintableHtml
{
    // GB/T 9704 area as in TypesetSettings: A4, top 37 mm, left 28 mm, text block 156 × 225 mm; body 16 pt on 29 pt.
    private const string Style = """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        html { font-family: "Noto Serif SC", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 29pt; }
        body { margin: 0; }
        .jx-masthead { text-align: center; border-bottom: 2px solid #E60012; margin-bottom: 12pt; }
        .jx-series { color: #E60012; font-size: 54pt; line-height: 1.2; letter-spacing: 0.25em; margin: 0; }
        .jx-issue-line { margin: 0; }
        .jx-issuer-line { display: flex; justify-content: space-between; margin: 0; }
        .jx-editors-note p, .jx-body { text-indent: 2em; margin: 0; text-align: justify; }
        .jx-column-heading { font-family: "Noto Sans SC", "Noto Sans CJK SC", sans-serif; font-size: 16pt; margin: 12pt 0 0; }
        .jx-title { font-size: 18pt; text-align: center; margin: 12pt 0 6pt; }
        .jx-credit { text-align: right; font-size: 14pt; margin: 0; }
        .jx-brief-list { list-style: none; padding: 0; margin: 0; }
        .jx-photo { margin: 6pt 0; text-align: center; break-inside: avoid; }
        .jx-photo img { max-width: 100%; }
        .jx-photo-side { float: right; width: 40%; margin: 0 0 6pt 12pt; }
        .jx-photo figcaption { font-size: 12pt; line-height: 18pt; }
        .jx-distribution { font-size: 14pt; border-top: 1px solid #000; margin-top: 24pt; }
        .jx-distribution dt { float: left; }
        .jx-distribution dd { margin-left: 3em; }
        """;

    public static string Wrap(string fragment) =>
        $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>issue</title><style>{Style}</style></head>\n<body>\n{fragment}</body></html>\n";
}
