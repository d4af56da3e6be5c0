using System.Data.Common;
using System.Globalization;
using System.Text;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jianxun.Core.Search;

/// <summary>
/// What both dialects share: the document tables (<c>search_docs</c>, <c>search_doc_units</c>, <c>search_doc_persons</c>),
/// the generation and tombstones that keep each process's <see cref="SearchCatalog"/> current, and the query path:
/// the database matches the text once, the catalog filters, counts, facets and sorts the matching ids, and the database
/// returns the text of one page of hits (ADR-009). A subclass says how words and bigrams are stored and matched.
/// Every value, user text included, travels as a parameter; match expressions are built from quoted tokens.
/// </summary>
public abstract class SqlSearchIndex(AppDbContext db) : ISearchIndex
{
    /// <summary>The predicate "document d has all these words" for a match expression in parameter <paramref name="p"/>.</summary>
    protected abstract string WordMatch(string p);

    /// <summary>The predicate "document d has all these bigrams".</summary>
    protected abstract string GramMatch(string p);

    /// <summary>The predicate "the folded text contains the parameter's text" (ordinal); the text is joined by <see cref="TextJoin"/>.</summary>
    protected abstract string TextContains(string p);

    /// <summary>A join making the folded text available to <see cref="TextContains"/> (may be empty).</summary>
    protected virtual string TextJoin => "";

    /// <summary>A match expression requiring every word.</summary>
    protected abstract string WordExpression(IEnumerable<string> tokens);

    /// <summary>A match expression requiring every bigram of a term (candidates, verified against the text).</summary>
    protected abstract string GramExpression(SearchTerm term);

    /// <summary>The statement returning <c>id, title, body, units</c> of the documents whose ids are inlined in <c>{0}</c>.</summary>
    protected abstract string HitsSql { get; }

    /// <summary>Starts a read transaction whose statements all see one snapshot.</summary>
    protected abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Writes a document's own rows: <c>search_docs</c> and the dialect's term rows.</summary>
    protected abstract Task WriteDocumentAsync(DocumentWriter writer, long id, long generation, SearchDocument d, IndexedText t, CancellationToken ct);

    /// <summary>A document's text as both dialects index it: folded title and text, the body for snippets, and the jieba words.</summary>
    protected sealed record IndexedText(string TitleNorm, string Body, string Norm, IReadOnlyList<string> TitleTokens, IReadOnlyList<string> BodyTokens)
    {
        public static IndexedText Of(SearchDocument d)
        {
            var titleNorm = SearchQueryParser.Fold(d.Title);
            var norm = SearchText.Folded(d.Title, d.Paragraphs);
            return new IndexedText(titleNorm, SearchText.Body(d.Paragraphs), norm, SearchText.IndexTokens(titleNorm),
                SearchText.IndexTokens(norm[(titleNorm.Length + 1)..]));
        }
    }

    /// <summary>Deletes the term rows of documents matching a <c>search_docs</c> condition (before the documents go).</summary>
    protected abstract Task DeleteTermsAsync(DbConnection connection, DbTransaction? tx, string where, CancellationToken ct);

