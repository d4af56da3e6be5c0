using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Jianxun.Benchmarks.Publishing;
using Jianxun.Benchmarks.Search;
using Jianxun.Benchmarks.Text;

namespace Jianxun.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/Jianxun.Benchmarks -- &lt;which&gt; [--quick] [--keep] [BenchmarkDotNet options]
/// </summary>
/// <remarks>
/// Every benchmark class in this assembly is found by BenchmarkSwitcher, so a new file under Text/ or Publishing/ needs
/// no registration: <c>text</c> runs the namespace Jianxun.Benchmarks.Text, <c>publishing</c> the namespace
/// Jianxun.Benchmarks.Publishing, and <c>--filter</c> overrides either.
/// </remarks>
internal static class Program
{
    private const string Usage = """
        Usage: dotnet run -c Release --project bench/Jianxun.Benchmarks -- <which> [options] [BenchmarkDotNet options]

          publishing   Jianxun's renderers (BenchmarkDotNet), then the side-by-side PDF comparison
          compare      only the side-by-side comparison: Jianxun vs LibreOffice (DOCX) vs Chromium (HTML), warm and cold
          samples      write the benchmark issue as PDF, DOCX and HTML for a person to look at [DIR] (default ./jianxun-samples)
          text         text import benchmarks (every class in namespace Jianxun.Benchmarks.Text)
          import-batch PDF import over a long batch: pages/s and memory, sampled every tenth [--megabytes 500]
          hostile-memory the hostile-file corpus through the intake paths in this process: peak memory rise per file,
                       and the PDF reader process's own peak (issue 15's 200 MB target, ADR-019)
          pdf-reader-cost what the PDF reader process costs per file: its start, and a bulletin read through it against in
                       this process [--runs 10] (ADR-019)
          article-from-document a 5-page DOCX with 4 photos → proposed draft (issue 22's ≤ 300 ms), and a .doc through LibreOffice [--runs 20]
          scoring-db   the year's ranking end to end on SQLite (facts loaded from the database + engine) [--items 50000] [--units 200]
          scoring      information-work scoring: ScoreEngine.Compute for a year of 200 units and 50,000 items (namespace Jianxun.Benchmarks.Scoring)
          search       search side by side: Jianxun on SQLite and PostgreSQL vs Lucene.NET (SmartCn), build, latency, recall, memory
                       [--sizes 10000,50000,200000] [--queries 1000] [--engines sqlite,postgres,lucene] [--postgres CONNSTR] [--work DIR]
                       [--index-only] (also time ISearchIndex alone, no facets or snippets) [--skip-build] (query the indexes kept in --work)
                       [--cold] (do not read the index files into the file cache before the queries)
          all          everything above
          list         list the BenchmarkDotNet benchmarks
          bdn          hand the remaining arguments to BenchmarkDotNet as they are (e.g. bdn --filter *PdfImport*)

          --quick      smoke run: few iterations, small text corpus, 2 comparison rounds; search: 2,000 articles, 200 queries
          --keep       keep the comparison's inputs and PDFs (printed path under /tmp); search: the indexes and databases
          --filter X   BenchmarkDotNet filter (glob over Namespace.Class.Method); replaces the default for <which>

        Skips LibreOffice or Chromium with a message when it is not installed (JIANXUN_SOFFICE / JIANXUN_CHROMIUM override the paths).
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }

        var which = args[0].StartsWith('-') ? "bdn" : args[0].ToLowerInvariant();
        var rest = args[0].StartsWith('-') ? args.ToList() : args.Skip(1).ToList();
        var quick = rest.Remove("--quick");
        var keep = rest.Remove("--keep");
        if (quick)
        {
            // Read by BulletinCorpus (in process, and by BDN child processes if a toolchain spawns any).
            Environment.SetEnvironmentVariable("JIANXUN_BENCH_QUICK", "1");
        }

        switch (which)
        {
            case "publishing":
                return RunBenchmarks(rest, "Jianxun.Benchmarks.Publishing.*", quick) | await PublishingComparison.RunAsync(quick, keep);
            case "compare":
                return await PublishingComparison.RunAsync(quick, keep);
            case RenderChild.Command:
                // The process the comparison starts for every cold Jianxun file (not for use by hand).
                return RenderChild.Run(rest);
            case "samples":
                return PublishingSamples.Write(rest.FirstOrDefault() ?? "jianxun-samples");
            case "text":
                return RunBenchmarks(rest, "Jianxun.Benchmarks.Text.*", quick);
            case "import-batch":
                return ImportBatchRun.Run(quick, rest);
            case "hostile-memory":
                return HostileMemoryRun.Run();
            case "pdf-reader-cost":
                return PdfReaderCostRun.Run(rest);
            case "article-from-document":
                return await ArticleFromDocumentRun.RunAsync(rest);
            case "scoring-db":
                return await Scoring.ScoreDatabaseRun.RunAsync(rest);
            case "scoring":
                return RunBenchmarks(rest, "Jianxun.Benchmarks.Scoring.*", quick);
            case "search":
                return await SearchComparison.RunAsync(rest, quick, keep);
            case "search-run":
                // The query process the search comparison starts for each engine (not for use by hand).
                return await SearchComparison.RunChildAsync(rest);
            case "all":
                return RunBenchmarks(rest, "*", quick) | await PublishingComparison.RunAsync(quick, keep);
            case "list":
                return RunBenchmarks(["--list", "flat"], null, quick);
            case "bdn":
                return RunBenchmarks(rest, null, quick);
            default:
                Console.Error.WriteLine($"Unknown choice '{args[0]}'.");
                Console.Error.WriteLine(Usage);
                return 1;
        }
    }

    private static int RunBenchmarks(List<string> bdnArgs, string? defaultFilter, bool quick)
    {
        var arguments = new List<string>(bdnArgs);
        if (defaultFilter is not null && !arguments.Any(a => a is "--filter" or "-f"))
        {
            arguments.AddRange(["--filter", defaultFilter]);
        }

        // REVIEW: in-process toolchain. The default one generates and builds a project beside the output, which inherits
        // this repository's Directory.Build.props (warnings as errors, analyzers, artifacts output) and costs a build per
        // run on a shared 2-core machine. In process is accurate for these CPU-bound benchmarks.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        if (quick)
        {
            job = job.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("Quick");
        }

        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job.AsDefault())
            .AddColumn(StatisticColumn.Median)
            .AddColumn(ThroughputColumns.All)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "Jianxun.BenchmarkDotNet.Artifacts"));

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. arguments], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
