using System.Diagnostics;
using System.Globalization;
using Jianxun.Publishing;
using Jianxun.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// <c>import-batch [--megabytes 500] [--quick]</c>: imports a batch of PDF files one after another, the way
/// <c>jianxun import --dry-run DIR/*.pdf</c> does (read the file, <see cref="BulletinImporter.Import(string, ReadOnlySpan{byte}, BulletinParseOptions?)"/>,
/// keep only a summary), and samples memory as it goes. It answers two questions of the import issue: pages per
/// second over a long batch, and whether memory stays flat over about 500 MB of input.
/// </summary>
/// <remarks>
/// The batch is 24 distinct issues typeset by Jianxun (8 to 24 pages, seeded invented content), written once to a
/// temporary folder and cycled until the batch reaches the requested size. The managed heap is measured after a
/// full collection at each tenth of the batch (outside the timed part); the working set is sampled after every file.
/// </remarks>
internal static class ImportBatchRun
{
    public static int Run(bool quick, IReadOnlyList<string> args)
    {
        var megabytes = quick ? 40 : 500;
        var at = args.ToList().IndexOf("--megabytes");
        if (at >= 0 && at + 1 < args.Count)
        {
            megabytes = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        }

        var folder = Path.Combine(Path.GetTempPath(), "jianxun-import-batch");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"Typesetting 24 distinct issues into {folder} …");
        var files = new List<(string Path, int Pages, long Bytes)>();
        for (var i = 0; i < 24; i++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"batch-{i:00}.pdf"));
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, new PdfIssueRenderer().Render(Issue(i)));
            }
            using var document = UglyToad.PdfPig.PdfDocument.Open(path);
            files.Add((path, document.NumberOfPages, new FileInfo(path).Length));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} files, {files.Sum(f => f.Pages)} pages, {files.Sum(f => f.Bytes) / 1048576.0:0.0} MB; batch target {megabytes} MB"));

        // Warm-up: jieba's dictionary and the JIT, as in a long-running import service.
        BulletinImporter.Import(files[0].Path, File.ReadAllBytes(files[0].Path));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        var target = megabytes * 1048576L;
        var process = Process.GetCurrentProcess();
        var checkpoints = new List<(double Fraction, long Bytes, int Files, int Pages, double HeapMb, double WorkingSetMb)>();
        long done = 0;
        int filesDone = 0, pagesDone = 0, articles = 0;
        long peakWorkingSet = 0;
        var timed = TimeSpan.Zero;
        var nextCheckpoint = 0.1;
        checkpoints.Add((0, 0, 0, 0, GC.GetTotalMemory(true) / 1048576.0, WorkingSetMb(process)));
        while (done < target)
        {
            var file = files[filesDone % files.Count];
            var watch = Stopwatch.StartNew();
            var bytes = File.ReadAllBytes(file.Path);
            var parsed = BulletinImporter.Import(Path.GetFileName(file.Path), bytes);
            watch.Stop();
            timed += watch.Elapsed;
            articles += parsed.Sections.Sum(s => s.Articles.Count);
            done += bytes.Length;
            filesDone++;
            pagesDone += file.Pages;
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            if ((double)done / target >= nextCheckpoint || done >= target)
            {
                checkpoints.Add((Math.Min(1, (double)done / target), done, filesDone, pagesDone, GC.GetTotalMemory(true) / 1048576.0, WorkingSetMb(process)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {done / 1048576.0,7:0.0} MB  {filesDone,4} files  {pagesDone,6} pages  heap {checkpoints[^1].HeapMb,6:0.0} MB  working set {checkpoints[^1].WorkingSetMb,6:0.0} MB  {pagesDone / timed.TotalSeconds,6:0.0} pages/s"));
                nextCheckpoint += 0.1;
            }
        }

        var seconds = timed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {filesDone} files, {pagesDone} pages, {done / 1048576.0:0.0} MB, {articles} articles in {seconds:0.0} s of import time"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput: {pagesDone / seconds:0.0} pages/s, {done / 1048576.0 / seconds:0.00} MB/s (one thread)"));
        var afterWarmUp = checkpoints.Skip(1).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Managed heap after full GC: {afterWarmUp.Min(c => c.HeapMb):0.0}–{afterWarmUp.Max(c => c.HeapMb):0.0} MB over the batch (first tenth {afterWarmUp[0].HeapMb:0.0}, last {afterWarmUp[^1].HeapMb:0.0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Working set: {afterWarmUp.Min(c => c.WorkingSetMb):0.0}–{afterWarmUp.Max(c => c.WorkingSetMb):0.0} MB at the checkpoints, peak {peakWorkingSet / 1048576.0:0.0} MB"));
        return 0;
    }

    private static double WorkingSetMb(Process process)
    {
        process.Refresh();
        return process.WorkingSet64 / 1048576.0;
    }

    /// <summary>One invented issue; <paramref name="seed"/> varies its length, names and wording.</summary>
    private static IssueDocument Issue(int seed)
    {
        var random = new Random(1000 + seed);
        string[] units = ["滨湖城投集团", "港区物流公司", "青溪水务公司", "澄湖能源公司", "南屿交投集团", "北塘文旅公司", "西岭产投集团", "东湾港务公司"];
        string[] surnames = ["宋", "戴", "易", "罗", "骆", "蒋", "钟", "韩", "贺", "邵", "顾", "闻"];
        string[] given = ["怀远", "秋岚", "承泽", "启明", "怀瑾", "若川", "思齐", "慕白", "景行", "知微", "明澈", "南乔"];
        string[] titles = ["党委书记、董事长", "总经理", "党委副书记", "副总经理", "纪委书记"];
        string[] topics = ["重点项目建设推进会", "安全生产专题会议", "党风廉政建设工作会", "经营分析会", "国企改革深化提升行动推进会", "招商引资工作调度会"];
        string[] sentences =
        [
            "会议听取了各部门阶段性工作汇报，研究部署了下一阶段重点任务。",
            "要坚持问题导向，逐项梳理年度目标任务完成情况，对进度滞后的项目挂牌督办。",
            "一是压实工作责任，二是强化协同配合，三是加强督查考核，以钉钉子精神抓好各项工作落实。",
            "下一步，将持续优化营商环境，推动产业链上下游协同发展，为区域经济高质量发展贡献国企力量。",
            "与会人员围绕安全隐患排查整治、应急预案演练等内容进行了深入交流。",
            "截至目前，项目累计完成投资12.6亿元，占年度计划的78%。",
        ];
        var count = 8 + random.Next(30);
        var columns = new List<IssueColumn>();
        var articles = Enumerable.Range(1, count).Select(i =>
        {
            var unit = units[random.Next(units.Length)];
            var person = surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)];
            var month = 1 + random.Next(12);
            var day = 1 + random.Next(28);
            var paragraphs = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"{month}月{day}日，{unit}召开{topics[random.Next(topics.Length)]}，{titles[random.Next(titles.Length)]}{person}出席会议并讲话。{sentences[random.Next(sentences.Length)]}"),
            };
            for (var p = 0; p < 1 + random.Next(4); p++)
            {
                paragraphs.Add(string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => sentences[random.Next(sentences.Length)])));
            }
            return new IssueArticle
            {
                Title = $"{unit}召开{topics[random.Next(topics.Length)]}",
                Paragraphs = paragraphs,
                CreditLine = $"【供稿：{unit} {person}】",
            };
        }).ToList();
        var split = Math.Max(1, count / 3);
        columns.Add(new IssueColumn { Name = "国资动态", Articles = articles.Take(split).ToList() });
        columns.Add(new IssueColumn { Name = "国企动态", Articles = articles.Skip(split).ToList() });
        return new IssueDocument
        {
            SeriesName = "国资简讯",
            IssueLabel = string.Create(CultureInfo.InvariantCulture, $"2025年第{seed + 1}期"),
            TotalNumber = string.Create(CultureInfo.InvariantCulture, $"总第{80 + seed}期"),
            Issuer = "滨湖区国资委办公室编",
            Date = new DateOnly(2025, 1 + (seed % 12), 20),
            Columns = columns,
        };
    }
}
