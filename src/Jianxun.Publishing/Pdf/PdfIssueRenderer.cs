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

    /// <summary>
    /// Empties the process-wide cache that renders share: photos as decoded by PDFsharp and the compressed image and
    /// font streams, keyed by the SHA-256 of their content and capped at 48 MB in all. Output never depends on it;
    /// benchmarks call this to time a cold render, and a host may call it to give the memory back.
    /// </summary>
    public static void ClearCache() => Pdf.PdfRenderCache.Clear();

    /// <summary>Typesets the issue. Throws <see cref="FontNotFoundException"/> before drawing anything if a font is missing.</summary>
    public byte[] Render(IssueDocument issue, TypesetSettings? settings = null) => RenderWithLayout(issue, settings).Pdf;

    /// <summary>Typesets the issue and says how it fell on the pages: the page count and how full the last page is.</summary>
    public PdfRendering RenderWithLayout(IssueDocument issue, TypesetSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(issue);
        settings ??= TypesetSettings.Default;
        _fonts.Validate(settings);
        var layout = new Pdf.PdfLayout(UnsafeText.Clean(issue), settings, _fonts);
        var pdf = layout.Render();
        return new PdfRendering(pdf, layout.PageCount, layout.LastPageFill);
    }
}

/// <summary>
/// A rendered PDF and how it fell on the pages. <see cref="LastPageFill"/> is the share of the last page's type area
/// that holds text, photos or the 版记 (0 to 1), as the engine placed them.
/// </summary>
public sealed record PdfRendering(byte[] Pdf, int Pages, double LastPageFill)
{
    /// <summary>Below this share the last page counts as nearly empty (a few lines on a fresh sheet).</summary>
    public const double NearlyEmpty = 0.15;
}
