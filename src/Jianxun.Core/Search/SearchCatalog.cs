using System.Collections.Concurrent;
using System.Globalization;

namespace Jianxun.Core.Search;

/// <summary>
/// What the catalog keeps of a search document: everything filters, facets and sorting need, no text but the folded
/// title. The column (<see cref="ColumnKey"/>) and the persons are keys into the catalog's <see cref="NameTable"/>, so
/// that facets count in arrays rather than hash strings.
/// </summary>
internal sealed record SearchDocMeta(
    long Id,
    SearchDocKind Kind,
    int RefId,
    int? IssueId,
    int? SeriesId,
    int? ColumnId,
    string? Column,
    int ColumnKey,
    SearchSource Source,
    int? Status,
    int? CreatedBy,
    int Date,
    int[] Units,
    int[] Persons,
    string TitleNorm,
    int[] Readers,
    int[] IssueUnits)
{
    /// <summary>The date as yyyyMMdd (0: none), so that comparing numbers compares dates.</summary>
    public static int DateKey(DateOnly? d) => d is { } x ? (x.Year * 10000) + (x.Month * 100) + x.Day : 0;

    public DateOnly? DateValue => Date == 0 ? null : new DateOnly(Date / 10000, Date / 100 % 100, Date % 100);
}

/// <summary>
/// An in-memory copy of the metadata of every search document of one database (ADR-009). Full-text matching stays in
/// the database (FTS5, GIN); the catalog filters, counts, facets and sorts the matching ids, which SQL did with one
/// full re-evaluation of the match per facet. A snapshot never changes: a refresh builds a new one from the rows
/// written since its generation (<c>search_state.generation</c>, bumped by every write) and the tombstones of deleted
/// rows, so writes by other processes (the command line, a second server) are seen by the next search.
/// </summary>
internal sealed class SearchCatalog
{
    private static readonly ConcurrentDictionary<string, SearchCatalog> Catalogs = new(StringComparer.Ordinal);

    private SearchCatalog(string instance, long generation, Dictionary<long, SearchDocMeta> docs, NameTable names)
    {
        Instance = instance;
        Generation = generation;
        Docs = docs;
        Names = names;
    }

    /// <summary>Column and person names by key.</summary>
    public NameTable Names { get; }

    /// <summary>The database's <c>search_state.instance</c>: a new database (or a restored copy) is a new catalog.</summary>
    public string Instance { get; }

    public long Generation { get; }

    public Dictionary<long, SearchDocMeta> Docs { get; }

    public static SearchCatalog Empty { get; } = new("", -1, [], NameTable.Empty);

    /// <summary>The last catalog built for a database, if any (one per connection string, like a connection pool).</summary>
    public static SearchCatalog Current(string key) => Catalogs.TryGetValue(key, out var c) ? c : Empty;

    public static void Store(string key, SearchCatalog catalog)
        => Catalogs.AddOrUpdate(key, catalog, (_, old) => old.Instance == catalog.Instance && old.Generation > catalog.Generation ? old : catalog);

    /// <summary>A full load.</summary>
    public static SearchCatalog Create(string instance, long generation, IEnumerable<SearchDocMeta> docs, NameTable names)
    {
        var dict = new Dictionary<long, SearchDocMeta>(docs.TryGetNonEnumeratedCount(out var n) ? n : 0);
        foreach (var d in docs)
        {
            dict[d.Id] = d;
        }
        return new SearchCatalog(instance, generation, dict, names);
    }

    /// <summary>This catalog with the changes since its generation applied (deletions first: an upsert is a delete and an insert).</summary>
    public SearchCatalog Apply(long generation, IEnumerable<long> deleted, IEnumerable<SearchDocMeta> written, NameTable names)
    {
        var dict = new Dictionary<long, SearchDocMeta>(Docs);
        foreach (var id in deleted)
        {
            dict.Remove(id);
        }
        foreach (var d in written)
        {
            dict[d.Id] = d;
        }
        return new SearchCatalog(Instance, generation, dict, names);
    }

