namespace Jianxun.Core.Submissions;

public sealed record UnitNameDto(int Id, string ShortName);

public sealed record ColumnRefDto(int Id, string Name, string Series);

public sealed record PhotoDto(int Id, string Caption, string ContentType, long Size, int Width, int Height, string OriginalName);

public sealed record HistoryDto(DateTime At, string UserName, string Action, string ActionName, string From, string To, string? Comment);

public sealed record RevisionDto(int Number, DateTime At, string UserName, string? Note);

/// <summary>One article as its reader may see it, with what the reader may do to it now.</summary>
public sealed record SubmissionDto(
    int Id,
    string Title,
    IReadOnlyList<string> Paragraphs,
    DateOnly? EventDate,
    IReadOnlyList<UnitNameDto> Units,
    IReadOnlyList<string> Authors,
    string CreditLine,
    ColumnRefDto? ColumnHint,
    ColumnRefDto? AdoptedColumn,
    string? ContactPhone,
    int? CallId,
    string Status,
    string StatusName,
    int Version,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? SubmittedAt,
    IReadOnlyList<PhotoDto> Photos,
    IReadOnlyList<HistoryDto> History,
    IReadOnlyList<RevisionDto> Revisions,
    IReadOnlyList<string> AllowedActions,
    bool CanEdit);

public sealed record SubmissionListItemDto(int Id, string Title, string Units, string Status, string StatusName, string? Column,
    DateOnly? EventDate, DateTime UpdatedAt, DateTime? SubmittedAt, int PhotoCount);

public sealed record SubmissionPageDto(int Total, int Page, int PageSize, IReadOnlyList<SubmissionListItemDto> Items);

/// <summary>What a contributor writes; <see cref="Version"/> is required when saving an existing article.</summary>
public sealed record SaveSubmissionRequest(
    string? Title,
    IReadOnlyList<string>? Paragraphs,
    DateOnly? EventDate,
    IReadOnlyList<int>? UnitIds,
    IReadOnlyList<string>? Authors,
    int? ColumnHint,
    string? ContactPhone = null,
    int? CallId = null,
    int? Version = null);

public sealed record MoveRequest(string? Comment = null, int? ColumnId = null);

public sealed record SubmissionFilter(SubmissionStatus? Status = null, int? UnitId = null, int? ColumnId = null,
    DateOnly? From = null, DateOnly? To = null, bool Mine = false, int Page = 1);
