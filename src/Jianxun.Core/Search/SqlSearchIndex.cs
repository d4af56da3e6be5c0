using System.Data.Common;
using System.Globalization;
using System.Text;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jianxun.Core.Search;

/// <summary>
/// What both dialects share: the document tables (<c>search_docs</c>, <c>search_doc_units</c>, <c>search_doc_persons</c>),
/// filters, facets and paging. A subclass says how words and bigrams are stored and matched.
/// Every value, user text included, travels as a parameter; match expressions are built from quoted tokens.
/// </summary>
public abstract class SqlSearchIndex(AppDbContext db) : ISearchIndex
{
    private const string DocColumns = "id, kind, ref_id, issue_id, series_id, column_id, column_name, source, status, created_by, date, year, title, body, norm, title_norm, units";

    /// <summary>The predicate "document d has all these words" for a match expression in parameter <paramref name="p"/>.</summary>
    protected abstract string WordMatch(string p);

    /// <summary>The predicate "document d has all these bigrams".</summary>
    protected abstract string GramMatch(string p);

    /// <summary>The predicate "column contains the parameter's text" (ordinal).</summary>
    protected abstract string Contains(string column, string p);

    /// <summary>A match expression requiring every token (<paramref name="any"/>: at least one).</summary>
    protected abstract string MatchExpression(IEnumerable<string> tokens, bool any);

    /// <summary>A join giving a relevance score for the rank expression in <paramref name="p"/> (may be empty).</summary>
    protected abstract string RankJoin(string p);

    /// <summary>The relevance score (higher is better).</summary>
    protected abstract string RankScore(string p);

    /// <summary>Writes the word and bigram rows of a document already in <c>search_docs</c>.</summary>
    protected abstract Task WriteTermsAsync(DbConnection connection, DbTransaction? tx, long id, IReadOnlyList<string> titleTokens,
        IReadOnlyList<string> bodyTokens, IReadOnlyList<string> grams, CancellationToken ct);

    /// <summary>Deletes the word and bigram rows of documents matching a <c>search_docs</c> condition.</summary>
    protected abstract Task DeleteTermsAsync(DbConnection connection, DbTransaction? tx, string where, Action<DbCommand> bind, CancellationToken ct);

    /// <summary>Extra columns written with a document (PostgreSQL keeps its vectors in <c>search_docs</c>).</summary>
    protected virtual (string Columns, string Values) ExtraDocColumns => ("", "");

    protected virtual void BindExtra(DbCommand cmd, IReadOnlyList<string> titleTokens, IReadOnlyList<string> bodyTokens, IReadOnlyList<string> grams)
    {
    }

    protected static long DocId(SearchDocKind kind, int refId) => ((long)refId * 2) + (int)kind;

