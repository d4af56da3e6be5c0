using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jianxun.Text;

/// <summary>Writes a parsed bulletin in the ground-truth JSON shape (samples/README.md).</summary>
public static class BulletinJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// camelCase, Chinese unescaped, indented: <c>masthead</c>, <c>sections[].name</c>, <c>sections[].articles[]</c>
    /// with <c>title</c>, <c>number</c>, <c>paragraphs</c>, <c>credit</c>, <c>dates</c>, <c>persons</c>,
    /// <c>organizations</c>, followed by extra fields (resolved dates, unit links, source lines), and <c>warnings</c>: the
    /// doubts of the import (<paramref name="warnings"/>, else the bulletin's own structure warnings), ADR-028.
    /// </summary>
    public static string Serialize(ParsedBulletin bulletin, IReadOnlyList<ImportWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var dto = new BulletinDto(
            bulletin.Masthead,
            bulletin.Sections.Select(s => new SectionDto(
                s.Name,
                s.Articles.Select(a => new ArticleDto(
                    a.Title,
                    a.Number,
                    a.Paragraphs,
                    a.Credit is null ? null : new CreditDto(a.Credit.Units, a.Credit.Authors),
                    a.Dates,
                    a.Persons.Select(p => new PersonDto(p.Name, p.Titles)).ToList(),
                    a.Organizations,
                    a.ResolvedDates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                    a.UnitLinks.Select(l => new UnitLinkDto(l.Name, l.UnitKey)).ToList(),
                    a.SourceLineStart,
                    a.SourceLineEnd)).ToList(),
                s.SourceLineStart,
                s.SourceLineEnd)).ToList(),
            bulletin.IssueNumber,
            bulletin.TotalIssueNumber,
            bulletin.Year,
            bulletin.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            warnings ?? bulletin.Warnings);
        return JsonSerializer.Serialize(dto, Options);
    }

    private sealed record BulletinDto(string Masthead, IReadOnlyList<SectionDto> Sections, int? IssueNumber, int? TotalIssueNumber, int? Year, string? Date,
        IReadOnlyList<ImportWarning> Warnings);

    private sealed record SectionDto(string Name, IReadOnlyList<ArticleDto> Articles, int SourceLineStart, int SourceLineEnd);

    private sealed record ArticleDto(
        string? Title,
        int? Number,
        IReadOnlyList<string> Paragraphs,
        CreditDto? Credit,
        IReadOnlyList<string> Dates,
        IReadOnlyList<PersonDto> Persons,
        IReadOnlyList<string> Organizations,
        IReadOnlyList<string> ResolvedDates,
        IReadOnlyList<UnitLinkDto> UnitLinks,
        int SourceLineStart,
        int SourceLineEnd);

    private sealed record CreditDto(IReadOnlyList<string> Units, IReadOnlyList<string> Authors);

    private sealed record PersonDto(string Name, IReadOnlyList<string> Titles);

    private sealed record UnitLinkDto(string Name, string UnitKey);
}
