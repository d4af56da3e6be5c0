namespace Jianxun.Publishing;

/// <summary>Renders an issue to a print-ready PDF (A4, GB/T 9704 type area, fonts embedded as subsets, deterministic bytes).</summary>
public sealed class PdfIssueRenderer
{
    private readonly FontCatalog _fonts;

    /// <summary>Uses the fonts in <see cref="FontCatalog.DefaultDirectory"/>.</summary>
    public PdfIssueRenderer()
        : this(FontCatalog.Default)
    {
    }

    public PdfIssueRenderer(FontCatalog fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        _fonts = fonts;
    }

    /// <summary>Typesets the issue. Throws <see cref="FontNotFoundException"/> before drawing anything if a font is missing.</summary>
    public byte[] Render(IssueDocument issue, TypesetSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(issue);
        settings ??= TypesetSettings.Default;
        _fonts.Validate(settings);
        return new Pdf.PdfLayout(issue, settings, _fonts).Render();
    }
}
