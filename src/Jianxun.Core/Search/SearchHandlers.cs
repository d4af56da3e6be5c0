using System.Globalization;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Search;

/// <summary>
/// Searching the archive (everyone signed in, within their reading scope: see <see cref="Issues.ReadingScope"/>) and the workflow (editors: every article but others' drafts;
/// unit users: their unit's articles, drafts only their own). Bad input becomes a Chinese validation message.
/// </summary>
public sealed class SearchHandlers(AppDbContext db, ISearchIndex index, SearchIndexer indexer, Issues.ReadingScope reading)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxResultWindow = 10_000;

    /// <summary>The audit log's entity type for rebuilds of the index (the web app's job and the command line).</summary>
    public const string AuditEntityType = "SearchIndex";

    private static readonly string[] SeeAllWorkflow = [Roles.Editor, Roles.Signer, Roles.Admin];

    /// <summary>
    /// The unit facet's names, a query compiled once per database provider (EF refuses a compiled query on another model),
    /// as it runs on every search: the LINQ version cost about 0.4 ms a search.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<AppDbContext, int[], IAsyncEnumerable<UnitName>>> UnitNameQueries
        = new(StringComparer.Ordinal);

    private static IAsyncEnumerable<UnitName> UnitNames(AppDbContext db, int[] ids)
        => UnitNameQueries.GetOrAdd(db.Database.ProviderName ?? "", static _ => EF.CompileAsyncQuery(
            (AppDbContext db, int[] ids) => db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new UnitName(u.Id, u.ShortName))))(db, ids);

    private sealed record UnitName(int Id, string ShortName);

    public async Task<SearchResultDto> SearchAsync(Actor actor, SearchRequest request, CancellationToken ct)
    {
        var hasFilter = new[] { request.Series, request.Column, request.Unit, request.Person, request.From, request.To }.Any(f => !string.IsNullOrWhiteSpace(f));
        var clauses = SearchQueryParser.Parse(request.Q, allowEmpty: hasFilter);
        var page = request.Page ?? 1;
        var pageSize = request.PageSize ?? DefaultPageSize;
        var v = new Validator()
            .Check(page >= 1, "page", "页码应从 1 开始。")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"每页条数应在 1 到 {MaxPageSize} 之间。");
        v.ThrowIfInvalid();
        new Validator().Check((long)page * pageSize <= MaxResultWindow, "page", $"最多只能翻到第 {MaxResultWindow} 条结果，请加上筛选条件缩小范围。").ThrowIfInvalid();

        var sortByDate = ParseSort(request.Sort, clauses.Count == 0);
        var query = await FiltersAsync(actor, request, ct) with
        {
            Clauses = clauses,
            SortByDate = sortByDate,
            Offset = (page - 1) * pageSize,
            Limit = pageSize,
            ReaderUnitChain = await ReaderChainAsync(actor, ct),
        };
        await indexer.EnsureDictionaryAsync(ct);
        var result = await index.QueryAsync(query, ct);
        var marks = SearchText.Highlights(clauses);
        var unitNames = new Dictionary<int, string>();
        if (result.Units.Count > 0)
        {
            await foreach (var u in UnitNames(db, [.. result.Units.Select(u => u.UnitId)]).WithCancellation(ct))
            {
                unitNames[u.Id] = u.ShortName;
            }
        }
        var facets = new SearchFacetsDto(
            [.. result.Units.Select(u => new SearchFacetDto(u.UnitId.ToString(CultureInfo.InvariantCulture), unitNames.GetValueOrDefault(u.UnitId, "?"), u.Count))],
            [.. result.Columns.Select(c => new SearchFacetDto(c.Column, c.Column, c.Count))],
            [.. result.Years.OrderByDescending(y => y.Year).Select(y => new SearchFacetDto(y.Year.ToString(CultureInfo.InvariantCulture), $"{y.Year}年", y.Count))],
            [.. result.Persons.Select(p => new SearchFacetDto(p.Person, p.Person, p.Count))],
            [.. result.Sources.Select(s => new SearchFacetDto(SourceKey(s.Source), SourceName(s.Source), s.Count))]);
        return new SearchResultDto(result.Total, page, pageSize, sortByDate ? "date" : "relevance", [.. result.Hits.Select(h => Hit(h, marks, request.Q))], facets);
    }

    /// <summary>A unit's page: what it contributed (with its sub-units) and what mentions it, by month.</summary>
    public async Task<UnitPageDto> UnitPageAsync(Actor actor, int unitId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.ShortName, u.Aliases, u.ParentId }).ToListAsync(ct);
        var unit = units.FirstOrDefault(u => u.Id == unitId) ?? throw new NotFoundException("找不到该单位。");
        await indexer.EnsureDictionaryAsync(ct);
        var archive = new[] { SearchSource.Published, SearchSource.Imported };
        var chain = await ReaderChainAsync(actor, ct);
        var contributed = await index.QueryAsync(new SearchIndexQuery([], UnitIds: Descendants(units.Select(u => (u.Id, u.ParentId)), unitId),
            Sources: archive, SortByDate: true, Limit: 20, Facets: false, ByMonth: true, ReaderUnitChain: chain), ct);
        var names = unit.Aliases.Append(unit.Name).Append(unit.ShortName).Select(SearchQueryParser.Fold).Where(n => n.Length >= 2)
            .Distinct(StringComparer.Ordinal).Take(SearchQueryParser.MaxTerms).ToList();
        var clause = new SearchClause([.. names.Select(n => new SearchTerm(n, true, SearchText.QueryTokens(n), SearchText.Grams(n)))], false);
        var mentioned = names.Count == 0 ? new SearchIndexResult(0, [], [], [], [], [], [], [])
            : await index.QueryAsync(new SearchIndexQuery([clause], Sources: archive, SortByDate: true, Limit: 20, Facets: false, ByMonth: true, ReaderUnitChain: chain), ct);
        var marks = SearchText.Highlights([clause]);
        var c = contributed.Months.ToDictionary(m => m.Month, m => m.Count, StringComparer.Ordinal);
        var m = mentioned.Months.ToDictionary(x => x.Month, x => x.Count, StringComparer.Ordinal);
        var months = c.Keys.Union(m.Keys).Order(StringComparer.Ordinal)
            .Select(k => new MonthCountDto(k, c.GetValueOrDefault(k), m.GetValueOrDefault(k))).ToList();
        var parent = units.FirstOrDefault(u => u.Id == unit.ParentId);
        return new UnitPageDto(unit.Id, unit.Name, unit.ShortName, unit.Aliases, parent?.ShortName, parent?.Id,
            [.. units.Where(u => u.ParentId == unit.Id).Select(u => new SearchFacetDto(u.Id.ToString(CultureInfo.InvariantCulture), u.ShortName, 0))],
            contributed.Total, [.. contributed.Hits.Select(h => Hit(h, []))], mentioned.Total, [.. mentioned.Hits.Select(h => Hit(h, marks))], months);
    }

    /// <summary>Rebuilds the index (administrators and the command line).</summary>
    public async Task<int> ReindexAsync(Actor actor, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        return await indexer.ReindexAllAsync(progress, ct);
    }

    /// <summary>How many archive articles and workflow articles the index holds (administrators).</summary>
    public async Task<SearchIndexCountsDto> IndexCountsAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        // REVIEW: raw SQL over the index's own table (ISearchIndex has no count); both dialects share search_docs.
        var archive = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM search_docs WHERE kind = 0").SingleAsync(ct);
        var workflow = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM search_docs WHERE kind = 1").SingleAsync(ct);
        return new SearchIndexCountsDto(archive, workflow);
    }

    /// <summary>The searcher's unit chain for the reading scope; null for the office, who reads every issue.</summary>
    private async Task<IReadOnlyList<int>?> ReaderChainAsync(Actor actor, CancellationToken ct)
        => Issues.ReadingScope.SeesEverything(actor) ? null : await reading.UnitChainAsync(actor, ct);

    private async Task<SearchIndexQuery> FiltersAsync(Actor actor, SearchRequest r, CancellationToken ct)
    {
        var v = new Validator();
        int? seriesId = null;
        if (Clean(r.Series) is { } series)
        {
            seriesId = int.TryParse(series, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await db.Series.Where(s => s.Id == id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
                : await db.Series.Where(s => s.Name == series).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            v.Check(seriesId is not null, "series", $"找不到刊物“{series}”。");
        }
        int? columnId = null;
        string? columnName = null;
        if (Clean(r.Column) is { } column)
        {
            if (int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                columnId = id;
            }
            else
            {
                columnName = column;
            }
        }
        IReadOnlyCollection<int>? unitIds = null;
        if (Clean(r.Unit) is { } unitText)
        {
            var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.ShortName, u.Aliases, u.ParentId }).ToListAsync(ct);
            var unit = int.TryParse(unitText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? units.FirstOrDefault(u => u.Id == id)
                : units.FirstOrDefault(u => u.Aliases.Append(u.Name).Append(u.ShortName).Contains(unitText, StringComparer.Ordinal));
            v.Check(unit is not null, "unit", $"找不到单位“{unitText}”。");
            if (unit is not null)
            {
                unitIds = Descendants(units.Select(u => (u.Id, u.ParentId)), unit.Id);
            }
        }
        var person = Clean(r.Person);
        v.Check(person is null || person.Length <= 50, "person", "人名过长。");
        var from = ParseDate(r.From, "from", "起始日期", v, end: false);
        var to = ParseDate(r.To, "to", "截止日期", v, end: true);
        v.Check(from is null || to is null || from <= to, "to", "截止日期不能早于起始日期。");
        var sources = ParseSources(r.Source, v);
        v.ThrowIfInvalid();

        var scope = SeeAllWorkflow.Any(actor.IsInRole) ? new WorkflowScope(true, null, actor.UserId)
            : (actor.IsInRole(Roles.Contributor) || actor.IsInRole(Roles.UnitReviewer)) && actor.UnitId is int mine ? new WorkflowScope(false, mine, actor.UserId)
            : WorkflowScope.None;
        return new SearchIndexQuery([], seriesId, columnId, columnName, unitIds, person, from, to, sources, scope);
    }

    private static HashSet<int> Descendants(IEnumerable<(int Id, int? ParentId)> units, int root)
    {
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        var set = new HashSet<int> { root };
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var child in children[id].Where(set.Add))
            {
                queue.Enqueue(child);
            }
        }
        return set;
    }

    private static bool ParseSort(string? sort, bool noTerms) => Clean(sort)?.ToLowerInvariant() switch
    {
        null => noTerms,
        "relevance" or "相关度" => noTerms,
        "date" or "日期" => true,
        var s => throw ValidationException.For("sort", $"未知排序方式“{s}”：可用 relevance（相关度）或 date（日期）。"),
    };

    private static DateOnly? ParseDate(string? text, string field, string label, Validator v, bool end)
    {
        if (Clean(text) is not { } s)
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];
        if (DateOnly.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        if (DateOnly.TryParseExact(s + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return end ? month.AddMonths(1).AddDays(-1) : month;
        }
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200)
        {
            return end ? new DateOnly(year, 12, 31) : new DateOnly(year, 1, 1);
        }
        v.Check(false, field, $"{label}“{(s.Length > 20 ? s[..20] + "…" : s)}”格式不对，请写成 2026-03-01。");
        return null;
    }

    private static List<SearchSource>? ParseSources(string? text, Validator v)
    {
        if (Clean(text) is not { } s)
        {
            return null;
        }
        var list = new List<SearchSource>();
        foreach (var part in s.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            SearchSource? source = part.ToLowerInvariant() switch
            {
                "published" or "compiled" or "本系统" or "印发" or "已印发" => SearchSource.Published,
                "imported" or "导入" => SearchSource.Imported,
                "workflow" or "流程" or "稿件" or "流程中" => SearchSource.Workflow,
                "archive" or "归档" or "刊物" => null,
                _ => (SearchSource)(-1),
            };
            if (source is null)
            {
                list.AddRange([SearchSource.Published, SearchSource.Imported]);
            }
            else if (Enum.IsDefined(source.Value))
            {
                list.Add(source.Value);
            }
            else
            {
                v.Check(false, "source", $"未知来源“{part}”：可用 published（本系统印发）、imported（导入）、workflow（流程中的稿件）。");
            }
        }
        return list;
    }

    /// <summary>A hit; an archive hit links to its article in the issue, with the query (<paramref name="q"/>) for the issue page to mark.</summary>
    private static SearchHitDto Hit(SearchIndexHit h, IReadOnlyList<string> marks, string? q = null)
    {
        var kind = h.Kind == SearchDocKind.ArchiveItem ? "archive" : "workflow";
        var query = string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q.Trim());
        var url = h.Kind == SearchDocKind.ArchiveItem
            ? $"/archive/{h.IssueId?.ToString(CultureInfo.InvariantCulture)}{query}#item-{h.RefId.ToString(CultureInfo.InvariantCulture)}"
            : $"/submissions/{h.RefId.ToString(CultureInfo.InvariantCulture)}";
        return new SearchHitDto(kind, h.RefId, h.IssueId, h.Title, SearchText.MarkAll(h.Title, marks), SearchText.Snippet(h.Body, marks),
            h.Date, h.Column, [.. h.Units.Split('、', StringSplitOptions.RemoveEmptyEntries)], SourceKey(h.Source), SourceName(h.Source), url);
    }

    private static string SourceKey(SearchSource s) => s switch
    {
        SearchSource.Published => "published",
        SearchSource.Imported => "imported",
        SearchSource.Workflow => "workflow",
        _ => s.ToString(),
    };

    private static string SourceName(SearchSource s) => s switch
    {
        SearchSource.Published => "本系统印发",
        SearchSource.Imported => "导入",
        SearchSource.Workflow => "流程中的稿件",
        _ => s.ToString(),
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
