using System.Diagnostics;
using Jianxun.Publishing;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>An engine the comparison times: it turns the prepared input into a PDF file, once per call.</summary>
internal interface IPdfEngine
{
    string Name { get; }

    /// <summary>Null when the engine can run; otherwise why it is skipped.</summary>
    string? Unavailable { get; }

    /// <summary>Writes inputs (and warms nothing); called once before the first run.</summary>
    void Prepare(string workDirectory, IssueDocument issue);

    /// <summary>One conversion; returns the PDF bytes.</summary>
    byte[] Run(int runNumber);
}

/// <summary>
/// Jianxun's own renderer, in process. Warm, repeated renders reuse the process-wide cache of decoded photos and
/// compressed image and font streams (<see cref="PdfIssueRenderer.ClearCache"/>), as a server re-rendering an issue
/// does; the cold variant empties that cache before every run, so it decodes and compresses everything again.
/// </summary>
internal sealed class JianxunEngine(bool cold = false) : IPdfEngine
{
    private readonly PdfIssueRenderer _renderer = new();
    private IssueDocument? _issue;

    public string Name => cold ? "Jianxun-cold (same, cache cleared before each run)" : "Jianxun (PDFsharp, in process, warm)";

    public string? Unavailable => null;

    public void Prepare(string workDirectory, IssueDocument issue) => _issue = issue;

    public byte[] Run(int runNumber)
    {
        if (cold)
        {
            PdfIssueRenderer.ClearCache();
        }

        return _renderer.Render(_issue!);
    }
}

/// <summary>
/// <c>soffice --headless --convert-to pdf</c> on Jianxun's own DOCX of the issue: a new soffice process per run
/// (as a server would call it), with one profile in a private HOME that the warm-up run creates.
/// </summary>
internal sealed class LibreOfficeEngine : IPdfEngine
{
    private readonly string? _soffice = ExternalTools.Find("JIANXUN_SOFFICE", "soffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice");
    private string _work = string.Empty;
    private string _home = string.Empty;
    private string _docx = string.Empty;

    public string Name => "LibreOffice (DOCX → PDF)";

    public string? Unavailable => _soffice is null
        ? "soffice not found (apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk, or set JIANXUN_SOFFICE)"
        : null;

    public void Prepare(string workDirectory, IssueDocument issue)
    {
        _work = Directory.CreateDirectory(Path.Combine(workDirectory, "libreoffice")).FullName;
        _home = ExternalTools.CreateHomeWithFonts(Path.Combine(_work, "home"));
        _docx = Path.Combine(_work, "issue.docx");
        File.WriteAllBytes(_docx, new DocxIssueRenderer().Render(issue));
    }

    public byte[] Run(int runNumber)
    {
        var outDir = Directory.CreateDirectory(Path.Combine(_work, $"out{runNumber}")).FullName;
        ExternalTools.Run(_soffice!, ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, _docx], _home);
        var pdf = Path.Combine(outDir, "issue.pdf");
        return File.Exists(pdf) ? File.ReadAllBytes(pdf) : throw new InvalidOperationException($"soffice wrote no {pdf}");
    }
}

/// <summary>
/// Headless Chromium printing Jianxun's HTML of the issue (photos inline as data: URIs) with a print stylesheet that
/// follows the same A4 type area. A fresh <c>--user-data-dir</c> per run, as the brief's command line has it.
/// </summary>
internal sealed class ChromiumEngine : IPdfEngine
{
    private readonly string? _chromium = ExternalTools.Find("JIANXUN_CHROMIUM", "chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    private string _work = string.Empty;
    private string _home = string.Empty;
    private string _html = string.Empty;

    public string Name => "Chromium (HTML → PDF)";

    public string? Unavailable => _chromium is null
        ? "chromium not found (apt-get install chromium, or set JIANXUN_CHROMIUM)"
        : null;

    public void Prepare(string workDirectory, IssueDocument issue)
    {
        _work = Directory.CreateDirectory(Path.Combine(workDirectory, "chromium")).FullName;
        _home = ExternalTools.CreateHomeWithFonts(Path.Combine(_work, "home"));
        _html = Path.Combine(_work, "issue.html");
        File.WriteAllText(_html, PrintableHtml.Wrap(new HtmlIssueRenderer().Render(issue)));
    }

    public byte[] Run(int runNumber)
    {
        var profile = Path.Combine(_work, $"profile{runNumber}");
        var pdf = Path.Combine(_work, $"out{runNumber}.pdf");
        ExternalTools.Run(
            _chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--no-pdf-header-footer",
                $"--print-to-pdf={pdf}", new Uri(_html).AbsoluteUri,
            ],
            _home);
        return File.Exists(pdf) ? File.ReadAllBytes(pdf) : throw new InvalidOperationException($"chromium wrote no {pdf}");
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

    public static void Run(string executable, IReadOnlyList<string> arguments, string home)
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

        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");

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
