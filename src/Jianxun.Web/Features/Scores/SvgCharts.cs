using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Jianxun.Web.Features.Scores;

/// <summary>A bar of <see cref="SvgCharts.Bars"/>: a label (a link when <see cref="Href"/> is set) and a value.</summary>
internal sealed record ChartBar(string Label, decimal Value, string? Href = null);

/// <summary>A point of <see cref="SvgCharts.Line"/>; a null value is a gap (a month still to come).</summary>
internal sealed record ChartPoint(string Label, decimal? Value);

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no library, nothing fetched (intranet pages). Text uses the
/// page's font stack so Chinese labels render; every mark has a &lt;title&gt; for screen readers and tooltips; every
/// text is escaped.
/// </summary>
internal static class SvgCharts
{
    private const string FontStack = "'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";
    private const string Positive = "#c0392b";
    private const string Negative = "#4a6fa5";
    private const string Grid = "#e3e6ea";
    private const string Ink = "#1f2328";
    private const string Muted = "#5f6b76";

    /// <summary>Horizontal bars, one row per label, from a zero line (negative values go left of it, in blue).</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<ChartBar> bars, string unit = "分")
    {
        const double width = 760, labelWidth = 130, valueRoom = 56, rowHeight = 24, barHeight = 15, top = 8, axisHeight = 24;
        var height = top + (Math.Max(1, bars.Count) * rowHeight) + axisHeight;
        var (min, max, ticks) = Scale(bars.Select(b => b.Value));
        var plotLeft = labelWidth;
        var plotWidth = width - labelWidth - valueRoom;
        double X(decimal v) => plotLeft + ((double)(v - min) / (double)(max - min) * plotWidth);
        var zero = X(0);

        var svg = Open(id, title, width, height, bars.Count == 0 ? "没有数据。" : string.Join("；", bars.Select(b => $"{b.Label} {Number(b.Value)} {unit}")));
        var bottom = top + (bars.Count * rowHeight);
        foreach (var tick in ticks)
        {
            var x = X(tick);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{top}\" x2=\"{x:0.#}\" y2=\"{bottom:0.#}\" stroke=\"{Grid}\" />"));
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{bottom + 16:0.#}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Muted}\">{Number(tick)}</text>"));
        }
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + (i * rowHeight);
            var end = X(bar.Value);
            var (left, w) = bar.Value >= 0 ? (zero, end - zero) : (end, zero - end);
            var label = Escape(bar.Label);
            svg.Append("<g class=\"chart-bar\">");
            svg.Append("<title>").Append(label).Append(' ').Append(Number(bar.Value)).Append(' ').Append(Escape(unit)).Append("</title>");
            var text = Invariant($"<text x=\"{labelWidth - 8}\" y=\"{y + (rowHeight / 2) + 4:0.#}\" text-anchor=\"end\" font-size=\"13\" fill=\"{Ink}\">{label}</text>");
            svg.Append(bar.Href is null ? text : $"<a href=\"{Escape(bar.Href)}\">{text}</a>");
            if (bar.Value != 0)
            {
                svg.Append(Invariant($"<rect x=\"{left:0.##}\" y=\"{y + ((rowHeight - barHeight) / 2):0.#}\" width=\"{Math.Max(1, w):0.##}\" height=\"{barHeight}\" rx=\"2\" fill=\"{(bar.Value >= 0 ? Positive : Negative)}\" />"));
            }
            // The value sits after a positive bar's end, and right of the zero line for a negative one.
            var valueX = bar.Value >= 0 ? end + 5 : zero + 5;
            svg.Append(Invariant($"<text x=\"{valueX:0.#}\" y=\"{y + (rowHeight / 2) + 4:0.#}\" font-size=\"12\" fill=\"{Ink}\">{Number(bar.Value)}</text>"));
            svg.Append("</g>");
        }
        svg.Append(Invariant($"<line x1=\"{zero:0.#}\" y1=\"{top}\" x2=\"{zero:0.#}\" y2=\"{bottom:0.#}\" stroke=\"{Muted}\" stroke-width=\"1.2\" />"));
        return Close(svg);
    }

    /// <summary>A line over the points (months), with a dot and value at each and gaps where the value is null.</summary>
    public static IHtmlContent Line(string id, string title, IReadOnlyList<ChartPoint> points, string unit = "分")
    {
        const double width = 760, height = 250, left = 48, right = 18, top = 18, bottom = 30;
        var (min, max, ticks) = Scale(points.Where(p => p.Value is not null).Select(p => p.Value!.Value));
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        double X(int i) => left + (points.Count <= 1 ? plotWidth / 2 : i * plotWidth / (points.Count - 1));
        double Y(decimal v) => top + plotHeight - ((double)(v - min) / (double)(max - min) * plotHeight);

        var svg = Open(id, title, width, height,
            string.Join("；", points.Select(p => $"{p.Label} {(p.Value is decimal v ? Number(v) + " " + unit : "无")}")));
        foreach (var tick in ticks)
        {
            var y = Y(tick);
            svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"{(tick == 0 ? Muted : Grid)}\" />"));
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"{Muted}\">{Number(tick)}</text>"));
        }
        for (var i = 0; i < points.Count; i++)
        {
            svg.Append(Invariant($"<text x=\"{X(i):0.#}\" y=\"{height - 10}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Muted}\">{Escape(points[i].Label)}</text>"));
        }
        // One polyline per run of known values.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(Invariant($"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"{Positive}\" stroke-width=\"2\" />"));
            }
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is decimal v)
            {
                run.Add(Invariant($"{X(i):0.#},{Y(v):0.#}"));
            }
            else
            {
                Flush();
            }
        }
        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not decimal v)
            {
                continue;
            }
            svg.Append("<g class=\"chart-point\"><title>").Append(Escape(points[i].Label)).Append(' ').Append(Number(v)).Append(' ').Append(Escape(unit)).Append("</title>");
            svg.Append(Invariant($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"3.5\" fill=\"{(v >= 0 ? Positive : Negative)}\" />"));
            // The value above the dot, below it for a negative one (clear of the zero line).
            svg.Append(Invariant($"<text x=\"{X(i):0.#}\" y=\"{(v < 0 ? Y(v) + 15 : Y(v) - 8):0.#}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Ink}\">{Number(v)}</text>"));
            svg.Append("</g>");
        }
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, double width, double height, string description)
    {
        var safeId = Escape(id);
        return new StringBuilder()
            .Append(Invariant($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:0} {height:0}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" "))
            .Append("role=\"img\" aria-labelledby=\"").Append(safeId).Append("-title ").Append(safeId).Append("-desc\" font-family=\"").Append(FontStack)
            .Append("\" data-testid=\"").Append(safeId).Append("\">")
            .Append("<title id=\"").Append(safeId).Append("-title\">").Append(Escape(title)).Append("</title>")
            .Append("<desc id=\"").Append(safeId).Append("-desc\">").Append(Escape(description)).Append("</desc>");
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    /// <summary>An axis from min(0, values) to max(0, values), on steps of 1, 2 or 5 × 10ⁿ (about five of them).</summary>
    internal static (decimal Min, decimal Max, IReadOnlyList<decimal> Ticks) Scale(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        var low = Math.Min(0, list.Count == 0 ? 0 : list.Min());
        var high = Math.Max(0, list.Count == 0 ? 0 : list.Max());
        if (high == low)
        {
            high = low + 1;
        }
        var raw = (double)(high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var ratio = raw / magnitude;
        var step = (decimal)(magnitude * (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10));
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        var ticks = new List<decimal>();
        for (var t = min; t <= max + (step / 2); t += step)
        {
            ticks.Add(t);
        }
        return (min, max, ticks);
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
