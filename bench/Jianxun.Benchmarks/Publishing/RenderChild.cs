using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Jianxun.Publishing;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>
/// <c>render-pdf ISSUE.json OUT.pdf</c>: the process <see cref="JianxunProcessEngine"/> starts for every file. It reads
/// the issue (photos in base64), renders it once and writes the PDF, then prints how long the reading and the rendering
/// took inside it, so the comparison can tell the process start from the work.
/// </summary>
internal static class RenderChild
{
    public const string Command = "render-pdf";

    private const string Prefix = "render-child";

    private static readonly JsonSerializerOptions Json = new();

    public static byte[] Serialize(IssueDocument issue) => JsonSerializer.SerializeToUtf8Bytes(issue, Json);

    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count != 2)
        {
            Console.Error.WriteLine($"Usage: {Command} ISSUE.json OUT.pdf");
            return 1;
        }

        var started = Stopwatch.GetTimestamp();
        var issue = JsonSerializer.Deserialize<IssueDocument>(File.ReadAllBytes(args[0]), Json)
            ?? throw new InvalidOperationException($"{args[0]} holds no issue");
        var readMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        var pdf = new PdfIssueRenderer().Render(issue);
        var renderMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        File.WriteAllBytes(args[1], pdf);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix} {readMs:0.0} {renderMs:0.0}"));
        return 0;
    }

    /// <summary>The read and render times a child printed.</summary>
    public static (double ReadMs, double RenderMs) ParseTimes(string stdout)
    {
        var line = stdout.Split('\n').Single(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Split(' ');
        return (double.Parse(line[1], CultureInfo.InvariantCulture), double.Parse(line[2], CultureInfo.InvariantCulture));
    }
}