    /// <summary>Deletes every term row.</summary>
    protected abstract Task ClearTermsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct);

    /// <summary>
    /// Matches the text of a query in one statement when the dialect can (SQLite: one FTS5 expression); null to use the
    /// general statement built from <see cref="WordMatch"/>, <see cref="GramMatch"/> and <see cref="TextContains"/>.
    /// </summary>
    private protected virtual Task<MatchedIds?> FastMatchAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<SearchClause> clauses,
        CancellationToken ct) => Task.FromResult<MatchedIds?>(null);

    private static readonly string[] ClearStatements = ["DELETE FROM search_doc_units", "DELETE FROM search_doc_persons", "DELETE FROM search_docs", "DELETE FROM search_tombstones"];

    protected static long DocId(SearchDocKind kind, int refId) => ((long)refId * 2) + (int)kind;

    public async Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0)
        {
            return;
        }
        await WithConnectionAsync(async (c, tx) =>
        {
            var gen = await BumpAsync(c, tx, ct);
            await DeleteWhereAsync(c, tx, gen, "id IN (" + string.Join(',', documents.Select(d => DocId(d.Kind, d.RefId))) + ")", ct);
            await using var writer = new DocumentWriter(c, tx);
            foreach (var d in documents)
            {
                var id = DocId(d.Kind, d.RefId);
                await WriteDocumentAsync(writer, id, gen, d, IndexedText.Of(d), ct);
                foreach (var unit in d.UnitIds.Distinct())
                {
                    await writer.ExecuteAsync("INSERT INTO search_doc_units (doc_id, unit_id) VALUES (@p0, @p1)", ct, id, unit);
                }
                foreach (var person in d.Persons.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal))
                {
                    await writer.ExecuteAsync("INSERT INTO search_doc_persons (doc_id, name) VALUES (@p0, @p1)", ct, id, person);
                }
            }
            return 0;
        }, ct);
    }

    public Task DeleteAsync(SearchDocKind kind, IReadOnlyCollection<int> refIds, CancellationToken ct)
        => refIds.Count == 0 ? Task.CompletedTask
            : WithConnectionAsync(async (c, tx) => await DeleteWhereAsync(c, tx, await BumpAsync(c, tx, ct),
                "id IN (" + string.Join(',', refIds.Select(r => DocId(kind, r))) + ")", ct), ct);

    public Task DeleteIssuesAsync(IReadOnlyCollection<int> issueIds, CancellationToken ct)
        => issueIds.Count == 0 ? Task.CompletedTask
            : WithConnectionAsync(async (c, tx) => await DeleteWhereAsync(c, tx, await BumpAsync(c, tx, ct),
                "kind = 0 AND issue_id IN (" + string.Join(',', issueIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")", ct), ct);

    /// <summary>Empties the index; every catalog reloads in full at its next search.</summary>
    public Task ClearAsync(CancellationToken ct) => WithConnectionAsync(async (c, tx) =>
    {
        var gen = await BumpAsync(c, tx, ct);
        await ClearTermsAsync(c, tx, ct);
        foreach (var sql in ClearStatements)
        {
            await ExecuteAsync(c, tx, sql, ct);
        }
        await ExecuteAsync(c, tx, "UPDATE search_state SET cleared_gen = " + gen.ToString(CultureInfo.InvariantCulture) + " WHERE id = 1", ct);
        return 0;
    }, ct);

    public Task CompactAsync(CancellationToken ct) => WithConnectionAsync(async (c, tx) =>
    {
        await CompactTermsAsync(c, tx, ct);
        return 0;
    }, ct);

    /// <summary>Reorganises the dialect's term storage after a bulk load; nothing by default.</summary>
    protected virtual Task CompactTermsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> PersonNamesAsync(CancellationToken ct)
        => WithConnectionAsync(async (c, tx) =>
        {
            await using var cmd = Command(c, tx, "SELECT DISTINCT name FROM search_doc_persons");
            var list = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                list.Add(r.GetString(0));
            }
            return (IReadOnlyList<string>)list;
        }, ct);

    /// <summary>The next generation; the row lock it takes also orders concurrent writers, so generations commit in order.</summary>
    private static async Task<long> BumpAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, "UPDATE search_state SET generation = generation + 1 WHERE id = 1 RETURNING generation");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<int> DeleteWhereAsync(DbConnection c, DbTransaction? tx, long gen, string where, CancellationToken ct)
    {
        await DeleteTermsAsync(c, tx, where, ct);
        foreach (var sql in new[]
                 {
                     $"INSERT INTO search_tombstones (doc_id, gen) SELECT id, {gen.ToString(CultureInfo.InvariantCulture)} FROM search_docs WHERE {where}",
                     $"DELETE FROM search_doc_units WHERE doc_id IN (SELECT id FROM search_docs WHERE {where})",
                     $"DELETE FROM search_doc_persons WHERE doc_id IN (SELECT id FROM search_docs WHERE {where})",
                     $"DELETE FROM search_docs WHERE {where}",
                 })
        {
            await ExecuteAsync(c, tx, sql, ct);
        }
        return 0;
    }

    public Task<SearchIndexResult> QueryAsync(SearchIndexQuery query, CancellationToken ct)
        => WithConnectionAsync(async (c, tx) =>
        {
            var q = query;
            var catalog = await RefreshAsync(c, tx, ct);
            using var matches = q.Clauses.Count == 0 ? null : await MatchAsync(c, tx, q.Clauses, ct);
            HashSet<long>? personText = null;
            if (!string.IsNullOrWhiteSpace(q.Person) && SearchQueryParser.Fold(q.Person.Trim()) is { Length: > 0 } folded)
            {
                var term = new SearchTerm(folded, true, [], SearchText.Grams(folded));
                using var named = await MatchAsync(c, tx, [new SearchClause([term], false)], ct);
                personText = new HashSet<long>(named.Count);
                foreach (var id in named.Span)
                {
                    personText.Add(id);
                }
            }
            var titleTexts = q.Clauses.Where(cl => !cl.Excluded).SelectMany(cl => cl.Alternatives).Select(a => a.Text).ToList();
            var r = catalog.Evaluate(q, matches, personText, titleTexts);

            var hits = new List<SearchIndexHit>();
            if (r.Page.Count > 0)
            {
                var texts = new Dictionary<long, HitText>();
                await using (var cmd = Command(c, tx, string.Format(CultureInfo.InvariantCulture, HitsSql, string.Join(',', r.Page.Select(p => p.Doc.Id)))))
                await using (var reader = await cmd.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        texts[reader.GetInt64(0)] = new HitText(reader.GetString(1), reader.GetString(2), reader.GetString(3));
                    }
                }
                foreach (var (d, score) in r.Page)
                {
                    var t = texts.GetValueOrDefault(d.Id, new HitText("", "", ""));
                    hits.Add(new SearchIndexHit(d.Kind, d.RefId, d.IssueId, t.Title, t.Body, d.DateValue, d.Column, t.Units, d.Source, score));
                }
            }
            return new SearchIndexResult(r.Total, hits, r.Units, r.Columns, r.Years, r.Persons, r.Sources, r.Months);
        }, ct);

    /// <summary>
    /// The ids of the documents matching the clauses, the text matched once. No engine score: relevance is the number of
    /// terms in the title, then the date (see <see cref="SearchCatalog"/> and ADR-009 for why not bm25 or ts_rank).
    /// </summary>
    private async Task<MatchedIds> MatchAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<SearchClause> clauses, CancellationToken ct)
    {
        if (await FastMatchAsync(c, tx, clauses, ct) is { } fast)
        {
            return fast;
        }
        var prm = new List<(string Name, object? Value)>();
        string P(object? value)
        {
            var name = "p" + prm.Count.ToString(CultureInfo.InvariantCulture);
            prm.Add((name, value));
            return "@" + name;
        }
        var where = new List<string>();
        foreach (var clause in clauses)
        {
            var alternatives = clause.Alternatives.Select(t => TermPredicate(t, P)).ToList();
            var predicate = alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" OR ", alternatives) + ")";
            where.Add(clause.Excluded ? "NOT " + predicate : predicate);
        }
        var needsText = clauses.SelectMany(cl => cl.Alternatives).Any(t => (t.Quoted || t.Grams.Count > 0) && !IsOneBigram(t));
        var sql = $"SELECT d.id FROM search_docs d {(needsText ? TextJoin : "")} WHERE {string.Join(" AND ", where)}";
        return await InMatchScopeAsync(c, tx, async t =>
        {
            await using var cmd = Command(c, t, sql);
            Bind(cmd, prm);
            return await ReadIdsAsync(cmd, ct);
        }, ct);
    }

    /// <summary>Runs the general match statement (<paramref name="work"/>, given the transaction to use); a dialect may set it up.</summary>
    private protected virtual Task<MatchedIds> InMatchScopeAsync(DbConnection c, DbTransaction? tx, Func<DbTransaction?, Task<MatchedIds>> work,
        CancellationToken ct) => work(tx);

    private static async Task<MatchedIds> ReadIdsAsync(DbCommand cmd, CancellationToken ct)
    {
        var ids = new MatchedIds();
        try
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ids.Add(r.GetInt64(0));
            }
            return ids;
        }
        catch
        {
            ids.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether an unquoted term must also be matched by its words, besides as a substring. Not when jieba makes the whole
    /// term one of its words: the words' AND then requires that word, and an article where it is a word contains it as a
    /// substring, so the substring alone finds the same articles at a fraction of the cost (a common word's list is long).
    /// </summary>
    protected static bool NeedsWords(SearchTerm t)
        => !t.Quoted && t.Tokens.Count > 0 && !(t.Grams.Count > 0 && t.Tokens.Contains(t.Text, StringComparer.Ordinal));

    /// <summary>
    /// Whether a term is two letters or digits: then a document has its one bigram exactly when its text contains it, and
    /// the bigram match needs no check against the text. On PostgreSQL that check read the TOASTed text of every candidate:
    /// a common two-character term has 150,000 of them.
    /// </summary>
    private static bool IsOneBigram(SearchTerm t) => t.Grams.Count == 1 && t.Text.Length == 2 && IsRun(t.Text);

    /// <summary>Whether a text is one run of two or more letters and digits: what the n-gram indexes match exactly.</summary>
    protected static bool IsRun(string text) => text.Length >= 2 && text.All(char.IsLetterOrDigit);

    private string TermPredicate(SearchTerm t, Func<object?, string> p)
    {
        var parts = new List<string>();
        if (NeedsWords(t))
        {
            parts.Add(WordMatch(p(WordExpression(t.Tokens))));
        }
        if (IsOneBigram(t))
        {
            parts.Add(GramMatch(p(GramExpression(t))));
        }
        else if (t.Quoted || t.Grams.Count > 0)
        {
            var contains = TextContains(p(t.Text));
            parts.Add(t.Grams.Count > 0 ? $"({GramMatch(p(GramExpression(t)))} AND {contains})" : contains);
        }
        return parts.Count == 1 ? parts[0] : "(" + string.Join(" OR ", parts) + ")";
    }

    /// <summary>The catalog as of the database's current generation: unchanged, updated by the rows since, or loaded in full.</summary>
    private async Task<SearchCatalog> RefreshAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        var key = c.ConnectionString;
        var own = tx is null ? await BeginSnapshotAsync(c, ct) : null;
        try
        {
            var t = tx ?? own;
            string instance;
            long gen, cleared;
            await using (var cmd = Command(c, t, "SELECT instance, generation, cleared_gen FROM search_state WHERE id = 1"))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                if (!await r.ReadAsync(ct))
                {
                    throw new InvalidOperationException("search_state has no row: the database was not migrated.");
                }
                (instance, gen, cleared) = (r.GetString(0), r.GetInt64(1), r.GetInt64(2));
            }
            var current = SearchCatalog.Current(key);
            if (current.Instance == instance && current.Generation == gen)
            {
                return current;
            }
            var full = current.Instance != instance || gen < current.Generation || cleared > current.Generation;
            var since = full ? -1 : current.Generation;
            var names = new NameTable.Builder(full ? NameTable.Empty : current.Names);
            SearchCatalog next;
            if (full)
            {
                int expected;
                await using (var cmd = Command(c, t, "SELECT count(*) FROM search_docs"))
                {
                    expected = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                }
                var builder = SearchCatalog.Load(expected);
                await LoadDocsAsync(c, t, since, names, builder.Add, ct);
                next = builder.Build(instance, gen, names.Build());
            }
            else
            {
                var docs = new List<SearchDocMeta>();
                await LoadDocsAsync(c, t, since, names, docs.Add, ct);
                var deleted = new List<long>();
                await using (var cmd = Command(c, t, "SELECT doc_id FROM search_tombstones WHERE gen > " + since.ToString(CultureInfo.InvariantCulture)))
                await using (var r = await cmd.ExecuteReaderAsync(ct))
                {
                    while (await r.ReadAsync(ct))
                    {
                        deleted.Add(r.GetInt64(0));
                    }
                }
                next = current.Apply(gen, deleted, docs, names.Build());
            }
            SearchCatalog.Store(key, next);
            return next;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The catalog rows written since a generation, each handed to <paramref name="add"/> as it is read. Units and persons
    /// come as (document, value) pairs in document order and are merged with the documents, also in id order (two
    /// statements, not one per document). The catalog copies them into its own arrays, so these records are short-lived.
    /// </summary>
#pragma warning disable CA1849 // IsDBNull after ReadAsync: the row is already read (neither provider streams columns here).
    private static async Task LoadDocsAsync(DbConnection c, DbTransaction? tx, long since, NameTable.Builder names, Action<SearchDocMeta> add,
        CancellationToken ct)
    {
        var sinceSql = since.ToString(CultureInfo.InvariantCulture);
        var (unitDocs, unitIds) = await PairsAsync(c, tx,
            $"SELECT x.doc_id, x.unit_id FROM search_doc_units x JOIN search_docs d ON d.id = x.doc_id WHERE d.gen > {sinceSql} ORDER BY x.doc_id, x.unit_id",
            r => r.GetInt32(1), ct);
        var (personDocs, personKeys) = await PairsAsync(c, tx,
            $"SELECT x.doc_id, x.name FROM search_doc_persons x JOIN search_docs d ON d.id = x.doc_id WHERE d.gen > {sinceSql} ORDER BY x.doc_id, x.name",
            r => names.Key(r.GetString(1)), ct);

        int u = 0, p = 0;
        static int[] Take(List<long> docs, List<int> values, ref int at, long id)
        {
            while (at < docs.Count && docs[at] < id)
            {
                at++;
            }
            var start = at;
            while (at < docs.Count && docs[at] == id)
            {
                at++;
            }
            return at == start ? [] : [.. values.GetRange(start, at - start)];
        }
        static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

        await using (var cmd = Command(c, tx, "SELECT id, kind, ref_id, issue_id, series_id, column_id, column_name, source, status, created_by, date, title_norm, readers, issue_units " +
                                              $"FROM search_docs WHERE gen > {sinceSql} ORDER BY id"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var date = r.IsDBNull(10) ? 0 : SearchDocMeta.DateKey(DateOnly.ParseExact(r.GetString(10), "yyyy-MM-dd", CultureInfo.InvariantCulture));
                var column = r.IsDBNull(6) ? null : r.GetString(6);
                add(new SearchDocMeta(id, (SearchDocKind)r.GetInt32(1), r.GetInt32(2), Int(r, 3), Int(r, 4), Int(r, 5), column,
                    column is null ? -1 : names.Key(column), (SearchSource)r.GetInt32(7), Int(r, 8), Int(r, 9), date,
                    Take(unitDocs, unitIds, ref u, id), Take(personDocs, personKeys, ref p, id), r.GetString(11),
                    ParseIds(r.GetValue(12)), ParseIds(r.GetValue(13))));
            }
        }
    }

    private static async Task<(List<long> Docs, List<int> Values)> PairsAsync(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, int> value,
        CancellationToken ct)
    {
        var docs = new List<long>();
        var values = new List<int>();
        await using var cmd = Command(c, tx, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            docs.Add(r.GetInt64(0));
            values.Add(value(r));
        }
        return (docs, values);
    }
#pragma warning restore CA1849

    protected static async Task ExecuteAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected static DbCommand Command(DbConnection c, DbTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants and generated parameter names; values are parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        cmd.Transaction = tx;
        return cmd;
    }

    protected static void Add(DbCommand cmd, string name, object? value)
    {
        var prm = cmd.CreateParameter();
        prm.ParameterName = name;
        prm.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(prm);
    }

    private static void Bind(DbCommand cmd, List<(string Name, object? Value)> prm)
    {
        foreach (var (name, value) in prm)
        {
            Add(cmd, name, value);
        }
    }

    /// <summary>Quotes a token for a match expression: <paramref name="quote"/> doubled inside.</summary>
    protected static string Quote(string token, char quote)
    {
        var sb = new StringBuilder(token.Length + 2).Append(quote);
        foreach (var ch in token)
        {
            sb.Append(ch);
            if (ch == quote)
            {
                sb.Append(quote);
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>The values of a document's <c>search_docs</c> row, in the order of <see cref="DocColumnList"/>.</summary>
    protected static object?[] DocValues(long id, long gen, SearchDocument d, IndexedText t) =>
    [
        id, (int)d.Kind, d.RefId, d.IssueId, d.SeriesId, d.ColumnId, d.ColumnName, (int)d.Source, d.Status, d.CreatedById,
        d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Date?.Year, d.Title, string.Join('、', d.UnitNames), t.TitleNorm, gen,
        IdList(d.IssueReaders), d.IssueReaders is { Count: > 0 } ? IdList(d.IssueUnits) : null,
    ];

    /// <summary><c>@p0, @p1, …</c> for <see cref="DocumentWriter"/>.</summary>
    protected static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));

    private static string? IdList(IReadOnlyList<int>? ids)
        => ids is { Count: > 0 } ? string.Join(',', ids.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture))) : null;

    private static int[] ParseIds(object value)
        => value is string s && s.Length > 0 ? [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))] : [];

    /// <summary>The columns of <see cref="DocValues"/>, in order.</summary>
    protected const string DocColumnList = "id, kind, ref_id, issue_id, series_id, column_id, column_name, source, status, created_by, date, year, title, units, title_norm, gen, readers, issue_units";

    /// <summary>The number of values of <see cref="DocColumnList"/>.</summary>
    protected const int DocColumnCount = 18;

    private sealed record HitText(string Title, string Body, string Units);

    private async Task<T> WithConnectionAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Writes rows with one prepared command per statement text, reused for every row of a batch (a reindex writes
    /// hundreds of thousands: a new command per row was most of its time).
    /// </summary>
    protected sealed class DocumentWriter(DbConnection connection, DbTransaction? tx) : IAsyncDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public async Task ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
        {
            if (!_commands.TryGetValue(sql, out var cmd))
            {
                cmd = Command(connection, tx, sql);
                for (var i = 0; i < values.Length; i++)
                {
                    Add(cmd, "p" + i.ToString(CultureInfo.InvariantCulture), null);
                }
                _commands[sql] = cmd;
            }
            for (var i = 0; i < values.Length; i++)
            {
                cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var cmd in _commands.Values)
            {
                await cmd.DisposeAsync();
            }
        }
    }
}
