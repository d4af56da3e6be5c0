using System.Collections.Concurrent;
using System.Globalization;

namespace Jianxun.Core.Search;

/// <summary>
/// A search document's metadata as the catalog is loaded with it and as a page of hits comes out of it: everything
/// filters, facets and sorting need, no text but the folded title. The column (<see cref="ColumnKey"/>) and the persons
/// are keys into the catalog's <see cref="NameTable"/>, so that facets count in arrays rather than hash strings.
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
/// the database (FTS5, GIN); the catalog filters, counts, facets and sorts the matching ids in one pass. A snapshot never
/// changes: a refresh builds a new one from the rows written since its generation (<c>search_state.generation</c>,
/// bumped by every write) and the tombstones of deleted rows, so writes by other processes (the command line, a second
/// server) are seen by the next search.
/// </summary>
/// <remarks>
/// The documents are one array of structs (<see cref="Row"/>) in id order, found from an id through an array indexed by
/// id; the folded titles are one character array and the units, persons and reading scopes one integer array. The pass
/// over 150,000 matches of a common phrase reads memory nearly in order instead of chasing an object and a hash bucket
/// per match, and the catalog holds a handful of objects, so a full garbage collection does not walk 200,000 of them
/// (ADR-010).
/// </remarks>
internal sealed class SearchCatalog
{
    private static readonly ConcurrentDictionary<string, SearchCatalog> Catalogs = new(StringComparer.Ordinal);

    /// <summary>No value (a null id or status).</summary>
    private const int None = int.MinValue;

    private readonly Row[] _rows;
    private readonly char[] _titles;
    private readonly int[] _values;
    private readonly SlotMap _slots;
    private readonly int _maxUnit;
    private readonly int _firstYear;
    private readonly int _years;

    private SearchCatalog(string instance, long generation, Row[] rows, char[] titles, int[] values, NameTable names)
    {
        Instance = instance;
        Generation = generation;
        _rows = rows;
        _titles = titles;
        _values = values;
        Names = names;
        _slots = SlotMap.Of(rows);
        var maxUnit = 0;
        int firstYear = int.MaxValue, lastYear = int.MinValue;
        foreach (ref readonly var r in rows.AsSpan())
        {
            foreach (var u in r.Units(values))
            {
                maxUnit = Math.Max(maxUnit, u);
            }
            if (r.Date != 0)
            {
                firstYear = Math.Min(firstYear, r.Date / 10000);
                lastYear = Math.Max(lastYear, r.Date / 10000);
            }
        }
        _maxUnit = maxUnit;
        (_firstYear, _years) = firstYear > lastYear ? (0, 0) : (firstYear, lastYear - firstYear + 1);
    }

    /// <summary>Column and person names by key.</summary>
    public NameTable Names { get; }

    /// <summary>The database's <c>search_state.instance</c>: a new database (or a restored copy) is a new catalog.</summary>
    public string Instance { get; }

    public long Generation { get; }

    /// <summary>The number of documents.</summary>
    public int Count => _rows.Length;

    public static SearchCatalog Empty { get; } = new("", -1, [], [], [], NameTable.Empty);

    /// <summary>The last catalog built for a database, if any (one per connection string, like a connection pool).</summary>
    public static SearchCatalog Current(string key) => Catalogs.TryGetValue(key, out var c) ? c : Empty;

    public static void Store(string key, SearchCatalog catalog)
        => Catalogs.AddOrUpdate(key, catalog, (_, old) => old.Instance == catalog.Instance && old.Generation > catalog.Generation ? old : catalog);

    /// <summary>A full load.</summary>
    public static SearchCatalog Create(string instance, long generation, IEnumerable<SearchDocMeta> docs, NameTable names)
    {
        var b = Load(docs.TryGetNonEnumeratedCount(out var n) ? n : 0);
        foreach (var d in docs)
        {
            b.Add(d);
        }
        return b.Build(instance, generation, names);
    }

