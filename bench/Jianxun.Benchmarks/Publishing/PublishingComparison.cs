using System.Diagnostics;
using System.Globalization;
using Jianxun.Publishing;
using UglyToad.PdfPig;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>
/// The side-by-side run, like against like: Jianxun's PDF renderer, LibreOffice converting Jianxun's DOCX and Chromium
/// printing Jianxun's HTML of the same benchmark issue, each measured <b>warm</b> (the engine already running, given one
/// more file) and <b>cold</b> (a new process for every file). Engines run one after another within a round, round after
/// round, so that load from other work on a shared machine falls on all of them alike. Reports the median time per file,
/// file size and page count, and each engine against Jianxun in the same mode.
/// </summary>
/// <remarks>
/// REVIEW: a Stopwatch harness rather than BenchmarkDotNet, because the external engines are separate processes that
/// take about a second each; BDN's pilot and overhead stages add nothing there. Jianxun's renderer is also measured
/// with BDN (<see cref="PdfRenderBenchmarks"/>).
/// </remarks>
internal static class PublishingComparison
{
    public static async Task<int> RunAsync(bool quick, bool keepFiles)
    {
        const int warmups = 1;
        var rounds = quick ? 2 : 5;

        var work = Directory.CreateTempSubdirectory("jianxun-bench-").FullName;
        Console.WriteLine($"Publishing comparison: {rounds} measured rounds after {warmups} warm-up round; files in {work}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"Load average before: {LoadAverage()}");

        var build = Stopwatch.StartNew();
        var issue = BenchmarkIssue.Create();
        var photoBytes = issue.Columns.SelectMany(c => c.Articles).SelectMany(a => a.Photos).Sum(p => (long)p.Data.Length);
        var docxStarted = Stopwatch.GetTimestamp();
        var docx = new DocxIssueRenderer().Render(issue);
        var docxMs = Stopwatch.GetElapsedTime(docxStarted).TotalMilliseconds;
        var htmlStarted = Stopwatch.GetTimestamp();
        var html = new HtmlIssueRenderer().Render(issue);
        var htmlMs = Stopwatch.GetElapsedTime(htmlStarted).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Issue: {issue.Columns.Where(c => !c.IsBriefs).Sum(c => c.Articles.Count)} articles, {issue.Columns.Where(c => c.IsBriefs).Sum(c => c.Articles.Count)} briefs, " +
            $"{issue.Columns.SelectMany(c => c.Articles).Sum(a => a.Photos.Count)} photos ({photoBytes / 1024.0:0} KB), " +
            $"{issue.Columns.SelectMany(c => c.Articles).SelectMany(a => a.Paragraphs).Sum(p => p.Length)} characters of body text; built in {build.ElapsedMilliseconds} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Inputs (first, cold call): DOCX {docx.Length / 1024.0:0} KB in {docxMs:0} ms, HTML {html.Length / 1024.0:0} KB in {htmlMs:0} ms"));

        // The cache-clearing run goes last in each round: it leaves the cache filled again for the next round's warm runs.
        var child = new JianxunProcessEngine();
        IPdfEngine[] engines =
        [
            new JianxunEngine(), new LibreOfficeEngine(EngineMode.Warm, batch: quick ? 3 : 5), new ChromiumEngine(EngineMode.Warm),
            child, new LibreOfficeEngine(EngineMode.Cold), new ChromiumEngine(EngineMode.Cold),
            new JianxunEngine(clearCache: true),
        ];
        var results = new List<Result>();
        var active = new List<(IPdfEngine Engine, List<double> Times, byte[]? Last)>();
        try
        {
            foreach (var engine in engines)
            {
                if (engine.Unavailable is { } why)
                {
                    Console.WriteLine($"SKIPPED {engine.Engine} {engine.Mode}: {why}");
                    results.Add(new Result(engine, why));
                    continue;
                }

                await engine.PrepareAsync(work, issue);
                active.Add((engine, [], null));
            }

            for (var round = -warmups; round < rounds; round++)
            {
                for (var e = 0; e < active.Count; e++)
                {
                    var (engine, times, _) = active[e];
                    try
                    {
                        var (fileMs, pdf) = await engine.RunAsync(round);
                        if (round >= 0)
                        {
                            times.AddRange(fileMs);
                        }

                        active[e] = (engine, times, pdf);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or Microsoft.Playwright.PlaywrightException)
                    {
                        Console.WriteLine($"FAILED {engine.Engine} {engine.Mode}: {ex.Message}");
                        return 1;
                    }
                }

                Console.Write(round < 0 ? "w" : ".");
            }
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }

