using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jianxun.Publishing.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jianxun.Publishing.Pdf;

/// <summary>One render of a <see cref="TableReport"/>: title block, then rows page after page with the header repeated.</summary>
internal sealed class TableReportLayout
{
    private const double PointsPerMm = 72 / 25.4;
    private const double TitleSize = 20;
    private const double SubtitleSize = 13;
    private const double NoteSize = 9.5;
    private const double CellSize = 9.5;
    private const double PageNumberSize = 9;
    private const double CellPadX = 3.5;
    private const double CellPadY = 3;
    private const double CellLine = CellSize * 1.35;

    private static readonly XColor Rule = XColor.FromArgb(0x99, 0x99, 0x99);
    private static readonly XColor HeaderFill = XColor.FromArgb(0xF2, 0xF2, 0xF2);
    private static readonly XColor Muted = XColor.FromArgb(0x55, 0x55, 0x55);

    private readonly TableReport _report;
    private readonly XColor _red;
    private readonly XFont _title;
    private readonly XFont _subtitle;
    private readonly XFont _note;
    private readonly XFont _cell;
    private readonly XFont _header;
    private readonly XFont _pageNumber;
    private readonly XGraphics _measure;
    private readonly Dictionary<(XFont, string), double> _widths = [];
    private readonly List<PdfPage> _pages = [];
    private readonly double _pageWidth;
    private readonly double _pageHeight;
    private readonly double _left;
    private readonly double _right;
    private readonly double _top;
    private readonly double _bottom;

    private PdfDocument _document = null!;
    private XGraphics? _gfx;
    private double _y;
    private double[] _columnWidths = [];