    /// <summary>
    /// A full load fed one document at a time (<see cref="Builder.Add(SearchDocMeta)"/>, then <see cref="Builder.Build"/>),
    /// so that no list of every document's record exists while the catalog is built: at 200,000 documents that list
    /// was about 80 MB of the server's peak memory.
    /// </summary>
    public static Builder Load(int expected) => new(expected);

    /// <summary>This catalog with the changes since its generation applied (deletions first: an upsert is a delete and an insert).</summary>
    public SearchCatalog Apply(long generation, IEnumerable<long> deleted, IReadOnlyCollection<SearchDocMeta> written, NameTable names)
    {
        var gone = new HashSet<long>(deleted);
        gone.UnionWith(written.Select(d => d.Id));
        var b = new Builder(_rows.Length + written.Count);
        var added = written.OrderBy(d => d.Id).ToList();
        var w = 0;
        // A merge, so that the rows stay in id order.
        foreach (ref readonly var r in _rows.AsSpan())
        {
            while (w < added.Count && added[w].Id <= r.Id)
            {
                b.Add(added[w++]);
            }
            if (!gone.Contains(r.Id))
            {
                b.Add(r, _titles, _values);
            }
        }
        while (w < added.Count)
        {
            b.Add(added[w++]);
        }
        return b.Build(Instance, generation, names);
    }

    /// <summary>
    /// Filters, counts, facets, sorts and pages. <paramref name="matches"/>: the ids matching the text (null: no text, every
    /// document); <paramref name="personText"/>: ids whose text contains the person filter's name.
    /// </summary>
    public CatalogResult Evaluate(SearchIndexQuery q, MatchedIds? matches, HashSet<long>? personText, IReadOnlyList<string> titleTexts)
    {
        var filter = new Filter(q, personText, Names, _maxUnit, _values);
        var pass = new Pass(this, q, titleTexts);
        var rows = _rows;
        if (matches is null)
        {
            for (var slot = 0; slot < rows.Length; slot++)
            {
                if (filter.Passes(in rows[slot]))
                {
                    pass.Add(slot);
                }
            }
        }
        else
        {
            foreach (var id in matches.Span)
            {
                if (_slots[id] is var slot and >= 0 && filter.Passes(in rows[slot]))
                {
                    pass.Add(slot);
                }
            }
        }
        return pass.Result();
    }

    /// <summary>The document in a slot, as a record (for the page of hits).</summary>
    private SearchDocMeta Meta(int slot)
    {
        ref readonly var r = ref _rows[slot];
        return new SearchDocMeta(r.Id, r.Kind, r.RefId, Nullable(r.IssueId), Nullable(r.SeriesId), Nullable(r.ColumnId),
            r.ColumnKey >= 0 ? Names[r.ColumnKey] : null, r.ColumnKey, r.Source, Nullable(r.Status), Nullable(r.CreatedBy), r.Date,
            r.Units(_values).ToArray(), r.Persons(_values).ToArray(), new string(_titles, r.TitleStart, r.TitleLength),
            r.Readers(_values).ToArray(), r.IssueUnits(_values).ToArray());
    }

    private static int? Nullable(int v) => v == None ? null : v;

    private static int Value(int? v) => v ?? None;

    /// <summary>
    /// One document: the fields filters and facets read, with no object references (the garbage collector need not look
    /// inside). Its title is a range of the title characters; its units, persons, reader units and credited units follow
    /// each other in the integer array from <see cref="ValueStart"/>.
    /// </summary>
    internal readonly record struct Row(
        long Id,
        int RefId,
        int IssueId,
        int SeriesId,
        int ColumnId,
        int ColumnKey,
        int Status,
        int CreatedBy,
        int Date,
        int TitleStart,
        int TitleLength,
        int ValueStart,
        int UnitCount,
        int PersonCount,
        int ReaderCount,
        int IssueUnitCount,
        SearchDocKind Kind,
        SearchSource Source)
    {
        public ReadOnlySpan<int> Units(int[] values) => values.AsSpan(ValueStart, UnitCount);

        public ReadOnlySpan<int> Persons(int[] values) => values.AsSpan(ValueStart + UnitCount, PersonCount);

        public ReadOnlySpan<int> Readers(int[] values) => values.AsSpan(ValueStart + UnitCount + PersonCount, ReaderCount);

        public ReadOnlySpan<int> IssueUnits(int[] values) => values.AsSpan(ValueStart + UnitCount + PersonCount + ReaderCount, IssueUnitCount);

        public int ValueCount => UnitCount + PersonCount + ReaderCount + IssueUnitCount;
    }

