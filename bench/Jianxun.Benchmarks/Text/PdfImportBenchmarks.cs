using System.Globalization;
using BenchmarkDotNet.Attributes;
using Jianxun.Publishing;
using Jianxun.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// PDF import: a 20-page issue typeset by Jianxun's own <see cref="PdfIssueRenderer"/>, read back with
/// <see cref="PdfBulletinReader"/> (PdfPig glyphs, layout analysis, structure and entities). Each operation is one
/// page (OperationsPerInvoke = pages), so the mean is the time per page and pages/s is 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class PdfImportBenchmarks
{
    private const int Pages = 20;
    // The reader itself, in this process: the reader process's fixed cost per file (ADR-019) is measured by pdf-reader-cost.
    private static readonly BulletinParseOptions WithEntities = new() { ReadPdfInThisProcess = true };
    private static readonly BulletinParseOptions WithoutEntities = new() { ExtractEntities = false, ReadPdfInThisProcess = true };

    private byte[] _pdf = [];

    [GlobalSetup]
    public void Setup()
    {
        // Grow the issue one article at a time until it fills exactly 20 pages.
        for (var articles = 10; articles < 200; articles++)
        {
            _pdf = new PdfIssueRenderer().Render(Issue(articles));
            using var document = UglyToad.PdfPig.PdfDocument.Open(_pdf);
            if (document.NumberOfPages == Pages)
            {
                // Loads jieba's dictionary (start-up, not throughput).
                PdfBulletinReader.Read(_pdf, WithEntities);
                return;
            }

            if (document.NumberOfPages > Pages)
            {
                break;
            }
        }

        throw new InvalidOperationException("Could not make an issue of exactly 20 pages.");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pages)]
    public ParsedBulletin ReadPdf() => PdfBulletinReader.Read(_pdf, WithEntities);

    [Benchmark(OperationsPerInvoke = Pages)]
    public ParsedBulletin ReadPdfWithoutEntities() => PdfBulletinReader.Read(_pdf, WithoutEntities);

    private static IssueDocument Issue(int articles)
    {
        string[] units = ["滨湖城投集团", "港区物流公司", "青溪水务公司", "澄湖能源公司", "南屿交投集团"];
        string[] people = ["宋怀远", "戴秋岚", "易承泽", "罗启明", "骆怀瑾"];
        var list = Enumerable.Range(1, articles).Select(i =>
        {
            var unit = units[i % units.Length];
            var person = people[i % people.Length];
            var day = string.Create(CultureInfo.InvariantCulture, $"{(i % 28) + 1}");
            return new IssueArticle
            {
                Title = $"{unit}召开第{i}次重点工作推进会",
                Paragraphs =
                [
                    $"6月{day}日，{unit}召开重点工作推进会，集团党委书记、董事长{person}出席会议并讲话。会议听取了各部门上半年工作汇报，研究部署了下一阶段重点任务。",
                    $"{person}强调，要坚持问题导向，逐项梳理年度目标任务完成情况，对进度滞后的项目挂牌督办，确保全年目标任务圆满完成。",
                    "会议要求，一是压实工作责任，二是强化协同配合，三是加强督查考核，以钉钉子精神抓好各项工作落实。",
                ],
                CreditLine = $"【供稿：{unit} 办公室 {person}】",
            };
        }).ToList();
        return new IssueDocument
        {
            SeriesName = "国资简讯",
            IssueLabel = "2025年第12期",
            TotalNumber = "总第88期",
            Issuer = "滨湖区国资委办公室编",
            Date = new DateOnly(2025, 6, 30),
            Columns = [new IssueColumn { Name = "国企动态", Articles = list }],
        };
    }
}
