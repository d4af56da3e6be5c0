using System.Diagnostics;
using System.Globalization;
using Jianxun.Benchmarks.Publishing;
using Jianxun.Publishing;
using Jianxun.Testing;
using Jianxun.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// <c>pdf-reader-cost [--runs 10]</c>: what reading a PDF in the reader process costs per file (ADR-019). The process's
/// fixed cost is the scan check of a one-page PDF (start the dotnet host, load PdfPig, open, count); the cost on a real
/// bulletin is the 16-page benchmark issue read through the reader process against the same read in this process
/// (warm, as in a running server). Medians of the runs.
/// </summary>
internal static class PdfReaderCostRun
{
    public static int Run(IReadOnlyList<string> args)
    {
        var runs = 10;
        var at = args.ToList().IndexOf("--runs");
        if (at >= 0 && at + 1 < args.Count)
        {
            runs = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        }

        var tiny = HostileFiles.ManyPagesPdf(1);
        var bulletin = new PdfIssueRenderer().Render(BenchmarkIssue.Create());
        var here = new BulletinParseOptions { ReadPdfInThisProcess = true };
        var there = new BulletinParseOptions();
        // Warm-up: jieba's dictionary, the JIT of this process's side, the file cache for the host and the worker.
        PdfBulletinReader.Read(bulletin, here);
        PdfBulletinReader.Read(bulletin, there);

        var start = Median(runs, () => PdfBulletinReader.CheckPages(tiny));
        var inProcess = Median(runs, () => PdfBulletinReader.Read(bulletin, here));
        var child = Median(runs, () => PdfBulletinReader.Read(bulletin, there));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {runs} runs each, medians:"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reader process, 1-page scan check (start, load, open, count): {start:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  16-page bulletin ({bulletin.Length / 1024} KB), read in this process:  {inProcess:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  16-page bulletin, read through the reader process: {child:0} ms (+{child - inProcess:0} ms)"));
        return 0;
    }

    private static double Median(int runs, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
