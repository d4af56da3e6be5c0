namespace Jianxun.Text;

/// <summary>
/// Pages set in two columns (Word's section columns, CSS columns): PdfPig's lines run across both, so find the gutter
/// (a vertical strip in the middle of the page that body lines never cross) and read the left column, then the right,
/// between the full-width lines (masthead, a spanning headline, the distribution block).
/// </summary>
internal static class PdfColumns
{
    public static List<PdfTextLine> Reorder(PdfPageContent page, List<PdfTextLine> lines, double body)
    {
        var gutter = FindGutter(page, lines, body);
        if (gutter is not { } c)
        {
            return lines;
        }

        var result = new List<PdfTextLine>();
        var left = new List<PdfGlyph>();
        var right = new List<PdfGlyph>();
        var inColumns = false;
        foreach (var line in lines)
        {
            var spans = line.Glyphs.Any(g => g.Left < c && g.Right > c);
            var l = line.Glyphs.Where(g => g.Right <= c).ToList();
            var r = line.Glyphs.Where(g => g.Left >= c).ToList();
            var shortBothSides = l.Count > 0 && r.Count > 0 && l[^1].Right - l[0].Left < 0.5 * (c - page.Glyphs.Min(g => g.Left))
                && r[^1].Right - r[0].Left < 0.5 * (page.Glyphs.Max(g => g.Right) - c);

            // Above the columns, a line with a short part at each end (issuer … date) is one line.
            if (spans || (!inColumns && shortBothSides))
            {
                Flush(page, left, right, result, body);
                result.Add(line);
                continue;
            }

            inColumns |= (l.Count >= 10) || (r.Count >= 10);
            left.AddRange(l);
            right.AddRange(r);
        }

        Flush(page, left, right, result, body);
        for (var i = 1; i < result.Count; i++)
        {
            result[i].GapAbove = Math.Max(0, result[i - 1].Baseline - result[i].Baseline);
        }

        return result;
    }

    /// <summary>The left column, the right column, then left-only lines well below the right column (a block under both).</summary>
    private static void Flush(PdfPageContent page, List<PdfGlyph> left, List<PdfGlyph> right, List<PdfTextLine> result, double body)
    {
        var leftLines = PdfGlyphLines.Group(page.Number, left);
        var rightLines = PdfGlyphLines.Group(page.Number, right);
        var below = rightLines.Count == 0 ? [] : leftLines.Where(l => l.Baseline < rightLines.Min(r => r.Baseline) - (2.5 * body)).ToList();
        leftLines = [.. leftLines.Except(below)];
        var leftBlock = leftLines.Count > 0 ? PdfLayoutAnalysis.Block(leftLines, body) : default;
        var rightBlock = rightLines.Count > 0 ? PdfLayoutAnalysis.Block(rightLines, body) : default;
        foreach (var l in leftLines)
        {
            l.Column = leftBlock;
        }

        foreach (var r in rightLines)
        {
            r.Column = rightBlock;
        }

        result.AddRange(leftLines);
        result.AddRange(rightLines);
        result.AddRange(below);
        left.Clear();
        right.Clear();
    }

    /// <summary>The x of the gutter's middle, or null when the page is in one column.</summary>
    private static double? FindGutter(PdfPageContent page, List<PdfTextLine> lines, double body)
    {
        var bodyLines = lines.Where(l => PdfLayoutAnalysis.IsBodyLine(l, body)).ToList();
        if (bodyLines.Count < 10 || page.Width <= 0)
        {
            return null;
        }

        var from = (int)(page.Width * 0.3);
        var to = (int)(page.Width * 0.7);
        var cover = new int[to - from];
        foreach (var line in bodyLines)
        {
            // A line covers x between its glyphs, except inside a gap wider than a character.
            var glyphs = line.Glyphs;
            for (var i = 0; i < glyphs.Count; i++)
            {
                var end = i + 1 < glyphs.Count && glyphs[i + 1].Left - glyphs[i].Right < body ? glyphs[i + 1].Left : glyphs[i].Right;
                for (var x = Math.Max(from, (int)glyphs[i].Left); x < Math.Min(to, (int)Math.Ceiling(end)); x++)
                {
                    cover[x - from]++;
                }
            }
        }

        var limit = Math.Max(1, bodyLines.Count / 20);
        int bestStart = -1, bestLength = 0;
        for (var x = 0; x < cover.Length;)
        {
            if (cover[x] > limit)
            {
                x++;
                continue;
            }

            var start = x;
            while (x < cover.Length && cover[x] <= limit)
            {
                x++;
            }

            if (x - start > bestLength)
            {
                (bestStart, bestLength) = (start, x - start);
            }
        }

        if (bestLength < 0.8 * body)
        {
            return null;
        }

        var c = from + bestStart + (bestLength / 2.0);
        var leftOnly = bodyLines.Count(l => l.Right < c);
        var rightOnly = bodyLines.Count(l => l.Left > c);
        var both = bodyLines.Count(l => l.Glyphs.Any(g => g.Right < c) && l.Glyphs.Any(g => g.Left > c));
        return both + Math.Min(leftOnly, rightOnly) >= 5 && leftOnly + both >= 4 && rightOnly + both >= 4 ? c : null;
    }
}
