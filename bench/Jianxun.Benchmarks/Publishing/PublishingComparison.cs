using System.Diagnostics;
using System.Globalization;
using Jianxun.Publishing;
using UglyToad.PdfPig;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>
/// The side-by-side run: Jianxun's in-process PDF renderer, LibreOffice on Jianxun's DOCX and Chromium on Jianxun's
/// HTML, all on the same benchmark issue, in one process and interleaved round by round so that load from other work
/// on a shared machine falls on every engine alike. Reports the median of the warm runs, file size and page count.
/// Jianxun is measured twice: warm, as a server re-rendering an issue (its photo and stream cache filled), and cold,
/// with that cache emptied before each run, so that the table shows what the cache contributes.
/// </summary>
/// <remarks>
/// REVIEW: a Stopwatch harness rather than BenchmarkDotNet, because the external engines are separate processes that
/// take about a second each; BDN's pilot and overhead stages add nothing there. Jianxun's renderer is also measured
/// with BDN (<see cref="PdfRenderBenchmarks"/>), which agrees with the figure here within the noise.
/// </remarks>
internal static class PublishingComparison
{
    public static int Run(bool quick, bool keepFiles)
    {
        var warmups = quick ? 1 : 2;
        var rounds = quick ? 3 : 9;
        const int jianxunRunsPerRound = 3;

        var work = Directory.CreateTempSubdirectory("jianxun-bench-").FullName;
        Console.WriteLine($"Publishing comparison: {rounds} warm rounds after {warmups} warm-up round(s); files in {work}");
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

        // The cold run goes last in each round: it leaves the cache filled again for the warm runs of the next round.
        IPdfEngine[] engines = [new JianxunEngine(), new LibreOfficeEngine(), new ChromiumEngine(), new JianxunEngine(cold: true)];
        var skipped = new List<Result>();
        var active = new List<(IPdfEngine Engine, List<double> Times, byte[]? Last)>();
        foreach (var engine in engines)
        {
            if (engine.Unavailable is { } why)
            {
                Console.WriteLine($"SKIPPED {engine.Name}: {why}");
                skipped.Add(new Result(engine.Name, why));
                continue;
            }

            engine.Prepare(work, issue);
            active.Add((engine, [], null));
        }

        var run = 0;
        for (var round = -warmups; round < rounds; round++)
        {
            for (var e = 0; e < active.Count; e++)
            {
                var (engine, times, _) = active[e];
                var repeats = engine is JianxunEngine ? jianxunRunsPerRound : 1;
                for (var r = 0; r < repeats; r++)
                {
                    var started = Stopwatch.GetTimestamp();
                    byte[] pdf;
                    try
                    {
                        pdf = engine.Run(run++);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
                    {
                        Console.WriteLine($"FAILED {engine.Name}: {ex.Message}");
                        return 1;
                    }

                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (round >= 0)
                    {
                        times.Add(ms);
                    }

                    active[e] = (engine, times, pdf);
                }
            }

            Console.Write(round < 0 ? "w" : ".");
        }

        Console.WriteLine();
        var results = new List<Result>();
        foreach (var (engine, times, last) in active)
        {
            var path = Path.Combine(work, $"{Slug(engine.Name)}.pdf");
            File.WriteAllBytes(path, last!);
            var (pages, imageBytes) = Inspect(last!);
            results.Add(new Result(engine.Name, null, Median(times), times.Min(), times.Max(), times.Count, last!.Length, pages, imageBytes, path));
        }

        Console.WriteLine($"Load average after:  {LoadAverage()}");
        Print([.. results, .. skipped]);

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

    private static void Print(List<Result> results)
    {
        var jianxun = results.FirstOrDefault(r => r.Median is not null && r.Name.StartsWith("Jianxun", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine("| engine | median ms | min–max ms | warm runs | file size | of which images | pages | time vs Jianxun | size vs Jianxun |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            if (r.Median is null)
            {
                Console.WriteLine($"| {r.Name} | skipped: {r.Skipped} | | | | | | | |");
                continue;
            }

            var speed = jianxun?.Median is { } j ? string.Create(CultureInfo.InvariantCulture, $"{r.Median / j:0.0}×") : "–";
            var size = jianxun is not null ? string.Create(CultureInfo.InvariantCulture, $"{(double)r.Bytes / jianxun.Bytes:0.00}×") : "–";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Median:0} | {r.Min:0}–{r.Max:0} | {r.Runs} | {r.Bytes / 1024.0:0} KB ({r.Bytes:N0} B) | {r.ImageBytes / 1024.0:0} KB | {r.Pages} | {speed} | {size} |"));
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

    private static string Slug(string name) => new([.. name.TakeWhile(c => c != ' ').Select(char.ToLowerInvariant)]);

    private sealed record Result(
        string Name, string? Skipped, double? Median = null, double Min = 0, double Max = 0, int Runs = 0, long Bytes = 0, int Pages = 0, long ImageBytes = 0, string? Path = null);
}
