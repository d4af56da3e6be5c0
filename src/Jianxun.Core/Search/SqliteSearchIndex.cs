using System.Data.Common;
using Jianxun.Core.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Jianxun.Core.Search;

/// <summary>
/// SQLite: one contentless FTS5 table <c>search_fts</c> keyed by the document id, with five columns: the jieba words
/// of the title and of the body, and <c>grams</c>, <c>tri</c> and <c>quad</c>, the character bigrams, trigrams and
/// four-grams of the folded text in order, with a break token wherever a run of letters and digits ends. A quoted phrase
/// of letters and digits is then one n-gram token (two to four characters) or an FTS5 phrase of its four-grams (five or
/// more): consecutive n-grams at consecutive positions are exactly the phrase, so it needs no verification, and a whole
/// query is one FTS5 expression (ADR-009, ADR-010, ADR-012). Every n-gram is written after <see cref="NGramMark"/>, a
/// character no word contains, so a word and an n-gram are never the same token and no match needs a column filter
/// (ADR-011). The texts for snippets and for verifying the rare phrase with punctuation live in <c>search_texts</c>,
/// away from the rows the catalog loads.
/// </summary>
public sealed class SqliteSearchIndex(AppDbContext db) : SqlSearchIndex(db)
{
    /// <summary>
    /// Before every n-gram token: a private-use character. FTS5's tokenizer keeps it in the token (private
    /// use is a token category), the n-grams never contain it (they are letters and digits only) and words have it
    /// replaced (<see cref="WordToken"/>), so a marked n-gram is never a word. The mark alone is the break between runs.
    /// Matching then needs no column filter, which made FTS5 read a one-token list about twice as fast (ADR-011).
    /// </summary>
    internal const char NGramMark = '\uE000';

    protected override string WordMatch(string p) => $"d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH {p})";

    protected override string GramMatch(string p) => WordMatch(p);

    protected override string TextJoin => "JOIN search_texts t ON t.id = d.id";

    protected override string TextContains(string p) => $"instr(t.norm, {p}) > 0";

    protected override string WordExpression(IEnumerable<string> tokens)
        => "(" + string.Join(" AND ", tokens.Select(t => Quote(WordToken(t), '"'))) + ")";

    /// <summary>A jieba word as written and matched: <see cref="NGramMark"/>, should the text contain it, becomes a space.</summary>
    private static string WordToken(string word) => word.Replace(NGramMark, ' ');

    // Candidates: every run of two or more letters and digits as its n-gram or phrase of n-grams (RunPhrase).
    protected override string GramExpression(SearchTerm term)
        => string.Join(" AND ", SearchText.Runs(term.Text).Where(r => r.Length >= 2).Select(RunPhrase));

    protected override string HitsSql => "SELECT d.id, d.title, t.body, d.units FROM search_docs d JOIN search_texts t ON t.id = d.id WHERE d.id IN ({0})";

    // A deferred transaction takes no lock until its first read, then holds that snapshot (WAL); BEGIN does no I/O.
#pragma warning disable CA1849
    protected override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct)
        => Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