    /// <summary>Rows, titles and values appended in any order; <see cref="Build"/> sorts the rows by id if needed.</summary>
    internal sealed class Builder(int capacity)
    {
        private readonly List<Row> _rows = new(capacity);
        private readonly List<char> _titleChars = new(capacity * 24);
        private readonly List<int> _values = new(capacity * 4);

        public void Add(SearchDocMeta d)
        {
            var title = _titleChars.Count;
            _titleChars.AddRange(d.TitleNorm);
            var values = _values.Count;
            _values.AddRange(d.Units);
            _values.AddRange(d.Persons);
            _values.AddRange(d.Readers);
            _values.AddRange(d.IssueUnits);
            _rows.Add(new Row(d.Id, d.RefId, Value(d.IssueId), Value(d.SeriesId), Value(d.ColumnId), d.ColumnKey, Value(d.Status), Value(d.CreatedBy),
                d.Date, title, d.TitleNorm.Length, values, d.Units.Length, d.Persons.Length, d.Readers.Length, d.IssueUnits.Length, d.Kind, d.Source));
        }

        public void Add(in Row r, char[] titles, int[] values)
        {
            var title = _titleChars.Count;
            _titleChars.AddRange(titles.AsSpan(r.TitleStart, r.TitleLength));
            var start = _values.Count;
            _values.AddRange(values.AsSpan(r.ValueStart, r.ValueCount));
            _rows.Add(r with { TitleStart = title, ValueStart = start });
        }

        public SearchCatalog Build(string instance, long generation, NameTable names)
        {
            // Rows in id order: FTS5 and the general path return ids in order, so the pass reads the rows in order too.
            var rows = _rows.ToArray();
            if (!IsSorted(rows))
            {
                Array.Sort(rows, static (a, b) => a.Id.CompareTo(b.Id));
            }
            return new SearchCatalog(instance, generation, rows, [.. _titleChars], [.. _values], names);
        }