    /// <summary>
    /// Filters, counts, facets, sorts and pages. <paramref name="matches"/>: the ids matching the text (null: no text, every
    /// document); <paramref name="personText"/>: ids whose text contains the person filter's name.
    /// </summary>
    public CatalogResult Evaluate(SearchIndexQuery q, IReadOnlyCollection<long>? matches, HashSet<long>? personText,
        IReadOnlyList<string> titleTexts)
    {
        var filter = new CatalogFilter(q, personText, Names);
        var passed = new List<SearchDocMeta>(matches?.Count ?? Docs.Count);
        if (matches is null)
        {
            foreach (var d in Docs.Values)
            {
                if (filter.Passes(d))
                {
                    passed.Add(d);
                }
            }
        }
        else
        {
            foreach (var id in matches)
            {
                if (Docs.TryGetValue(id, out var d) && filter.Passes(d))
                {
                    passed.Add(d);
                }
            }
        }

        var page = Page(passed, q, titleTexts);
        var months = q.ByMonth
            ? GroupValues(passed, d => d.Date == 0 ? null : d.Date / 100, 1000, Comparer<int>.Default)
                .ConvertAll(m => ((m.Key / 100).ToString("D4", CultureInfo.InvariantCulture) + "-" + (m.Key % 100).ToString("D2", CultureInfo.InvariantCulture), m.Count))
            : [];
        if (!q.Facets || passed.Count == 0)
        {
            return new CatalogResult(passed.Count, page, [], [], [], [], [], months);
        }
        return new CatalogResult(passed.Count, page,
            GroupMany(passed, d => d.Units, 30, Comparer<int>.Default),
            GroupNames(passed, d => d.ColumnKey, 30),
            GroupValues(passed, d => d.Date == 0 ? null : d.Date / 10000, 50, Comparer<int>.Default),
            GroupNames(passed, d => d.Persons, 20),
            GroupValues<SearchSource>(passed, d => d.Source, 10, Comparer<SearchSource>.Default),
            months);
    }

    private static List<(SearchDocMeta Doc, double Score)> Page(List<SearchDocMeta> passed, SearchIndexQuery q, IReadOnlyList<string> titleTexts)
    {
        var take = q.Offset + q.Limit;
        if (q.Limit <= 0 || passed.Count <= q.Offset)
        {
            return [];
        }
        // Relevance (ADR-009): the number of terms found in the title (×10, as the hit's score shows), then newest first.
        var ranked = passed.ConvertAll(d => (Doc: d, Score: q.SortByDate ? 0.0 : 10 * TitleHits(d.TitleNorm, titleTexts)));
        var comparer = q.SortByDate ? ByDate : ByScore;
        List<(SearchDocMeta Doc, double Score)> top;
        if (take < ranked.Count / 4)
        {
            // The worst of the best `take` on top of the heap: O(n log take).
            var heap = new PriorityQueue<(SearchDocMeta Doc, double Score), (SearchDocMeta Doc, double Score)>(take + 1, Comparer<(SearchDocMeta Doc, double Score)>.Create((a, b) => comparer.Compare(b, a)));
            foreach (var r in ranked)
            {
                if (heap.Count < take)
                {
                    heap.Enqueue(r, r);
                }
                else if (comparer.Compare(r, heap.Peek()) < 0)
                {
                    heap.DequeueEnqueue(r, r);
                }
            }
            top = [.. heap.UnorderedItems.Select(e => e.Element)];
        }
        else
        {
            top = ranked;
        }
        top.Sort(comparer);
        return top.Skip(q.Offset).Take(q.Limit).ToList();
    }

    private static int TitleHits(string title, IReadOnlyList<string> texts)
    {
        var n = 0;
        foreach (var t in texts)
        {
            if (title.Contains(t, StringComparison.Ordinal))
            {
                n++;
            }
        }
        return n;
    }

    private static readonly Comparer<(SearchDocMeta Doc, double Score)> ByDate = Comparer<(SearchDocMeta Doc, double Score)>.Create((a, b) =>
    {
        var c = b.Doc.Date.CompareTo(a.Doc.Date);
        return c != 0 ? c : b.Doc.Id.CompareTo(a.Doc.Id);
    });

    private static readonly Comparer<(SearchDocMeta Doc, double Score)> ByScore = Comparer<(SearchDocMeta Doc, double Score)>.Create((a, b) =>
    {
        var c = b.Score.CompareTo(a.Score);
        return c != 0 ? c : ByDate.Compare(a, b);
    });

    private List<(string Key, int Count)> GroupNames(List<SearchDocMeta> passed, Func<SearchDocMeta, int> key, int limit)
    {
        var counts = new int[Names.Count];
        foreach (var d in passed)
        {
            if (key(d) is var k and >= 0)
            {
                counts[k]++;
            }
        }
        return TopNames(counts, limit);
    }

    private List<(string Key, int Count)> GroupNames(List<SearchDocMeta> passed, Func<SearchDocMeta, int[]> keys, int limit)
    {
        var counts = new int[Names.Count];
        foreach (var d in passed)
        {
            foreach (var k in keys(d))
            {
                counts[k]++;
            }
        }
        return TopNames(counts, limit);
    }

