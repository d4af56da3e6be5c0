namespace Jianxun.Publishing;

public enum TableAlign
{
    Left = 0,
    Center = 1,
    Right = 2,
}

/// <summary>A column of a <see cref="TableReport"/>: its header (a \n breaks it where it should break) and how its cells sit (bold for the column that matters).</summary>
public sealed record TableColumn(string Header, TableAlign Align = TableAlign.Left, bool Bold = false);

/// <summary>
/// A printable table (a ranking, a statistic): a red title, a subtitle, a few lines about it, the table and
/// footnotes. Plain text only; the caller formats numbers. Rendered by <see cref="TableReportRenderer"/>.
/// </summary>
public sealed record TableReport
{
    public required string Title { get; init; }

    /// <summary>Under the title, centred (e.g. the period and the group).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Small lines above the table (generation date, status).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public required IReadOnlyList<TableColumn> Columns { get; init; }

    /// <summary>Each row has one cell per column; missing cells print empty.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }

    /// <summary>Lines after the table (which rules scored which months, remarks).</summary>
    public IReadOnlyList<string> Footnotes { get; init; } = [];

    /// <summary>Printed when there are no rows.</summary>
    public string EmptyText { get; init; } = "（无数据）";

    /// <summary>The date the report stands for; also the PDF's creation date, so that the same report gives the same bytes.</summary>
    public DateOnly Date { get; init; }

    /// <summary>A4 landscape for wide tables; portrait otherwise.</summary>
    public bool Landscape { get; init; }
}

/// <summary>Renders a <see cref="TableReport"/> to an A4 PDF with the catalog's fonts (deterministic bytes).</summary>
public sealed class TableReportRenderer
{
    private readonly FontCatalog _fonts;

    public TableReportRenderer()
        : this(FontCatalog.Default)
    {
    }

    public TableReportRenderer(FontCatalog fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        _fonts = fonts;
    }

    /// <summary>
    /// Draws the report: the title in <see cref="TypesetSettings.TitleFontFamily"/> and the masthead red, the table in
    /// <see cref="TypesetSettings.HeadingFontFamily"/> (a 黑体-like face reads best in small tables).
    /// </summary>
    public byte[] Render(TableReport report, TypesetSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        settings ??= TypesetSettings.Default;
        _fonts.Validate([settings.TitleFontFamily, settings.HeadingFontFamily]);
        return new Pdf.TableReportLayout(report, settings, _fonts).Render();
    }
}
