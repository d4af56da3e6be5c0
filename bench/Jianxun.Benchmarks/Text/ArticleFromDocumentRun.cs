using System.Diagnostics;
using System.Globalization;
using Jianxun.Benchmarks.Publishing;
using Jianxun.Core.Storage;
using Jianxun.Testing;
using Jianxun.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// Issue 22's figure: a 5-page DOCX with 4 photos becomes a proposed draft (reader, then every photo checked and re-encoded
/// as the API does) in ≤ 300 ms, without the converter; and the same document as .doc converted by LibreOffice, timed.
/// </summary>
internal static class ArticleFromDocumentRun
{
    public static async Task<int> RunAsync(List<string> args)
    {
        var runs = args.IndexOf("--runs") is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 20;
        var photos = Enumerable.Range(0, 4).Select(i => GeneratedImages.Photo(1600, 1200, seed: i)).ToList();
        var docx = ArticleFixtures.LongArticle(30, photos);
        var today = new DateOnly(2026, 12, 8);
        var first = ArticleDocumentReader.ReadDocx(docx, today);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"document: {docx.Length / 1024} KB, {first.Paragraphs.Count} paragraphs, {first.Paragraphs.Sum(p => p.Length)} characters, {first.Photos.Count} photos (JPEG 1600×1200)"));

        var reader = new List<double>();
        var proposal = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var draft = ArticleDocumentReader.ReadDocx(docx, today);
            reader.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var photo in draft.Photos)
            {
                ImageIntake.Prepare(photo.Content, UserFileLimits.StoredPhotoMaxSide, "file");
            }

            proposal.Add(clock.Elapsed.TotalMilliseconds);
        }

        Report("reader only", reader);
        Report("proposal (reader + 4 photos checked and re-encoded)", proposal);

        using var converter = new LegacyDocumentConverter(Environment.GetEnvironmentVariable("JIANXUN_SOFFICE"));
        if (!converter.IsAvailable)
        {
            Console.WriteLine("LibreOffice not found: .doc conversion not timed.");
            return 0;
        }

        var doc = await ToDocAsync(converter.SofficePath!, docx);
        var conversions = new List<double>();
        for (var i = 0; i < Math.Min(runs, 5); i++)
        {
            var clock = Stopwatch.StartNew();
            var converted = await converter.ConvertToDocxAsync(doc, ".doc", CancellationToken.None);
            ArticleDocumentReader.ReadDocx(converted, today);
            conversions.Add(clock.Elapsed.TotalMilliseconds);
        }

        Report(".doc (" + doc.Length / 1024 + " KB) converted by LibreOffice and read, fresh profile each time", conversions);
        return 0;
    }

    private static void Report(string what, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {sorted[sorted.Count / 2]:0.0} ms, min {sorted[0]:0.0} ms, max {sorted[^1]:0.0} ms, first {ms[0]:0.0} ms ({ms.Count} runs)"));
    }

    private static async Task<byte[]> ToDocAsync(string soffice, byte[] docx)
    {
        var dir = Directory.CreateTempSubdirectory("jx-bench-doc-");
        try
        {
            var input = Path.Combine(dir.FullName, "article.docx");
            await File.WriteAllBytesAsync(input, docx);
            var start = new ProcessStartInfo(soffice) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-env:UserInstallation=" + new Uri(Path.Combine(dir.FullName, "profile") + "/").AbsoluteUri, "--headless", "--convert-to", "doc", "--outdir", dir.FullName, input })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["HOME"] = dir.FullName;
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            return await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "article.doc"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
