namespace Jianxun.Publishing;

/// <summary>
/// Page and type settings. Defaults follow GB/T 9704 (A4; top margin 37 mm, binding margin 28 mm,
/// text block 156 × 225 mm; body 3号 ≈ 16 pt with 22 lines a page) using the free Noto CJK fonts.
/// An organisation with licensed fonts sets the family names (e.g. 仿宋_GB2312, 方正小标宋简体) and points
/// <see cref="FontCatalog"/> at their directory.
/// </summary>
public sealed record TypesetSettings
{
    public double PageWidthMm { get; init; } = 210;
    public double PageHeightMm { get; init; } = 297;
    public double TopMarginMm { get; init; } = 37;
    public double LeftMarginMm { get; init; } = 28;
    public double TextWidthMm { get; init; } = 156;
    public double TextHeightMm { get; init; } = 225;

    /// <summary>Masthead (报头) family; 方正小标宋 in print shops, Noto Serif SC Bold here.</summary>
    public string MastheadFontFamily { get; init; } = "Noto Serif SC";

    /// <summary>Column headings (栏目), 黑体-like.</summary>
    public string HeadingFontFamily { get; init; } = "Noto Sans SC";

    /// <summary>Article titles, 小标宋-like (set bold).</summary>
    public string TitleFontFamily { get; init; } = "Noto Serif SC";

    /// <summary>Body text, 仿宋-like.</summary>
    public string BodyFontFamily { get; init; } = "Noto Serif SC";

    public double MastheadFontSize { get; init; } = 54;
    public double IssueLineFontSize { get; init; } = 16;
    public double HeadingFontSize { get; init; } = 16;
    public double TitleFontSize { get; init; } = 18;
    public double BodyFontSize { get; init; } = 16;
    public double CreditFontSize { get; init; } = 14;
    public double CaptionFontSize { get; init; } = 12;
    public double DistributionFontSize { get; init; } = 14;
    public double PageNumberFontSize { get; init; } = 14;

    /// <summary>Body line pitch in points; 29 pt gives GB/T 9704's 22 lines in a 225 mm block.</summary>
    public double BodyLineHeight { get; init; } = 29;

    /// <summary>Masthead colour as RGB hex; 红头 red by default.</summary>
    public string MastheadColor { get; init; } = "#E60012";

    /// <summary>Extra space between masthead characters, in ems.</summary>
    public double MastheadLetterSpacing { get; init; } = 0.25;

    /// <summary>Width of a side photo as a fraction of the text width.</summary>
    public double SidePhotoWidthRatio { get; init; } = 0.4;

    /// <summary>Lets a single trailing comma or full stop hang into the margin instead of pushing a character down.</summary>
    public bool HangingPunctuation { get; init; }

    public static TypesetSettings Default { get; } = new();

    internal IEnumerable<string> RequiredFontFamilies() =>
        new[] { MastheadFontFamily, HeadingFontFamily, TitleFontFamily, BodyFontFamily }.Distinct(StringComparer.Ordinal);
}