    private List<(string Key, int Count)> TopNames(int[] counts, int limit)
        => [.. Enumerable.Range(0, counts.Length).Where(k => counts[k] > 0).Select(k => (Key: Names[k], Count: counts[k]))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal).Take(limit)];

    private static List<(TKey Key, int Count)> GroupValues<TKey>(List<SearchDocMeta> passed, Func<SearchDocMeta, TKey?> key, int limit,
        IComparer<TKey> order) where TKey : struct
    {
        var counts = new Dictionary<TKey, int>();
        foreach (var d in passed)
        {
            if (key(d) is { } k)
            {
                counts[k] = counts.GetValueOrDefault(k) + 1;
            }
        }
        return Top(counts, limit, order);
    }

    private static List<(TKey Key, int Count)> GroupMany<TKey>(List<SearchDocMeta> passed, Func<SearchDocMeta, TKey[]> keys, int limit,
        IComparer<TKey> order) where TKey : notnull
    {
        var counts = new Dictionary<TKey, int>();
        foreach (var d in passed)
        {
            foreach (var k in keys(d))
            {
                counts[k] = counts.GetValueOrDefault(k) + 1;
            }
        }
        return Top(counts, limit, order);
    }

    private static List<(TKey Key, int Count)> Top<TKey>(Dictionary<TKey, int> counts, int limit, IComparer<TKey> order) where TKey : notnull
        => [.. counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, order).Take(limit).Select(kv => (kv.Key, kv.Value))];

    /// <summary>The filters of a query, as the SQL of the first version had them.</summary>
    private sealed class CatalogFilter(SearchIndexQuery q, HashSet<long>? personText, NameTable names)
    {
        private readonly HashSet<int>? _units = q.UnitIds is { } u ? [.. u] : null;
        private readonly IReadOnlyList<int>? _chain = q.ReaderUnitChain;
        private readonly HashSet<SearchSource> _sources = q.Sources is { Count: > 0 } s ? [.. s] : [SearchSource.Published, SearchSource.Imported, SearchSource.Workflow];
        // -1: no such filter; a name the catalog has never seen matches no document (-2).
        private readonly int _column = string.IsNullOrWhiteSpace(q.ColumnName) ? -1 : names.KeyOf(q.ColumnName.Trim()) ?? -2;
        private readonly int _person = string.IsNullOrWhiteSpace(q.Person) ? -1 : names.KeyOf(q.Person.Trim()) ?? -2;
        private readonly int _from = SearchDocMeta.DateKey(q.From);
        private readonly int _to = SearchDocMeta.DateKey(q.To);
        private readonly WorkflowScope _scope = q.Workflow ?? WorkflowScope.None;

        public bool Passes(SearchDocMeta d)
        {
            if ((q.SeriesId is int series && d.SeriesId != series)
                || (q.ColumnId is int columnId && d.ColumnId != columnId)
                || (_column != -1 && d.ColumnKey != _column)
                || !_sources.Contains(d.Source)
                || (_from != 0 && (d.Date == 0 || d.Date < _from))
                || (_to != 0 && (d.Date == 0 || d.Date > _to))
                || (_chain is not null && d.Kind == SearchDocKind.ArchiveItem && !Issues.ReadingScope.CanRead(d.Readers, d.IssueUnits, _chain)))
            {
                return false;
            }
            if (_units is not null && !d.Units.Any(_units.Contains))
            {
                return false;
            }
            if (_person != -1 && !d.Persons.Contains(_person) && personText?.Contains(d.Id) != true)
            {
                return false;
            }
            if (d.Source != SearchSource.Workflow)
            {
                return true;
            }
            // The workflow's scope: unit users see their unit's articles (drafts only their own), editors all but others' drafts.
            var ownDraft = d.Status != 0 || (_scope.UserId is int user && d.CreatedBy == user);
            return _scope.All ? ownDraft : _scope.UnitId is int unit && d.Units.Contains(unit) && ownDraft;
        }
    }
}

internal sealed record CatalogResult(
    int Total,
    List<(SearchDocMeta Doc, double Score)> Page,
    List<(int Key, int Count)> Units,
    List<(string Key, int Count)> Columns,
    List<(int Key, int Count)> Years,
    List<(string Key, int Count)> Persons,
    List<(SearchSource Key, int Count)> Sources,
    List<(string Key, int Count)> Months);

/// <summary>
/// Column and person names by key, shared by a catalog's documents. Never changed once built: a refresh that meets new
/// names builds a new table with them appended (<see cref="Builder"/>), so keys stay valid from one catalog to the next.
/// </summary>
internal sealed class NameTable
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _keys;

    private NameTable(string[] names, Dictionary<string, int> keys)
    {
        _names = names;
        _keys = keys;
    }

    public static NameTable Empty { get; } = new([], new Dictionary<string, int>(StringComparer.Ordinal));

    public int Count => _names.Length;

    public string this[int key] => _names[key];

    public int? KeyOf(string name) => _keys.TryGetValue(name, out var k) ? k : null;

    /// <summary>Collects the names of a refresh; copies the table only when a new name turns up.</summary>
    public sealed class Builder(NameTable start)
    {
        private List<string>? _added;
        private Dictionary<string, int>? _keys;

        public int Key(string name)
        {
            if ((_keys ?? start._keys).TryGetValue(name, out var k))
            {
                return k;
            }
            _keys ??= new Dictionary<string, int>(start._keys, StringComparer.Ordinal);
            _added ??= [];
            k = start._names.Length + _added.Count;
            _added.Add(name);
            _keys[name] = k;
            return k;
        }

        public NameTable Build() => _added is null ? start : new NameTable([.. start._names, .. _added], _keys!);
    }
}
