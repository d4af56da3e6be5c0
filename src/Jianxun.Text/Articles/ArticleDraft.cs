namespace Jianxun.Text;

/// <summary>What a line of the original document became in the proposed draft (the page highlights it so).</summary>
public enum ArticleLineRole
{
    /// <summary>Part of the title.</summary>
    Title,

    /// <summary>A paragraph of the body.</summary>
    Paragraph,

    /// <summary>A picture (the line shows its place).</summary>
    Photo,

    /// <summary>A picture's caption (图为…).</summary>
    Caption,

    /// <summary>The credit or signature: units, authors, phone.</summary>
    Credit,

    /// <summary>Read but not used (a signature date, an empty line's marker).</summary>
    Ignored,
}

/// <summary>One line of the original document, as the contributor wrote it, and what it became.</summary>
public sealed record ArticleSourceLine(string Text, ArticleLineRole Role);

/// <summary>A picture found in the document, with the caption that belongs to it (empty when none).</summary>
public sealed record ArticlePhoto(byte[] Content, string ContentType, string FileName, string Caption);

/// <summary>
/// The draft proposed from a contributor's document. Nothing is stored: the contributor corrects it and saves.
/// <see cref="Units"/> are the unit names as written; the caller matches them to registered units.
/// </summary>
public sealed record ArticleDraft(
    string Title,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Units,
    string? Phone,
    DateOnly? EventDate,
    IReadOnlyList<ArticlePhoto> Photos,
    IReadOnlyList<ArticleSourceLine> Source,
    IReadOnlyList<string> Notes);