        private static bool IsSorted(Row[] rows)
        {
            for (var i = 1; i < rows.Length; i++)
            {
                if (rows[i - 1].Id >= rows[i].Id)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>From a document id to its slot: an array indexed by id when ids are dense enough, else a dictionary.</summary>
    private sealed class SlotMap
    {
        private readonly int[]? _dense;
        private readonly Dictionary<long, int>? _sparse;

        private SlotMap(int[]? dense, Dictionary<long, int>? sparse)
        {
            _dense = dense;
            _sparse = sparse;
        }

        public static SlotMap Of(Row[] rows)
        {
            var max = rows.Length == 0 ? 0 : rows.Max(r => r.Id);
            if (rows.Length > 0 && rows.Min(r => r.Id) >= 0 && max < (4L * rows.Length) + 4096)
            {
                var dense = new int[max + 1];
                Array.Fill(dense, -1);
                for (var i = 0; i < rows.Length; i++)
                {
                    dense[rows[i].Id] = i;
                }
                return new SlotMap(dense, null);
            }
            var sparse = new Dictionary<long, int>(rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                sparse[rows[i].Id] = i;
            }
            return new SlotMap(null, sparse);
        }

        /// <summary>The slot of a document, -1 when the catalog does not have it.</summary>
        public int this[long id] => _dense is { } d
            ? (id >= 0 && id < d.Length ? d[id] : -1)
            : _sparse!.TryGetValue(id, out var s) ? s : -1;
    }

    /// <summary>The filters of a query, as the SQL of the first version had them.</summary>
    private sealed class Filter
    {
        private readonly HashSet<long>? _personText;
        private readonly bool[]? _units;
        private readonly IReadOnlyList<int>? _chain;
        private readonly int _sources;
        private readonly int _series;
        private readonly int _columnId;
        private readonly int _column;
        private readonly int _person;
        private readonly int _from;
        private readonly int _to;
        private readonly WorkflowScope _scope;
        private readonly int[] _values;

        public Filter(SearchIndexQuery q, HashSet<long>? personText, NameTable names, int maxUnit, int[] values)
        {
            _values = values;
            _personText = personText;
            if (q.UnitIds is { } units)
            {
                _units = new bool[maxUnit + 1];
                foreach (var u in units.Where(u => u >= 0 && u <= maxUnit))
                {
                    _units[u] = true;
                }
            }
            _chain = q.ReaderUnitChain;
            var sources = q.Sources is { Count: > 0 } s ? s : [SearchSource.Published, SearchSource.Imported, SearchSource.Workflow];
            _sources = sources.Aggregate(0, (mask, x) => mask | (1 << (int)x));
            _series = q.SeriesId ?? None;
            _columnId = q.ColumnId ?? None;
            // -1: no such filter; a name the catalog has never seen matches no document (-2).
            _column = string.IsNullOrWhiteSpace(q.ColumnName) ? -1 : names.KeyOf(q.ColumnName.Trim()) ?? -2;
            _person = string.IsNullOrWhiteSpace(q.Person) ? -1 : names.KeyOf(q.Person.Trim()) ?? -2;
            _from = SearchDocMeta.DateKey(q.From);
            _to = SearchDocMeta.DateKey(q.To);
            _scope = q.Workflow ?? WorkflowScope.None;
        }

        public bool Passes(in Row d)
        {
            if ((_series != None && d.SeriesId != _series)
                || (_columnId != None && d.ColumnId != _columnId)
                || (_column != -1 && d.ColumnKey != _column)
                || (_sources & (1 << (int)d.Source)) == 0
                || (_from != 0 && (d.Date == 0 || d.Date < _from))
                || (_to != 0 && (d.Date == 0 || d.Date > _to))
                || (_chain is not null && d.Kind == SearchDocKind.ArchiveItem && d.ReaderCount > 0
                    && !Issues.ReadingScope.CanRead(d.Readers(_values), d.IssueUnits(_values), _chain)))
            {
                return false;
            }
            if (_units is { } units && !AnyIn(d.Units(_values), units))
            {
                return false;
            }
            if (_person != -1 && !d.Persons(_values).Contains(_person) && _personText?.Contains(d.Id) != true)
            {
                return false;
            }
            if (d.Source != SearchSource.Workflow)
            {
                return true;
            }
            // The one rule for drafts (docs/security/input.md): a never-sent article (indexed as a draft) only for its writer;
            // unit users see their unit's sent articles; the office those past unit review.
            var own = _scope.UserId is int user && d.CreatedBy == user;
            var sent = d.Status != (int)Submissions.SubmissionStatus.Draft || own;
            return _scope.All
                ? sent && (d.Status != (int)Submissions.SubmissionStatus.AwaitingUnitReview || own)
                : _scope.UnitId is int unit && d.Units(_values).Contains(unit) && sent;
        }

        private static bool AnyIn(ReadOnlySpan<int> values, bool[] set)
        {
            foreach (var v in values)
            {
                if (v >= 0 && v < set.Length && set[v])
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// One pass over the documents that passed: the total, the facet counts (in arrays) and the best
    /// <c>offset + limit</c> by a sort key packed into one number (a min-heap of those keys).
    /// </summary>
    private sealed class Pass
    {
        private readonly SearchCatalog _c;
        private readonly SearchIndexQuery _q;
        private readonly string[] _titleTexts;
        private readonly int _take;
        private readonly PriorityQueue<int, ulong> _best;
        private readonly int[]? _units;
        private readonly int[]? _names;
        private readonly int[]? _columns;
        private readonly int[]? _years;
        private readonly int[]? _months;
        private readonly int[] _sources = new int[3];
        private int _total;

        public Pass(SearchCatalog c, SearchIndexQuery q, IReadOnlyList<string> titleTexts)
        {
            _c = c;
            _q = q;
            _titleTexts = q.SortByDate ? [] : [.. titleTexts.Where(t => t.Length > 0).Take(MaxTitleHits)];
            _take = q.Limit <= 0 ? 0 : q.Offset + q.Limit;
            _best = new PriorityQueue<int, ulong>(Math.Min(_take, 1024) + 1);
            if (q.Facets)
            {
                _units = new int[c._maxUnit + 1];
                _names = new int[c.Names.Count];
                _columns = new int[c.Names.Count];
                _years = new int[c._years];
            }
            if (q.ByMonth)
            {
                _months = new int[c._years * 12];
            }
        }

        /// <summary>Title hits take 5 bits of the sort key.</summary>
        private const int MaxTitleHits = 31;

        public void Add(int slot)
        {
            ref readonly var d = ref _c._rows[slot];
            _total++;
            if (_units is not null)
            {
                foreach (var u in d.Units(_c._values))
                {
                    _units[u]++;
                }
                foreach (var p in d.Persons(_c._values))
                {
                    _names![p]++;
                }
                if (d.ColumnKey >= 0)
                {
                    _columns![d.ColumnKey]++;
                }
                if (d.Date != 0)
                {
                    _years![(d.Date / 10000) - _c._firstYear]++;
                }
                _sources[(int)d.Source]++;
            }
            if (_months is not null && d.Date != 0)
            {
                _months[(((d.Date / 10000) - _c._firstYear) * 12) + (d.Date / 100 % 100) - 1]++;
            }
            if (_take == 0)
            {
                return;
            }
            // Relevance (ADR-009): the number of terms found in the title, then newest first, then the higher id.
            var key = ((ulong)TitleHits(in d) << 59) | ((ulong)(uint)d.Date << 32) | (uint)d.Id;
            if (_best.Count < _take)
            {
                _best.Enqueue(slot, key);
            }
            else if (_best.TryPeek(out _, out var worst) && key > worst)
            {
                _best.DequeueEnqueue(slot, key);
            }
        }

        private int TitleHits(in Row d)
        {
            var n = 0;
            if (_titleTexts.Length > 0)
            {
                var title = _c._titles.AsSpan(d.TitleStart, d.TitleLength);
                foreach (var t in _titleTexts)
                {
                    if (title.IndexOf(t.AsSpan()) >= 0)
                    {
                        n++;
                    }
                }
            }
            return n;
        }

        public CatalogResult Result()
        {
            var ranked = new List<(int Slot, ulong Key)>(_best.Count);
            while (_best.TryDequeue(out var slot, out var key))
            {
                ranked.Add((slot, key));
            }
            ranked.Reverse();
            var page = ranked.Skip(_q.Offset).Select(x => (Doc: _c.Meta(x.Slot), Score: 10.0 * (x.Key >> 59))).ToList();
            var months = _months is null ? [] : Top(_months, 1000, i => i, Comparer<int>.Default).ConvertAll(m =>
                ((_c._firstYear + (m.Key / 12)).ToString("D4", CultureInfo.InvariantCulture) + "-" + ((m.Key % 12) + 1).ToString("D2", CultureInfo.InvariantCulture), m.Count));
            if (_units is null || _total == 0)
            {
                return new CatalogResult(_total, page, [], [], [], [], [], months);
            }
            return new CatalogResult(_total, page,
                Top(_units, 30, i => i, Comparer<int>.Default),
                Top(_columns!, 30, i => _c.Names[i], StringComparer.Ordinal),
                Top(_years!, 50, i => _c._firstYear + i, Comparer<int>.Default),
                Top(_names!, 20, i => _c.Names[i], StringComparer.Ordinal),
                Top(_sources, 10, i => (SearchSource)i, Comparer<SearchSource>.Default),
                months);
        }

        /// <summary>The keys with a count, most first, ties by key.</summary>
        private static List<(TKey Key, int Count)> Top<TKey>(int[] counts, int limit, Func<int, TKey> key, IComparer<TKey> order)
        {
            var list = new List<(TKey Key, int Count)>();
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    list.Add((key(i), counts[i]));
                }
            }
            list.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : order.Compare(a.Key, b.Key));
            return list.Count > limit ? list.GetRange(0, limit) : list;
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
