using System.Text.RegularExpressions;

namespace Jianxun.Text;

internal enum LineKind
{
    Content,
    Masthead,
    Heading,
    Credit,
    Noise,
}

/// <summary>One non-empty physical line of the extracted text.</summary>
internal sealed class SourceLine
{
    public required int LineNumber { get; init; }

    /// <summary>The line without the page-break space and trailing whitespace.</summary>
    public required string Text { get; init; }

    public required double Width { get; init; }

    public bool PageBreak { get; init; }

    public LineKind Kind { get; set; }

    public string? Payload { get; set; }

    public bool InPhoto { get; set; }

    public double PhotoWidth { get; set; }

    /// <summary>
    /// Set by readers that see the layout (PDF glyph positions, DOCX paragraphs): true when the line opens a
    /// paragraph (or a headline), false when it continues one; null for extracted text, where widths decide.
    /// </summary>
    public bool? StartsParagraph { get; set; }

    /// <summary>Layout evidence that the line is (part of) a headline: centred, bold or larger. Null: unknown.</summary>
    public bool? IsTitle { get; set; }

    /// <summary>Set by layout readers: bold, red or white-on-colour text.</summary>
    public bool Emphasised { get; set; }

    /// <summary>Set by the DOCX reader: the paragraph is shaded, bordered or alone in a table cell (a drawn heading).</summary>
    public bool Framed { get; set; }
}

/// <summary>Line classification and width statistics of one extracted bulletin.</summary>
internal static partial class BulletinLayout
{
    public const double DefaultFullWidth = 68;

    // A closing mark that ends a sentence or a lead-in; a paragraph's last line ends in one of these.
    private const string TerminalChars = "。！？：；”…!?";

    [GeneratedRegex(@"^[\[【〔]\s*(?<name>[^\[\]【】〔〕：:]{1,20}?)\s*[\]】〕]$")]
    internal static partial Regex HeadingRegex();

    // 【供稿：…】, （供稿：…） on its own line, or a bare 供稿：… line (no sentence punctuation in it).
    [GeneratedRegex(@"^(?:[【\[〔（(]\s*供\s*稿(?:单\s*位)?\s*[：:]\s*(?<body>.*?)\s*[】\]〕）)]|供\s*稿(?:单\s*位)?\s*[：:]\s*(?<body>[^。；！？，]{2,60}?))$")]
    internal static partial Regex CreditLineRegex();

    [GeneratedRegex(@"^[\s\-—–－·•]*\d{1,3}[\s\-—–－·•]*$")]
    private static partial Regex PageNumberRegex();

    public static List<SourceLine> Split(string text)
    {
        var result = new List<SourceLine>();
        var rawLines = BulletinTextReader.NormalizeLineEndings(text).Split('\n');
        var previousBlank = true;
        for (var i = 0; i < rawLines.Length; i++)
        {
            var raw = rawLines[i].TrimEnd();
            if (raw.Trim().Length == 0)
            {
                previousBlank = true;
                continue;
            }

            var trimmed = raw.TrimStart(' ', '\t', '\u3000', '\u00a0', '\ufeff');
            result.Add(new SourceLine
            {
                LineNumber = i + 1,
                Text = trimmed,
                Width = TextWidth.Of(trimmed),
                PageBreak = !previousBlank && trimmed.Length < raw.Length,
            });
            previousBlank = false;
        }

        return result;
    }

