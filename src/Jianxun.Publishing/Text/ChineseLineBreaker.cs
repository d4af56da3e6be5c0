using System.Globalization;
using System.Text;

namespace Jianxun.Publishing.Text;

/// <summary>A run of text in one style (an index the caller maps to a font).</summary>
internal readonly record struct StyledText(string Text, int Style);

/// <summary>A piece of a broken line, placed at <see cref="X"/> from the line start.</summary>
internal readonly record struct LineSegment(string Text, int Style, double X, double Width);

/// <summary>One broken line.</summary>
/// <param name="Segments">Pieces to draw, left to right.</param>
/// <param name="NaturalWidth">Width of the text without justification space (hanging punctuation excluded).</param>
/// <param name="AvailableWidth">The width the line was broken for.</param>
/// <param name="IsLast">True for the paragraph's last line (never justified).</param>
internal sealed record TextLine(IReadOnlyList<LineSegment> Segments, double NaturalWidth, double AvailableWidth, bool IsLast)
{
    public string Text => string.Concat(Segments.Select(s => s.Text));

    /// <summary>Right edge of the last segment.</summary>
    public double Extent => Segments.Count == 0 ? 0 : Segments[^1].X + Segments[^1].Width;
}

internal sealed record LineBreakOptions
{
    /// <summary>Spread the slack over the gaps between characters on all lines but the last.</summary>
    public bool Justify { get; init; } = true;

    /// <summary>Let one trailing ，。、 hang past the right edge instead of pushing a character down.</summary>
    public bool AllowHangingPunctuation { get; init; }

    public static LineBreakOptions Default { get; } = new();
}

/// <summary>
/// Breaks Chinese (and mixed Latin) text into lines: character by character for CJK, Latin words and digit runs
/// kept whole, with the line-start and line-end prohibitions (避头尾) of Chinese typesetting, then justifies.
/// Incremental, so the caller can pass a different width for each line (text flowing around a photo).
/// </summary>
internal sealed class ChineseLineBreaker
{
    private const double Epsilon = 1e-6;

    // 行首禁则: characters that must not start a line.
    private const string ForbiddenStartChars =
        "，。、；：？！”’）》】」』〕〗〉］｝〙〟…‥—–·・%％‰℃°,.;:?!)]}>»›．：＂＇｡｣､ー々〻ゝゞ～〜-/／";

    // 行尾禁则: characters that must not end a line.
    private const string ForbiddenEndChars = "“‘（《【「『〔〖〈［｛〘〝([{<«‹＄$￥¥£￡#＃";

    // Punctuation that may hang into the margin when hanging is allowed.
    private const string HangableChars = "，。、．,.";

    private readonly List<Unit> _units;
    private readonly LineBreakOptions _options;
    private int _position;

    public ChineseLineBreaker(IReadOnlyList<StyledText> spans, Func<string, int, double> measure, LineBreakOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(measure);
        _options = options ?? LineBreakOptions.Default;
        _units = Tokenize(spans, measure);
    }

    public ChineseLineBreaker(string text, Func<string, double> measure, LineBreakOptions? options = null)
        : this([new StyledText(text, 0)], (s, _) => measure(s), options)
    {
    }

    /// <summary>True when every unit has been placed on a line.</summary>
    public bool IsFinished
    {
        get
        {
            SkipSpaces();
            return _position >= _units.Count;
        }
    }

    /// <summary>Breaks a whole paragraph at one width, the first line shortened by <paramref name="firstLineIndent"/>.</summary>
    public static IReadOnlyList<TextLine> Break(
        string text, double width, Func<string, double> measure, double firstLineIndent = 0, LineBreakOptions? options = null)
    {
        var breaker = new ChineseLineBreaker(text, measure, options);
        var lines = new List<TextLine>();
        while (!breaker.IsFinished)
        {
            lines.Add(breaker.NextLine(lines.Count == 0 ? width - firstLineIndent : width));
        }

        return lines;
    }

    /// <summary>
    /// Breaks a centred title into balanced lines (GB/T 9704: 回行时，要做到词意完整，排列对称): as many lines as the
    /// greedy breaker needs, with break points chosen to make the lines as even as possible, preferring breaks after
    /// punctuation, at spaces, around Latin words and numbers and after linking characters (的、和、与、及、暨), obeying
    /// the line-start and line-end rules, and never leaving fewer than <see cref="MinLastLineChars"/> characters on the
    /// last line. Falls back to the greedy lines when no such breaking exists.
    /// </summary>
    public static IReadOnlyList<TextLine> BreakBalanced(IReadOnlyList<StyledText> spans, Func<string, int, double> measure, double width, LineBreakOptions? options = null)
    {
        var greedy = new ChineseLineBreaker(spans, measure, options);
        var lines = new List<TextLine>();
        while (!greedy.IsFinished)
        {
            lines.Add(greedy.NextLine(width));
        }

        if (lines.Count < 2)
        {
            return lines;
        }

        var breaker = new ChineseLineBreaker(spans, measure, options);
        return breaker.Balance(lines.Count, width) ?? breaker.Balance(lines.Count + 1, width) ?? lines;
    }