    public TableReportLayout(TableReport report, TypesetSettings settings, FontCatalog catalog)
    {
        _report = report;
        (_pageWidth, _pageHeight) = report.Landscape ? (297 * PointsPerMm, 210 * PointsPerMm) : (210 * PointsPerMm, 297 * PointsPerMm);
        _left = 18 * PointsPerMm;
        _right = _pageWidth - (18 * PointsPerMm);
        _top = 18 * PointsPerMm;
        _bottom = _pageHeight - (20 * PointsPerMm);
        _red = ParseColor(settings.MastheadColor);

        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        XFont Font(string family, double size, bool bold) =>
            new(PdfFontBridge.FamilyName(catalog, family), size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, options);
        _title = Font(settings.TitleFontFamily, TitleSize, bold: true);
        _subtitle = Font(settings.HeadingFontFamily, SubtitleSize, bold: false);
        _note = Font(settings.HeadingFontFamily, NoteSize, bold: false);
        _cell = Font(settings.HeadingFontFamily, CellSize, bold: false);
        _header = Font(settings.HeadingFontFamily, CellSize, bold: true);
        _pageNumber = Font(settings.HeadingFontFamily, PageNumberSize, bold: false);
        _measure = XGraphics.CreateMeasureContext(new XSize(_pageWidth, _pageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    private double Width => _right - _left;

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page.");

    public byte[] Render()
    {
        using var document = new PdfDocument();
        _document = document;
        var stamp = _report.Date.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        document.Info.Title = _report.Subtitle is null ? _report.Title : $"{_report.Title} {_report.Subtitle}";
        document.Info.Creator = "Jianxun";
        document.Info.CreationDate = stamp;
        document.Info.ModificationDate = stamp;
        document.PageLayout = PdfPageLayout.SinglePage;
        PdfDeterminism.Configure(document);

        _columnWidths = ColumnWidths();
        NewPage();
        DrawTitleBlock();
        DrawHeaderRow();
        if (_report.Rows.Count == 0)
        {
            DrawWrapped(_report.EmptyText, _note, XBrushes.Black, NoteSize * 1.6);
        }
        foreach (var row in _report.Rows)
        {
            DrawRow(row);
        }
        if (_report.Footnotes.Count > 0)
        {
            _y += NoteSize;
            foreach (var line in _report.Footnotes)
            {
                DrawWrapped(line, _note, new XSolidBrush(Muted), NoteSize * 1.55);
            }
        }
        _gfx?.Dispose();
        _gfx = null;
        DrawPageNumbers();
        return PdfDeterminism.Save(document, Fingerprint());
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(_pageWidth);
        page.Height = XUnit.FromPoint(_pageHeight);
        _pages.Add(page);
        _gfx = XGraphics.FromPdfPage(page);
        _y = _top;
    }

    private double Measure(string text, XFont font)
    {
        if (!_widths.TryGetValue((font, text), out var width))
        {
            width = _measure.MeasureString(text, font).Width;
            _widths[(font, text)] = width;
        }
        return width;
    }

    private void DrawTitleBlock()
    {
        var titleLines = Break(_report.Title, _title, Width);
        foreach (var line in titleLines)
        {
            DrawLine(line, _title, new XSolidBrush(_red), _left, Width, TableAlign.Center, TitleSize * 1.45);
        }
        if (!string.IsNullOrWhiteSpace(_report.Subtitle))
        {
            foreach (var line in Break(_report.Subtitle, _subtitle, Width))
            {
                DrawLine(line, _subtitle, XBrushes.Black, _left, Width, TableAlign.Center, SubtitleSize * 1.6);
            }
        }
        foreach (var note in _report.Notes)
        {
            foreach (var line in Break(note, _note, Width))
            {
                DrawLine(line, _note, new XSolidBrush(Muted), _left, Width, TableAlign.Center, NoteSize * 1.6);
            }
        }
        _y += 3;
        Gfx.DrawLine(new XPen(_red, 1.6), _left, _y, _right, _y);
        _y += 8;
    }

    /// <summary>One text line at the cursor, then the cursor moves down by <paramref name="lineHeight"/>.</summary>
    private void DrawLine(string text, XFont font, XBrush brush, double x, double width, TableAlign align, double lineHeight)
    {
        DrawText(text, font, brush, x, width, align, _y, lineHeight);
        _y += lineHeight;
    }

    private void DrawText(string text, XFont font, XBrush brush, double x, double width, TableAlign align, double top, double lineHeight)
    {
        var measured = Measure(text, font);
        var left = align switch
        {
            TableAlign.Center => x + ((width - measured) / 2),
            TableAlign.Right => x + width - measured,
            _ => x,
        };
        // The em box sits 0.88 em above the baseline in CJK fonts; centre it in the line.
        var baseline = top + ((lineHeight - font.Size) / 2) + (0.88 * font.Size);
        Gfx.DrawString(text, font, brush, left, baseline, XStringFormats.BaseLineLeft);
    }

    private void DrawWrapped(string text, XFont font, XBrush brush, double lineHeight)
    {
        foreach (var line in Break(text, font, Width))
        {
            if (_y + lineHeight > _bottom)
            {
                NewPage();
            }
            DrawLine(line, font, brush, _left, Width, TableAlign.Left, lineHeight);
        }
    }

    private List<string> Break(string text, XFont font, double width) =>
        [.. ChineseLineBreaker.Break(text, width, s => Measure(s, font), options: new LineBreakOptions { Justify = false }).Select(l => l.Text)];

    /// <summary>
    /// Columns as wide as their widest cell (numbers never wrap), headers wrapping when space is short; any room left
    /// is shared in proportion, and a table too wide even so is scaled down and its cells wrap.
    /// </summary>
    private double[] ColumnWidths()
    {
        var columns = _report.Columns;
        var min = new double[columns.Count];
        var natural = new double[columns.Count];
        var twoChars = Measure("国国", _cell);
        for (var i = 0; i < columns.Count; i++)
        {
            var font = columns[i].Bold ? _header : _cell;
            var widest = _report.Rows.Select(r => i < r.Count ? Measure(r[i] ?? "", font) : 0).DefaultIfEmpty(0).Max();
            min[i] = Math.Max(widest, twoChars) + (2 * CellPadX);
            natural[i] = Math.Max(min[i], columns[i].Header.Split('\n').Max(part => Measure(part, _header)) + (2 * CellPadX));
        }
        var sumMin = min.Sum();
        var sumNatural = natural.Sum();
        if (sumNatural <= Width)
        {
            return [.. natural.Select(n => n + ((Width - sumNatural) * n / sumNatural))];
        }
        if (sumMin <= Width)
        {
            var share = (Width - sumMin) / (sumNatural - sumMin);
            return [.. natural.Select((n, i) => min[i] + ((n - min[i]) * share))];
        }
        return [.. min.Select(m => m * Width / sumMin)];
    }

    private void DrawHeaderRow()
    {
        var cells = _report.Columns
            .Select((c, i) => c.Header.Split('\n').SelectMany(part => Break(part, _header, _columnWidths[i] - (2 * CellPadX))).ToList())
            .ToList();
        var height = RowHeight(cells);
        Gfx.DrawRectangle(new XSolidBrush(HeaderFill), _left, _y, Width, height);
        DrawCells(cells, _header, height, center: true);
        Gfx.DrawLine(new XPen(XColors.Black, 0.9), _left, _y, _right, _y);
        Gfx.DrawLine(new XPen(XColors.Black, 0.6), _left, _y + height, _right, _y + height);
        _y += height;
    }

    private void DrawRow(IReadOnlyList<string> row)
    {
        var cells = _report.Columns
            .Select((c, i) => Break(i < row.Count ? row[i] ?? "" : "", c.Bold ? _header : _cell, _columnWidths[i] - (2 * CellPadX)))
            .ToList();
        var height = RowHeight(cells);
        if (_y + height > _bottom)
        {
            NewPage();
            DrawHeaderRow();
        }
        DrawCells(cells, _cell, height, center: false);
        _y += height;
        Gfx.DrawLine(new XPen(Rule, 0.4), _left, _y, _right, _y);
    }

    private static double RowHeight(List<List<string>> cells) => (Math.Max(1, cells.Max(c => c.Count)) * CellLine) + (2 * CellPadY);

    private void DrawCells(List<List<string>> cells, XFont font, double height, bool center)
    {
        var x = _left;
        for (var i = 0; i < cells.Count; i++)
        {
            var width = _columnWidths[i];
            var lines = cells[i];
            // Cells are centred vertically in the row.
            var top = _y + ((height - (lines.Count * CellLine)) / 2);
            var align = center ? TableAlign.Center : _report.Columns[i].Align;
            var cellFont = _report.Columns[i].Bold ? _header : font;
            foreach (var line in lines)
            {
                DrawText(line, cellFont, XBrushes.Black, x + CellPadX, width - (2 * CellPadX), align, top, CellLine);
                top += CellLine;
            }
            x += width;
        }
    }

    /// <summary>第 1 页 共 3 页, centred in the bottom margin.</summary>
    private void DrawPageNumbers()
    {
        for (var i = 0; i < _pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            var text = string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 页  共 {_pages.Count} 页");
            var width = Measure(text, _pageNumber);
            gfx.DrawString(text, _pageNumber, new XSolidBrush(Muted), _left + ((Width - width) / 2), _bottom + (10 * PointsPerMm), XStringFormats.BaseLineLeft);
        }
    }

    /// <summary>What identifies the report for <see cref="PdfDeterminism"/>: its text.</summary>
    private byte[] Fingerprint()
    {
        var text = new StringBuilder().Append(_report.Title).Append('\n').Append(_report.Subtitle).Append('\n')
            .AppendJoin('\n', _report.Notes).Append('\n').AppendJoin('\t', _report.Columns.Select(c => c.Header)).Append('\n');
        foreach (var row in _report.Rows)
        {
            text.AppendJoin('\t', row).Append('\n');
        }
        text.AppendJoin('\n', _report.Footnotes);
        return PdfDeterminism.Fingerprint(text.ToString());
    }

    private static XColor ParseColor(string hex)
    {
        var value = hex.TrimStart('#');
        return value.Length == 6 && int.TryParse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            ? XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
            : XColor.FromArgb(0xE6, 0x00, 0x12);
    }
}
