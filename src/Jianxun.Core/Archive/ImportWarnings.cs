using Jianxun.Text;

namespace Jianxun.Core.Archive;

/// <summary>
/// The structure warnings of a preview (ADR-028), by the engine's one rule (<see cref="BulletinWarnings"/>), and the stand-ins
/// an import uses for what is missing, so that one doubt never loses a bulletin.
/// </summary>
public static class ImportWarnings
{
    public static List<ImportWarning> Structure(IEnumerable<ImportSectionDto> sections, int? year)
        => BulletinWarnings.Structure(sections.Select(s => new WarningSection(
            s.Name,
            s.IsBriefs,
            null,
            [.. (s.Articles ?? []).Select(a => new WarningArticle(
                a.Title,
                (a.CreditUnits?.Count ?? 0) + (a.CreditAuthors?.Count ?? 0) > 0,
                a.Dates ?? [],
                a.Paragraphs ?? [],
                a.SourceLineStart))])), year);

    /// <summary>The draft's structure warnings recomputed after a correction (a fixed title loses its warning); the others stay.</summary>
    public static ImportPreviewDto Refresh(ImportPreviewDto draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var fresh = Structure(draft.Sections, draft.Year);
        return draft with { Warnings = [.. draft.Warnings.Where(w => !BulletinWarnings.StructureKinds.Contains(w.Kind)), .. fresh] };
    }

    /// <summary>Untitled articles of titled columns get their first words as the title; unnamed columns a stand-in name.</summary>
    public static IReadOnlyList<ImportSectionDto> WithStandIns(IReadOnlyList<ImportSectionDto> sections)
        => [.. sections.Select(s => s with
        {
            Name = string.IsNullOrWhiteSpace(s.Name) ? BulletinWarnings.StandInColumn : s.Name,
            Articles = s.IsBriefs ? s.Articles : [.. (s.Articles ?? []).Select(a => string.IsNullOrWhiteSpace(a.Title)
                ? a with { Title = BulletinWarnings.StandInTitle(a.Paragraphs) }
                : a)],
        })];
}