#pragma warning restore CA1849

    /// <summary>
    /// The whole query as one FTS5 expression, when every term can be matched exactly by it: words, and phrases made only
    /// of letters and digits (two or more), by <see cref="RunPhrase"/>.
    /// </summary>
    private protected override Task<MatchedIds?> FastMatchAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<SearchClause> clauses,
        CancellationToken ct)
    {
        var positive = new List<string>();
        var negative = new List<string>();
        foreach (var clause in clauses)
        {
            var alternatives = new List<string>();
            foreach (var t in clause.Alternatives)
            {
                if (TermExpression(t) is not { } e)
                {
                    return Task.FromResult<MatchedIds?>(null);
                }
                alternatives.Add(e);
            }
            (clause.Excluded ? negative : positive).Add("(" + string.Join(" OR ", alternatives) + ")");
        }
        var expression = "(" + string.Join(" AND ", positive) + ")";
        foreach (var n in negative)
        {
            expression = "(" + expression + " NOT " + n + ")";
        }
        return Task.FromResult<MatchedIds?>(MatchIds((SqliteConnection)c, "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1", expression));
    }

    private string? TermExpression(SearchTerm t)
    {
        var exact = IsRun(t.Text);
        if (t.Quoted)
        {
            return exact ? RunPhrase(t.Text) : null;
        }
        if (t.Grams.Count == 0)
        {
            return t.Tokens.Count > 0 ? WordExpression(t.Tokens) : null;
        }
        if (!exact)
        {
            return null;
        }
        return NeedsWords(t) ? $"({WordExpression(t.Tokens)} OR {RunPhrase(t.Text)})" : RunPhrase(t.Text);
    }

    /// <summary>
    /// A run of letters and digits as an FTS5 phrase of its marked n-grams: the run itself as one token for two to four
    /// characters, its four-grams for more (<c>"·abcd ·bcde"</c> for <c>abcde</c>). One token needs no position check,
    /// which is most of the time FTS5 spends on a phrase, and most Chinese words and names are two to four characters;
    /// a longer phrase reads the fewest and rarest lists (ADR-012).
    /// </summary>
    private static string RunPhrase(string run) => NGramPhrase(run, Math.Min(run.Length, MaxGram));

    /// <summary>The longest n-gram indexed (<c>quad</c>).</summary>
    private const int MaxGram = 4;

    private static string NGramPhrase(string run, int n)
        => "\"" + string.Join(' ', Enumerable.Range(0, run.Length - n + 1).Select(i => NGramMark + run.Substring(i, n).Replace("\"", "\"\"", StringComparison.Ordinal))) + "\"";

    /// <summary>
    /// The ids a one-parameter statement returns, stepped through SQLite's own interface: a common phrase matches
    /// 150,000 documents, and the data reader's work per row was a third of that search. With the bundled library the
    /// rows are stepped by <see cref="SqliteNative"/>, without SQLitePCL's per-call handle bookkeeping. Runs in the
    /// connection's current transaction like any command.
    /// </summary>
    private static MatchedIds MatchIds(SqliteConnection c, string sql, string parameter)
    {
        var db = c.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        var ids = new MatchedIds();
        try
        {
            using (stmt)
            {
                Check(db, raw.sqlite3_bind_text(stmt, 1, parameter));
                int rc;
                if (SqliteNative.IsBundled)
                {
                    var handle = stmt.DangerousGetHandle();
                    while ((rc = SqliteNative.Step(handle)) == raw.SQLITE_ROW)
                    {
                        ids.Add(SqliteNative.ColumnInt64(handle, 0));
                    }
                }
                else
                {
                    while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
                    {
                        ids.Add(raw.sqlite3_column_int64(stmt, 0));
                    }
                }
                Check(db, rc);
            }
            return ids;
        }
        catch
        {
            ids.Dispose();
            throw;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }

    protected override async Task WriteDocumentAsync(DocumentWriter writer, long id, long generation, SearchDocument d, IndexedText t, CancellationToken ct)
    {
        await writer.ExecuteAsync($"INSERT INTO search_docs ({DocColumnList}) VALUES ({Placeholders(DocColumnCount)})", ct, DocValues(id, generation, d, t));
        await writer.ExecuteAsync("INSERT INTO search_texts (id, body, norm) VALUES (@p0, @p1, @p2)", ct, id, t.Body, t.Norm);
        await writer.ExecuteAsync("INSERT INTO search_fts (rowid, title, body, grams, tri, quad) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)", ct, id,
            string.Join(' ', t.TitleTokens.Select(WordToken)), string.Join(' ', t.BodyTokens.Select(WordToken)),
            SearchText.NGramSequence(t.Norm, 2, NGramMark), SearchText.NGramSequence(t.Norm, 3, NGramMark),
            SearchText.NGramSequence(t.Norm, MaxGram, NGramMark));
    }

    protected override async Task DeleteTermsAsync(DbConnection connection, DbTransaction? tx, string where, CancellationToken ct)
    {
        foreach (var sql in new[]
                 {
                     $"DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE {where})",
                     $"DELETE FROM search_texts WHERE id IN (SELECT id FROM search_docs WHERE {where})",
                 })
        {
            await ExecuteAsync(connection, tx, sql, ct);
        }
    }

    /// <summary>
    /// Merges the FTS5 segments into one. A rebuild leaves a dozen or more segments (17 at 200,000 articles), and every
    /// term is then looked up and merged across all of them; one segment made the benchmark's searches about a quarter
    /// faster, for about 20 s of merging at that size (docs/performance.md). Later writes add small segments again,
    /// which FTS5's automatic merging keeps few.
    /// </summary>
    protected override Task CompactTermsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
        => ExecuteAsync(connection, tx, "INSERT INTO search_fts (search_fts) VALUES ('optimize')", ct);

    protected override async Task ClearTermsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        await ExecuteAsync(connection, tx, "INSERT INTO search_fts (search_fts) VALUES ('delete-all')", ct);
        await ExecuteAsync(connection, tx, "DELETE FROM search_texts", ct);
    }
}