    /// <summary>The fewest characters a title's last line may hold.</summary>
    public const int MinLastLineChars = 3;

    // Characters after which a title reads well broken (a phrase ends), and before which it does.
    private const string GoodBreakAfter = "的和与及暨并";
    private const string GoodBreakBefore = "暨与和及";
    private const string NumberUnits = "年月日号期届次个项家名元亿万余多条批件户人场";

    private List<TextLine>? Balance(int lineCount, double width)
    {
        var units = _units;
        var n = units.Count;
        if (units.Any(u => u.Width > width + Epsilon))
        {
            return null;
        }

        var prefix = new double[n + 1];
        var chars = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + units[i].Width;
            chars[i + 1] = chars[i] + (units[i].Kind == UnitKind.Space ? 0 : units[i].Text.Length);
        }

        // A line from unit a to unit b (exclusive), without its leading and trailing spaces.
        (double Width, int Chars) Line(int a, int b)
        {
            while (a < b && units[a].Kind == UnitKind.Space)
            {
                a++;
            }

            while (b > a && units[b - 1].Kind == UnitKind.Space)
            {
                b--;
            }

            return (prefix[b] - prefix[a], chars[b] - chars[a]);
        }

        var target = Line(0, n).Width / lineCount;
        double Penalty(int k)
        {
            var before = units[k - 1];
            var after = units[k];
            if (IsForbiddenStart(after) || IsForbiddenEnd(before))
            {
                return double.PositiveInfinity;
            }

            if (before.Kind == UnitKind.Space || after.Kind == UnitKind.Space
                || (before.Kind == UnitKind.Other && char.IsPunctuation(before.Text[^1]))
                || (after.Kind == UnitKind.Other && IsForbiddenEnd(after.Text[0])))
            {
                return 0;
            }

            if (before.Kind == UnitKind.Word && after.Kind == UnitKind.Other && NumberUnits.Contains(after.Text[0], StringComparison.Ordinal))
            {
                return 9.0; // 2026 / 年, 12 / 个
            }

            if (before.Kind != after.Kind)
            {
                return 0.3;
            }

            // Between two Chinese characters the break may split a word: worth over three characters of imbalance.
            return GoodBreakAfter.Contains(before.Text[^1], StringComparison.Ordinal) || GoodBreakBefore.Contains(after.Text[0], StringComparison.Ordinal)
                ? 0.5
                : 6.0;
        }

        double Cost(double lineWidth) => 100 * Math.Pow((lineWidth - target) / width, 2);

        // best[j, k]: the least cost of j lines covering units [0, k); from[j, k] the previous break.
        var best = new double[lineCount + 1, n + 1];
        var from = new int[lineCount + 1, n + 1];
        for (var j = 0; j <= lineCount; j++)
        {
            for (var k = 0; k <= n; k++)
            {
                best[j, k] = double.PositiveInfinity;
            }
        }

        best[0, 0] = 0;
        for (var j = 1; j <= lineCount; j++)
        {
            var last = j == lineCount;
            for (var k = last ? n : 1; k <= (last ? n : n - 1); k++)
            {
                var breakCost = last ? 0 : Penalty(k);
                if (double.IsPositiveInfinity(breakCost))
                {
                    continue;
                }

                for (var a = j - 1; a < k; a++)
                {
                    if (double.IsPositiveInfinity(best[j - 1, a]))
                    {
                        continue;
                    }

                    var (lineWidth, lineChars) = Line(a, k);
                    if (lineWidth > width + Epsilon || lineChars == 0 || (last && lineChars < MinLastLineChars))
                    {
                        continue;
                    }

                    var cost = best[j - 1, a] + Cost(lineWidth) + breakCost;
                    if (cost < best[j, k])
                    {
                        best[j, k] = cost;
                        from[j, k] = a;
                    }
                }
            }
        }

        if (double.IsPositiveInfinity(best[lineCount, n]))
        {
            return null;
        }

