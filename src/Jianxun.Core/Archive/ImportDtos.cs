using Jianxun.Text;

namespace Jianxun.Core.Archive;

/// <summary>A person named in an article, with the titles written before the name (区国资委党委书记、主任).</summary>
public sealed record ImportPersonDto(string Name, IReadOnlyList<string> Titles);

/// <summary>One article or numbered brief as read from the file (and possibly corrected by the editor).</summary>
public sealed record ImportArticleDto(
    string? Title,
    int? Number,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> CreditUnits,
    IReadOnlyList<string> CreditAuthors,
    IReadOnlyList<ImportPersonDto> Persons,
    IReadOnlyList<string> Dates,
    IReadOnlyList<string> Organizations,
    int? SourceLineStart = null,
    int? SourceLineEnd = null);

/// <summary>A column as printed; <see cref="ColumnId"/> is the series column of the same name, when there is one.</summary>
public sealed record ImportSectionDto(string Name, bool IsBriefs, IReadOnlyList<ImportArticleDto> Articles, int? ColumnId = null);

/// <summary>
/// What an import would create: the structure read from the file, the source lines (to highlight each
/// article's lines), the detected series and numbering, whether the same file was imported before, and
/// what the editor should check: <see cref="Warnings"/>, typed and placed (ADR-028); <see cref="Problems"/> are their messages.
/// </summary>
public sealed record ImportPreviewDto(
    string FileName,
    string Sha256,
    long Size,
    string Masthead,
    int? SeriesId,
    string? SeriesName,
    int? Year,
    int? Number,
    int? TotalNumber,
    DateOnly? Date,
    IReadOnlyList<ImportSectionDto> Sections,
    IReadOnlyList<string> SourceLines,
    int? ExistingIssueId,
    string? ExistingIssueLabel,
    IReadOnlyList<ImportWarning> Warnings,
    string? PendingToken = null)
{
    /// <summary>The warnings' messages, in order.</summary>
    public IReadOnlyList<string> Problems => [.. Warnings.Select(w => w.Message)];
}

/// <summary>
/// Commits an import. The file comes from <see cref="PendingToken"/> (kept since the preview) or is passed
/// alongside; <see cref="Sections"/> null means "as read from the file". <see cref="ReaderUnitIds"/> is the reading
/// scope (ADR-007); left out, an old bulletin is open to every signed-in user (its series' default is not applied).
/// <see cref="Strict"/> refuses an untitled article or column instead of importing it with a stand-in (ADR-028).
/// </summary>
public sealed record ImportCommitRequest(
    string? PendingToken = null,
    int? SeriesId = null,
    int? Year = null,
    int? Number = null,
    int? TotalNumber = null,
    DateOnly? Date = null,
    IReadOnlyList<ImportSectionDto>? Sections = null,
    IReadOnlyList<int>? ReaderUnitIds = null,
    bool Strict = false);

/// <summary>The issue an import created, or the one the same file created before (<see cref="AlreadyImported"/>).</summary>
public sealed record ImportResultDto(int IssueId, string Series, string Label, bool AlreadyImported, int Articles);

public sealed record ArchiveListItemDto(int Id, int SeriesId, string Series, string Label, int? Year, int? Number, int? TotalNumber, DateOnly Date,
    string Source, string SourceName, int Articles, string? SourceFileName);

public sealed record ArchiveFilter(int? SeriesId = null, int? Year = null, string? Source = null);

public sealed record ArchiveItemDto(int Id, string? Title, int? Number, IReadOnlyList<string> Paragraphs, string? CreditLine,
    IReadOnlyList<string> CreditUnits, IReadOnlyList<string> CreditAuthors, IReadOnlyList<ImportPersonDto> Persons, IReadOnlyList<string> Dates,
    IReadOnlyList<string> Organizations, int? SourceLineStart, int? SourceLineEnd);

public sealed record ArchiveSectionDto(int Id, string Name, bool IsBriefs, int? ColumnId, IReadOnlyList<ArchiveItemDto> Items);

public sealed record ArchiveIssueDto(int Id, int SeriesId, string Series, string Issuer, string Label, int? Year, int? Number, int? TotalNumber,
    DateOnly Date, string Source, string SourceName, string? SourceFileName, bool HasSourceFile, DateTime? PublishedAt, IReadOnlyList<ArchiveSectionDto> Sections);

/// <summary>One article that mentions the person: when, in which issue, with which titles and units.</summary>
public sealed record PersonMentionDto(int IssueId, string IssueLabel, string Series, DateOnly Date, int ItemId, string? Title, int? Number,
    string Section, IReadOnlyList<string> Titles, IReadOnlyList<string> Units);

public sealed record PersonTitleDto(DateOnly Date, string IssueLabel, IReadOnlyList<string> Titles);

public sealed record PersonUnitDto(string Name, int Articles);

public sealed record PersonDto(string Name, IReadOnlyList<PersonMentionDto> Mentions, IReadOnlyList<PersonTitleDto> Titles, IReadOnlyList<PersonUnitDto> Units);
