using System.Globalization;
using UglyToad.PdfPig;

namespace Jianxun.Publishing.Tests;

public sealed class TableReportRendererTests
{
    private static TableReport Report(int rows) => new()
    {
        Title = "信息工作考核排名",
        Subtitle = "2026年第一季度 · 区属国企",
        Notes = ["生成日期：2026年4月2日"],
        Columns =
        [
            new TableColumn("排名", TableAlign.Center),
            new TableColumn("单位"),
            new TableColumn("采用率", TableAlign.Right),
            new TableColumn("本刊采用\n得分", TableAlign.Right),
            new TableColumn("得分", TableAlign.Right, Bold: true),
        ],
        Rows = [.. Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)
            [i.ToString(CultureInfo.InvariantCulture), $"第{i}号集团有限公司", "50%", "3", (100 - i).ToString(CultureInfo.InvariantCulture)])],
        Footnotes = ["计分规则：《云澜区国资委信息工作考核细则》（自 2026年1月 起施行）用于2026年1月、2026年2月、2026年3月"],
        Date = new DateOnly(2026, 4, 2),
    };

    [Fact]
    public void Render_ManyRows_RepeatsTheHeaderOnEveryPageAndNumbersThePages()
    {
        var pdf = new TableReportRenderer().Render(Report(80));

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        Assert.True(pages.Count >= 2);
        var texts = pages.Select(p => PdfReadBack.Normalise(string.Concat(p.Letters.Select(l => l.Value)))).ToList();
        Assert.StartsWith("信息工作考核排名", texts[0], StringComparison.Ordinal);
        Assert.Contains("2026年第一季度·区属国企", texts[0], StringComparison.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains("排名单位采用率本刊采用得分得分", texts[i], StringComparison.Ordinal);
            Assert.Contains($"第{i + 1}页共{pages.Count}页", texts[i], StringComparison.Ordinal);
        }
        var all = string.Concat(texts);
        Assert.Contains("第80号集团有限公司50%320", all, StringComparison.Ordinal);
        Assert.EndsWith("2026年3月" + $"第{pages.Count}页共{pages.Count}页", texts[^1], StringComparison.Ordinal);
        // A4 portrait unless asked otherwise.
        Assert.Equal(595, Math.Round(pages[0].Width));
    }

    [Fact]
    public void Render_SameReport_SameBytes_Landscape()
    {
        var report = Report(3) with { Landscape = true };
        var first = new TableReportRenderer().Render(report);
        Assert.Equal(first, new TableReportRenderer().Render(report));
        using var document = PdfDocument.Open(first);
        Assert.Equal(842, Math.Round(document.GetPage(1).Width));
        Assert.NotEqual(first, new TableReportRenderer().Render(report with { Rows = [["1", "别的集团", "—", "0", "0"]] }));
    }

    [Fact]
    public void Render_NoRows_PrintsTheEmptyText()
    {
        var pdf = new TableReportRenderer().Render(Report(0) with { EmptyText = "本期没有参加考核的单位。" });
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("本期没有参加考核的单位。", string.Concat(document.GetPage(1).Letters.Select(l => l.Value)), StringComparison.Ordinal);
    }
}