        Console.WriteLine();
        foreach (var (engine, times, last) in active)
        {
            var path = Path.Combine(work, $"{engine.Engine.ToLowerInvariant()}-{engine.Mode.ToString().ToLowerInvariant()}-{active.FindIndex(a => a.Engine == engine)}.pdf");
            File.WriteAllBytes(path, last!);
            var (pages, imageBytes) = Inspect(last!);
            results.Add(new Result(engine, null, Median(times), times.Min(), times.Max(), times.Count, last!.Length, pages, imageBytes));
        }

        Console.WriteLine($"Load average after:  {LoadAverage()}");
        if (child.Inside.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Inside the Jianxun child processes (median): reading the issue {Median([.. child.Inside.Select(i => i.ReadMs)]):0} ms, rendering {Median([.. child.Inside.Select(i => i.RenderMs)]):0} ms"));
        }

        Print(results);

        if (!keepFiles)
        {
            Directory.Delete(work, recursive: true);
        }
        else
        {
            Console.WriteLine($"Kept the inputs and PDFs in {work}");
        }

        return 0;
    }

    /// <summary>
    /// One table; each row against Jianxun in the same mode. For warm rows that is Jianxun in a running process with its
    /// cache cleared (a file it has not seen, as the other warm engines get); the cache-filled row is shown beside it.
    /// </summary>
    private static void Print(List<Result> results)
    {
        Result? Baseline(EngineMode mode) => results.FirstOrDefault(r => r.Median is not null && r.Engine.Engine == "Jianxun" && r.Engine.Mode == mode
            && (mode == EngineMode.Cold || r.Engine.How.Contains("cleared", StringComparison.Ordinal)));
        Console.WriteLine();
        Console.WriteLine("| mode | engine | how | median ms per file | min–max ms | files timed | file size | of which images | pages | time vs Jianxun (same mode) |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.OrderBy(r => r.Engine.Mode).ThenBy(r => r.Engine.Engine != "Jianxun"))
        {
            if (r.Median is null)
            {
                Console.WriteLine($"| {r.Engine.Mode} | {r.Engine.Engine} | {r.Engine.How} | skipped: {r.Skipped} | | | | | | |");
                continue;
            }

            var speed = Baseline(r.Engine.Mode)?.Median is { } j ? string.Create(CultureInfo.InvariantCulture, $"{r.Median / j:0.0}×") : "–";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Engine.Mode.ToString().ToLowerInvariant()} | {r.Engine.Engine} | {r.Engine.How} | {r.Median:0} | {r.Min:0}–{r.Max:0} | {r.Runs} | {r.Bytes:N0} B | {r.ImageBytes / 1024.0:0} KB | {r.Pages} | {speed} |"));
        }
    }

    /// <summary>Page count, and the bytes of the image streams (the photos, which every engine passes through).</summary>
    private static (int Pages, long ImageBytes) Inspect(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var images = document.GetPages().SelectMany(p => p.GetImages()).Sum(i => (long)i.RawMemory.Length);
        return (document.NumberOfPages, images);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Result(
        IPdfEngine Engine, string? Skipped, double? Median = null, double Min = 0, double Max = 0, int Runs = 0, long Bytes = 0, int Pages = 0, long ImageBytes = 0);
}
