namespace Jianxun.Core.Issues;

public sealed record IssuePhotoDto(int SubmissionId, int PhotoId, string Caption);

/// <summary>One placed item; <see cref="IsCombined"/> marks 综合采用 (several units' articles merged into one piece).</summary>
public sealed record IssueItemDto(int Id, int? SubmissionId, string? Title, int? Number, IReadOnlyList<string> Paragraphs, string? CreditLine,
    IReadOnlyList<string> CreditUnits, IReadOnlyList<string> CreditAuthors, IReadOnlyList<IssuePhotoDto> Photos, bool IsCombined);

public sealed record IssueSectionDto(int Id, string Name, bool IsBriefs, int? ColumnId, IReadOnlyList<IssueItemDto> Items);

public sealed record IssueFileDto(int Revision, string Format, string Sha256, long Size, DateTime CreatedAt);

/// <summary>
/// An issue; <see cref="ReaderUnitIds"/> is its reading scope once published (empty: every signed-in user; see ADR-007);
/// <see cref="History"/> every move with who, when and the comment (ADR-023).
/// </summary>
public sealed record IssueDto(
    int Id, int SeriesId, string Series, string Issuer, string Source, string Status, string StatusName, string Label,
    int? Year, int? Number, int? TotalNumber, DateOnly Date, string? EditorsNote,
    string? DistributionBao, string? DistributionSong, string? DistributionFa, int? Copies,
    int Revision, string? Erratum, int Version, DateTime? SignedOffAt, DateTime? PublishedAt,
    IReadOnlyList<IssueSectionDto> Sections, IReadOnlyList<IssueFileDto> Files, IReadOnlyList<string> AllowedActions, bool CanEdit,
    string? LastComment, IReadOnlyList<int> ReaderUnitIds, IReadOnlyList<Submissions.HistoryDto> History);

public sealed record IssueListItemDto(int Id, string Series, string Label, int? TotalNumber, DateOnly Date, string Source, string Status, string StatusName, int Articles);

/// <summary>An adopted article that no issue carries yet.</summary>
public sealed record AvailableArticleDto(int SubmissionId, string Title, string Units, string? Column, int? ColumnId, DateOnly? EventDate, int Photos);

public sealed record CreateIssueRequest(int SeriesId, DateOnly? Date = null);

/// <summary>The numbers the next issue of a series would take in <see cref="Year"/> (新建下一期 says them before it is pressed).</summary>
public sealed record NextIssueNumbers(int SeriesId, int Year, int Number, int TotalNumber)
{
    public string Label => $"{Year}年第{Number}期（总第{TotalNumber}期）";
}

/// <summary>
/// How an issue falls on the printed pages (ADR-026): the page count of its PDF, the series' page budget, how full the
/// last page is (percent of the type area) and the warnings the compile page shows.
/// </summary>
public sealed record IssueLayoutDto(int Pages, int PageBudget, int LastPageFillPercent, IReadOnlyList<string> Warnings);

/// <summary>
/// One placed item: an adopted article (by submission id) or an existing item (by item id), with an optional edited credit
/// line and the 综合采用 flag (null keeps the item's flag; a new item starts without it).
/// </summary>
public sealed record PlaceItemRequest(int? SubmissionId = null, int? ItemId = null, string? CreditLine = null, bool? IsCombined = null);

public sealed record PlaceSectionRequest(int SectionId, IReadOnlyList<PlaceItemRequest> Items);

/// <summary>
/// The whole editable state of a draft issue: <c>PUT /api/issues/{id}</c>. A field left out (null) keeps its value;
/// <see cref="ReaderUnitIds"/> <c>[]</c> opens the issue to every signed-in user once published.
/// </summary>
public sealed record UpdateIssueRequest(
    int Version,
    DateOnly? Date = null,
    string? EditorsNote = null,
    string? DistributionBao = null,
    string? DistributionSong = null,
    string? DistributionFa = null,
    int? Copies = null,
    IReadOnlyList<PlaceSectionRequest>? Sections = null,
    IReadOnlyList<int>? ReaderUnitIds = null);

public sealed record IssueActionRequest(string? Comment = null);

public sealed record CorrectionRequest(string? Erratum, IReadOnlyList<CorrectItemRequest>? Items = null);

public sealed record CorrectItemRequest(int ItemId, string? Title = null, IReadOnlyList<string>? Paragraphs = null, string? CreditLine = null);

public sealed record RenderedFile(byte[] Content, string ContentType, string FileName);
