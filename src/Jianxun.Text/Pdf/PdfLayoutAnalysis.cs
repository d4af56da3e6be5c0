using System.Text.RegularExpressions;
using UglyToad.PdfPig.Core;

namespace Jianxun.Text;

/// <summary>Page geometry to classified <see cref="SourceLine"/>s with paragraph and headline evidence.</summary>
internal static partial class PdfLayoutAnalysis
{
    [GeneratedRegex(@"^[\s\-—–－_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:[\s/／]*(?:共\s*)?\d{1,4}\s*页?)?[\s\-—–－_·•]*$|^(?:Page|页码)\s*\d+(?:\s*(?:of|/)\s*\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumberRegex();

    [GeneratedRegex(@"^\s*(?:报|送|发|抄送|抄报|分送|主送|印发|报送)\s*[：:]|共印\s*\d+\s*份")]
    private static partial Regex DistributionRegex();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsRegex();

    public static List<SourceLine> ToSourceLines(List<PdfPageContent> pages)
    {
        var body = BodySize(pages);
        var all = new List<PdfTextLine>();
        var images = new Dictionary<int, IReadOnlyList<PdfRectangle>>();
        foreach (var page in pages)
        {
            images[page.Number] = page.Images;
            all.AddRange(PdfColumns.Reorder(page, PageLines(page, body), body));
        }

        DropPageFurniture(all, pages);
        var block = new Dictionary<int, (double Left, double Right)>();
        var docBlock = Block(all, body);
        foreach (var page in pages)
        {
            var onPage = all.Where(l => l.Page == page.Number).ToList();
            block[page.Number] = onPage.Count(l => IsBodyLine(l, body)) >= 8 ? Block(onPage, body) : docBlock;
        }

        var lines = all.Select((l, i) => new SourceLine { LineNumber = i + 1, Text = l.Text, Width = TextWidth.Of(l.Text) }).ToList();
        BulletinLayout.Classify(lines);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind == LineKind.Masthead)
            {
                // Only a ● on the first text line marks a masthead in plain text; in a PDF the size decides.
                lines[i].Kind = LineKind.Content;
            }
        }

        MarkMasthead(all, lines, body);
        MarkDistribution(all, lines, pages);
        MarkHints(all, lines, body, block, images);
        MarkEditorsNote(lines);
        return lines;
    }

    /// <summary>The body font size: the size most glyphs have.</summary>
    private static double BodySize(List<PdfPageContent> pages)
    {
        var sizes = pages.SelectMany(p => p.Glyphs).Where(g => !string.IsNullOrWhiteSpace(g.Text))
            .GroupBy(g => Math.Round(g.Size * 2) / 2).OrderByDescending(g => g.Count()).FirstOrDefault();
        return sizes?.Key is > 0 ? sizes.Key : 12;
    }

    internal static bool IsBodyLine(PdfTextLine l, double body) => l.Glyphs.Count >= 6 && Math.Abs(l.Size - body) < 0.15 * body;

    /// <summary>Lines of one page, with photo captions (small text just under an image) removed.</summary>
    private static List<PdfTextLine> PageLines(PdfPageContent page, double body)
    {
        var glyphs = page.Glyphs;
        if (page.Images.Count == 0)
        {
            return PdfGlyphLines.Group(page.Number, glyphs);
        }

        var caption = new List<PdfGlyph>();
        var rest = new List<PdfGlyph>();
        foreach (var g in glyphs)
        {
            (IsCaptionCandidate(g, page.Images, body) ? caption : rest).Add(g);
        }

        var lines = PdfGlyphLines.Group(page.Number, rest);
        var captionLines = PdfGlyphLines.Group(page.Number, caption);

        // A small line that starts left of a side photo and runs on under it (a right-aligned credit) is cut in two above:
        // the part under the photo runs on from the part beside it, at the same size, and is not a caption.
        var runOn = captionLines.Where(c => lines.Any(l =>
            Math.Abs(l.Baseline - c.Baseline) < 0.2 * c.Size && Math.Abs(l.Size - c.Size) < 0.15 * c.Size
            && c.Left - l.Right > -0.5 * c.Size && c.Left - l.Right < 1.5 * c.Size)).ToList();
        if (runOn.Count > 0)
        {
            lines = PdfGlyphLines.Group(page.Number, [.. rest, .. runOn.SelectMany(c => c.Glyphs)]);
            captionLines = [.. captionLines.Except(runOn)];
        }

        // A credit set small right under a photo is not its caption.
        lines.AddRange(captionLines.Where(l => BulletinLayout.CreditLineRegex().IsMatch(l.Text.Trim())));
        lines = [.. lines.OrderByDescending(l => l.Baseline).ThenBy(l => l.Left)];

        // A caption in body size (browsers' figcaption): the one short line right under an image, inside its width.
        lines.RemoveAll(l => page.Images.Any(img =>
            l.Baseline < img.Bottom && l.Baseline > img.Bottom - (2.2 * l.Size)
            && l.Left >= img.Left - l.Size && l.Right <= img.Right + l.Size
            && !BulletinLayout.CreditLineRegex().IsMatch(l.Text.Trim())
            && img.Width < 0.9 * page.Width));
        for (var i = 1; i < lines.Count; i++)
        {
            lines[i].GapAbove = lines[i - 1].Baseline - lines[i].Baseline;
        }

        return lines;
    }

