namespace Jianxun.Benchmarks.Search;

/// <summary>One timed query: its kind, wall time and how many articles matched.</summary>
internal sealed record QueryTiming(BenchQueryKind Kind, double Milliseconds, int Total);

/// <summary>The outcome of running a query mix against one engine: timings, phrase recall and the phrases it missed.</summary>
internal sealed class SearchRunResult
{
    public List<QueryTiming> Timings { get; init; } = [];
    public int Phrases { get; set; }
    public int PhrasesFound { get; set; }
    public List<string> MissedPhrases { get; init; } = [];
    public int Failed { get; set; }

    /// <summary>The process's peak working set when the timed queries ended, before the recall check (MB).</summary>
    public double PeakTimedMB { get; set; }

    public double PhraseRecall => Phrases == 0 ? 1 : (double)PhrasesFound / Phrases;

    public double P50(BenchQueryKind? kind = null) => Percentile(Select(kind), 50);

    public double P99(BenchQueryKind? kind = null) => Percentile(Select(kind), 99);

    public double Mean(BenchQueryKind? kind = null) => Select(kind).DefaultIfEmpty(0).Average();

    public double MeanHits(BenchQueryKind? kind = null) => Timings.Where(t => kind is null || t.Kind == kind).Select(t => (double)t.Total).DefaultIfEmpty(0).Average();

    private IEnumerable<double> Select(BenchQueryKind? kind) => Timings.Where(t => kind is null || t.Kind == kind).Select(t => t.Milliseconds);

    /// <summary>This process's peak working set so far (MB).</summary>
    public static double PeakWorkingSetMB()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1e6;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