    public async Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0)
        {
            return;
        }
        await WithConnectionAsync(async (c, tx) =>
        {
            await DeleteWhereAsync(c, tx, "id IN (" + string.Join(',', documents.Select(d => DocId(d.Kind, d.RefId))) + ")", _ => { }, ct);
            foreach (var d in documents)
            {
                await InsertAsync(c, tx, d, ct);
            }
            return 0;
        }, ct);
    }

    public Task DeleteAsync(SearchDocKind kind, IReadOnlyCollection<int> refIds, CancellationToken ct)
        => refIds.Count == 0 ? Task.CompletedTask
            : WithConnectionAsync((c, tx) => DeleteWhereAsync(c, tx, "id IN (" + string.Join(',', refIds.Select(r => DocId(kind, r))) + ")", _ => { }, ct), ct);

    public Task DeleteIssuesAsync(IReadOnlyCollection<int> issueIds, CancellationToken ct)
        => issueIds.Count == 0 ? Task.CompletedTask
            : WithConnectionAsync((c, tx) => DeleteWhereAsync(c, tx,
                "kind = 0 AND issue_id IN (" + string.Join(',', issueIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")", _ => { }, ct), ct);

    public Task ClearAsync(CancellationToken ct) => WithConnectionAsync((c, tx) => DeleteWhereAsync(c, tx, "1 = 1", _ => { }, ct), ct);

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

    private async Task<int> DeleteWhereAsync(DbConnection c, DbTransaction? tx, string where, Action<DbCommand> bind, CancellationToken ct)
    {
        await DeleteTermsAsync(c, tx, where, bind, ct);
        var n = 0;
        foreach (var sql in new[]
                 {
                     $"DELETE FROM search_doc_units WHERE doc_id IN (SELECT id FROM search_docs WHERE {where})",
                     $"DELETE FROM search_doc_persons WHERE doc_id IN (SELECT id FROM search_docs WHERE {where})",
                     $"DELETE FROM search_docs WHERE {where}",
                 })
        {
            await using var cmd = Command(c, tx, sql);
            bind(cmd);
            n = await cmd.ExecuteNonQueryAsync(ct);
        }
        return n;
    }

    private async Task InsertAsync(DbConnection c, DbTransaction? tx, SearchDocument d, CancellationToken ct)
    {
        var id = DocId(d.Kind, d.RefId);
        var titleNorm = SearchQueryParser.Fold(d.Title);
        var body = SearchText.Body(d.Paragraphs);
        var norm = SearchText.Folded(d.Title, d.Paragraphs);
        var titleTokens = SearchText.IndexTokens(titleNorm);
        var bodyTokens = SearchText.IndexTokens(norm[(titleNorm.Length + 1)..]);
        var grams = SearchText.Grams(norm);
        var (extraColumns, extraValues) = ExtraDocColumns;
        await using (var cmd = Command(c, tx, $"INSERT INTO search_docs ({DocColumns}{extraColumns}) VALUES (@id, @kind, @ref, @issue, @series, @colId, @col, @source, @status, @by, @date, @year, @title, @body, @norm, @titleNorm, @units{extraValues})"))
        {
            Add(cmd, "id", id);
            Add(cmd, "kind", (int)d.Kind);
            Add(cmd, "ref", d.RefId);
            Add(cmd, "issue", d.IssueId);
            Add(cmd, "series", d.SeriesId);
            Add(cmd, "colId", d.ColumnId);
            Add(cmd, "col", d.ColumnName);
            Add(cmd, "source", (int)d.Source);
            Add(cmd, "status", d.Status);
            Add(cmd, "by", d.CreatedById);
            Add(cmd, "date", d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(cmd, "year", d.Date?.Year);
            Add(cmd, "title", d.Title);
            Add(cmd, "body", body);
            Add(cmd, "norm", norm);
            Add(cmd, "titleNorm", titleNorm);
            Add(cmd, "units", string.Join('、', d.UnitNames));
            BindExtra(cmd, titleTokens, bodyTokens, grams);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await WriteTermsAsync(c, tx, id, titleTokens, bodyTokens, grams, ct);
        foreach (var unit in d.UnitIds.Distinct())
        {
            await using var cmd = Command(c, tx, "INSERT INTO search_doc_units (doc_id, unit_id) VALUES (@id, @u)");
            Add(cmd, "id", id);
            Add(cmd, "u", unit);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var person in d.Persons.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal))
        {
            await using var cmd = Command(c, tx, "INSERT INTO search_doc_persons (doc_id, name) VALUES (@id, @n)");
            Add(cmd, "id", id);
            Add(cmd, "n", person);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public Task<SearchIndexResult> QueryAsync(SearchIndexQuery query, CancellationToken ct)
        => WithConnectionAsync(async (c, tx) =>
        {
            var q = query;
            var prm = new List<(string Name, object? Value)>();
            string P(object? value)
            {
                var name = "p" + prm.Count.ToString(CultureInfo.InvariantCulture);
                prm.Add((name, value));
                return "@" + name;
            }

            var where = new List<string>();
            var rankTokens = new List<string>();
            var titleHits = new List<string>();
            foreach (var clause in q.Clauses)
            {
                var alternatives = clause.Alternatives.Select(t => TermPredicate(t, P)).ToList();
                var predicate = alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" OR ", alternatives) + ")";
                where.Add(clause.Excluded ? "NOT " + predicate : predicate);
                if (!clause.Excluded)
                {
                    rankTokens.AddRange(clause.Alternatives.SelectMany(a => a.Tokens));
                    titleHits.AddRange(clause.Alternatives.Select(a => $"(CASE WHEN {Contains("d.title_norm", P(a.Text))} THEN 1 ELSE 0 END)"));
                }
            }
            AddFilters(q, where, P);
            var whereSql = where.Count == 0 ? "1 = 1" : string.Join(" AND ", where);

            var total = Convert.ToInt32(await ScalarAsync(c, tx, $"SELECT COUNT(*) FROM search_docs d WHERE {whereSql}", prm, ct), CultureInfo.InvariantCulture);
            var hits = new List<SearchIndexHit>();
            if (total > 0 && q.Limit > 0)
            {
                var rankParam = rankTokens.Count > 0 ? P(MatchExpression(rankTokens.Distinct(StringComparer.Ordinal), any: true)) : null;
                var score = rankParam is null ? "0" : RankScore(rankParam);
                var join = rankParam is null ? "" : RankJoin(rankParam);
                var th = titleHits.Count == 0 ? "0" : string.Join(" + ", titleHits);
                var order = q.SortByDate ? "d.date DESC, d.id DESC" : "th DESC, score DESC, d.date DESC, d.id DESC";
                var sql = $"SELECT d.kind, d.ref_id, d.issue_id, d.title, d.body, d.date, d.column_name, d.units, d.source, {th} AS th, {score} AS score " +
                          $"FROM search_docs d {join} WHERE {whereSql} ORDER BY {order} LIMIT {q.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {q.Offset.ToString(CultureInfo.InvariantCulture)}";
                await using var cmd = Command(c, tx, sql);
                Bind(cmd, prm);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    var values = new object[r.FieldCount];
                    r.GetValues(values);
                    hits.Add(new SearchIndexHit((SearchDocKind)Convert.ToInt32(values[0], CultureInfo.InvariantCulture),
                        Convert.ToInt32(values[1], CultureInfo.InvariantCulture),
                        values[2] is DBNull ? null : Convert.ToInt32(values[2], CultureInfo.InvariantCulture),
                        (string)values[3], (string)values[4],
                        values[5] is string date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                        values[6] as string, (string)values[7],
                        (SearchSource)Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture),
                        Convert.ToDouble(r.GetValue(10), CultureInfo.InvariantCulture) + (10 * Convert.ToDouble(r.GetValue(9), CultureInfo.InvariantCulture))));
                }
            }

            var none = new List<(string, int)>();
            if (!q.Facets || total == 0)
            {
                return new SearchIndexResult(total, hits, [], [], [], [], [], q.ByMonth && total > 0 ? await GroupAsync(c, tx, "substr(d.date, 1, 7)", "search_docs d", whereSql + " AND d.date IS NOT NULL", prm, 1000, ct) : none);
            }
            var units = await GroupAsync(c, tx, "x.unit_id", "search_doc_units x JOIN search_docs d ON d.id = x.doc_id", whereSql, prm, 30, ct);
            var columns = await GroupAsync(c, tx, "d.column_name", "search_docs d", whereSql + " AND d.column_name IS NOT NULL", prm, 30, ct);
            var years = await GroupAsync(c, tx, "d.year", "search_docs d", whereSql + " AND d.year IS NOT NULL", prm, 50, ct);
            var persons = await GroupAsync(c, tx, "x.name", "search_doc_persons x JOIN search_docs d ON d.id = x.doc_id", whereSql, prm, 20, ct);
            var sources = await GroupAsync(c, tx, "d.source", "search_docs d", whereSql, prm, 10, ct);
            var months = q.ByMonth ? await GroupAsync(c, tx, "substr(d.date, 1, 7)", "search_docs d", whereSql + " AND d.date IS NOT NULL", prm, 1000, ct) : none;
            return new SearchIndexResult(total, hits,
                [.. units.Select(u => (int.Parse(u.Key, CultureInfo.InvariantCulture), u.Count))],
                columns,
                [.. years.Select(y => (int.Parse(y.Key, CultureInfo.InvariantCulture), y.Count))],
                persons,
                [.. sources.Select(s => ((SearchSource)int.Parse(s.Key, CultureInfo.InvariantCulture), s.Count))],
                months);
        }, ct);

    private string TermPredicate(SearchTerm t, Func<object?, string> p)
    {
        var parts = new List<string>();
        if (!t.Quoted && t.Tokens.Count > 0)
        {
            parts.Add(WordMatch(p(MatchExpression(t.Tokens, any: false))));
        }
        if (t.Quoted || t.Grams.Count > 0)
        {
            var contains = Contains("d.norm", p(t.Text));
            parts.Add(t.Grams.Count > 0 ? $"({GramMatch(p(MatchExpression(t.Grams, any: false)))} AND {contains})" : contains);
        }
        return parts.Count == 1 ? parts[0] : "(" + string.Join(" OR ", parts) + ")";
    }

    private void AddFilters(SearchIndexQuery q, List<string> where, Func<object?, string> p)
    {
        if (q.SeriesId is int series)
        {
            where.Add($"d.series_id = {p(series)}");
        }
        if (q.ColumnId is int columnId)
        {
            where.Add($"d.column_id = {p(columnId)}");
        }
        if (!string.IsNullOrWhiteSpace(q.ColumnName))
        {
            where.Add($"d.column_name = {p(q.ColumnName.Trim())}");
        }
        if (q.UnitIds is { } units)
        {
            where.Add(units.Count == 0 ? "1 = 0"
                : $"EXISTS (SELECT 1 FROM search_doc_units x WHERE x.doc_id = d.id AND x.unit_id IN ({string.Join(',', units.Select(u => u.ToString(CultureInfo.InvariantCulture)))}))");
        }
        if (!string.IsNullOrWhiteSpace(q.Person))
        {
            var name = q.Person.Trim();
            var folded = SearchQueryParser.Fold(name);
            var grams = SearchText.Grams(folded);
            var contains = Contains("d.norm", p(folded));
            var text = grams.Count > 0 ? $"({GramMatch(p(MatchExpression(grams, any: false)))} AND {contains})" : contains;
            where.Add($"(EXISTS (SELECT 1 FROM search_doc_persons x WHERE x.doc_id = d.id AND x.name = {p(name)}) OR {text})");
        }
        if (q.From is { } from)
        {
            where.Add($"d.date >= {p(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }
        if (q.To is { } to)
        {
            where.Add($"d.date <= {p(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }
        if (q.HiddenIssueIds is { Count: > 0 } hidden)
        {
            // Ids, not user text: inlined like the unit ids above.
            where.Add($"(d.issue_id IS NULL OR d.issue_id NOT IN ({string.Join(',', hidden.Select(i => i.ToString(CultureInfo.InvariantCulture)))}))");
        }
        var sources = q.Sources is { Count: > 0 } s ? s : [SearchSource.Published, SearchSource.Imported, SearchSource.Workflow];
        where.Add($"d.source IN ({string.Join(',', sources.Select(x => ((int)x).ToString(CultureInfo.InvariantCulture)))})");

        // The workflow's scope: unit users see their unit's articles (drafts only their own), editors all but others' drafts.
        var scope = q.Workflow ?? WorkflowScope.None;
        var user = scope.UserId is int uid ? p(uid) : null;
        var ownDraft = user is null ? "d.status <> 0" : $"(d.status <> 0 OR d.created_by = {user})";
        var workflow = scope.All ? ownDraft
            : scope.UnitId is int unit ? $"(EXISTS (SELECT 1 FROM search_doc_units x WHERE x.doc_id = d.id AND x.unit_id = {p(unit)}) AND {ownDraft})"
            : "1 = 0";
        where.Add($"(d.source <> 2 OR {workflow})");
    }

    private static async Task<List<(string Key, int Count)>> GroupAsync(DbConnection c, DbTransaction? tx, string key, string from, string where,
        List<(string Name, object? Value)> prm, int limit, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, $"SELECT {key} AS k, COUNT(*) AS n FROM {from} WHERE {where} GROUP BY {key} ORDER BY COUNT(*) DESC, {key} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}");
        Bind(cmd, prm);
        var list = new List<(string, int)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add((Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture) ?? "", Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)));
        }
        return list;
    }

    private static async Task<object?> ScalarAsync(DbConnection c, DbTransaction? tx, string sql, List<(string Name, object? Value)> prm, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, sql);
        Bind(cmd, prm);
        return await cmd.ExecuteScalarAsync(ct);
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
}
