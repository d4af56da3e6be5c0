using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Jianxun.Core.Data;
using Npgsql;

namespace Jianxun.Benchmarks.Search;

/// <summary>
/// The side-by-side search run (issue 6): for each corpus size, build Jianxun's index on SQLite and on PostgreSQL and a
/// Lucene.NET/SmartCn index of the same corpus, then time the same fixed query mix against each and check phrase recall.
/// </summary>
/// <remarks>
/// REVIEW: a Stopwatch harness rather than BenchmarkDotNet: the figures asked for are build times, latency percentiles
/// over a query mix and process memory, not a per-operation mean. The queries of each engine run in a fresh child
/// process (this program, <c>search-run</c>), so its memory is that of a process that only opens the index and serves
/// queries, as the web app would, and not of the one that generated the corpus and built three indexes. Like the web
/// app (Microsoft.NET.Sdk.Web), the child uses the server GC.
/// </remarks>
internal static class SearchComparison
{
    private const int WarmupQueries = 100;
    private const int WarmupSeed = 99;
    private const string ResultPrefix = "RESULT ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, bool quick, bool keep)
    {
        int[] sizes = quick ? [2_000] : [10_000, 50_000, 200_000];
        var queryCount = quick ? 200 : 1_000;
        string? postgres = null;
        string? workRoot = null;
        var indexOnly = false;
        var skipBuild = false;
        var warm = true;
        var engines = new HashSet<string>(["sqlite", "postgres", "lucene"], StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--sizes":
                    sizes = [.. Next().Split(',').Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))];
                    break;
                case "--queries":
                    queryCount = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--postgres":
                    postgres = Next();
                    break;
                case "--engines":
                    engines = new HashSet<string>(Next().Split(','), StringComparer.Ordinal);
                    break;
                case "--work":
                    workRoot = Next();
                    break;
                case "--index-only":
                    indexOnly = true;
                    break;
                case "--skip-build":
                    skipBuild = true;
                    break;
                case "--cold":
                    warm = false;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}' for search.");
                    return 1;
            }
        }
        if (skipBuild && workRoot is null)
        {
            Console.Error.WriteLine("--skip-build needs --work DIR: the indexes of an earlier run with --keep.");
            return 1;
        }
        if (engines.Contains("postgres") && postgres is null)
        {
            Console.WriteLine("SKIPPED PostgreSQL: pass --postgres \"Host=127.0.0.1;Port=55499;Username=postgres;Database=postgres\" (PGPORT=55499 .ci/postgres-start prints it).");
            engines.Remove("postgres");
        }

        var work = workRoot is null ? Directory.CreateTempSubdirectory("jianxun-search-bench-").FullName : Directory.CreateDirectory(workRoot).FullName;
        Console.WriteLine($"Search comparison: sizes {string.Join(", ", sizes)}, {queryCount} queries (+{WarmupQueries} warm-up), engines {string.Join(", ", engines.Order(StringComparer.Ordinal))}; files in {work}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"Load average at start: {LoadAverage()}");

        var rows = new List<Row>();
        foreach (var size in sizes)
        {
            var corpus = new SearchCorpus(size);
            var generated = Stopwatch.StartNew();
            var articles = corpus.Articles().ToList();
            var chars = articles.Sum(a => (long)a.Title.Length + a.Paragraphs.Sum(p => p.Length));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\n== {size} articles: {corpus.IssueCount} issues, {chars / 1e6:0.0} M characters ({chars / (double)size:0} a article), {corpus.Persons.Count} persons, {corpus.Units.Count} units; generated in {generated.Elapsed.TotalSeconds:0.0} s"));

            if (engines.Contains("sqlite"))
            {
                var dir = Directory.CreateDirectory(Path.Combine(work, $"sqlite-{size}")).FullName;
                var cs = $"Data Source={Path.Combine(dir, "jianxun.db")}";
                var build = skipBuild ? NotBuilt : await BuildJianxunAsync(DatabaseProvider.Sqlite, cs, dir, corpus);
                rows.AddRange(Query("sqlite", size, queryCount, cs, dir, build, indexOnly, warm ? () => ReadFiles(dir) : null));
            }

            if (engines.Contains("postgres"))
            {
                var name = $"jianxun_bench_{size}";
                if (!skipBuild)
                {
                    await AdminAsync(postgres!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    await AdminAsync(postgres!, $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0");
                }
                var cs = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
                var dir = Directory.CreateDirectory(Path.Combine(work, $"postgres-{size}")).FullName;
                var build = skipBuild ? NotBuilt : await BuildJianxunAsync(DatabaseProvider.Postgres, cs, dir, corpus);
                rows.AddRange(Query("postgres", size, queryCount, cs, dir, build, indexOnly, warm ? () => PrewarmPostgres(cs) : null));
                // As for the folders below: a --skip-build run's database was kept by an earlier run and is not this one's to drop.
                if (!keep && !skipBuild)
                {
                    await AdminAsync(postgres!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                }
            }

            if (engines.Contains("lucene"))
            {
                var dir = Path.Combine(work, $"lucene-{size}");
                if (skipBuild && Directory.Exists(dir))
                {
                    rows.AddRange(Query("lucene", size, queryCount, dir, dir, NotBuilt, indexOnly: false, warm ? () => ReadFiles(dir) : null));
                    continue;
                }
                var loadBefore = LoadAverage();
                var started = Stopwatch.GetTimestamp();
                long bytes;
                using (var lucene = new LuceneSearchBench(dir))
                {
                    lucene.Build(corpus, articles, Progress("Lucene build", size));
                    bytes = lucene.SizeOnDisk();
                }
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lucene: index built in {seconds:0.0} s, {bytes / 1e6:0.0} MB (load {loadBefore} → {LoadAverage()})"));
                rows.AddRange(Query("lucene", size, queryCount, dir, dir, new Build(0, seconds, bytes, null, bytes, $"{loadBefore} → {LoadAverage()}"), indexOnly: false,
                    warm ? () => ReadFiles(dir) : null));
            }

            // A --skip-build run queried indexes an earlier run kept: they are not this run's to delete.
            if (!keep && !skipBuild)
            {
                foreach (var sub in Directory.GetDirectories(work, $"*-{size}"))
                {
                    Directory.Delete(sub, recursive: true);
                }
            }
            articles.Clear();
            Print(rows);
        }

        Console.WriteLine($"\nLoad average at end: {LoadAverage()}");
        Print(rows);
        if (!keep && workRoot is null)
        {
            Directory.Delete(work, recursive: true);
        }
        return rows.Any(r => r.Result.Failed > 0) ? 1 : 0;
    }

    /// <summary>Index build figures: loading the rows (seconds), reindex (seconds), index bytes, of which full-text structures, database bytes.</summary>
    private sealed record Build(double LoadSeconds, double IndexSeconds, long IndexBytes, long? FullTextBytes, long TotalBytes, string Load);

    private sealed record Row(int Size, string Engine, Build Build, ChildResult Result);

    /// <summary>For <c>--skip-build</c>: the build figures are in the log of the run that built the index.</summary>
    private static readonly Build NotBuilt = new(double.NaN, double.NaN, 0, null, 0, "–");

    private static async Task<Build> BuildJianxunAsync(DatabaseProvider provider, string cs, string dataDirectory, SearchCorpus corpus)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        await using var bench = new JianxunSearchBench(provider, cs, dataDirectory);
        await bench.MigrateAsync(CancellationToken.None);
        var loadBefore = LoadAverage();
        var started = Stopwatch.GetTimestamp();
        await bench.LoadAsync(corpus, Progress($"{name} load", corpus.Size), CancellationToken.None);
        var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {corpus.Size} articles written in {loadSeconds:0.0} s"));

        var before = provider == DatabaseProvider.Sqlite ? await SqliteFileSizeAsync(bench, cs) : 0;
        var progress = Progress($"{name} reindex", corpus.Size);
        started = Stopwatch.GetTimestamp();
        var count = await bench.ReindexAsync(new SyncProgress<(int Done, int Total)>(p => progress.Report(p.Done)), CancellationToken.None);
        var indexSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var load = $"{loadBefore} → {LoadAverage()}";
        if (count != corpus.Size)
        {
            throw new InvalidOperationException($"reindex wrote {count} documents for {corpus.Size} articles");
        }

        var (index, fullText, total) = provider == DatabaseProvider.Sqlite ? await SqliteSizesAsync(bench, cs, before) : await PostgresSizesAsync(bench);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: reindex of {count} documents in {indexSeconds:0.0} s; search tables {index / 1e6:0.0} MB (full-text {fullText / 1e6:0.0} MB), database {total / 1e6:0.0} MB (load {load})"));
        return new Build(loadSeconds, indexSeconds, index, fullText, total, load);
    }

    /// <summary>
    /// SQLite's file after a checkpoint. The bundled SQLite has no <c>dbstat</c>, so the search tables' size is the growth of
    /// the file during the reindex (they are empty before it and nothing else is written), and the full-text part is the
    /// bytes of the FTS5 segment blobs (<c>search_fts_data</c>).
    /// </summary>
    private static async Task<long> SqliteFileSizeAsync(JianxunSearchBench bench, string cs)
        => await bench.WithConnectionAsync(async c =>
        {
            await using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await cmd.ExecuteNonQueryAsync();
            }
            return new FileInfo(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource).Length;
        }, CancellationToken.None);

    private static async Task<(long Index, long FullText, long Total)> SqliteSizesAsync(JianxunSearchBench bench, string cs, long before)
    {
        var total = await SqliteFileSizeAsync(bench, cs);
        var fullText = await bench.WithConnectionAsync(async c =>
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COALESCE(SUM(length(block)), 0) FROM search_fts_data";
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }, CancellationToken.None);
        return (total - before, fullText, total);
    }

    private static async Task<(long Index, long FullText, long Total)> PostgresSizesAsync(JianxunSearchBench bench)
    {
        return await bench.WithConnectionAsync(async c =>
        {
            // What autovacuum would do shortly after a large write: statistics for the planner, the GIN pending lists merged.
            foreach (var table in new[] { "search_docs", "search_doc_units", "search_doc_persons" })
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"VACUUM ANALYZE {table}";
                cmd.CommandTimeout = 3600;
                await cmd.ExecuteNonQueryAsync();
            }
            await using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = """
                    SELECT pg_total_relation_size('search_docs') + pg_total_relation_size('search_doc_units') + pg_total_relation_size('search_doc_persons'),
                           pg_relation_size('ix_search_docs_words') + pg_relation_size('ix_search_docs_grams'),
                           pg_database_size(current_database())
                    """;
                await using var r = await cmd.ExecuteReaderAsync();
                await r.ReadAsync();
                return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
            }
        }, CancellationToken.None);
    }

    private static IEnumerable<Row> Query(string engine, int size, int queryCount, string target, string dataDirectory, Build build, bool indexOnly,
        Func<string>? warm)
    {
        if (warm is not null)
        {
            var started = Stopwatch.GetTimestamp();
            var what = warm();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine}: file cache warmed: {what} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        }
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(exe), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(SearchComparison).Assembly.Location);
        }
        foreach (var a in new[] { "search-run", engine, size.ToString(CultureInfo.InvariantCulture), queryCount.ToString(CultureInfo.InvariantCulture), target, dataDirectory })
        {
            start.ArgumentList.Add(a);
        }
        if (indexOnly)
        {
            start.ArgumentList.Add("--index-only");
        }
        // As the web app runs: a Microsoft.NET.Sdk.Web project (server GC by default) with System.GC.ConserveMemory 9
        // in its runtimeconfig, and for Jianxun without dynamic PGO (src/Jianxun.Web/Jianxun.Web.csproj). Lucene.NET keeps
        // the runtime's defaults.
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_GCConserveMemory"] = "9";
        if (engine != "lucene")
        {
            start.Environment["DOTNET_TieredPGO"] = "0";
        }
        Console.WriteLine($"{engine}: running {queryCount} queries in a fresh process (load {LoadAverage()})");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the query process");
        var results = new List<ChildResult>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                results.AddRange(JsonSerializer.Deserialize<List<ChildResult>>(line[ResultPrefix.Length..], Json)!);
            }
            else
            {
                Console.WriteLine("  " + line);
            }
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || results.Count == 0)
        {
            throw new InvalidOperationException($"the {engine} query process failed (exit code {process.ExitCode})");
        }
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{engine} ({r.Path}): p50 {r.P50:0.00} ms, p99 {r.P99:0.00} ms, mean {r.Mean:0.00} ms, phrase recall {Recall(r)}, heap {r.HeapMB:0} MB, working set {r.WorkingSetMB:0} MB (peak {r.PeakWorkingSetMB:0} MB, {r.PeakTimedMB:0} MB before the recall check; {r.FileBackedMB:0} MB of it mapped files), load {r.Load}"));
            foreach (var missed in r.Missed)
            {
                Console.WriteLine("    missed " + missed);
            }
        }
        return results.Select(r => new Row(size, engine, build, r));
    }

    /// <summary>
    /// Reads every file of an index once, so that the timed queries find it in the operating system's file cache, as on a
    /// server that has been answering searches. Without it the figures measured the disk as much as the engine: this VM
    /// pages out file cache that has not been touched for about a minute (DAMON reclaim), and a run after a pause found
    /// a quarter of the SQLite file in memory and 20–40 % slower searches (docs/performance.md, session 6). <c>--cold</c>
    /// skips it.
    /// </summary>
    private static string ReadFiles(string directory)
    {
        var buffer = new byte[1 << 20];
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                bytes += n;
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB read from {directory}");
    }

    /// <summary>PostgreSQL's counterpart of <see cref="ReadFiles"/>: <c>pg_prewarm</c> in read mode over the search tables, their TOAST tables and indexes.</summary>
    private static string PrewarmPostgres(string cs)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandTimeout = 3600;
        cmd.CommandText = """
            CREATE EXTENSION IF NOT EXISTS pg_prewarm;
            SELECT COALESCE(SUM(pg_prewarm(r.oid, 'read')), 0) * current_setting('block_size')::bigint FROM pg_class r
            WHERE r.relkind IN ('r', 'i', 't') AND (r.relname LIKE 'search%' OR r.relname LIKE 'ix_search%'
                OR r.oid IN (SELECT reltoastrelid FROM pg_class WHERE relname LIKE 'search%')
                OR r.oid IN (SELECT i.indexrelid FROM pg_index i JOIN pg_class t ON t.reltoastrelid = i.indrelid WHERE t.relname LIKE 'search%'))
            """;
        var bytes = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB of search relations read by pg_prewarm");
    }

    /// <summary>What a query process reports.</summary>
    private sealed record ChildResult(
        string Path,
        double P50,
        double P99,
        double Mean,
        Dictionary<string, double[]> ByKind,
        int Phrases,
        int PhrasesFound,
        int Failed,
        List<string> Missed,
        double HeapMB,
        double WorkingSetMB,
        double PeakWorkingSetMB,
        double PeakTimedMB,
        double FileBackedMB,
        double Seconds,
        string Load);

    /// <summary>
    /// The query process: <c>search-run ENGINE SIZE QUERIES TARGET DATADIR [--index-only]</c>. Opens the index, runs a
    /// warm-up mix, the measured mix (recall checked) and, for Jianxun with <c>--index-only</c>, the same mix through
    /// <see cref="Core.Search.ISearchIndex"/> alone; prints the figures as one JSON line.
    /// </summary>
    public static async Task<int> RunChildAsync(IReadOnlyList<string> args)
    {
        var engine = args[0];
        var corpus = new SearchCorpus(int.Parse(args[1], CultureInfo.InvariantCulture));
        var queries = SearchQueryMix.Create(corpus, int.Parse(args[2], CultureInfo.InvariantCulture));
        var warmup = SearchQueryMix.Create(corpus, WarmupQueries, WarmupSeed);
        var target = args[3];
        var loadBefore = LoadAverage();
        var started = Stopwatch.GetTimestamp();
        var runs = new List<(string Path, SearchRunResult Result)>();
        if (engine == "lucene")
        {
            using var lucene = new LuceneSearchBench(target);
            lucene.Run(warmup, checkRecall: false);
            runs.Add(("Lucene top 20", lucene.Run(queries, checkRecall: true)));
        }
        else
        {
            var provider = engine == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
            await using var bench = new JianxunSearchBench(provider, target, args[4]);
            await bench.RunAsync(corpus, warmup, JianxunQueryPath.Api, checkRecall: false, CancellationToken.None);
            runs.Add(("API", await bench.RunAsync(corpus, queries, JianxunQueryPath.Api, checkRecall: true, CancellationToken.None)));
            if (args.Contains("--index-only"))
            {
                await bench.RunAsync(corpus, warmup, JianxunQueryPath.IndexOnly, checkRecall: false, CancellationToken.None);
                runs.Add(("index only", await bench.RunAsync(corpus, queries, JianxunQueryPath.IndexOnly, checkRecall: false, CancellationToken.None)));
            }
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var load = $"{loadBefore} → {LoadAverage()}";
        var results = runs.Select(x => new ChildResult(x.Path, x.Result.P50(), x.Result.P99(), x.Result.Mean(),
            Enum.GetValues<BenchQueryKind>().ToDictionary(k => k.ToString(), k => new[] { x.Result.P50(k), x.Result.P99(k), x.Result.MeanHits(k) }),
            x.Result.Phrases, x.Result.PhrasesFound, x.Result.Failed, [.. x.Result.MissedPhrases.Take(20)],
            heap / 1e6, self.WorkingSet64 / 1e6, self.PeakWorkingSet64 / 1e6, x.Result.PeakTimedMB, FileBackedBytes() / 1e6, seconds, load)).ToList();
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(results, Json));
        return 0;
    }

    /// <summary>
    /// The part of the working set that is pages of mapped files (<c>RssFile</c>: the runtime's own libraries, and the
    /// index when it is memory-mapped), which the kernel can drop and read again, unlike the process's own memory.
    /// </summary>
    private static long FileBackedBytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("RssFile:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static void Print(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| articles | engine | query path | rows written s | index build s | index MB (full-text) | database MB | p50 ms | p99 ms | mean ms | phrase recall | heap MB | working set MB (peak; before the recall check) | of it mapped files MB | load avg build / queries |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var b = r.Build;
            var c = r.Result;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Size:N0} | {r.Engine} | {c.Path} | {(r.Engine == "lucene" || double.IsNaN(b.LoadSeconds) ? "–" : b.LoadSeconds.ToString("0.0", CultureInfo.InvariantCulture))} | {(double.IsNaN(b.IndexSeconds) ? "–" : b.IndexSeconds.ToString("0.0", CultureInfo.InvariantCulture))} | {b.IndexBytes / 1e6:0} ({(b.FullTextBytes is long f ? (f / 1e6).ToString("0", CultureInfo.InvariantCulture) : "–")}) | {b.TotalBytes / 1e6:0} | {c.P50:0.00} | {c.P99:0.00} | {c.Mean:0.00} | {Recall(c)} | {c.HeapMB:0} | {c.WorkingSetMB:0} ({c.PeakWorkingSetMB:0}; {c.PeakTimedMB:0}) | {c.FileBackedMB:0} | {b.Load} / {c.Load} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| articles | engine | query path | names p50 / p99 | two words p50 / p99 | phrases p50 / p99 | filtered p50 / p99 | mean hits: names / two words / phrases / filtered |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var k = r.Result.ByKind;
            string Ms(BenchQueryKind kind) => string.Create(CultureInfo.InvariantCulture, $"{k[kind.ToString()][0]:0.00} / {k[kind.ToString()][1]:0.00}");
            string Hits(BenchQueryKind kind) => k[kind.ToString()][2].ToString("0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {r.Size.ToString("N0", CultureInfo.InvariantCulture)} | {r.Engine} | {r.Result.Path} | {Ms(BenchQueryKind.Name)} | {Ms(BenchQueryKind.TwoWords)} | {Ms(BenchQueryKind.Phrase)} | {Ms(BenchQueryKind.Filtered)} | {Hits(BenchQueryKind.Name)} / {Hits(BenchQueryKind.TwoWords)} / {Hits(BenchQueryKind.Phrase)} / {Hits(BenchQueryKind.Filtered)} |");
        }
    }

    private static string Recall(ChildResult r)
        => r.Phrases == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * r.PhrasesFound / r.Phrases:0.0} % ({r.PhrasesFound}/{r.Phrases})");

    private static IProgress<int> Progress(string what, int total)
    {
        var last = -1;
        var started = Stopwatch.GetTimestamp();
        // Reports on the calling thread (Progress<T> would post to the thread pool and interleave lines).
        return new SyncProgress<int>(done =>
        {
            var tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth != last)
            {
                last = tenth;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {done}/{total} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s (load {LoadAverage()})"));
            }
        });
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The 1-minute load average (from /proc/loadavg; empty elsewhere).</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