        var ends = new int[lineCount + 1];
        ends[lineCount] = n;
        for (var j = lineCount; j > 0; j--)
        {
            ends[j - 1] = from[j, ends[j]];
        }

        var result = new List<TextLine>(lineCount);
        for (var j = 0; j < lineCount; j++)
        {
            var a = ends[j];
            var b = ends[j + 1];
            while (a < b && units[a].Kind == UnitKind.Space)
            {
                a++;
            }

            while (b > a && units[b - 1].Kind == UnitKind.Space)
            {
                b--;
            }

            result.Add(Place(a, b, width, isLast: j == lineCount - 1, hanging: false));
        }

        _position = n;
        return result;
    }

    /// <summary>Takes the next line for the given width.</summary>
    public TextLine NextLine(double width)
    {
        SkipSpaces();
        var start = _position;
        var count = _units.Count;
        if (start >= count)
        {
            return new TextLine([], 0, width, IsLast: true);
        }

        var used = 0.0;
        var end = start;
        while (end < count && used + _units[end].Width <= width + Epsilon)
        {
            used += _units[end].Width;
            end++;
        }

        var hanging = false;
        if (end < count)
        {
            if (end == start)
            {
                // A single unit wider than the line: split a long word, otherwise let it overflow.
                if (!SplitWideUnit(start, width))
                {
                    end = start + 1;
                }
                else
                {
                    return NextLine(width);
                }
            }
            else
            {
                end = ApplyProhibitions(start, end, out hanging);
            }
        }

        _position = end;
        var isLast = end >= count || OnlySpacesFrom(end);
        var lineEnd = end;
        while (lineEnd > start && _units[lineEnd - 1].Kind == UnitKind.Space)
        {
            lineEnd--;
        }

        return Place(start, lineEnd, width, isLast, hanging);
    }

    private int ApplyProhibitions(int start, int end, out bool hanging)
    {
        hanging = false;
        if (_units[end].Kind == UnitKind.Space)
        {
            return end;
        }

        if (_options.AllowHangingPunctuation && IsHangable(_units[end])
            && (end + 1 >= _units.Count || !IsForbiddenStart(_units[end + 1])))
        {
            hanging = true;
            return end + 1;
        }

        // Push characters down until neither rule is broken (推出法).
        var k = end;
        while (k > start + 1 && (IsForbiddenStart(_units[k]) || IsForbiddenEnd(_units[k - 1])))
        {
            k--;
        }

        if (IsForbiddenStart(_units[k]) || IsForbiddenEnd(_units[k - 1]))
        {
            // Nothing left to push: keep the closing punctuation on this line (overflows slightly).
            k = end;
            while (k < _units.Count && IsForbiddenStart(_units[k]))
            {
                k++;
            }

            hanging = k > end;
        }

        return k;
    }

    private TextLine Place(int start, int end, double width, bool isLast, bool hanging)
    {
        var segments = new List<LineSegment>(end - start);
        var bodyEnd = hanging ? end - 1 : end;
        var natural = 0.0;
        for (var i = start; i < bodyEnd; i++)
        {
            natural += _units[i].Width;
        }

        var gaps = bodyEnd - start - 1;
        var extra = width - natural;
        var spread = !isLast && _options.Justify && gaps > 0 && extra > Epsilon;
        var gapExtra = spread ? extra / gaps : 0;

        if (!spread)
        {
            // Unjustified: merge neighbouring units of one style into one segment.
            var x = 0.0;
            var sb = new StringBuilder();
            var segmentX = 0.0;
            var segmentWidth = 0.0;
            var style = _units[start].Style;
            for (var i = start; i < end; i++)
            {
                var unit = _units[i];
                if (unit.Style != style && sb.Length > 0)
                {
                    segments.Add(new LineSegment(sb.ToString(), style, segmentX, segmentWidth));
                    sb.Clear();
                    segmentX = x;
                    segmentWidth = 0;
                }

                style = unit.Style;
                sb.Append(unit.Text);
                segmentWidth += unit.Width;
                x += unit.Width;
            }

            if (sb.Length > 0)
            {
                segments.Add(new LineSegment(sb.ToString(), style, segmentX, segmentWidth));
            }

            return new TextLine(segments, natural, width, isLast);
        }

        var position = 0.0;
        for (var i = start; i < end; i++)
        {
            var unit = _units[i];
            segments.Add(new LineSegment(unit.Text, unit.Style, position, unit.Width));
            position += unit.Width + (i < bodyEnd - 1 ? gapExtra : 0);
        }

        return new TextLine(segments, natural, width, isLast);
    }

    private bool SplitWideUnit(int index, double width)
    {
        var unit = _units[index];
        if (unit.Kind != UnitKind.Word || unit.Text.Length < 2)
        {
            return false;
        }

        // Character widths within a Latin word are proportional to the word's, which is close enough to split it.
        var perChar = unit.Width / unit.Text.Length;
        var take = Math.Max(1, (int)Math.Floor((width + Epsilon) / perChar));
        if (take >= unit.Text.Length)
        {
            return false;
        }

        if (char.IsHighSurrogate(unit.Text[take - 1]))
        {
            take = Math.Max(1, take - 1);
        }

        var head = unit with { Text = unit.Text[..take], Width = perChar * take };
        var tail = unit with { Text = unit.Text[take..], Width = perChar * (unit.Text.Length - take) };
        _units[index] = head;
        _units.Insert(index + 1, tail);
        return true;
    }

    private void SkipSpaces()
    {
        while (_position < _units.Count && _units[_position].Kind == UnitKind.Space)
        {
            _position++;
        }
    }

    private bool OnlySpacesFrom(int index)
    {
        for (var i = index; i < _units.Count; i++)
        {
            if (_units[i].Kind != UnitKind.Space)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsForbiddenStart(char c) => ForbiddenStartChars.Contains(c, StringComparison.Ordinal);

    internal static bool IsForbiddenEnd(char c) => ForbiddenEndChars.Contains(c, StringComparison.Ordinal);

    private static bool IsForbiddenStart(Unit unit) => unit.Kind == UnitKind.Other && IsForbiddenStart(unit.Text[0]);

    private static bool IsForbiddenEnd(Unit unit) => unit.Kind == UnitKind.Other && IsForbiddenEnd(unit.Text[^1]);

    private static bool IsHangable(Unit unit) =>
        unit.Kind == UnitKind.Other && unit.Text.Length == 1 && HangableChars.Contains(unit.Text[0], StringComparison.Ordinal);

    private static List<Unit> Tokenize(IReadOnlyList<StyledText> spans, Func<string, int, double> measure)
    {
        var units = new List<Unit>();
        var cache = new Dictionary<(string, int), double>();
        foreach (var span in spans)
        {
            var text = span.Text ?? string.Empty;
            var i = 0;
            while (i < text.Length)
            {
                var start = i;
                var kind = UnitKind.Other;
                var c = text[i];
                if (IsSpace(c))
                {
                    kind = UnitKind.Space;
                    while (i < text.Length && IsSpace(text[i]))
                    {
                        i++;
                    }
                }
                else if (IsWordChar(c))
                {
                    kind = UnitKind.Word;
                    i++;
                    while (i < text.Length)
                    {
                        if (IsWordChar(text[i]))
                        {
                            i++;
                        }
                        else if (IsWordJoiner(text[i]) && i + 1 < text.Length && IsWordChar(text[i + 1]))
                        {
                            i += 2;
                        }
                        else if (text[i] is '%' or '％' or '‰' && char.IsDigit(text[i - 1]))
                        {
                            i++;
                        }
                        else
                        {
                            break;
                        }
                    }
                }
                else if (c is '—' or '…' or '⋯' or '─')
                {
                    // 破折号 —— and 省略号 …… are never split.
                    while (i < text.Length && text[i] == c)
                    {
                        i++;
                    }
                }
                else
                {
                    i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                    // Combining marks and variation selectors stay with their base character.
                    while (i < text.Length && IsCombining(text[i]))
                    {
                        i++;
                    }
                }

                var piece = text[start..i];
                if (!cache.TryGetValue((piece, span.Style), out var width))
                {
                    width = measure(piece, span.Style);
                    cache[(piece, span.Style)] = width;
                }

                units.Add(new Unit(piece, span.Style, kind, width));
            }
        }

        return units;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u00A0' or '\u2002' or '\u2003' or '\u2009';

    private static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || (c is >= '\u00C0' and <= '\u024F')
        || (c is >= '０' and <= '９')
        || (c is >= 'Ａ' and <= 'Ｚ')
        || (c is >= 'ａ' and <= 'ｚ')
        || (c is >= '\u0370' and <= '\u03FF');

    private static bool IsWordJoiner(char c) => c is '.' or ',' or ':' or '-' or '\'' or '/' or '_' or '·' or '．';

    private static bool IsCombining(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            || c is >= '\uFE00' and <= '\uFE0F';
    }

    private enum UnitKind
    {
        Other,
        Word,
        Space,
    }

    private readonly record struct Unit(string Text, int Style, UnitKind Kind, double Width);
}
