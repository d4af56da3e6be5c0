namespace Jianxun.Text.Tests.Families;

/// <summary>How a column heading is drawn.</summary>
internal enum HeadingStyle
{
    /// <summary>A plain bold line, 【国资动态】.</summary>
    BracketLine,

    /// <summary>White text on a red bar (paragraph shading / background).</summary>
    Bar,

    /// <summary>The name in a one-cell table with a box border.</summary>
    TableBox,

    /// <summary>A bold line with a thick left border.</summary>
    LeftBorder,
}

/// <summary>How the briefs are numbered.</summary>
internal enum BriefNumbering
{
    /// <summary>Word's automatic numbering "%1、" (numbering.xml; an ordered list in HTML).</summary>
    AutoDun,

    /// <summary>Typed "1."</summary>
    TypedDot,

    /// <summary>Typed "（一）".</summary>
    TypedChinese,

    /// <summary>Word's automatic numbering "%1.".</summary>
    AutoDot,
}

/// <summary>
/// A layout family: one way an office sets its bulletin. Every seed is written in every family and rendered by every
/// producer (DOCX, LibreOffice PDF of that DOCX, Chromium PDF of the HTML).
/// </summary>
internal sealed record Family(
    string Name,
    HeadingStyle Heading,
    bool MastheadInTable,
    bool TwoColumns,
    BriefNumbering Numbering,
    bool CentredTitles,
    bool SpacedIssueLine,
    string BodyFont,
    string TitleFont,
    double BodyPt)
{
    public static readonly IReadOnlyList<Family> All =
    [
        new("a-bracket", HeadingStyle.BracketLine, MastheadInTable: false, TwoColumns: false, BriefNumbering.AutoDun, CentredTitles: true, SpacedIssueLine: true, "仿宋_GB2312", "方正小标宋简体", 16),
        new("b-bar-table-masthead", HeadingStyle.Bar, MastheadInTable: true, TwoColumns: false, BriefNumbering.TypedDot, CentredTitles: true, SpacedIssueLine: false, "宋体", "黑体", 14),
        new("c-box-left-titles", HeadingStyle.TableBox, MastheadInTable: false, TwoColumns: false, BriefNumbering.TypedChinese, CentredTitles: false, SpacedIssueLine: false, "FangSong", "SimHei", 15),
        new("d-left-border-two-columns", HeadingStyle.LeftBorder, MastheadInTable: false, TwoColumns: true, BriefNumbering.AutoDot, CentredTitles: true, SpacedIssueLine: true, "楷体", "黑体", 12),
    ];

    /// <summary>Seeds 1–3 are for tuning the readers; 4–6 are held out (never looked at while tuning). Fixed before any tuning.</summary>
    public static readonly IReadOnlyList<int> TuningSeeds = [1, 2, 3];

    public static readonly IReadOnlyList<int> HeldOutSeeds = [4, 5, 6];

    /// <summary>The seed that invents the content: differs per family so no two families share a text.</summary>
    public int ContentSeed(int seed) => (seed * 7919) + (All.ToList().IndexOf(this) * 104729);
}
