using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using UglyToad.PdfPig.Core;

namespace Jianxun.Text;

/// <summary>
/// The limits of one PDF reader process (ADR-019): wall time from its start, and resident memory, at which the parent kills
/// it. The child's managed heap also has a hard limit (<c>DOTNET_GCHeapHardLimit</c>) at <see cref="HeapBytes"/>, a
/// backstop for an orphaned reader; it is not the limit itself because a heap squeezed under its hard limit collects ever
/// more often, and a runaway file then crawls towards the time limit instead of reaching the memory limit (the fuzzed
/// fixture was killed after 11.5 s with the heap capped at 512 MB, after 6.4 s with 1 GB).
/// </summary>
internal sealed record PdfReaderLimits(TimeSpan Time, long MemoryBytes)
{
    public static PdfReaderLimits Default { get; } = new(UserFileLimits.ImportTimeBudget, UserFileLimits.MaxPdfReaderMemoryBytes);

    public long HeapBytes => 2 * MemoryBytes;
}

/// <summary>
/// Reads a user's PDF in a child process that can be killed (ADR-019): PdfPig 0.1.16 can loop inside one call with
/// unbounded memory (Fixtures/Hostile/fuzz-pdf-hang.pdf), a .NET thread cannot be aborted and memory is process-wide, so
/// every PdfPig read of a user file runs in <c>Jianxun.PdfWorker</c>, started through the dotnet host that runs this
/// process. The file goes in a private temporary folder; the answer comes back as JSON; the parent samples the child's
/// resident memory and kills its process tree on overrun of <see cref="PdfReaderLimits"/>.
/// </summary>
internal static class PdfReaderProcess
{
    /// <summary>The worker's entry assembly, beside this process's own assemblies (Jianxun.Core references its project).</summary>
    public const string WorkerFileName = "Jianxun.PdfWorker.dll";

    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    // REVIEW: a process-wide gate, so that a burst of uploads costs at most this many readers' memory at once; the wait is
    // not counted against a file's time limit (each reader ahead of it is bounded by that limit).
    private static readonly SemaphoreSlim Readers = new(UserFileLimits.MaxPdfReaders, UserFileLimits.MaxPdfReaders);

