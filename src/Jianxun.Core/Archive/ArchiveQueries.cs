using System.Text.Json;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Search;
using Jianxun.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Archive;

/// <summary>
/// Reading the archive: every published issue, compiled here or imported from an old file, that the reader's
/// reading scope allows (<see cref="ReadingScope"/>; the pages and endpoints require a signed-in user).
/// </summary>
public sealed class ArchiveQueries(AppDbContext db, FileStore files, ReadingScope reading, IssueRenderer renderer)
{
    public const int MaxPersonMentions = 500;

    /// <summary>Published issues (compiled and imported), newest first.</summary>
    public async Task<IReadOnlyList<ArchiveListItemDto>> ListAsync(Actor actor, ArchiveFilter filter, CancellationToken ct)
    {
        var q = await ArchiveAsync(actor, ct);
        if (filter.SeriesId is int seriesId)
        {
            q = q.Where(i => i.SeriesId == seriesId);
        }
        if (filter.Year is int year)
        {
            q = q.Where(i => i.Year == year || (i.Year == null && i.Date.Year == year));
        }
        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            var source = Enum.TryParse<IssueSource>(filter.Source, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw ValidationException.For("source", $"未知来源“{filter.Source}”。可用：Imported（导入）、Compiled（本系统编印）。");
            q = q.Where(i => i.Source == source);
        }
        var rows = await q.OrderByDescending(i => i.Date).ThenByDescending(i => i.TotalNumber).ThenByDescending(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.SeriesId,
                Series = i.Series!.Name,
                i.Year,
                i.Number,
                i.TotalNumber,
                i.Date,
                i.Source,
                i.SourceFileName,
                Articles = db.IssueItems.Count(x => x.IssueId == i.Id),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ArchiveListItemDto(r.Id, r.SeriesId, r.Series, ImportHandlers.Label(r.Year, r.Number, r.TotalNumber, r.Date),
            r.Year, r.Number, r.TotalNumber, r.Date, r.Source.ToString(), SourceName(r.Source), r.Articles, r.SourceFileName))];
    }

    /// <summary>The years that have issues, for the filter.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(Actor actor, CancellationToken ct)
        => (await (await ArchiveAsync(actor, ct)).Select(i => i.Year ?? i.Date.Year).Distinct().ToListAsync(ct)).OrderDescending().ToList();

    public async Task<ArchiveIssueDto> GetAsync(Actor actor, int id, CancellationToken ct) => Dto(await LoadAsync(actor, id, ct));

    /// <summary>
    /// The issue and its content as the one rendering every view shows (ADR-025), imported or compiled, with the words
    /// of the search <paramref name="q"/> marked (a query that does not parse marks nothing).
    /// </summary>
    public async Task<(ArchiveIssueDto Issue, string Html)> ReadAsync(Actor actor, int id, string? q, CancellationToken ct)
    {
        var issue = await LoadAsync(actor, id, ct);
        IReadOnlyList<string> marks = [];
        if (!string.IsNullOrWhiteSpace(q))
        {
            try
            {
                marks = SearchText.Highlights(SearchQueryParser.Parse(q));
            }
            catch (ValidationException)
            {
                // REVIEW: the search page explains a bad query; the issue still reads, unmarked.
            }
        }
        return (Dto(issue), await renderer.ArchiveHtmlAsync(issue, marks, ct));
    }

    private async Task<Issue> LoadAsync(Actor actor, int id, CancellationToken ct)
        => await (await ArchiveAsync(actor, ct)).AsSplitQuery().Include(i => i.Series).Include(i => i.Sections).ThenInclude(s => s.Items)
            .FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("找不到这一期（或尚未印发）。");

    private static ArchiveIssueDto Dto(Issue issue)
        => new ArchiveIssueDto(issue.Id, issue.SeriesId, issue.Series!.Name, issue.Series.Issuer, issue.Label, issue.Year, issue.Number, issue.TotalNumber,
            issue.Date, issue.Source.ToString(), SourceName(issue.Source), issue.SourceFileName, issue.SourceStoredName is not null, issue.PublishedAt,
            [.. issue.Sections.OrderBy(s => s.Order).Select(s => new ArchiveSectionDto(s.Id, s.Name, s.IsBriefs, s.ColumnId,
                [.. s.Items.OrderBy(i => i.Order).Select(i => new ArchiveItemDto(i.Id, i.Title, i.Number, i.Paragraphs, i.CreditLine, i.CreditUnits,
                    i.CreditAuthors, Persons(i.PersonsJson), i.Dates, i.Organizations, i.SourceLineStart, i.SourceLineEnd))]))]);

    /// <summary>The source file an issue was imported from.</summary>
    public async Task<(Stream Content, string FileName)> OpenSourceAsync(Actor actor, int id, CancellationToken ct)
    {
        var row = await (await ArchiveAsync(actor, ct)).Where(i => i.Id == id).Select(i => new { i.SourceStoredName, i.SourceFileName }).FirstOrDefaultAsync(ct);
        if (row?.SourceStoredName is null)
        {
            throw new NotFoundException("这一期没有导入的原文件。");
        }
        return (files.OpenRead(row.SourceStoredName), row.SourceFileName ?? Path.GetFileName(row.SourceStoredName));
    }

    /// <summary>Every archive article that names the person, the titles written at each date, and the units credited with those articles.</summary>
    public async Task<PersonDto> PersonAsync(Actor actor, string name, CancellationToken ct)
    {
        var n = name?.Trim() ?? "";
        if (n.Length is 0 or > 20)
        {
            throw ValidationException.For("name", "请提供 1 到 20 个字的姓名。");
        }
        // Names are stored unescaped in PersonsJson, so SQL narrows the rows and the JSON decides.
        var needle = $"\"name\":\"{n}\"";
        var archive = await ArchiveAsync(actor, ct);
        var rows = await (from item in db.IssueItems.AsNoTracking()
                          join section in db.IssueSections on item.SectionId equals section.Id
                          join issue in archive on item.IssueId equals issue.Id
                          where item.PersonsJson != null && item.PersonsJson.Contains(needle)
                          orderby issue.Date, issue.Id, section.Order, item.Order
                          select new
                          {
                              IssueId = issue.Id,
                              Series = issue.Series!.Name,
                              issue.Year,
                              issue.Number,
                              issue.TotalNumber,
                              issue.Date,
                              ItemId = item.Id,
                              item.Title,
                              ItemNumber = item.Number,
                              Section = section.Name,
                              item.PersonsJson,
                              item.CreditUnits,
                          })
            .Take(MaxPersonMentions)
            .ToListAsync(ct);
        var mentions = new List<PersonMentionDto>();
        foreach (var r in rows)
        {
            var person = Persons(r.PersonsJson).FirstOrDefault(p => string.Equals(p.Name, n, StringComparison.Ordinal));
            if (person is null)
            {
                continue;
            }
            mentions.Add(new PersonMentionDto(r.IssueId, ImportHandlers.Label(r.Year, r.Number, r.TotalNumber, r.Date), r.Series, r.Date, r.ItemId,
                r.Title, r.ItemNumber, r.Section, person.Titles, r.CreditUnits));
        }
        if (mentions.Count == 0)
        {
            throw new NotFoundException($"刊物库中没有提到“{n}”的文章。");
        }
        var titles = mentions.Where(m => m.Titles.Count > 0)
            .GroupBy(m => (m.Date, m.IssueLabel))
            .Select(g => new PersonTitleDto(g.Key.Date, g.Key.IssueLabel, [.. g.SelectMany(m => m.Titles).Distinct(StringComparer.Ordinal)]))
            .ToList();
        var units = mentions.SelectMany(m => m.Units.Distinct(StringComparer.Ordinal))
            .GroupBy(u => u, StringComparer.Ordinal)
            .Select(g => new PersonUnitDto(g.Key, g.Count()))
            .OrderByDescending(u => u.Articles).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        return new PersonDto(n, mentions, titles, units);
    }

    public static string SourceName(IssueSource source) => source switch
    {
        IssueSource.Imported => "导入",
        IssueSource.Compiled => "本系统编印",
    };

    private Task<IQueryable<Issue>> ArchiveAsync(Actor actor, CancellationToken ct)
        => reading.FilterAsync(db.Issues.AsNoTracking().Where(i => i.Status == IssueStatus.Published), actor, ct);

    private static List<ImportPersonDto> Persons(string? json)
        => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ImportPersonDto>>(json, ImportHandlers.PersonJson) ?? [];
}
