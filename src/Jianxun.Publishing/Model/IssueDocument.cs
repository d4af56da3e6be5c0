namespace Jianxun.Publishing;

/// <summary>One issue of a bulletin (简讯/简报), ready to be typeset. Plain data: no database, no web.</summary>
public sealed record IssueDocument
{
    /// <summary>The masthead, e.g. 国资简讯.</summary>
    public required string SeriesName { get; init; }

    /// <summary>The issue label under the masthead, e.g. 2026年第5期.</summary>
    public required string IssueLabel { get; init; }

    /// <summary>Optional running number, e.g. 总第123期.</summary>
    public string? TotalNumber { get; init; }

    /// <summary>The compiling unit (编印单位), printed at the left under the masthead.</summary>
    public required string Issuer { get; init; }

    /// <summary>The issue date, printed at the right under the masthead.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Optional editor's note (编者按) printed before the first column.</summary>
    public string? EditorsNote { get; init; }

    public IReadOnlyList<IssueColumn> Columns { get; init; } = [];

    /// <summary>The distribution block (报/送/发) at the foot of the last page.</summary>
    public Distribution? Distribution { get; init; }

    /// <summary>Number of printed copies (共印N份); null leaves it out.</summary>
    public int? Copies { get; init; }

    /// <summary>Optional correction line, printed above the distribution block.</summary>
    public string? Erratum { get; init; }
}

/// <summary>A column (栏目) such as 领导关注 or 简讯.</summary>
public sealed record IssueColumn
{
    public required string Name { get; init; }

    /// <summary>True for a column of numbered briefs (1、2、3、) rather than titled articles.</summary>
    public bool IsBriefs { get; init; }

    public IReadOnlyList<IssueArticle> Articles { get; init; } = [];
}

/// <summary>An article, or one brief in a briefs column.</summary>
public sealed record IssueArticle
{
    /// <summary>The title; null for a brief. A brief with a title gets it in bold after its number.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>Already composed credit line, e.g. 【供稿：城投集团 林小禾】.</summary>
    public string? CreditLine { get; init; }

    public IReadOnlyList<IssuePhoto> Photos { get; init; } = [];

    /// <summary>
    /// Optional HTML id of the article (letters, digits, - and _ only, e.g. item-12), so that a link such as a search
    /// hit can point at it. The PDF and DOCX ignore it.
    /// </summary>
    public string? Anchor { get; init; }
}

/// <summary>A JPEG or PNG photo with its caption.</summary>
public sealed record IssuePhoto
{
    public required byte[] Data { get; init; }

    public string? Caption { get; init; }

    public PhotoPlacement Placement { get; init; } = PhotoPlacement.FullWidth;

    /// <summary>
    /// The paragraph the photo belongs to (0-based). A side photo starts beside it; a full-width photo follows it.
    /// Null: a side photo starts beside the first paragraph, a full-width photo follows the last one.
    /// </summary>
    public int? ParagraphIndex { get; init; }
}

public enum PhotoPlacement
{
    /// <summary>As wide as the text block, centred, caption below.</summary>
    FullWidth,

    /// <summary>At the right of the text, which flows around it in narrower lines.</summary>
    Side,
}

/// <summary>The 报/送/发 lines of the distribution block.</summary>
public sealed record Distribution
{
    public string? Bao { get; init; }

    public string? Song { get; init; }

    public string? Fa { get; init; }
}
