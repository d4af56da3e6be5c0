using System.Text;
using System.Text.Json.Serialization;
using Jianxun.Text.Pdf;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Jianxun.Text;

/// <summary>One glyph as the reader needs it: text, box, baseline, size and style (short JSON names: the reader process sends thousands, ADR-019).</summary>
internal readonly record struct PdfGlyph(
    [property: JsonPropertyName("t")] string Text,
    [property: JsonPropertyName("l")] double Left,
    [property: JsonPropertyName("r")] double Right,
    [property: JsonPropertyName("y")] double Baseline,
    [property: JsonPropertyName("s")] double Size,
    [property: JsonPropertyName("b")] bool Bold,
    [property: JsonPropertyName("c")] bool Red);

/// <summary>Glyphs that share a baseline: one physical line of a page.</summary>
internal sealed class PdfTextLine
{
    public required int Page { get; init; }

    public required IReadOnlyList<PdfGlyph> Glyphs { get; init; }

    public required string Text { get; init; }

    public double Left => Glyphs[0].Left;

    public double Right => Glyphs[^1].Right;

    public double Baseline { get; init; }

    /// <summary>Median glyph size (points).</summary>
    public double Size { get; init; }

    public double BoldShare { get; init; }

    public double RedShare { get; init; }

    /// <summary>Top of the em box, for the vertical gap to the line above.</summary>
    public double Top => Baseline + (0.88 * Size);

    /// <summary>Distance to the previous line's baseline on the same page (0 for a page's first line).</summary>
    public double GapAbove { get; set; }

    /// <summary>On a page set in two columns: the column's text block (left, right); null for a full-width line.</summary>
    public (double Left, double Right)? Column { get; set; }
}

/// <summary>Turns PdfPig letters into lines: baseline clustering, reading order, spaces from gaps, radicals mapped.</summary>
internal static class PdfGlyphLines
{
    /// <summary>
    /// PdfPig passes on whatever a broken ToUnicode map says, lone surrogates included, and Unicode normalisation throws on
    /// them (found by fuzzing, Fixtures/Hostile/fuzz-pdf-lone-surrogate.pdf): a UTF-8 round trip turns each into U+FFFD.
    /// </summary>
    internal static string WellFormed(string value) =>
        value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? value : System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value));

    public static PdfGlyph? ToGlyph(Letter letter)
    {
        if (letter.TextOrientation != TextOrientation.Horizontal || string.IsNullOrEmpty(letter.Value))
        {
            return null;
        }

        var box = letter.BoundingBox;
        var size = letter.PointSize > 0 ? letter.PointSize : Math.Abs(box.Height);
        var text = CjkCompatibility.Map(WellFormed(letter.Value));
        return new PdfGlyph(text, box.Left, Math.Max(box.Right, box.Left + 0.01), letter.StartBaseLine.Y, size, IsBold(letter), IsRed(letter));
    }

    private static bool IsBold(Letter letter)
    {
        if (letter.FontDetails?.IsBold == true || letter.RenderingMode == TextRenderingMode.FillThenStroke)
        {
            return true;
        }

        var name = letter.FontName ?? letter.FontDetails?.Name ?? string.Empty;
        return name.Contains("Bold", StringComparison.OrdinalIgnoreCase) || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Black", StringComparison.OrdinalIgnoreCase) || name.Contains("Hei", StringComparison.OrdinalIgnoreCase)
            || name.Contains('黑', StringComparison.Ordinal) || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Demi", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsRed(Letter letter)
    {
        try
        {
            var (r, g, b) = letter.Color.ToRGBValues();
            return r > 0.55 && g < 0.35 && b < 0.35;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Clusters glyphs by baseline (top of the page first) and orders each line left to right.</summary>
    public static List<PdfTextLine> Group(int page, IEnumerable<PdfGlyph> glyphs)
    {
        var sorted = glyphs.OrderByDescending(g => g.Baseline).ThenBy(g => g.Left).ToList();
        var lines = new List<PdfTextLine>();
        var current = new List<PdfGlyph>();
        var currentBaseline = 0.0;
        foreach (var g in sorted)
        {
            if (current.Count > 0 && Math.Abs(currentBaseline - g.Baseline) > 0.35 * Math.Max(g.Size, current[0].Size))
            {
                AddLine(page, current, lines);
                current = [];
            }

            if (current.Count == 0)
            {
                currentBaseline = g.Baseline;
            }

            current.Add(g);
        }

        AddLine(page, current, lines);
        for (var i = 1; i < lines.Count; i++)
        {
            lines[i].GapAbove = lines[i - 1].Baseline - lines[i].Baseline;
        }

        return lines;
    }

    private static void AddLine(int page, List<PdfGlyph> glyphs, List<PdfTextLine> lines)
    {
        var visible = glyphs.Where(g => !string.IsNullOrWhiteSpace(g.Text)).OrderBy(g => g.Left).ToList();
        if (visible.Count == 0)
        {
            return;
        }

        var spaces = glyphs.Where(g => string.IsNullOrWhiteSpace(g.Text)).Select(g => (g.Left + g.Right) / 2).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < visible.Count; i++)
        {
            var g = visible[i];
            if (i > 0)
            {
                var prev = visible[i - 1];
                var gap = g.Left - prev.Right;
                var size = Math.Max(Math.Min(g.Size, prev.Size), 1);
                var spaceGlyph = spaces.Any(x => x > prev.Right - 0.5 && x < g.Left + 0.5);

                // A space glyph, or a gap wider than a third of an em (credits separate their tokens this way;
                // a spurious space between CJK characters is dropped again by normalisation).
                if (spaceGlyph || gap > 0.3 * size)
                {
                    sb.Append(' ');
                }
            }

            sb.Append(g.Text);
        }

        var sizes = visible.Select(g => g.Size).Order().ToList();
        lines.Add(new PdfTextLine
        {
            Page = page,
            Glyphs = visible,
            Text = sb.ToString(),
            Baseline = visible.Select(g => g.Baseline).Average(),
            Size = sizes[sizes.Count / 2],
            BoldShare = visible.Count(g => g.Bold) / (double)visible.Count,
            RedShare = visible.Count(g => g.Red) / (double)visible.Count,
        });
    }
}
