using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jianxun.Publishing.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jianxun.Publishing.Pdf;

/// <summary>One render: a cursor that flows the issue down the type area, page after page.</summary>
internal sealed class PdfLayout
{
    private const double PointsPerMm = 72 / 25.4;

    // Where the em box sits in a CJK font: 0.88 em above the baseline, 0.12 em below.
    private const double EmAscent = 0.88;

    private readonly IssueDocument _issue;
    private readonly TypesetSettings _settings;
    private readonly FontCatalog _catalog;
    private readonly Dictionary<FontRole, XFont> _fonts = [];
    private readonly Dictionary<(FontRole, string), double> _widths = [];
    private readonly List<PdfPage> _pages = [];
    private readonly XGraphics _measure;
    private readonly XColor _red;
    private readonly double _left;
    private readonly double _top;
    private readonly double _width;
    private readonly double _bottom;
    private readonly double _bodyChar;

    private PdfDocument _document = null!;
    private XGraphics? _gfx;
    private double _y;
    private SideBox? _side;
    private bool _pageHasContent;

    public PdfLayout(IssueDocument issue, TypesetSettings settings, FontCatalog catalog)
    {
        _issue = issue;
        _settings = settings;
        _catalog = catalog;
        _left = settings.LeftMarginMm * PointsPerMm;
        _top = settings.TopMarginMm * PointsPerMm;
        _width = settings.TextWidthMm * PointsPerMm;
        _bottom = _top + (settings.TextHeightMm * PointsPerMm);
        _bodyChar = settings.BodyFontSize;
        _red = ParseColor(settings.MastheadColor);
        _measure = XGraphics.CreateMeasureContext(
            new XSize(settings.PageWidthMm * PointsPerMm, settings.PageHeightMm * PointsPerMm), XGraphicsUnit.Point, XPageDirection.Downwards);
        CreateFonts();
    }

    private double Right => _left + _width;

    /// <summary>After <see cref="Render"/>: the number of pages.</summary>
    public int PageCount => _pages.Count;

    /// <summary>After <see cref="Render"/>: how much of the last page's type area is used, from 0 to 1.</summary>
    public double LastPageFill { get; private set; }

    public byte[] Render()
    {
        using var document = new PdfDocument();
        _document = document;
        var stamp = _issue.Date.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        document.Info.Title = $"{_issue.SeriesName} {IssueText.IssueLine(_issue)}";
        document.Info.Author = _issue.Issuer;
        document.Info.Creator = "Jianxun";
        document.Info.CreationDate = stamp;
        document.Info.ModificationDate = stamp;
        document.PageLayout = PdfPageLayout.SinglePage;

        // Compression (best level, JPEG data deflated over DCT, compacted font subsets) is applied once, on saving.
        PdfDeterminism.Configure(document);

        NewPage();
        DrawMasthead();
        if (!string.IsNullOrWhiteSpace(_issue.EditorsNote))
        {
            DrawParagraph(
                [new StyledText(IssueText.EditorsNoteLabel, (int)FontRole.BodyBold), new StyledText(_issue.EditorsNote.Trim(), (int)FontRole.Body)],
                _settings.BodyLineHeight,
                2 * _bodyChar,
                Align.Justify);
        }

        foreach (var column in _issue.Columns)
        {
            DrawColumn(column);
        }

        ClearSide();
        var (contentEnd, pagesBefore) = (_y, _pages.Count);
        var foot = DrawFoot();
        // What the last page holds, as a share of the type area: the text above and the 版记 at its foot.
        LastPageFill = Math.Clamp(((_pages.Count > pagesBefore ? 0 : contentEnd - _top) + foot) / (_bottom - _top), 0, 1);
        _gfx?.Dispose();
        _gfx = null;
        DrawPageNumbers();
        return PdfDeterminism.Save(document, Fingerprint());
    }

