using System.Diagnostics;
using System.Globalization;
using Jianxun.Publishing;
using Jianxun.Testing;

namespace Jianxun.Text.Tests.Import;

/// <summary>
/// The PDF reader process (ADR-019): it reads exactly what the reader reads in this process, answers refusals alike, and
/// is killed, with its process tree, when it overruns its time or memory limit.
/// </summary>
public sealed class PdfReaderProcessTests
{
    [Fact]
    public void ReadPages_RenderedIssueWithPhotos_GivesTheSamePagesAsInThisProcess()
    {
        var pdf = new PdfIssueRenderer().Render(RoundTrip.Issue(extraArticles: 3));

        var here = PdfBulletinReader.Extract(pdf, new BulletinParseOptions());
        var there = PdfReaderProcess.ReadPages(pdf, UserFileLimits.MaxPdfPages);

        Assert.Equal(here.Count, there.Count);
        Assert.Contains(here, p => p.Images.Count > 0);
        foreach (var (a, b) in here.Zip(there))
        {
            Assert.Equal((a.Number, a.Width, a.Height), (b.Number, b.Width, b.Height));
            Assert.Equal(a.Glyphs, b.Glyphs);
            Assert.Equal(a.Images, b.Images);
        }
    }

    [Fact]
    public void Read_ThroughTheReaderProcess_GivesTheSameBulletinAsInThisProcess()
    {
        var pdf = new PdfIssueRenderer().Render(RoundTrip.Issue(extraArticles: 2));

        var there = PdfBulletinReader.Read(pdf, new BulletinParseOptions { DefaultYear = 2025 });
        var here = PdfBulletinReader.Read(pdf, new BulletinParseOptions { DefaultYear = 2025, ReadPdfInThisProcess = true });

        Assert.Equal(BulletinJson.Serialize(here), BulletinJson.Serialize(there));
    }

    [Fact]
    public void CheckPages_ThroughTheReaderProcess_CountsAndRefusesAsInThisProcess()
    {
        Assert.Equal(3, PdfBulletinReader.CheckPages(HostileFiles.ManyPagesPdf(3)));

        var tooMany = HostileFiles.ManyPagesPdf(UserFileLimits.MaxPdfPages + 1);
        var there = Assert.Throws<BulletinImportException>(() => PdfBulletinReader.CheckPages(tooMany));
        var here = Assert.Throws<BulletinImportException>(() => PdfBulletinReader.CountPagesInThisProcess(tooMany));
        Assert.Equal((here.Error, here.Message), (there.Error, there.Message));
    }

    [Fact]
    public void ReadPages_TruncatedPdf_IsRefusedWithTheReadersOwnMessage()
    {
        var pdf = HostileFiles.Truncate(new PdfIssueRenderer().Render(RoundTrip.Issue(photos: false)));

        var there = Assert.Throws<BulletinImportException>(() => PdfBulletinReader.Read(pdf));
        var here = Assert.Throws<BulletinImportException>(() => PdfBulletinReader.Read(pdf, new BulletinParseOptions { ReadPdfInThisProcess = true }));

        Assert.Equal((here.Error, here.Message), (there.Error, there.Message));
    }

    [Fact]
    public void DotnetHost_IsTheHostOfThisRuntime()
    {
        var host = PdfWorker.FindHost();

        Assert.True(File.Exists(host));
        Assert.StartsWith(Path.GetDirectoryName(host)!, System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_BesideTheApp_IsAvailable()
    {
        var status = PdfWorker.Check(null);

        Assert.True(status.IsAvailable, status.Problem);
        Assert.Equal(PdfWorker.DefaultPath, status.WorkerPath);
    }

    [Fact]
    public void Worker_AtAMissingPath_IsReportedAndReadingRefusesWithTheTypedException()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "Jianxun.PdfWorker.dll");

        var status = PdfWorker.Check(missing);

        Assert.False(status.IsAvailable);
        Assert.Contains(missing, status.Problem, StringComparison.Ordinal);
        var refused = Assert.Throws<PdfWorkerMissingException>(() => PdfBulletinReader.CheckPages(new byte[] { 0x25, 0x50, 0x44, 0x46 }, missing));
        Assert.Contains("cannot be started", refused.Message, StringComparison.Ordinal);
    }
}

