using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Jianxun.Text;

/// <summary>
/// The reader process's side (src/Jianxun.PdfWorker is only its entry point): reads the PDF at INPUT in this process,
/// under the same limits as ever (PdfStreamLimits, pages, glyphs, the cooperative time budget), and writes a
/// <see cref="PdfReaderResult"/> to OUTPUT. Whatever PdfPig does beyond those limits (a loop, unbounded memory, a crash)
/// happens here, where <see cref="PdfReaderProcess"/> can kill it (ADR-019).
/// </summary>
internal static class PdfReaderChild
{
    /// <summary>The exit code when even the answer could not be written for lack of memory.</summary>
    public const int OutOfMemoryExitCode = 3;

    /// <summary>The exit code when the reader stopped itself at the time limit (its parent is gone, or has not yet looked).</summary>
    public const int TimeLimitExitCode = 4;

    public static int Run(string[] args)
    {
        if (args.Length != 5 || !Enum.TryParse<PdfReaderTask>(args[0], ignoreCase: true, out var task)
            || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var maxPages)
            || !int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            Console.Error.WriteLine("Usage: dotnet Jianxun.PdfWorker.dll pages|count INPUT OUTPUT MAXPAGES MILLISECONDS (started by Jianxun's PdfReaderProcess, ADR-019)");
            return 2;
        }

        // The parent kills a reader at the time limit; this ends an orphan too (a server stopped while a reader ran).
        using var deadline = new Timer(_ => Environment.Exit(TimeLimitExitCode), null, milliseconds, Timeout.Infinite);
        try
        {
            var result = Read(task, args[1], maxPages);
            using var process = Process.GetCurrentProcess();
            using var output = File.Create(args[2]);
            JsonSerializer.Serialize(output, result with { PeakMemoryBytes = process.PeakWorkingSet64 }, PdfReaderJson.Default.PdfReaderResult);
            return 0;
        }
        catch (OutOfMemoryException)
        {
            return OutOfMemoryExitCode;
        }
    }

    private static PdfReaderResult Read(PdfReaderTask task, string input, int maxPages)
    {
        try
        {
            var pdf = File.ReadAllBytes(input);
            return task switch
            {
                PdfReaderTask.Pages => new PdfReaderResult
                {
                    Outcome = PdfReaderOutcome.Read,
                    Pages = [.. PdfBulletinReader.Extract(pdf, new BulletinParseOptions { MaxPages = maxPages }).Select(ToDto)],
                },
                PdfReaderTask.Count => new PdfReaderResult { Outcome = PdfReaderOutcome.Read, PageCount = PdfBulletinReader.CountPagesInThisProcess(pdf) },
                _ => throw new ArgumentOutOfRangeException(nameof(task)),
            };
        }
        catch (BulletinImportException e)
        {
            return new PdfReaderResult { Outcome = PdfReaderOutcome.Refused, Error = e.Error, Message = e.Message };
        }
        catch (OutOfMemoryException)
        {
            // The heap's hard limit (DOTNET_GCHeapHardLimit): what the failed read held is garbage now, so the answer fits.
            return new PdfReaderResult { Outcome = PdfReaderOutcome.OutOfMemory };
        }
    }

    private static PdfPageDto ToDto(PdfPageContent page) => new(
        page.Number,
        page.Width,
        page.Height,
        [.. page.Glyphs],
        [.. page.Images.Select(b => new[] { b.TopLeft.X, b.TopLeft.Y, b.TopRight.X, b.TopRight.Y, b.BottomLeft.X, b.BottomLeft.Y, b.BottomRight.X, b.BottomRight.Y })],
        page.NeedsOcr)
    {
        Shapes = [.. page.Shapes],
    };
}