    private void CreateFonts()
    {
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        XFont Font(string family, double size, bool bold) =>
            new(PdfFontBridge.FamilyName(_catalog, family), size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, options);

        var s = _settings;
        _fonts[FontRole.Masthead] = Font(s.MastheadFontFamily, s.MastheadFontSize, bold: true);
        _fonts[FontRole.IssueLine] = Font(s.BodyFontFamily, s.IssueLineFontSize, bold: false);
        _fonts[FontRole.Heading] = Font(s.HeadingFontFamily, s.HeadingFontSize, bold: true);
        _fonts[FontRole.Title] = Font(s.TitleFontFamily, s.TitleFontSize, bold: true);
        _fonts[FontRole.Body] = Font(s.BodyFontFamily, s.BodyFontSize, bold: false);
        _fonts[FontRole.BodyBold] = Font(s.BodyFontFamily, s.BodyFontSize, bold: true);
        _fonts[FontRole.Credit] = Font(s.BodyFontFamily, s.CreditFontSize, bold: false);
        _fonts[FontRole.Caption] = Font(s.BodyFontFamily, s.CaptionFontSize, bold: false);
        _fonts[FontRole.Distribution] = Font(s.BodyFontFamily, s.DistributionFontSize, bold: false);
        _fonts[FontRole.PageNumber] = Font(s.BodyFontFamily, s.PageNumberFontSize, bold: false);
    }

    private double Measure(string text, int role) => Measure(text, (FontRole)role);

    private double Measure(string text, FontRole role)
    {
        if (!_widths.TryGetValue((role, text), out var width))
        {
            width = _measure.MeasureString(text, _fonts[role]).Width;
            _widths[(role, text)] = width;
        }

        return width;
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromMillimeter(_settings.PageWidthMm);
        page.Height = XUnit.FromMillimeter(_settings.PageHeightMm);
        _pages.Add(page);
        _gfx = XGraphics.FromPdfPage(page);
        _y = _top;
        _side = null;
        _pageHasContent = false;
    }

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page.");

    private void EnsureSpace(double height)
    {
        if (_y + height > _bottom + 0.01 && _pageHasContent)
        {
            NewPage();
        }
    }

    private void DrawMasthead()
    {
        var font = _fonts[FontRole.Masthead];
        var brush = new XSolidBrush(_red);
        var spacing = _settings.MastheadLetterSpacing * font.Size;
        var chars = Graphemes(_issue.SeriesName.Trim());
        var total = chars.Sum(c => Measure(c, FontRole.Masthead)) + (spacing * Math.Max(0, chars.Count - 1));
        var lineHeight = font.Size * 1.3;
        var x = _left + ((_width - total) / 2);
        var baseline = Baseline(_y, lineHeight, font.Size);
        foreach (var c in chars)
        {
            Gfx.DrawString(c, font, brush, x, baseline, XStringFormats.BaseLineLeft);
            x += Measure(c, FontRole.Masthead) + spacing;
        }

        _y += lineHeight + 6;

        DrawSingleLine(IssueText.IssueLine(_issue), FontRole.IssueLine, _settings.BodyLineHeight, Align.Center);

        // 编印单位 at the left, date at the right, on one line just above the red rule.
        var lineFont = _fonts[FontRole.IssueLine];
        var date = IssueText.DateLine(_issue.Date);
        var lineBaseline = Baseline(_y, _settings.BodyLineHeight, lineFont.Size);
        Gfx.DrawString(_issue.Issuer.Trim(), lineFont, XBrushes.Black, _left + lineFont.Size, lineBaseline, XStringFormats.BaseLineLeft);
        Gfx.DrawString(date, lineFont, XBrushes.Black, Right - lineFont.Size - Measure(date, FontRole.IssueLine), lineBaseline, XStringFormats.BaseLineLeft);
        _y += _settings.BodyLineHeight + 3;

        Gfx.DrawLine(new XPen(_red, 2.2), _left, _y, Right, _y);
        _y += 3;
        Gfx.DrawLine(new XPen(_red, 0.6), _left, _y, Right, _y);
        _y += _settings.BodyLineHeight * 0.6;
        _pageHasContent = true;
    }