    private static readonly Meter Meter = new("Jianxun.PdfReader");
    private static readonly Histogram<long> PeakMemory = Meter.CreateHistogram<long>(
        "jianxun.pdf_reader.peak_memory", "By", "Peak resident memory of one PDF reader process");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "jianxun.pdf_reader.duration", "s", "Wall time of one PDF reader process, from its start to its answer or its end");

    /// <summary>The meter's name, for a listener (the memory benchmark, an operator's metrics exporter).</summary>
    public static string MeterName => Meter.Name;

    /// <summary>The pages of an import file; throws <see cref="BulletinImportException"/> for anything unreadable or over a limit.</summary>
    public static List<PdfPageContent> ReadPages(ReadOnlyMemory<byte> pdf, int maxPages, PdfReaderLimits? limits = null, string? workerPath = null)
    {
        var result = Run(PdfReaderTask.Pages, pdf, maxPages, limits ?? PdfReaderLimits.Default, workerPath);
        return [.. (result.Pages ?? []).Select(ToContent)];
    }

    /// <summary>The page count of a scan; throws <see cref="BulletinImportException"/> for anything unreadable or over a limit.</summary>
    public static int CountPages(ReadOnlyMemory<byte> pdf, PdfReaderLimits? limits = null, string? workerPath = null)
        => Run(PdfReaderTask.Count, pdf, UserFileLimits.MaxPdfPages, limits ?? PdfReaderLimits.Default, workerPath).PageCount;

    private static PdfReaderResult Run(PdfReaderTask task, ReadOnlyMemory<byte> pdf, int maxPages, PdfReaderLimits limits, string? workerPath)
    {
        var start = StartInfo(limits, workerPath);
        Readers.Wait();
        // Created with mode 0700 on Unix: no other account reads the file or plants the answer.
        var folder = Directory.CreateTempSubdirectory("jianxun-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "input.pdf");
            var output = Path.Combine(folder.FullName, "result.json");
            using (var file = File.Create(input))
            {
                file.Write(pdf.Span);
            }

            start.ArgumentList.Add(task.ToString().ToLowerInvariant());
            start.ArgumentList.Add(input);
            start.ArgumentList.Add(output);
            start.ArgumentList.Add(maxPages.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(((long)limits.Time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            return Answer(Watch(start, limits), output, limits);
        }
        finally
        {
            Readers.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // REVIEW: left for the system's temp cleaner; the folder is private and holds one file the user gave us.
            }
        }
    }

    private sealed record Ending(int ExitCode, Overrun? Overrun, long PeakMemoryBytes, TimeSpan Elapsed);

    private enum Overrun
    {
        Time,
        Memory,
    }

    /// <summary>Runs the child to its end, sampling its resident memory; kills its process tree on overrun.</summary>
    private static Ending Watch(ProcessStartInfo start, PdfReaderLimits limits)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The PDF reader process did not start (ADR-019).");
        long peak = 0;
        Overrun? overrun = null;
        while (!process.WaitForExit(SampleInterval))
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            catch (InvalidOperationException)
            {
                // It ended between the wait and the sample.
            }

            overrun = peak > limits.MemoryBytes ? Overrun.Memory : Stopwatch.GetElapsedTime(started) > limits.Time ? Overrun.Time : null;
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

                process.WaitForExit();
                break;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var ending = new Ending(process.ExitCode, overrun, peak, elapsed);
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", overrun?.ToString() ?? "Ended"));
        return ending;
    }

    private static PdfReaderResult Answer(Ending ending, string output, PdfReaderLimits limits)
    {
        if (ending.Overrun == Overrun.Time || ending.ExitCode == PdfReaderChild.TimeLimitExitCode)
        {
            PeakMemory.Record(ending.PeakMemoryBytes);
            throw UserFileLimits.Refuse(UserFileLimits.PdfReaderTimeRefusal(limits.Time));
        }

        if (ending.Overrun == Overrun.Memory || ending.ExitCode == PdfReaderChild.OutOfMemoryExitCode)
        {
            PeakMemory.Record(ending.PeakMemoryBytes);
            throw UserFileLimits.Refuse(UserFileLimits.PdfReaderMemoryRefusal(limits.MemoryBytes));
        }

        var answer = new FileInfo(output);
        if (ending.ExitCode != 0 || !answer.Exists || answer.Length > UserFileLimits.MaxPdfReaderAnswerBytes)
        {
            // A crash inside PdfPig (its trace went to our standard error), or an answer no bulletin needs.
            PeakMemory.Record(ending.PeakMemoryBytes);
            throw new BulletinImportException(
                BulletinImportError.Corrupt,
                UserFileLimits.Invariant($"PDF 文件已损坏或格式不正确，无法读取（读取进程异常结束，代码 {ending.ExitCode}）。"));
        }

        PdfReaderResult result;
        using (var stream = answer.OpenRead())
        {
            result = JsonSerializer.Deserialize(stream, PdfReaderJson.Default.PdfReaderResult)
                     ?? throw new InvalidOperationException("The PDF reader process answered null (ADR-019).");
        }

        PeakMemory.Record(Math.Max(result.PeakMemoryBytes, ending.PeakMemoryBytes));
        return result.Outcome switch
        {
            PdfReaderOutcome.Read => result,
            PdfReaderOutcome.Refused => throw new BulletinImportException(result.Error, result.Message ?? "PDF 文件无法读取。"),
            PdfReaderOutcome.OutOfMemory => throw UserFileLimits.Refuse(UserFileLimits.PdfReaderMemoryRefusal(limits.MemoryBytes)),
            _ => throw new InvalidOperationException("Unknown answer from the PDF reader process (ADR-019)."),
        };
    }

    private static PdfPageContent ToContent(PdfPageDto page) => new(
        page.Number,
        page.Width,
        page.Height,
        page.Glyphs,
        [.. page.Images.Where(c => c.Length == 8).Select(c => new PdfRectangle(new PdfPoint(c[0], c[1]), new PdfPoint(c[2], c[3]), new PdfPoint(c[4], c[5]), new PdfPoint(c[6], c[7])))],
        page.NeedsOcr)
    {
        Shapes = page.Shapes ?? [],
    };

    /// <summary>The dotnet host, the worker and the child's environment: its limits, and a small single-heap GC.</summary>
    private static ProcessStartInfo StartInfo(PdfReaderLimits limits, string? workerPath)
    {
        // A deployment fault, not the user's file: the apps answer it with a Chinese 503 (PdfWorker.MissingMessage).
        var worker = PdfWorker.Check(workerPath);
        if (!worker.IsAvailable)
        {
            throw new PdfWorkerMissingException($"The PDF reader process cannot be started: {worker.Problem} (ADR-019).");
        }

        var start = new ProcessStartInfo(worker.HostPath!)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = Path.GetDirectoryName(worker.WorkerPath)!,
        };
        start.ArgumentList.Add(worker.WorkerPath);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + limits.HeapBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment.Remove("DOTNET_GCHeapHardLimitPercent");
        return start;
    }

}
