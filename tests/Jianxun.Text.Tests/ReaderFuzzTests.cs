using System.Diagnostics;
using System.Globalization;
using Jianxun.Publishing;
using Jianxun.Text.Tests.Import;
using Xunit.Abstractions;

namespace Jianxun.Text.Tests;

/// <summary>
/// A seeded mutation loop over our own fixtures (text, PDF and DOCX) through <see cref="BulletinImporter"/> (ADR-016).
/// A crash is any exception other than <see cref="BulletinImportException"/>, or one file taking longer than the budget.
/// The normal run is short and deterministic (fixed seed, fixed count); <c>JIANXUN_FUZZ_SECONDS=N</c> runs for N seconds
/// with a seed taken from the clock and printed, so a failure can be replayed with <c>JIANXUN_FUZZ_SEED</c>.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Seeds() => ["txt", "pdf", "docx"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Import_MutatedFixtures_RefuseOrReadButNeverCrash(string kind)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("JIANXUN_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 0;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("JIANXUN_FUZZ_SEED"), CultureInfo.InvariantCulture, out var fixedSeed) ? fixedSeed
            : seconds > 0 ? Environment.TickCount : 20261128;
        var iterations = seconds > 0 ? int.MaxValue : kind == "txt" ? 60 : 25;
        var corpus = Corpus(kind);
        var random = new Random(seed);
        // Warm-up outside the clock: the first file loads jieba's dictionary and JITs the readers (8 s on a busy machine).
        BulletinImporter.Import("warm." + kind, corpus[0], new BulletinParseOptions { DefaultYear = 2025, ReadPdfInThisProcess = true });
        var run = Stopwatch.StartNew();
        int done = 0, refused = 0, read = 0;
        var slowest = TimeSpan.Zero;
        for (; done < iterations && (seconds == 0 || run.Elapsed.TotalSeconds < seconds); done++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            if (seconds > 0)
            {
                // A hang never returns to the assertion below: the long run keeps the input in hand before each call.
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"jianxun-fuzz-{kind}-current.bin"), input);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                // The reader itself, in this process: a crash or a hang here is PdfPig's or ours, found rather than contained (ADR-019).
                BulletinImporter.Import("fuzz." + kind, input, new BulletinParseOptions { DefaultYear = 2025, ExtractEntities = done % 4 == 0, ReadPdfInThisProcess = true });
                read++;
            }
            catch (BulletinImportException)
            {
                refused++;
            }
            catch (Exception e)
            {
                var path = Path.Combine(Path.GetTempPath(), $"jianxun-fuzz-{kind}-{seed}-{done}.bin");
                File.WriteAllBytes(path, input);
                Assert.Fail($"{kind} seed {seed} iteration {done}: {e.GetType().Name}: {e.Message} (input kept at {path})");
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            slowest = elapsed > slowest ? elapsed : slowest;
            Assert.True(elapsed < PerFile, $"{kind} seed {seed} iteration {done}: {elapsed.TotalSeconds:0.0} s");
        }

        output.WriteLine($"{kind}: seed {seed}, {done} inputs in {run.Elapsed.TotalSeconds:0.0} s, {read} read, {refused} refused, slowest {slowest.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// Crashes and hangs the long runs found, kept as fixtures (Fixtures/Hostile); each must now be read or refused, as a
    /// user's upload is: PDFs in the reader process. The hang (PdfPig 0.1.16 allocating gigabytes in one <c>GetPage</c>) is
    /// refused at its limits; PdfReaderWatchdogTests asserts which limit and the time.
    /// </summary>
    [Theory]
    [InlineData("fuzz-pdf-lone-surrogate.pdf")]
    [InlineData("fuzz-pdf-hang.pdf")]
    public void Import_CrashFoundByFuzzing_IsReadOrRefused(string fixture)
    {
        var file = File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "Hostile", fixture));
        var started = Stopwatch.GetTimestamp();
        try
        {
            BulletinImporter.Import(fixture, file);
        }
        catch (BulletinImportException e)
        {
            Assert.Matches("[\u4e00-\u9fff]", e.Message);
        }

        Assert.True(Stopwatch.GetElapsedTime(started) < UserFileLimits.ImportTimeBudget + TimeSpan.FromSeconds(5));
    }

    private static List<byte[]> Corpus(string kind) => kind switch
    {
        "txt" => [.. Directory.GetFiles(TestPaths.Fixtures, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)],
        "pdf" => [new PdfIssueRenderer().Render(RoundTrip.Issue()), new PdfIssueRenderer().Render(RoundTrip.Issue(photos: false))],
        "docx" => [new DocxIssueRenderer().Render(RoundTrip.Issue()), new DocxIssueRenderer().Render(RoundTrip.Issue(photos: false))],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>One to eight edits: byte flips, random runs, deletions, duplications, truncation, interesting values.</summary>
    internal static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        var edits = 1 + random.Next(8);
        for (var i = 0; i < edits && data.Count > 0; i++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
                    break;
                case 3:
                    var length = Math.Min(data.Count - at, 1 + random.Next(256));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    byte[] interesting = [0x00, 0xFF, 0x7F, 0x80, (byte)'[', (byte)'<', (byte)'(', (byte)'\n'];
                    data[at] = interesting[random.Next(interesting.Length)];
                    break;
            }
        }

        return [.. data];
    }
}