    private void DrawColumn(IssueColumn column)
    {
        ClearSide();
        var headingHeight = _settings.BodyLineHeight;
        var before = _pageHasContent && _y > _top + 1 ? _settings.BodyLineHeight * 0.4 : 0;

        // Keep the heading with what opens the column: the first title and two lines of text, or the first photo beside them.
        var opening = column.Articles.Count == 0 ? 0
            : column.IsBriefs ? OpeningHeight(column.Articles[0], BriefLead(column.Articles[0], 1))
            : (string.IsNullOrWhiteSpace(column.Articles[0].Title) ? 0 : _settings.BodyLineHeight * 0.3) + TitleHeight(column.Articles[0]) + OpeningHeight(column.Articles[0], []);
        EnsureSpace(before + headingHeight + opening);
        if (_y > _top + 1)
        {
            _y += before;
        }

        DrawSingleLine(IssueText.ColumnHeading(column.Name), FontRole.Heading, headingHeight, Align.Left);

        var number = 0;
        foreach (var article in column.Articles)
        {
            number++;
            if (column.IsBriefs)
            {
                DrawBrief(article, number);
            }
            else
            {
                DrawArticle(article);
            }
        }
    }

    private void DrawArticle(IssueArticle article)
    {
        ClearSide();
        if (!string.IsNullOrWhiteSpace(article.Title))
        {
            var titleLine = _settings.TitleFontSize * 1.5;
            var lines = TitleLines(article.Title);
            var before = _y > _top + 1 ? _settings.BodyLineHeight * 0.3 : 0;

            // A title never ends a page: it stays with two lines of text, or with the photo that opens the article.
            EnsureSpace(before + TitleHeight(article) + OpeningHeight(article, []));
            if (_y > _top + 1)
            {
                _y += before;
            }

            // Titles are centred in balanced lines, kept two characters clear of either edge.
            foreach (var line in lines)
            {
                DrawLine(line, _left + ((_width - line.NaturalWidth) / 2), _y, titleLine);
                _y += titleLine;
            }

            _pageHasContent = true;
            _y += 6;
        }

        DrawBody(article, lead: []);
    }

    private List<TextLine> TitleLines(string title) =>
        [.. ChineseLineBreaker.BreakBalanced(
            [new StyledText(title.Trim(), (int)FontRole.Title)],
            Measure,
            _width - (4 * _settings.TitleFontSize),
            new LineBreakOptions { Justify = false })];

    /// <summary>The height of an article's title block (none for an untitled article).</summary>
    private double TitleHeight(IssueArticle article) =>
        string.IsNullOrWhiteSpace(article.Title) ? 0 : (TitleLines(article.Title).Count * _settings.TitleFontSize * 1.5) + 6;

    /// <summary>
    /// What must follow a heading or title on its page: as many lines of the first paragraph as the paragraph rules keep
    /// together (all of a paragraph of up to three lines, with the credit line when nothing else follows; else two), or
    /// the side photo that opens the article.
    /// </summary>
    private double OpeningHeight(IssueArticle article, List<StyledText> lead)
    {
        var first = article.Paragraphs.Count > 0 ? article.Paragraphs[0].Trim() : string.Empty;
        var breaker = new ChineseLineBreaker([.. lead, new StyledText(first, (int)FontRole.Body)], Measure);
        var lines = 0;
        while (!breaker.IsFinished)
        {
            breaker.NextLine(lines == 0 ? _width - (2 * _bodyChar) : _width);
            lines++;
        }

        var opening = (lines <= 3 ? lines : 2) * _settings.BodyLineHeight;
        if (lines <= 3 && article.Paragraphs.Count <= 1 && !string.IsNullOrWhiteSpace(article.CreditLine))
        {
            opening += _settings.BodyLineHeight;
        }

        foreach (var photo in IssueText.PhotosAt(article, PhotoPlacement.Side)[0])
        {
            var info = ImageInfo.Read(photo.Data);
            var width = _width * Math.Clamp(_settings.SidePhotoWidthRatio, 0.2, 0.6);
            var height = Math.Min(width * info.Height / info.Width, (_bottom - _top) * 0.4);
            opening = Math.Max(opening, height + 4 + (CaptionLines(photo, width).Count * _settings.CaptionFontSize * 1.5));
        }

        return opening;
    }

