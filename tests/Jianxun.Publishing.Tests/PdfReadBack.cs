using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Jianxun.Publishing.Tests;

/// <summary>What PdfPig reads back from a rendered PDF, with the GB/T 9704 type area in PDF coordinates.</summary>
internal sealed partial class PdfReadBack
{
    private const double Mm = 72 / 25.4;

    public PdfReadBack(byte[] pdf, TypesetSettings? settings = null)
    {
        var s = settings ?? TypesetSettings.Default;
        using var document = PdfDocument.Open(pdf);
        Pages = [.. document.GetPages().Select(p => new PageData(
            p.Number,
            p.Height,
            [.. p.Letters],
            [.. p.GetImages().Select(i => i.BoundingBox)]))];
        Left = s.LeftMarginMm * Mm;
        Right = Left + (s.TextWidthMm * Mm);
        var pageHeight = Pages[0].Height;
        Top = pageHeight - (s.TopMarginMm * Mm);
        Bottom = Top - (s.TextHeightMm * Mm);
    }

    public IReadOnlyList<PageData> Pages { get; }

    public double Left { get; }

    public double Right { get; }

    public double Top { get; }

    public double Bottom { get; }

    /// <summary>Letters of the type area (page numbers, which sit in the footer margin, left out).</summary>
    public IEnumerable<Letter> BodyLetters(PageData page) => page.Letters.Where(l => l.StartBaseLine.Y > Bottom - 2);

    public IEnumerable<Letter> FooterLetters(PageData page) => page.Letters.Where(l => l.StartBaseLine.Y <= Bottom - 2);

    /// <summary>All type-area text in content order, whitespace removed.</summary>
    public string BodyText() => string.Concat(Pages.Select(PageText));

    public string PageText(PageData page) => Normalise(string.Concat(BodyLetters(page).Select(l => l.Value)));

    public static string Normalise(string text) => Whitespace().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    internal sealed record PageData(int Number, double Height, IReadOnlyList<Letter> Letters, IReadOnlyList<UglyToad.PdfPig.Core.PdfRectangle> Images);
}
