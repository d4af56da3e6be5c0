namespace Jianxun.Text;

/// <summary>One bulletin issue read back from its text.</summary>
public sealed class ParsedBulletin
{
    /// <summary>The masthead text after <c>●</c>, e.g. <c>简讯</c>.</summary>
    public string Masthead { get; init; } = string.Empty;

    public IReadOnlyList<ParsedSection> Sections { get; init; } = [];

    /// <summary>Issue number within the year (<c>2024年第5期</c> gives 5), when the masthead area states it.</summary>
    public int? IssueNumber { get; init; }

    /// <summary>Running number (<c>总第123期</c>), when stated.</summary>
    public int? TotalIssueNumber { get; init; }

    /// <summary>The issue year: from the masthead area, else <see cref="BulletinParseOptions.DefaultYear"/>.</summary>
    public int? Year { get; init; }

    /// <summary>Whether the masthead area states <see cref="Year"/> (false: it is the default year).</summary>
    public bool YearStated { get; init; }

    /// <summary>The issue date, when the masthead area states a full date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>
    /// The numbered lines that <see cref="ParsedSection.SourceLineStart"/> and <see cref="ParsedArticle.SourceLineStart"/>
    /// refer to: line <c>n</c> is <c>SourceLines[n - 1]</c>. For text, the lines of the file (blank ones included, trailing
    /// whitespace removed); for a PDF, the lines the reader assembled from the glyphs, page by page (running heads and
    /// page numbers included); for a DOCX, one line per Word paragraph.
    /// </summary>
    public IReadOnlyList<string> SourceLines { get; init; } = [];

    /// <summary>The doubts about the structure read (untitled articles, unnamed columns, missing credits, impossible dates), ADR-028.</summary>
    public IReadOnlyList<ImportWarning> Warnings => field ??= BulletinWarnings.Of(this);
}

/// <summary>A column such as <c>[国资动态]</c>.</summary>
public sealed class ParsedSection
{
    public string Name { get; init; } = string.Empty;

    public IReadOnlyList<ParsedArticle> Articles { get; init; } = [];

    /// <summary>1-based line of the heading in the input (0 for an unnamed leading section).</summary>
    public int SourceLineStart { get; init; }

    public int SourceLineEnd { get; init; }
}

/// <summary>A titled article or a numbered brief.</summary>
public sealed class ParsedArticle
{
    /// <summary>The headline; null for a numbered brief.</summary>
    public string? Title { get; init; }

    /// <summary>The item number of a numbered brief (<c>1、</c>); null for titled articles.</summary>
    public int? Number { get; init; }

    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    public ArticleCredit? Credit { get; init; }

    /// <summary>Day-precision dates of the body as written (<c>2月26日</c>, <c>2023年2月26日</c>), first appearance order.</summary>
    public IReadOnlyList<string> Dates { get; init; } = [];

    /// <summary><see cref="Dates"/> with the year taken from the text or else from the issue; dates whose year is unknown are left out.</summary>
    public IReadOnlyList<DateOnly> ResolvedDates { get; init; } = [];

    public IReadOnlyList<PersonMention> Persons { get; init; } = [];

    /// <summary>Organisation names as written in the body (informational).</summary>
    public IReadOnlyList<string> Organizations { get; init; } = [];

    /// <summary>Organisations of the body or credit that matched a registry unit.</summary>
    public IReadOnlyList<UnitLink> UnitLinks { get; init; } = [];

    /// <summary>The raw credit text (tokens still space-separated), for re-reading with a registry.</summary>
    internal string? CreditSource { get; init; }

    /// <summary>1-based first line of the article in the input (its title or first paragraph).</summary>
    public int SourceLineStart { get; init; }

    /// <summary>1-based last line of the article in the input (its credit or last paragraph line).</summary>
    public int SourceLineEnd { get; init; }
}

/// <summary>The tokens of a <c>【供稿：…】</c> credit.</summary>
public sealed class ArticleCredit
{
    public IReadOnlyList<string> Units { get; init; } = [];

    public IReadOnlyList<string> Authors { get; init; } = [];
}

/// <summary>A person acting in the article, with the titles written before the name.</summary>
public sealed class PersonMention
{
    public string Name { get; init; } = string.Empty;

    public IReadOnlyList<string> Titles { get; init; } = [];
}

/// <summary>A name in the text that matched a registry unit.</summary>
public sealed record UnitLink(string Name, string UnitKey);