    private void DrawBrief(IssueArticle brief, int number)
    {
        ClearSide();
        DrawBody(brief, BriefLead(brief, number));
    }

    private static List<StyledText> BriefLead(IssueArticle brief, int number)
    {
        var lead = new List<StyledText> { new(IssueText.BriefNumber(number), (int)FontRole.Body) };
        if (!string.IsNullOrWhiteSpace(brief.Title))
        {
            lead.Add(new StyledText(IssueText.BriefTitle(brief.Title), (int)FontRole.BodyBold));
        }

        return lead;
    }

    private void DrawBody(IssueArticle article, List<StyledText> lead)
    {
        var side = IssueText.PhotosAt(article, PhotoPlacement.Side);
        var full = IssueText.PhotosAt(article, PhotoPlacement.FullWidth);
        var paragraphs = article.Paragraphs.Count > 0 ? article.Paragraphs : (lead.Count > 0 || article.Photos.Count > 0 ? [string.Empty] : []);

        // The credit line never starts a page alone: it keeps the last lines of text, or the last photo, with it.
        var credit = string.IsNullOrWhiteSpace(article.CreditLine) ? [] : BreakLines(article.CreditLine.Trim(), FontRole.Credit, _width, justify: false);
        var creditHeight = credit.Count * _settings.BodyLineHeight;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var lastBlock = i == paragraphs.Count - 1;
            foreach (var photo in side[i])
            {
                PlaceSidePhoto(photo);
            }

            var spans = new List<StyledText>();
            if (i == 0)
            {
                spans.AddRange(lead);
            }

            spans.Add(new StyledText(paragraphs[i].Trim(), (int)FontRole.Body));
            var photos = full[i].ToList();
            if (spans.Any(s => s.Text.Length > 0))
            {
                DrawParagraph(spans, _settings.BodyLineHeight, 2 * _bodyChar, Align.Justify, keepWithNext: lastBlock && photos.Count == 0 ? creditHeight : 0);
            }

            for (var p = 0; p < photos.Count; p++)
            {
                DrawFullWidthPhoto(photos[p], keepWithNext: lastBlock && p == photos.Count - 1 ? creditHeight : 0);
            }
        }

        if (credit.Count > 0)
        {
            DrawParagraph([new StyledText(article.CreditLine!.Trim(), (int)FontRole.Credit)], _settings.BodyLineHeight, 0, Align.Right);
        }

