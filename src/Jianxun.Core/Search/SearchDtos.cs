namespace Jianxun.Core.Search;

/// <summary>A search as the page, the API and the command line send it; every field is optional text, checked by the handler.</summary>
public sealed record SearchRequest(
    string? Q = null,
    string? Series = null,
    string? Column = null,
    string? Unit = null,
    string? Person = null,
    string? From = null,
    string? To = null,
    string? Source = null,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null);

/// <summary>One result. <c>ArticleId</c> is the archive item's id (kind <c>archive</c>) or the workflow article's (kind <c>workflow</c>).</summary>
public sealed record SearchHitDto(
    string Kind,
    int ArticleId,
    int? IssueId,
    string Title,
    string TitleHtml,
    string Snippet,
    DateOnly? Date,
    string? Column,
    IReadOnlyList<string> Units,
    string Source,
    string SourceName,
    string Url);

public sealed record SearchFacetDto(string Key, string Label, int Count);

public sealed record SearchFacetsDto(
    IReadOnlyList<SearchFacetDto> Units,
    IReadOnlyList<SearchFacetDto> Columns,
    IReadOnlyList<SearchFacetDto> Years,
    IReadOnlyList<SearchFacetDto> Persons,
    IReadOnlyList<SearchFacetDto> Sources);

public sealed record SearchResultDto(int Total, int Page, int PageSize, string Sort, IReadOnlyList<SearchHitDto> Items, SearchFacetsDto Facets);

public sealed record MonthCountDto(string Month, int Contributed, int Mentioned);

public sealed record UnitPageDto(
    int Id,
    string Name,
    string ShortName,
    IReadOnlyList<string> Aliases,
    string? ParentName,
    int? ParentId,
    IReadOnlyList<SearchFacetDto> SubUnits,
    int ContributedTotal,
    IReadOnlyList<SearchHitDto> Contributed,
    int MentionedTotal,
    IReadOnlyList<SearchHitDto> Mentioned,
    IReadOnlyList<MonthCountDto> ByMonth);

/// <summary>What the index holds: articles of published and imported issues, and articles in the workflow.</summary>
public sealed record SearchIndexCountsDto(int Archive, int Workflow)
{
    public int Total => Archive + Workflow;
}
