using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Jianxun.Benchmarks.Publishing;
using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Storage;
using Jianxun.Publishing;
using Jianxun.Testing;
using Jianxun.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// <c>hostile-memory</c>: issue 15's target "a photo or import bomb never raises the process's peak memory by more than
/// 200 MB", measured. The hostile corpus (tests/Jianxun.Testing/HostileFiles.cs) and two legitimate bulletins go one by
/// one, in this one process, through the intake paths the server uses: the photo and scan check
/// (<see cref="ImageIntake.Prepare"/>), the scan PDF check (<see cref="PdfBulletinReader.CheckPages"/>) and the import
/// reader (<see cref="ImportHandlers.Read"/>). Per file: the rise of this process's peak resident memory (Linux: the
/// peak, VmHWM, is reset through /proc/self/clear_refs before each file, so the figure is exact, not sampled), the time,
/// the outcome, the managed memory this process allocated meanwhile (an upper bound on what the work could have added to the
/// heap, whatever the garbage collector kept committed from earlier files), and for PDFs the reader process's own peak (its
/// meter, ADR-019). Run it with the server's GC settings (DOTNET_gcServer=1 DOTNET_GCConserveMemory=9) to mirror Jianxun.Web.
/// </summary>
internal static class HostileMemoryRun
{
    private const long Target = 200L * 1024 * 1024;

    private sealed record Case(string Name, string Path, Func<byte[]> Make);

    public static int Run()
    {
        if (!File.Exists("/proc/self/clear_refs"))
        {
            Console.Error.WriteLine("hostile-memory needs Linux (/proc/self/clear_refs resets the peak resident size).");
            return 1;
        }

        var issue = BenchmarkIssue.Create();
        Case[] cases =
        [
            new("bulletin PDF, 16 pages with photos (legitimate)", "import", () => new PdfIssueRenderer().Render(issue)),
            new("bulletin DOCX, same issue (legitimate)", "import", () => new DocxIssueRenderer().Render(issue)),
            new("PNG 16000×16000", "photo", () => HostileFiles.HugePng()),
            new("JPEG header 60000×60000", "photo", () => HostileFiles.HugeJpegHeader()),
            new("PNG 16000×16000 as a scan", "scan", () => HostileFiles.HugePng()),
            new("DOCX nested 50,000 deep", "import", () => HostileFiles.DeepDocx()),
            new("DOCX with 100 MB of XML", "import", () => HostileFiles.XmlBombDocx()),
            new("DOCX with a 300 MB media entry", "import", () => HostileFiles.MediaBombDocx()),
            new("DOCX with lying sizes", "import", () => HostileFiles.LyingSizesDocx()),
            new("DOCX with 5,000 entries", "import", () => HostileFiles.ManyEntriesDocx()),
            new("DOCX with 500,000 paragraphs", "import", () => HostileFiles.WideDocx()),
            new("text 5 MB + 30 bytes", "import", () => System.Text.Encoding.UTF8.GetBytes(new string('简', (int)(UserFileLimits.MaxTextBytes / 3) + 10))),
            new("PDF with a 1 GB Flate stream", "import", () => HostileFiles.StreamBombPdf()),
            new("PDF with 1,000 pages", "import", () => HostileFiles.ManyPagesPdf()),
            new("PDF nested 50,000 deep", "import", () => HostileFiles.DeepPdf()),
            new("PDF that makes PdfPig allocate gigabytes (fuzz-pdf-hang.pdf)", "import", HostileFiles.PdfPigHangPdf),
            new("the same PDF as a scan", "scan", HostileFiles.PdfPigHangPdf),
            new("PDF with 201 pages as a scan", "scan", () => HostileFiles.ManyPagesPdf(UserFileLimits.MaxPdfPages + 1)),
        ];

        long childPeak = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Jianxun.PdfReader" && instrument.Name == "jianxun.pdf_reader.peak_memory")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref childPeak, value));
        listener.Start();

        // Warm-up outside the figures: jieba's dictionary, the JIT of every reader, Skia.
        Console.WriteLine("Warming up …");
        foreach (var c in cases.Take(2))
        {
            Feed(c.Path, c.Make(), "warm");
        }
        ImageIntake.Prepare(TestImages.Png(64, 48), UserFileLimits.StoredPhotoMaxSide, "file");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; target: rise < {Target / 1048576} MB"));
        Console.WriteLine();
        Console.WriteLine("| file | path | size | outcome | time | peak rise (this process) | allocated (managed, this process) | reader process peak |");
        Console.WriteLine("|---|---|---:|---|---:|---:|---:|---:|");
        var worst = 0L;
        foreach (var c in cases)
        {
            var file = c.Make();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            Interlocked.Exchange(ref childPeak, 0);
            File.WriteAllText("/proc/self/clear_refs", "5");
            var baseline = Status("VmRSS");
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            var outcome = Feed(c.Path, file, c.Name);
            var elapsed = Stopwatch.GetElapsedTime(started);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var rise = Status("VmHWM") - baseline;
            worst = Math.Max(worst, rise);
            var child = Interlocked.Read(ref childPeak);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {c.Path} | {Size(file.Length)} | {outcome} | {elapsed.TotalSeconds:0.00} s | {rise / 1048576.0:0.0} MB | {allocated / 1048576.0:0.0} MB | {(child > 0 ? $"{child / 1048576.0:0} MB" : "—")} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Largest rise: {worst / 1048576.0:0.0} MB ({(worst < Target ? "within" : "OVER")} the 200 MB target)."));
        return worst < Target ? 0 : 1;
    }

    private static string Feed(string path, byte[] file, string name)
    {
        try
        {
            switch (path)
            {
                case "photo":
                    ImageIntake.Prepare(file, UserFileLimits.StoredPhotoMaxSide, "file");
                    return "accepted";
                case "scan" when file.AsSpan().StartsWith("%PDF"u8):
                    return $"accepted ({PdfBulletinReader.CheckPages(file)} pages)";
                case "scan":
                    ImageIntake.Prepare(file, UserFileLimits.StoredScanMaxSide, "scan");
                    return "accepted";
                default:
                    var bulletin = ImportHandlers.Read(name, file, new BulletinParseOptions());
                    return $"read ({bulletin.Sections.Sum(s => s.Articles.Count)} articles)";
            }
        }
        catch (ValidationException e)
        {
            return Refused(string.Join("；", e.Errors.SelectMany(x => x.Value)));
        }
        catch (BulletinImportException e)
        {
            // The scan check's own refusal; ScoreHandlers turns it into a ValidationException on "scan".
            return Refused(e.Message);
        }
    }

    private static string Refused(string message) => "refused: " + (message.Length > 30 ? message[..30] + "…" : message);

    /// <summary>A size field of /proc/self/status, in bytes.</summary>
    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Size(long bytes) => bytes >= 1048576
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB");
}
