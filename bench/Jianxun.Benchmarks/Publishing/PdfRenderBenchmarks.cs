using BenchmarkDotNet.Attributes;
using Jianxun.Publishing;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>Jianxun's three renderers on the 16-page benchmark issue, in process (BenchmarkDotNet).</summary>
[MemoryDiagnoser]
public class PdfRenderBenchmarks
{
    private readonly PdfIssueRenderer _pdf = new();
    private readonly DocxIssueRenderer _docx = new();
    private readonly HtmlIssueRenderer _html = new();
    private IssueDocument _issue = null!;

    [GlobalSetup]
    public void Setup()
    {
        _issue = BenchmarkIssue.Create();

        // The first render loads and parses the fonts; BDN's warm-up would absorb it too, this keeps the pilot honest.
        _pdf.Render(_issue);
    }

    [Benchmark(Baseline = true, Description = "PDF (16 pages)")]
    public byte[] Pdf() => _pdf.Render(_issue);

    /// <summary>The same with the render cache emptied first: every photo decoded and every stream compressed again.</summary>
    [Benchmark(Description = "PDF, cold cache")]
    public byte[] PdfCold()
    {
        PdfIssueRenderer.ClearCache();
        return _pdf.Render(_issue);
    }

    [Benchmark(Description = "DOCX")]
    public byte[] Docx() => _docx.Render(_issue);

    [Benchmark(Description = "HTML")]
    public string Html() => _html.Render(_issue);
}