    private static bool IsCaptionCandidate(PdfGlyph g, IReadOnlyList<PdfRectangle> images, double body)
    {
        foreach (var img in images)
        {
            var x = (g.Left + g.Right) / 2;

            // Text drawn over a picture.
            if (g.Baseline > img.Bottom && g.Baseline < img.Top && x > img.Left && x < img.Right)
            {
                return true;
            }

            if (g.Size >= 0.92 * body || g.Baseline >= img.Bottom || g.Baseline < img.Bottom - (5.8 * g.Size))
            {
                continue;
            }

            var narrow = img.Width < 0.6 * (images.Max(i => i.Right) - images.Min(i => i.Left) + img.Width);
            if (!narrow || (x > img.Left - (2 * body) && x < img.Right + (2 * body)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Page numbers (— 1 —, - 2 -, 第3页) and running headers/footers repeated on several pages.</summary>
    private static void DropPageFurniture(List<PdfTextLine> lines, List<PdfPageContent> pages)
    {
        var heights = pages.ToDictionary(p => p.Number, p => p.Height);
        bool InMargin(PdfTextLine l, double share) =>
            l.Baseline > heights[l.Page] * (1 - share) || l.Baseline < heights[l.Page] * share;

        var repeated = lines.Where(l => InMargin(l, 0.1))
            .GroupBy(l => DigitsRegex().Replace(TextNormalizer.Normalize(l.Text), "#"), StringComparer.Ordinal)
            .Where(g => g.Select(l => l.Page).Distinct().Count() >= 2 && pages.Count >= 2)
            .SelectMany(g => g)
            .ToHashSet();
        lines.RemoveAll(l => repeated.Contains(l) || PageNumberRegex().IsMatch(l.Text.Trim()));
    }

    /// <summary>The text block: where most body lines start and where full (justified) lines end.</summary>
    internal static (double Left, double Right) Block(List<PdfTextLine> lines, double body)
    {
        var bodyLines = lines.Where(l => IsBodyLine(l, body)).ToList();
        if (bodyLines.Count == 0)
        {
            bodyLines = lines;
        }

        if (bodyLines.Count == 0)
        {
            return (0, 1);
        }

        var left = bodyLines.GroupBy(l => Math.Round(l.Left)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var rights = bodyLines.Select(l => Math.Round(l.Right)).Order().ToList();
        var median = rights[rights.Count / 2];
        var right = rights.Where(r => r >= median).GroupBy(r => r).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        return (Math.Min(left, bodyLines.Min(l => l.Left) + (0.5 * body)), right);
    }

    /// <summary>The masthead: the largest (or red) text at the top of the first page; anything above it is furniture.</summary>
    private static void MarkMasthead(List<PdfTextLine> all, List<SourceLine> lines, double body)
    {
        var first = Enumerable.Range(0, all.Count).Where(i => all[i].Page == all[0].Page).Take(12).ToList();
        if (first.Count == 0)
        {
            return;
        }

        var top = first.MaxBy(i => all[i].Size);
        var line = all[top];
        if (line.Size < 1.5 * body && !(line.RedShare > 0.5 && line.Size >= 1.2 * body))
        {
            return;
        }

        var end = top;
        while (end + 1 < all.Count && all[end + 1].Page == line.Page && Math.Abs(all[end + 1].Size - line.Size) < 0.1 * line.Size)
        {
            end++;
        }

        var text = string.Concat(Enumerable.Range(top, end - top + 1).Select(i => lines[i].Text));
        var at = text.IndexOf('●', StringComparison.Ordinal);
        lines[top].Kind = LineKind.Masthead;
        lines[top].Payload = TextNormalizer.Normalize(at >= 0 ? text[(at + 1)..] : text).Replace(" ", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < top; i++)
        {
            lines[i].Kind = LineKind.Noise;
        }

        for (var i = top + 1; i <= end; i++)
        {
            lines[i].Kind = LineKind.Noise;
        }
    }

    /// <summary>
    /// The 报/送/发 block and 共印N份 at the foot of the document: from its first line to the end, when only a few
    /// lines and no heading or credit follow it.
    /// </summary>
    private static void MarkDistribution(List<PdfTextLine> all, List<SourceLine> lines, List<PdfPageContent> pages)
    {
        var lastPage = pages[^1].Number;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Page != lastPage || !DistributionRegex().IsMatch(all[i].Text))
            {
                continue;
            }

            if (lines.Count - i <= 12 && !lines.Skip(i).Any(l => l.Kind is LineKind.Heading or LineKind.Credit))
            {
                for (var k = i; k < lines.Count; k++)
                {
                    lines[k].Kind = LineKind.Noise;
                }

                return;
            }
        }

        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Text.Contains("共印", StringComparison.Ordinal) && DistributionRegex().IsMatch(all[i].Text))
            {
                lines[i].Kind = LineKind.Noise;
            }
        }
    }

    private static void MarkHints(
        List<PdfTextLine> all,
        List<SourceLine> lines,
        double body,
        Dictionary<int, (double Left, double Right)> blocks,
        Dictionary<int, IReadOnlyList<PdfRectangle>> images)
    {
        var indented = all.Where((l, i) => lines[i].Kind == LineKind.Content && IsBodyLine(l, body))
            .Count(l => (l.Left - blocks[l.Page].Left) / body is >= 1.4 and <= 2.8);
        var usesIndent = indented >= 2;
        var pitch = all.Where(l => IsBodyLine(l, body) && l.GapAbove > 0).Select(l => l.GapAbove).DefaultIfEmpty(body * 1.5)
            .GroupBy(g => Math.Round(g)).OrderByDescending(g => g.Count()).First().Key;
        var firstHeading = lines.FindIndex(l => l.Kind == LineKind.Heading);
        var seenStructure = false;
        SourceLine? previous = null;
        PdfTextLine? previousGeometry = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var g = all[i];
            if (line.Kind is LineKind.Noise or LineKind.Masthead)
            {
                continue;
            }

            line.Emphasised = g.BoldShare >= 0.6 || g.RedShare > 0.5;
            var (left, right) = g.Column ?? blocks[g.Page];
            left = LocalLeft(g, left, all, images[g.Page]);
            var leftGap = g.Left - left;
            var rightGap = right - g.Right;
            line.StartsParagraph = true;
            if (line.Kind != LineKind.Content)
            {
                seenStructure = true;
                line.IsTitle = false;
                (previous, previousGeometry) = (line, g);
                continue;
            }

            var beforeColumns = !seenStructure && (firstHeading < 0 || i < firstHeading) && g.Page == all[0].Page;
            if (beforeColumns && BulletinParser.IssueInfoRegex().IsMatch(line.Text))
            {
                // 2026年第5期 / 编印单位 and date: centred, but issue facts, not a headline.
                line.IsTitle = false;
                (previous, previousGeometry) = (line, g);
                continue;
            }

            var centred = leftGap > 1.5 * body && Math.Abs(leftGap - rightGap) < Math.Max(1.2 * body, 0.04 * (right - left));
            var styled = g.BoldShare >= 0.6 || g.Size >= 1.08 * body;
            var text = line.Text.Trim();
            var title = !BulletinLayout.EndsTerminal(text) && !BulletinParser.BriefRegex().IsMatch(text)
                && ((centred && (styled || leftGap > 3 * body))
                    || (!BulletinLayout.EndsPunctuation(text) && (g.Size >= 1.12 * body || (g.BoldShare >= 0.6 && g.Size >= 1.04 * body))));
            line.IsTitle = title;
            if (title)
            {
                seenStructure = true;
                var continues = previous is { IsTitle: true } && previousGeometry is not null && previousGeometry.Page == g.Page
                    && previousGeometry.Baseline - g.Baseline < 2.2 * g.Size && Math.Abs(previousGeometry.Size - g.Size) < 0.5;
                line.StartsParagraph = !continues;
            }
            else if (usesIndent)
            {
                line.StartsParagraph = leftGap >= 0.8 * body;
            }
            else
            {
                // No first-line indents in this document: a paragraph gap or a short last line above.
                var prevShort = previousGeometry is null || previousGeometry.Right < right - (2 * body);
                line.StartsParagraph = previousGeometry is null || previousGeometry.Page != g.Page
                    ? prevShort && previous is not null && BulletinLayout.EndsTerminal(previous.Text)
                    : g.GapAbove > 1.35 * pitch || (prevShort && BulletinLayout.EndsTerminal(previous!.Text));
            }

            (previous, previousGeometry) = (line, g);
        }
    }

    /// <summary>Beside a photo at the left, lines start right of it: measure the indent from there.</summary>
    private static double LocalLeft(PdfTextLine line, double left, List<PdfTextLine> all, IReadOnlyList<PdfRectangle> images)
    {
        foreach (var img in images)
        {
            if (img.Right <= line.Left + 1 && img.Right > left + line.Size && line.Baseline < img.Top + line.Size && line.Top > img.Bottom - line.Size)
            {
                return all.Where(l => l.Page == line.Page && l.Baseline < img.Top + l.Size && l.Top > img.Bottom - l.Size && l.Left >= img.Right - 1)
                    .Min(l => l.Left);
            }
        }

        return left;
    }

    /// <summary>An editor's note (编者按) before the columns is not an article.</summary>
    private static void MarkEditorsNote(List<SourceLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != LineKind.Content || !TextNormalizer.Normalize(lines[i].Text).StartsWith("编者按", StringComparison.Ordinal))
            {
                continue;
            }

            lines[i].Kind = LineKind.Noise;
            for (var k = i + 1; k < lines.Count && lines[k].Kind == LineKind.Content && lines[k].StartsParagraph == false; k++)
            {
                lines[k].Kind = LineKind.Noise;
            }
        }
    }
}