        ClearSide();
    }

    private void DrawSingleLine(string text, FontRole role, double lineHeight, Align align) =>
        DrawParagraph([new StyledText(text, (int)role)], lineHeight, 0, align);

    /// <summary>
    /// Sets a paragraph, planned before it is drawn so that a page break keeps the rules of ADR-025: no orphan (a
    /// paragraph of two or more lines does not leave its first line alone at the foot of a page), no widow (nor its last
    /// line alone at the top of the next), and <paramref name="keepWithNext"/> points of what follows (a credit line)
    /// fit after its last line on the same page, taking the paragraph's last two lines along when they do not.
    /// </summary>
    private void DrawParagraph(IReadOnlyList<StyledText> spans, double lineHeight, double firstIndent, Align align, double inset = 0, double keepWithNext = 0)
    {
        var plan = PlanParagraph(spans, lineHeight, firstIndent, align, inset, forcedBreak: -1);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var forced = ForcedBreak(plan, lineHeight, keepWithNext);
            if (forced < 0)
            {
                break;
            }

            plan = PlanParagraph(spans, lineHeight, firstIndent, align, inset, forced);
        }

        foreach (var (line, newPage, available, indent) in plan.Lines)
        {
            if (newPage)
            {
                NewPage();
            }

            var x = _left + inset + indent;
            x += align switch
            {
                Align.Center => (available - line.NaturalWidth) / 2,
                Align.Right => available - line.NaturalWidth,
                _ => 0,
            };
            DrawLine(line, x, _y, lineHeight);
            _y += lineHeight;
            _pageHasContent = true;
        }
    }

    /// <summary>Where to break the page instead (a line index; 0 moves the whole paragraph), or -1 when the plan keeps the rules.</summary>
    private int ForcedBreak(ParagraphPlan plan, double lineHeight, double keepWithNext)
    {
        var lines = plan.Lines;
        var count = lines.Count;
        var breaks = Enumerable.Range(0, count).Where(i => lines[i].NewPage).ToList();
        var canMove = plan.StartedWithContent; // Moving the whole paragraph only helps if its page already holds something.

        // Orphan: the first line alone at the foot of a page.
        if (breaks.Count > 0 && breaks[0] == 1 && canMove)
        {
            return 0;
        }

        var lastBreak = breaks.Count > 0 ? breaks[^1] : 0;
        var onLastPage = count - lastBreak;

        // Widow: the last line alone at the top of a page; bring the line before it along (or the whole paragraph).
        if (breaks.Count > 0 && onLastPage == 1 && count >= 2)
        {
            var at = lastBreak - 1;
            return at >= 2 || (breaks.Count > 1 && at > breaks[^2]) ? at : (canMove ? 0 : -1);
        }

        // What must follow does not fit after the last line: take the last two lines (or the whole paragraph) to the next page.
        if (keepWithNext > 0 && plan.EndY + keepWithNext > _bottom + 0.01)
        {
            var firstOnPage = breaks.Count > 0 ? lastBreak : 0;
            var linesOnPage = count - firstOnPage;
            var at = count >= 2 ? count - 2 : 0;
            if (linesOnPage >= 4)
            {
                return at;
            }

            return firstOnPage > 0 ? -1 : canMove ? 0 : -1;
        }

        return -1;
    }

    private ParagraphPlan PlanParagraph(IReadOnlyList<StyledText> spans, double lineHeight, double firstIndent, Align align, double inset, int forcedBreak)
    {
        var options = new LineBreakOptions
        {
            Justify = align == Align.Justify,
            AllowHangingPunctuation = _settings.HangingPunctuation,
        };
        var breaker = new ChineseLineBreaker(spans, Measure, options);
        var y = _y;
        var side = _side;
        var hasContent = _pageHasContent;
        var lines = new List<PlannedLine>();
        while (!breaker.IsFinished)
        {
            var newPage = hasContent && (y + lineHeight > _bottom + 0.01 || lines.Count == forcedBreak);
            if (newPage)
            {
                y = _top;
                side = null;
                hasContent = false;
            }

            var full = side is { } box && y < box.Bottom && y + lineHeight > box.Top ? _width - box.Width : _width;
            var available = full - (2 * inset);
            var indent = lines.Count == 0 ? firstIndent : 0;
            lines.Add(new PlannedLine(breaker.NextLine(available - indent), newPage, available, indent));
            y += lineHeight;
            hasContent = true;
        }

        return new ParagraphPlan(lines, y, _pageHasContent && _y > _top + 1);
    }

    private readonly record struct PlannedLine(TextLine Line, bool NewPage, double Available, double Indent);

    private sealed record ParagraphPlan(List<PlannedLine> Lines, double EndY, bool StartedWithContent);

    private void DrawLine(TextLine line, double x, double top, double lineHeight)
    {
        foreach (var segment in line.Segments)
        {
            var font = _fonts[(FontRole)segment.Style];
            Gfx.DrawString(segment.Text, font, XBrushes.Black, x + segment.X, Baseline(top, lineHeight, font.Size), XStringFormats.BaseLineLeft);
        }
    }

    private static double Baseline(double top, double lineHeight, double size) => top + ((lineHeight - size) / 2) + (EmAscent * size);

    private double AvailableWidth(double top, double height) =>
        _side is { } box && top < box.Bottom && top + height > box.Top ? _width - box.Width : _width;

    private void ClearSide()
    {
        if (_side is { } box && _y < box.Bottom)
        {
            _y = box.Bottom;
        }

        _side = null;
    }

    private void PlaceSidePhoto(IssuePhoto photo)
    {
        ClearSide();
        var decoded = PdfRenderCache.Load(photo.Data);
        var width = _width * Math.Clamp(_settings.SidePhotoWidthRatio, 0.2, 0.6);
        var height = width * decoded.Image.PixelHeight / decoded.Image.PixelWidth;
        var maxHeight = (_bottom - _top) * 0.4;
        if (height > maxHeight)
        {
            width *= maxHeight / height;
            height = maxHeight;
        }

        var caption = CaptionLines(photo, width);
        var captionLine = _settings.CaptionFontSize * 1.5;
        var total = height + 4 + (caption.Count * captionLine);
        EnsureSpace(total);
        var x = Right - width;
        DrawImage(decoded, x, _y, width, height);
        DrawCaption(caption, x, _y + height + 4, width, captionLine);
        _side = new SideBox(_y, _y + total + 4, width + _bodyChar);
        _pageHasContent = true;
    }

    private void DrawFullWidthPhoto(IssuePhoto photo, double keepWithNext = 0)
    {
        ClearSide();
        var decoded = PdfRenderCache.Load(photo.Data);
        var width = _width;
        var height = width * decoded.Image.PixelHeight / decoded.Image.PixelWidth;
        var maxHeight = (_bottom - _top) * 0.5;
        if (height > maxHeight)
        {
            width *= maxHeight / height;
            height = maxHeight;
        }

        var caption = CaptionLines(photo, _width);
        var captionLine = _settings.CaptionFontSize * 1.5;
        EnsureSpace(6 + height + 4 + (caption.Count * captionLine) + 6 + keepWithNext);
        _y += 6;
        DrawImage(decoded, _left + ((_width - width) / 2), _y, width, height);
        _y += height + 4;
        DrawCaption(caption, _left, _y, _width, captionLine);
        _y += (caption.Count * captionLine) + 6;
        _pageHasContent = true;
    }

    private List<TextLine> CaptionLines(IssuePhoto photo, double width) =>
        string.IsNullOrWhiteSpace(photo.Caption)
            ? []
            : BreakLines(photo.Caption.Trim(), FontRole.Caption, width, justify: false);

    private List<TextLine> BreakLines(string text, FontRole role, double width, bool justify)
    {
        var breaker = new ChineseLineBreaker(
            [new StyledText(text, (int)role)],
            Measure,
            new LineBreakOptions { Justify = justify, AllowHangingPunctuation = _settings.HangingPunctuation });
        var lines = new List<TextLine>();
        while (!breaker.IsFinished)
        {
            lines.Add(breaker.NextLine(width));
        }

        return lines;
    }

    private void DrawCaption(List<TextLine> lines, double x, double top, double width, double lineHeight)
    {
        foreach (var line in lines)
        {
            DrawLine(line, x + ((width - line.NaturalWidth) / 2), top, lineHeight);
            top += lineHeight;
        }
    }

    private void DrawImage(PdfRenderCache.Photo photo, double x, double y, double width, double height)
    {
        // The decoded photo is shared with other renders (PdfRenderCache); PDFsharp touches its lazy state while drawing.
        lock (photo.Gate)
        {
            Gfx.DrawImage(photo.Image, x, y, width, height);
        }
    }

    /// <summary>Erratum and the 报/送/发 block, at the foot of the last page (GB/T 9704 版记); returns the height it takes.</summary>
    private double DrawFoot()
    {
        var items = IssueText.DistributionLines(_issue.Distribution).ToList();
        var hasCopies = _issue.Copies is > 0;
        var hasErratum = !string.IsNullOrWhiteSpace(_issue.Erratum);
        if (items.Count == 0 && !hasCopies && !hasErratum)
        {
            return 0;
        }

        var role = FontRole.Distribution;
        var size = _settings.DistributionFontSize;
        var lineHeight = size * 1.9;
        var indent = size; // 版记 is set one character in from either side.
        var blocks = new List<(string Label, List<TextLine> Lines, double LabelWidth)>();
        foreach (var (label, text) in items)
        {
            var labelWidth = Measure(label, role);
            blocks.Add((label, BreakLines(text, role, _width - (2 * indent) - labelWidth, justify: true), labelWidth));
        }

        List<TextLine> erratum = hasErratum
            ? BreakLines(_issue.Erratum!.Trim(), role, _width - (2 * indent), justify: true)
            : [];
        var blockHeight = (blocks.Sum(b => b.Lines.Count) * lineHeight) + (hasCopies ? lineHeight : 0) + 4;
        var total = blockHeight + (erratum.Count * lineHeight) + 6;
        if (_y + total > _bottom)
        {
            NewPage();
        }

        var y = _bottom - total;
        foreach (var line in erratum)
        {
            DrawLine(line, _left + indent, y, lineHeight);
            y += lineHeight;
        }

        y += 6;
        var thick = new XPen(XColors.Black, 1.0);
        var thin = new XPen(XColors.Black, 0.5);
        Gfx.DrawLine(thick, _left, y + 0.5, Right, y + 0.5);
        y += 2;
        for (var i = 0; i < blocks.Count; i++)
        {
            var (label, lines, labelWidth) = blocks[i];
            var font = _fonts[role];
            Gfx.DrawString(label, font, XBrushes.Black, _left + indent, Baseline(y, lineHeight, size), XStringFormats.BaseLineLeft);
            foreach (var line in lines)
            {
                DrawLine(line, _left + indent + labelWidth, y, lineHeight);
                y += lineHeight;
            }

            if (i < blocks.Count - 1 || hasCopies)
            {
                Gfx.DrawLine(thin, _left, y, Right, y);
            }
        }

        if (hasCopies)
        {
            var copies = IssueText.CopiesLine(_issue.Copies!.Value);
            Gfx.DrawString(copies, _fonts[role], XBrushes.Black, Right - indent - Measure(copies, role), Baseline(y, lineHeight, size), XStringFormats.BaseLineLeft);
            y += lineHeight;
        }

        Gfx.DrawLine(thick, _left, Math.Min(y + 1, _bottom - 0.5), Right, Math.Min(y + 1, _bottom - 0.5));
        return total;
    }

    /// <summary>— 1 — in the footer margin, 7 mm below the type area; odd pages at the right, even at the left, one character in.</summary>
    private void DrawPageNumbers()
    {
        var font = _fonts[FontRole.PageNumber];
        for (var i = 0; i < _pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            var text = string.Create(CultureInfo.InvariantCulture, $"— {i + 1} —");
            var width = Measure(text, FontRole.PageNumber);
            var baseline = _bottom + (7 * PointsPerMm) + (0.35 * font.Size);
            var odd = (i + 1) % 2 == 1;
            var x = odd ? Right - font.Size - width : _left + font.Size;
            gfx.DrawString(text, font, XBrushes.Black, x, baseline, XStringFormats.BaseLineLeft);
        }
    }

    /// <summary>What identifies the issue for <see cref="PdfDeterminism"/>: its text, not its layout.</summary>
    private byte[] Fingerprint()
    {
        var fingerprint = new StringBuilder()
            .Append(_issue.SeriesName).Append('\n').Append(_issue.IssueLabel).Append('\n')
            .Append(_issue.Issuer).Append('\n').Append(IssueText.DateLine(_issue.Date)).Append('\n');
        foreach (var column in _issue.Columns)
        {
            fingerprint.Append(column.Name).Append('\n');
            foreach (var article in column.Articles)
            {
                fingerprint.Append(article.Title).Append('\n').AppendJoin('\n', article.Paragraphs).Append('\n');
            }
        }

        return PdfDeterminism.Fingerprint(fingerprint.ToString());
    }

    private static List<string> Graphemes(string text)
    {
        var result = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            result.Add((string)enumerator.Current);
        }

        return result;
    }

    private static XColor ParseColor(string hex)
    {
        var value = hex.TrimStart('#');
        if (value.Length != 6 || !int.TryParse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            throw new ArgumentException($"Colour '{hex}' is not #RRGGBB.", nameof(hex));
        }

        return XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    private enum Align
    {
        Left,
        Center,
        Right,
        Justify,
    }

    private readonly record struct SideBox(double Top, double Bottom, double Width);
}

internal enum FontRole
{
    Masthead,
    IssueLine,
    Heading,
    Title,
    Body,
    BodyBold,
    Credit,
    Caption,
    Distribution,
    PageNumber,
}
