using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Jianxun.Text;

/// <summary>Reads the text extracted from a bulletin PDF back into sections and articles.</summary>
public static partial class BulletinParser
{
    // 1、 1. 1． (not 1.5) and （一）: typed or rebuilt from Word's numbering.
    [GeneratedRegex(@"^(?:(?<n>\d{1,3})(?:、|\s*[.．](?!\d))|[（(](?<cn>[一二三四五六七八九十]{1,3})[）)])\s*")]
    internal static partial Regex BriefRegex();

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,2}是")]
    private static partial Regex OrdinalItemRegex();

    // Ways a paragraph commonly opens; only used to settle a break the widths leave open.
    [GeneratedRegex(@"^(会上|会前|会后|会议|会中|随后|此外|另外|同时|期间|当天|当日|次日|活动中|活动上|座谈会上|据了解|据悉|近年来|近日|日前|今年以来|截至|目前|下一步|最后|首先|其次|[一二三四五六七八九十]{1,2}是|\d{1,2}月\d{1,2}日|\d{4}年|[\u4e00-\u9fff]{2,4}(表示|指出|强调|要求|介绍|希望|认为))")]
    private static partial Regex OpenerRegex();

    [GeneratedRegex(@"[（(]\s*供\s*稿(?:单\s*位)?\s*[：:]\s*(?<body>[^（）()]+?)\s*[）)]\s*$")]
    private static partial Regex InlineCreditRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*年\s*第\s*(?<n>\d{1,3})\s*期")]
    private static partial Regex IssueRegex();

    [GeneratedRegex(@"总\s*第\s*(?<n>\d{1,5})\s*期")]
    private static partial Regex TotalIssueRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日")]
    private static partial Regex FullDateRegex();

    [GeneratedRegex(@"第\s*\d+\s*期|总\s*第|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|主\s*办|编\s*印|内部资料|注意保存|^\s*第[一二三四五六七八九十\d]+期")]
    internal static partial Regex IssueInfoRegex();

    /// <summary>Parses extracted bulletin text (see samples/README.md for the format).</summary>
    public static ParsedBulletin Parse(string text, BulletinParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = BulletinLayout.Split(text);
        BulletinLayout.Classify(lines);
        var sourceLines = BulletinTextReader.NormalizeLineEndings(text).Split('\n').Select(l => l.TrimEnd()).ToList();
        return ParseLines(lines, options, sourceLines);
    }

    /// <summary>
    /// The shared back end: classified lines (from text, or from a PDF/DOCX reader that also set
    /// <see cref="SourceLine.StartsParagraph"/> and <see cref="SourceLine.IsTitle"/>) to a bulletin.
    /// </summary>
    /// <param name="sourceLines">The numbered lines to expose; by default rebuilt from <paramref name="lines"/> by line number.</param>
    internal static ParsedBulletin ParseLines(List<SourceLine> lines, BulletinParseOptions? options, IReadOnlyList<string>? sourceLines = null)
    {
        options ??= new BulletinParseOptions();
        var masthead = lines.FirstOrDefault(l => l.Kind == LineKind.Masthead)?.Payload ?? string.Empty;

        var issue = ReadIssueInfo(lines);
        BulletinLayout.MarkBareHeadings(lines);
        var content = lines.Where(l => l.Kind == LineKind.Content).ToList();
        var full = options.FullWidth ?? BulletinLayout.EstimateFullWidth(content);
        if (!lines.Any(l => l.StartsParagraph is not null))
        {
            BulletinLayout.MarkPhotoRuns(lines, full);
        }

        var walker = new Walker(lines.Where(l => l.Kind is LineKind.Content or LineKind.Heading or LineKind.Credit).ToList(), full);
        var sections = walker.Run();

        var year = issue.Year ?? options.DefaultYear;
        var extractor = options.ExtractEntities ? new EntityExtractor(options.Units, options.KnownPersons) : null;
        var built = extractor is null ? sections : extractor.Annotate(sections, year);

        return new ParsedBulletin
        {
            Masthead = masthead,
            Sections = built,
            IssueNumber = issue.Number,
            TotalIssueNumber = issue.Total,
            Year = year,
            YearStated = issue.Year is not null,
            Date = issue.Date,
            SourceLines = sourceLines ?? NumberedLines(lines),
        };
    }

    /// <summary>The readers number their lines 1..n; a number with no line (text's blank lines) becomes an empty line.</summary>
    private static string[] NumberedLines(List<SourceLine> lines)
    {
        var result = new string[lines.Count == 0 ? 0 : lines.Max(l => l.LineNumber)];
        Array.Fill(result, string.Empty);
        foreach (var line in lines)
        {
            result[line.LineNumber - 1] = line.Text;
        }

        return result;
    }

    private static (int? Year, int? Number, int? Total, DateOnly? Date) ReadIssueInfo(List<SourceLine> lines)
    {
        int? year = null, number = null, total = null;
        DateOnly? date = null;

        // The masthead area: the lines on top before the first heading that state issue facts.
        foreach (var line in lines)
        {
            if (line.Kind is LineKind.Heading or LineKind.Credit)
            {
                break;
            }

            if (line.Kind != LineKind.Content)
            {
                continue;
            }

            if (!IssueInfoRegex().IsMatch(line.Text) || line.Width > 60)
            {
                break;
            }

            line.Kind = LineKind.Noise;
            var m = IssueRegex().Match(line.Text);
            if (m.Success)
            {
                year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
                number = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            }

            var t = TotalIssueRegex().Match(line.Text);
            if (t.Success)
            {
                total = int.Parse(t.Groups["n"].Value, CultureInfo.InvariantCulture);
            }

            var d = FullDateRegex().Match(line.Text);
            if (d.Success)
            {
                var y = int.Parse(d.Groups["y"].Value, CultureInfo.InvariantCulture);
                var mo = int.Parse(d.Groups["m"].Value, CultureInfo.InvariantCulture);
                var day = int.Parse(d.Groups["d"].Value, CultureInfo.InvariantCulture);
                if (mo is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, mo))
                {
                    date = new DateOnly(y, mo, day);
                    year ??= y;
                }
            }
        }

        return (year, number, total, date);
    }

    /// <summary>The number of a brief that opens with 1、, 1. or （一）; null when the text opens with none.</summary>
    internal static int? BriefNumber(string text)
    {
        var m = BriefRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        if (m.Groups["n"].Success)
        {
            return int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        }

        // 一…九, 十, 十一…十九, 二十…九十九.
        var cn = m.Groups["cn"].Value;
        const string Digits = "一二三四五六七八九";
        var ten = cn.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return cn.Length == 1 ? Digits.IndexOf(cn[0], StringComparison.Ordinal) + 1 : null;
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(cn[0], StringComparison.Ordinal) + 1;
        var units = ten == cn.Length - 1 ? 0 : Digits.IndexOf(cn[^1], StringComparison.Ordinal) + 1;
        return (tens * 10) + units;
    }

    internal static (string Text, string? Credit) SplitInlineCredit(string rawParagraph)
    {
        var m = InlineCreditRegex().Match(rawParagraph);
        return m.Success ? (rawParagraph[..m.Index].TrimEnd(), m.Groups["body"].Value) : (rawParagraph, null);
    }

    /// <summary>The walk over the lines that decides titles, paragraphs and briefs.</summary>
    private sealed class Walker(List<SourceLine> lines, double full)
    {
        private readonly List<ArticleDraft> _articles = [];
        private readonly List<(string Name, int Line, List<ArticleDraft> Articles)> _sections = [];
        private ArticleDraft? _article;
        private List<SourceLine>? _paragraph;
        private int? _lastBrief;

        public List<ParsedSection> Run()
        {
            var boundary = Boundary.DocumentStart;
            SourceLine? previous = null;
            var previousIsFirst = false;
            for (var k = 0; k < lines.Count; k++)
            {
                var line = lines[k];
                switch (line.Kind)
                {
                    case LineKind.Heading:
                        FinishArticle();
                        _sections.Add((line.Payload!, line.LineNumber, []));
                        _lastBrief = null;
                        boundary = Boundary.SectionStart;
                        previous = null;
                        continue;
                    case LineKind.Credit:
                        if (_article is null)
                        {
                            StartArticle(null, null, line.LineNumber);
                        }

                        ClosePararaph();
                        _article!.CreditText ??= line.Payload;
                        _article.LastLine = line.LineNumber;
                        FinishArticle();
                        boundary = Boundary.AfterCredit;
                        previous = null;
                        continue;
                    case LineKind.Content:
                    case LineKind.Masthead:
                    case LineKind.Noise:
                    default:
                        break;
                }

                if (boundary == Boundary.InParagraph && previous is not null)
                {
                    if (!Breaks(previous, previousIsFirst, line))
                    {
                        _paragraph!.Add(line);
                        _article!.LastLine = line.LineNumber;
                        previous = line;
                        previousIsFirst = false;
                        continue;
                    }

                    ClosePararaph();
                    boundary = Boundary.AfterParagraph;
                }

                if (boundary != Boundary.AfterTitle)
                {
                    var brief = BriefNumber(line);
                    if (brief is { } n && (n == (_lastBrief ?? 0) + 1 || (_lastBrief is null && n <= 2)))
                    {
                        FinishArticle();
                        StartArticle(null, n, line.LineNumber);
                        _lastBrief = n;
                    }
                    else if (IsTitle(line, k, boundary))
                    {
                        FinishArticle();
                        var titleLines = new List<SourceLine> { line };
                        while (titleLines.Count < 3 && k + 1 < lines.Count && IsTitleContinuation(lines[k + 1], k + 1))
                        {
                            titleLines.Add(lines[++k]);
                        }

                        StartArticle(TextNormalizer.JoinLines(titleLines.Select(l => l.Text)), null, line.LineNumber);
                        _article!.LastLine = titleLines[^1].LineNumber;
                        _lastBrief = null;
                        boundary = Boundary.AfterTitle;
                        previous = null;
                        continue;
                    }
                }

                if (_article is null)
                {
                    StartArticle(null, null, line.LineNumber);
                }

                _paragraph = [line];
                _article!.LastLine = line.LineNumber;
                boundary = Boundary.InParagraph;
                previous = line;
                previousIsFirst = true;
            }

            FinishArticle();
            return _sections.Select((s, i) => new ParsedSection
            {
                Name = s.Name,
                SourceLineStart = s.Line,
                SourceLineEnd = s.Articles.Count > 0 ? s.Articles[^1].LastLine : s.Line,
                Articles = s.Articles.Select(a => a.Build()).ToList(),
            }).ToList();
        }

        private static int? BriefNumber(SourceLine line) => BulletinParser.BriefNumber(line.Text);

        private double Context(SourceLine l) => l.InPhoto ? l.PhotoWidth : full;

        /// <summary>A paragraph's first line: about two characters short of its column (the lost indent).</summary>
        private bool FirstLineFilled(SourceLine l)
        {
            var d = Context(l) - l.Width;
            return (d >= 2.5 && d <= 7.5) || (BulletinLayout.EndsPunctuation(l.Text) && d >= 1 && d < 2.5);
        }

        private bool IsShort(SourceLine l, bool isFirst, double slack = 3)
        {
            var cap = Context(l) - (isFirst ? 4 : 0);
            return l.Width <= cap - slack;
        }

        /// <summary>Does a paragraph end after <paramref name="prev"/>, with <paramref name="next"/> starting something new?</summary>
        private bool Breaks(SourceLine prev, bool prevIsFirst, SourceLine next)
        {
            if (ClosesInlineCredit(prev))
            {
                return true;
            }

            // The next brief in sequence starts a paragraph, even where its number hangs left of the text block.
            if (BriefNumber(next) is { } following && _lastBrief is { } current && following == current + 1)
            {
                return true;
            }

            if (next.StartsParagraph is { } starts)
            {
                // The layout saw the indent (or the paragraph mark): better evidence than any width.
                return starts;
            }

            if (!BulletinLayout.EndsTerminal(prev.Text))
            {
                return false;
            }

            if (BriefNumber(next) is { } n && _lastBrief is { } last && n == last + 1)
            {
                return true;
            }

            if (IsShort(prev, prevIsFirst) || FirstLineFilled(next))
            {
                return true;
            }

            var nextTerminal = BulletinLayout.EndsTerminal(next.Text);
            var normalizedNext = TextNormalizer.Normalize(next.Text);

            // A line too short to be a continuation that does not end a sentence: a headline.
            if (!nextTerminal && !next.InPhoto && next.Width <= full - 8)
            {
                return true;
            }

            if (OrdinalItemRegex().IsMatch(normalizedNext) && IsShort(prev, prevIsFirst, 1.5))
            {
                return true;
            }

            // Full line ending a sentence, then a short line ending one: the widths cannot tell.
            return nextTerminal && next.Width < Context(next) - 7.5 && OpenerRegex().IsMatch(normalizedNext);
        }

        /// <summary>An inline （供稿：…） ends the article, whatever the widths say.</summary>
        private bool ClosesInlineCredit(SourceLine prev)
        {
            if (_paragraph is null || !(prev.Text.EndsWith('）') || prev.Text.EndsWith(')')))
            {
                return false;
            }

            var tail = string.Concat(_paragraph.Skip(Math.Max(0, _paragraph.Count - 3)).Select(l => l.Text));
            return SplitInlineCredit(tail).Credit is not null;
        }

        private bool IsTitle(SourceLine line, int index, Boundary boundary)
        {
            if (line.IsTitle is { } layoutTitle)
            {
                return layoutTitle && line.StartsParagraph != false;
            }

            if (BulletinLayout.EndsTerminal(line.Text) || line.InPhoto || line.Text.Length < 4)
            {
                return false;
            }

            if (BulletinLayout.EndsPunctuation(line.Text) && !line.Text.EndsWith('”') && !line.Text.EndsWith('）') && !line.Text.EndsWith('》'))
            {
                return false;
            }

            var next = index + 1 < lines.Count ? lines[index + 1] : null;
            if (next is null || next.Kind != LineKind.Content)
            {
                // A headline needs a body under it.
                return false;
            }

            if (FirstLineFilled(line))
            {
                // A filled first line followed by its continuation is a paragraph, not a headline.
                var continues = next.Width >= Context(next) - 2.5 || next.InPhoto;
                if (continues || boundary == Boundary.AfterParagraph)
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsTitleContinuation(SourceLine line, int index)
        {
            // A sub-title (——记…) under a headline belongs to it, whatever its style.
            if (line.Kind == LineKind.Content && IsSubtitle(line.Text))
            {
                return true;
            }

            if (line.IsTitle is { } layoutTitle)
            {
                return layoutTitle && line.StartsParagraph == false && line.Kind == LineKind.Content;
            }

            if (line.Kind != LineKind.Content || BulletinLayout.EndsTerminal(line.Text) || line.InPhoto
                || BulletinLayout.EndsPunctuation(line.Text) || FirstLineFilled(line) || line.Width >= full - 2.5
                || BriefNumber(line) is not null)
            {
                return false;
            }

            var next = index + 1 < lines.Count ? lines[index + 1] : null;
            return next is not null && next.Kind == LineKind.Content;
        }

        private static bool IsSubtitle(string text)
        {
            var t = text.TrimStart();
            return (t.StartsWith("——", StringComparison.Ordinal) || t.StartsWith("──", StringComparison.Ordinal) || t.StartsWith("--", StringComparison.Ordinal))
                && t.Length <= 40 && !BulletinLayout.EndsTerminal(t);
        }

        private void StartArticle(string? title, int? number, int line)
        {
            if (_sections.Count == 0)
            {
                _sections.Add((string.Empty, 0, []));
            }

            _article = new ArticleDraft { Title = title, Number = number, FirstLine = line, LastLine = line };
            _sections[^1].Articles.Add(_article);
            _articles.Add(_article);
        }

        private void ClosePararaph()
        {
            if (_paragraph is { Count: > 0 } && _article is not null)
            {
                _article.ParagraphLines.Add(_paragraph);
            }

            _paragraph = null;
        }

        private void FinishArticle()
        {
            ClosePararaph();
            _article = null;
        }
    }

    private enum Boundary
    {
        DocumentStart,
        SectionStart,
        AfterCredit,
        AfterParagraph,
        AfterTitle,
        InParagraph,
    }

    private sealed class ArticleDraft
    {
        public string? Title { get; init; }

        public int? Number { get; init; }

        public int FirstLine { get; init; }

        public int LastLine { get; set; }

        public string? CreditText { get; set; }

        public List<List<SourceLine>> ParagraphLines { get; } = [];

        public ParsedArticle Build()
        {
            var paragraphs = new List<string>();
            var creditText = CreditText;
            for (var i = 0; i < ParagraphLines.Count; i++)
            {
                var raw = JoinRaw(ParagraphLines[i]);
                if (i == ParagraphLines.Count - 1 && creditText is null)
                {
                    (raw, creditText) = SplitInlineCredit(raw);
                }

                var text = TextNormalizer.Normalize(raw);
                if (i == 0 && Number is not null)
                {
                    text = BriefRegex().Replace(text, string.Empty, 1);
                }

                if (text.Length > 0)
                {
                    paragraphs.Add(text);
                }
            }

            return new ParsedArticle
            {
                Title = Title,
                Number = Number,
                Paragraphs = paragraphs,
                Credit = creditText is null ? null : CreditParser.Parse(creditText, null),
                CreditSource = creditText,
                SourceLineStart = FirstLine,
                SourceLineEnd = LastLine,
            };
        }

        /// <summary>Joins lines keeping inner spaces (the inline credit needs them); a break between
        /// a unit and the next credit token is restored as a space.</summary>
        private static string JoinRaw(List<SourceLine> lines)
        {
            var sb = new StringBuilder();
            foreach (var l in lines)
            {
                var t = l.Text.Trim();
                if (sb.Length > 0 && t.Length > 0)
                {
                    var left = sb[^1];
                    if ((left < 128 && t[0] < 128) || (InsideCredit(sb) && CreditParser.EndsLikeUnit(sb.ToString())))
                    {
                        sb.Append(' ');
                    }
                }

                sb.Append(t);
            }

            return sb.ToString();
        }

        private static bool InsideCredit(StringBuilder sb)
        {
            var s = sb.ToString();
            var open = Math.Max(s.LastIndexOf("（供稿", StringComparison.Ordinal), s.LastIndexOf("(供稿", StringComparison.Ordinal));
            return open >= 0 && s.IndexOfAny(['）', ')'], open) < 0;
        }
    }
}
