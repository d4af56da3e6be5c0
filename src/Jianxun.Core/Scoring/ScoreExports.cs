using System.Globalization;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Publishing;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Jianxun.Core.Scoring;

/// <summary>
/// The assessment's files: the ranking and a unit's breakdown as Excel workbooks (MiniExcel), and the ranking as a
/// printable PDF report (the publishing engine's table report). The tables hold the same figures as the pages and
/// the API, formatted by the helpers here so that all of them agree.
/// </summary>
public sealed class ScoreExports(PublishingFonts fonts)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The category columns of the ranking, in the order the categories are defined (封顶 only when some unit was capped).</summary>
    public static IReadOnlyList<string> CategoryColumns(RankingDto ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var categories = new[] { ScoreCategory.Own, ScoreCategory.Higher, ScoreCategory.Instruction, ScoreCategory.Quota, ScoreCategory.Calls }
            .Select(ScoreText.Category).ToList();
        var cap = ScoreText.Category(ScoreCategory.Cap);
        if (ranking.Rows.Any(r => r.ByCategory.ContainsKey(cap)))
        {
            categories.Add(cap);
        }
        return categories;
    }

    /// <summary>采用率 as printed: 42.9%, or — when the unit sent nothing.</summary>
    public static string RateText(double? rate) =>
        rate is double r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>定额完成 and 约稿响应 as printed: 2/3, or — when there was nothing to meet.</summary>
    public static string RatioText(int done, int of) =>
        of == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{done}/{of}");

    /// <summary>The ranking table: its headers and, per unit, the cells (numbers stay numbers for the workbook).</summary>
    public static (IReadOnlyList<string> Headers, IReadOnlyList<object[]> Rows) RankingTable(RankingDto ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var categories = CategoryColumns(ranking);
        List<string> headers = ["排名", "单位", "分组", "报送", "采用", "采用率", "上级采用", "领导批示", "定额完成", "约稿响应", "得分",
            .. categories.Select(c => c + "得分")];
        var rows = ranking.Rows.Select(r => (object[])
        [
            r.Rank, r.Unit, r.PeerGroup ?? "", r.Sent, r.Adopted, RateText(r.AdoptionRate), r.HigherAdopted, r.Instructions,
            RatioText(r.QuotaPeriodsMet, r.QuotaPeriods), RatioText(r.CallsAnswered, r.CallsAsked), r.Points,
            .. categories.Select(c => (object)r.ByCategory.GetValueOrDefault(c)),
        ]).ToList();
        return (headers, rows);
    }

    /// <summary>The ranking workbook: sheet 排名 (one row per unit) and sheet 说明 (period, status, rules).</summary>
    public static byte[] RankingWorkbook(RankingDto ranking, TimeProvider clock)
    {
        var (headers, rows) = RankingTable(ranking);
        var sheet = rows.Select(r => Row(headers, r)).ToList();
        var about = new List<Dictionary<string, object?>>
        {
            Pair("考核期间", ranking.PeriodLabel),
            Pair("分组", ranking.Group ?? "全部单位"),
            Pair("发布状态", PublicationText(ranking, clock)),
            Pair("期间状态", ranking.IsFinal ? "已结束" : "尚未结束，得分仍会变化"),
        };
        about.AddRange(ranking.RuleSets.Select(r => Pair("计分规则", RuleSetText(r))));
        about.Add(Pair("导出日期", clock.OfficeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return Workbook(new Dictionary<string, object> { ["排名"] = sheet, ["说明"] = about });
    }

    /// <summary>A unit's workbook: sheet 得分明细 (every line and the total), sheet 月度走势 (the year by month).</summary>
    public static byte[] UnitWorkbook(UnitBreakdownDto unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        string[] headers = ["日期", "类别", "事项", "计分依据", "得分"];
        var lines = unit.Lines
            .Select(l => Row(headers, [l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Category, l.Item, l.Rule, l.Points]))
            .Append(Row(headers, ["合计", "", "", "", unit.Score.Points]))
            .ToList();
        string[] trendHeaders = ["月份", "报送", "采用", "得分"];
        var trend = unit.Trend.Select(m => Row(trendHeaders, [m.Month, m.Sent, m.Adopted, m.Points])).ToList();
        var s = unit.Score;
        var about = new List<Dictionary<string, object?>>
        {
            Pair("单位", unit.Unit),
            Pair("考核期间", unit.PeriodLabel),
            Pair("报送", s.Sent),
            Pair("采用", s.Adopted),
            Pair("采用率", RateText(s.AdoptionRate)),
            Pair("上级采用", s.HigherAdopted),
            Pair("领导批示", s.Instructions),
            Pair("定额完成", RatioText(s.QuotaPeriodsMet, s.QuotaPeriods)),
            Pair("约稿响应", RatioText(s.CallsAnswered, s.CallsAsked)),
            Pair("得分", s.Points),
        };
        if (unit.RankInGroup is int rank)
        {
            about.Add(Pair("组内排名", string.Create(CultureInfo.InvariantCulture, $"{rank}/{unit.GroupSize}")));
        }
        return Workbook(new Dictionary<string, object> { ["得分明细"] = lines, ["月度走势"] = trend, ["概况"] = about });
    }

    /// <summary>The printable ranking (A4 landscape, repeated header, page numbers); the same report gives the same bytes.</summary>
    public byte[] RankingReportPdf(RankingDto ranking, TimeProvider clock)
    {
        var (headers, rows) = RankingTable(ranking);
        var generated = clock.OfficeToday();
        var notes = new List<string>
        {
            $"生成日期：{generated.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)}　{PublicationText(ranking, clock)}",
        };
        if (!ranking.IsFinal)
        {
            notes.Add("本期尚未结束，得分仍会变化。");
        }
        var footnotes = ranking.RuleSets.Select(r => "计分规则：" + RuleSetText(r)).ToList();
        footnotes.Add("每个单位的得分可在“信息考核”页面打开，逐项查看计分事项和依据。");
        var report = new TableReport
        {
            Title = "信息工作考核排名",
            Subtitle = $"{ranking.PeriodLabel} · {ranking.Group ?? "全部单位"}",
            Notes = notes,
            // 本刊采用得分 prints as two lines (本刊采用 / 得分), so the category columns stay as narrow as the figures.
            Columns = [.. headers.Select((h, i) => new TableColumn(
                h.Length > 4 && h.EndsWith("得分", StringComparison.Ordinal) ? h[..^2] + "\n得分" : h,
                i is 1 or 2 ? TableAlign.Left : i is 0 ? TableAlign.Center : TableAlign.Right, Bold: h == "得分"))],
            Rows = [.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Cell)])],
            Footnotes = footnotes,
            EmptyText = "本期没有参加考核的单位。",
            Date = generated,
            Landscape = true,
        };
        return new TableReportRenderer(fonts.Catalog).Render(report);
    }

    private static string Cell(object? value) => value switch
    {
        decimal d => ScoreText.Points(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static string PublicationText(RankingDto ranking, TimeProvider clock) => ranking.PublishedAt is DateTime at
        ? $"已于 {clock.ToOffice(at).ToString("yyyy年M月d日", CultureInfo.InvariantCulture)} 向各单位发布"
        : "尚未向各单位发布";

    private static string RuleSetText(RuleSetUseDto r) =>
        $"《{r.Name}》（自 {r.EffectiveFrom.ToString("yyyy年M月", CultureInfo.InvariantCulture)} 起施行）用于{string.Join("、", r.Months)}";

    private static Dictionary<string, object?> Row(IReadOnlyList<string> headers, object?[] cells)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            row[headers[i]] = cells[i];
        }
        return row;
    }

    private static Dictionary<string, object?> Pair(string name, object? value) =>
        new(StringComparer.Ordinal) { ["项目"] = name, ["内容"] = value };

    private static readonly Dictionary<string, double> ColumnWidths = new(StringComparer.Ordinal)
    {
        ["单位"] = 18,
        ["分组"] = 12,
        ["采用率"] = 10,
        ["上级采用"] = 10,
        ["领导批示"] = 10,
        ["定额完成"] = 10,
        ["约稿响应"] = 10,
        ["本刊采用得分"] = 13,
        ["上级采用得分"] = 13,
        ["领导批示得分"] = 13,
        ["定额考核得分"] = 13,
        ["约稿报送得分"] = 13,
        ["封顶得分"] = 10,
        ["日期"] = 12,
        ["类别"] = 10,
        ["事项"] = 70,
        ["计分依据"] = 44,
        ["月份"] = 10,
        ["项目"] = 12,
        ["内容"] = 80,
    };

    private static byte[] Workbook(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, configuration: new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = false,
            // Column widths in characters; Chinese characters are about two wide.
            DynamicColumns = [.. ColumnWidths.Select(w => new DynamicExcelColumn(w.Key) { Width = w.Value })],
        });
        return stream.ToArray();
    }
}