/// <summary>Runs alone, so that the reader processes counted afterwards can only be this test's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PdfReaderWatchdogCollection
{
    public const string Name = "PDF reader watchdog";
}

/// <summary>
/// The watchdog with forced limits, on the PDF that makes PdfPig 0.1.16 allocate gigabytes inside one <c>GetPage</c>
/// (Fixtures/Hostile/fuzz-pdf-hang.pdf, found by fuzzing): killed at the limit, the refusal names it, no process is left.
/// </summary>
[Collection(PdfReaderWatchdogCollection.Name)]
public sealed class PdfReaderWatchdogTests
{
    [Fact]
    public void ReadPages_OverAForcedMemoryLimit_IsKilledAndNamesTheMemoryLimit()
    {
        var limits = new PdfReaderLimits(TimeSpan.FromSeconds(60), 256L * 1024 * 1024);
        var started = Stopwatch.GetTimestamp();

        var e = Assert.Throws<BulletinImportException>(() => PdfReaderProcess.ReadPages(HostileFiles.PdfPigHangPdf(), UserFileLimits.MaxPdfPages, limits));

        Assert.Equal(BulletinImportError.TooLarge, e.Error);
        Assert.Equal(UserFileLimits.PdfReaderMemoryRefusal(limits.MemoryBytes), e.Message);
        Assert.Contains("每个文件不超过 256 MB", e.Message, StringComparison.Ordinal);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), $"{Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        Assert.Empty(ReaderChildren());
    }

    [Fact]
    public void ReadPages_OverAForcedTimeLimit_IsKilledAndNamesTheTimeLimit()
    {
        var limits = new PdfReaderLimits(TimeSpan.FromSeconds(1.5), 8L * 1024 * 1024 * 1024);
        var started = Stopwatch.GetTimestamp();

        var e = Assert.Throws<BulletinImportException>(() => PdfReaderProcess.ReadPages(HostileFiles.PdfPigHangPdf(), UserFileLimits.MaxPdfPages, limits));

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(UserFileLimits.PdfReaderTimeRefusal(limits.Time), e.Message);
        Assert.Contains("每个文件的读取时间不超过 1.5 秒", e.Message, StringComparison.Ordinal);
        Assert.True(elapsed >= limits.Time && elapsed < TimeSpan.FromSeconds(10), $"{elapsed.TotalSeconds:0.0} s");
        Assert.Empty(ReaderChildren());
    }

    [Fact]
    public void Import_PdfPigHangFoundByFuzzing_IsRefusedAtTheDefaultLimitsInBoundedTime()
    {
        var started = Stopwatch.GetTimestamp();

        var e = Assert.Throws<BulletinImportException>(() => BulletinImporter.Import("hang.pdf", HostileFiles.PdfPigHangPdf()));

        // The memory limit stops it within seconds; on a starved machine the time limit may come first. Either is named.
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Contains(e.Message, new[] { UserFileLimits.PdfReaderMemoryRefusal(UserFileLimits.MaxPdfReaderMemoryBytes), UserFileLimits.PdfReaderTimeRefusal(UserFileLimits.ImportTimeBudget) });
        Assert.True(elapsed < UserFileLimits.ImportTimeBudget + TimeSpan.FromSeconds(5), $"{elapsed.TotalSeconds:0.0} s");
        Assert.Empty(ReaderChildren());
    }

    /// <summary>Reader processes whose parent is this process (Linux: /proc).</summary>
    private static List<int> ReaderChildren()
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(PdfReaderProcess.WorkerFileName, StringComparison.Ordinal))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // Ended while we looked.
            }
        }

        return children;
    }
}