    public static void Classify(List<SourceLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var t = line.Text;
            if (i == 0 && t.Contains('●', StringComparison.Ordinal))
            {
                line.Kind = LineKind.Masthead;
                line.Payload = TextNormalizer.Normalize(t[(t.IndexOf('●', StringComparison.Ordinal) + 1)..]);
                continue;
            }

            var credit = CreditLineRegex().Match(t);
            if (credit.Success)
            {
                line.Kind = LineKind.Credit;
                line.Payload = credit.Groups["body"].Value;
                continue;
            }

            var heading = HeadingRegex().Match(t);
            if (heading.Success && !IsCreditWord(heading.Groups["name"].Value))
            {
                line.Kind = LineKind.Heading;
                line.Payload = TextNormalizer.Normalize(heading.Groups["name"].Value).Replace(" ", string.Empty, StringComparison.Ordinal);
                continue;
            }

            if (IsCaption(t))
            {
                line.Kind = LineKind.Noise;
                continue;
            }

            line.Kind = PageNumberRegex().IsMatch(t) && (t.Length <= 2 || t.AsSpan().IndexOfAny("-—–－".AsSpan()) >= 0)
                ? LineKind.Noise
                : LineKind.Content;
        }
    }

    /// <summary>A photo caption standing on its own line: 图为… (short), never body text.</summary>
    public static bool IsCaption(string text)
    {
        var t = text.Trim();
        return (t.StartsWith("图为", StringComparison.Ordinal) || t.StartsWith("（图为", StringComparison.Ordinal) || t.StartsWith("图：", StringComparison.Ordinal))
            && t.Length <= 40;
    }

    /// <summary>
    /// Column headings drawn without brackets (a bar, a box, a table cell, a left border, a bold short line): a short
    /// run of Chinese letters that is framed, or that is emphasised and stands right above a headline, a brief or
    /// an editor's note. A headline needs a body under it, so a short "headline" right above another headline is a
    /// column heading. Only for readers that saw the layout (extracted text has its [brackets]).
    /// </summary>
    public static void MarkBareHeadings(List<SourceLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Kind != LineKind.Content || line.IsTitle is null)
            {
                continue;
            }

            var name = HeadingName(line.Text);
            if (name is null)
            {
                continue;
            }

            var next = lines.Skip(i + 1).FirstOrDefault(l => l.Kind != LineKind.Noise);
            var opensSomething = next is not null && next.Kind == LineKind.Content
                && ((next.IsTitle == true && next.StartsParagraph != false) || BulletinParser.BriefNumber(next.Text) is not null
                    || TextNormalizer.Normalize(next.Text).StartsWith("编者按", StringComparison.Ordinal));
            // Plain text (white on a bar the reader cannot see) counts when it also stands alone after a finished paragraph.
            var previous = lines.Take(i).LastOrDefault(l => l.Kind != LineKind.Noise);
            var standsAlone = previous is null || previous.Kind != LineKind.Content || EndsTerminal(previous.Text);
            if (line.Framed || ((line.Emphasised || line.IsTitle == true || standsAlone) && opensSomething))
            {
                line.Kind = LineKind.Heading;
                line.Payload = name;
            }
        }
    }

    /// <summary>The heading's name when the text is 2–8 Chinese letters (ornaments like ■ and spaces aside), else null.</summary>
    private static string? HeadingName(string text)
    {
        var t = TextNormalizer.Normalize(text).Trim('■', '□', '◆', '◇', '●', '▌', '▍', '|', '│', '★', '☆', ' ', '\u3000');
        return t.Length is >= 2 and <= 8 && t.All(c => c is >= '\u4e00' and <= '\u9fff') ? t : null;
    }

    private static bool IsCreditWord(string s)
    {
        var n = s.TrimStart();
        return n.StartsWith("供稿", StringComparison.Ordinal) || n.StartsWith("来源", StringComparison.Ordinal)
            || n.StartsWith("撰稿", StringComparison.Ordinal) || n.StartsWith("作者", StringComparison.Ordinal)
            || n.StartsWith("摄影", StringComparison.Ordinal);
    }

    /// <summary>
    /// The full body width. Lines that do not end in punctuation are filled: they cluster at the full
    /// width and at the first-line width (full less the lost indent). In a short issue the first-line
    /// cluster can be the larger one, so take the widest cluster that is reasonably common.
    /// </summary>
    public static double EstimateFullWidth(IReadOnlyList<SourceLine> content)
    {
        var filled = content.Where(l => !EndsPunctuation(l.Text)).Select(l => Math.Round(l.Width)).ToList();
        if (filled.Count < 4)
        {
            return DefaultFullWidth;
        }

        var max = filled.Max();
        var counts = filled.Where(w => w >= max * 0.5).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var top = counts.Values.Max();
        var candidates = counts.Where(kv => kv.Value >= 2 && kv.Value >= top * 0.25).Select(kv => kv.Key).ToList();
        var full = candidates.Count > 0 ? candidates.Max() : DefaultFullWidth;

        // Mostly one- and two-line paragraphs (briefs): the common width is the first-line one and
        // the few full lines sit about two characters wider.
        return max >= full + 3 && max <= full + 5 ? max : full;
    }

    /// <summary>Marks runs of narrow lines (text flowing around a photo) and their common width.</summary>
    public static void MarkPhotoRuns(IReadOnlyList<SourceLine> lines, double full)
    {
        var i = 0;
        while (i < lines.Count)
        {
            if (!IsNarrow(lines[i], full))
            {
                i++;
                continue;
            }

            var j = i;
            while (j < lines.Count && IsNarrow(lines[j], full))
            {
                j++;
            }

            var run = lines.Skip(i).Take(j - i).ToList();
            TrimHeadline(lines, i, run);
            if (run.Count >= 3 && run.Count(l => !EndsTerminal(l.Text)) >= 2)
            {
                var width = Mode(run.Select(l => Math.Round(l.Width)).ToList());
                foreach (var l in run)
                {
                    l.InPhoto = true;
                    l.PhotoWidth = width;
                }
            }

            i = j;
        }
    }

    /// <summary>
    /// A short headline right above a photo-wrapped paragraph is not part of the wrap: drop a first
    /// line that follows a heading or credit (or a finished paragraph and is wider than the column).
    /// </summary>
    private static void TrimHeadline(IReadOnlyList<SourceLine> lines, int start, List<SourceLine> run)
    {
        if (run.Count < 3)
        {
            return;
        }

        var before = start > 0 ? lines[start - 1] : null;
        var width = Mode(run.Skip(1).Select(l => Math.Round(l.Width)).ToList());
        var first = run[0];
        var afterStructure = before is null || before.Kind is LineKind.Heading or LineKind.Credit or LineKind.Masthead;
        var afterParagraph = before is { Kind: LineKind.Content } && EndsTerminal(before.Text) && first.Width > width + 2.5;
        if ((afterStructure || afterParagraph) && !EndsTerminal(first.Text) && !char.IsAsciiDigit(first.Text[0]))
        {
            run.RemoveAt(0);
            if (run.Count >= 3 && run[0].Width < width - 5.5 && !EndsPunctuation(run[0].Text))
            {
                run.RemoveAt(0);
            }
        }
    }

    private static bool IsNarrow(SourceLine l, double full) =>
        l.Kind == LineKind.Content && l.Width >= 12 && l.Width <= full * 0.6;

    private static double Mode(List<double> values) =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;

    public static bool EndsTerminal(string text)
    {
        var t = text.TrimEnd();
        if (t.Length == 0)
        {
            return false;
        }

        var last = t[^1];
        if (TerminalChars.Contains(last, StringComparison.Ordinal))
        {
            return true;
        }

        // "……。）" or "。」": a closing bracket after a full stop still ends the sentence.
        return (last is '）' or ')' or '」' or '』' or '’') && t.Length > 1 && TerminalChars.Contains(t[^2], StringComparison.Ordinal);
    }

    public static bool EndsPunctuation(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && "，、。；：！？”’）》,.;:!?".Contains(t[^1], StringComparison.Ordinal);
    }
}
