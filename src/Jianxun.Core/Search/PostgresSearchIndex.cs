using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Jianxun.Core.Data;

namespace Jianxun.Core.Search;

/// <summary>
/// PostgreSQL: <c>search_docs.words</c> (jieba words, title weighted A) and <c>search_docs.grams</c> (character bigrams),
/// both <c>tsvector</c> with GIN indexes. Vectors and queries are written as literals of quoted lexemes and cast, so
/// no text-search parser (which would not split Chinese) and no user syntax is involved.
/// Bigram candidates are verified with <c>strpos</c> on the folded text, which is kept compressed in the row (migration
/// <c>SearchNormInline</c>) so that checking a candidate reads no TOAST table.
/// </summary>
public sealed class PostgresSearchIndex(AppDbContext db) : SqlSearchIndex(db)
{
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerWord = 255;

    protected override string WordMatch(string p) => $"d.words @@ CAST({p} AS tsquery)";

    protected override string GramMatch(string p) => $"d.grams @@ CAST({p} AS tsquery)";

    protected override string TextContains(string p) => $"strpos(d.norm, {p}) > 0";

    protected override string WordExpression(IEnumerable<string> tokens)
        => string.Join(" & ", tokens.Select(Lexeme));

    protected override string GramExpression(SearchTerm term) => string.Join(" & ", term.Grams.Select(Lexeme));

    protected override string HitsSql => "SELECT id, title, body, units FROM search_docs WHERE id IN ({0})";

    /// <summary>
    /// The match statement runs with sequential scans disabled (<c>SET LOCAL</c>, in a transaction of its own unless one
    /// is going on). When a query's bigrams are in half the articles, the planner preferred reading the whole table and
    /// testing <c>grams @@ …</c> on every row, which detoasts every row's bigram vector: 1.1–1.5 s at 50,000 articles,
    /// against about 30 ms for the GIN index (docs/performance.md, session 6). A statement with no indexable predicate
    /// (a one-character phrase) still scans the table: disabling only makes the other plans win when there are any.
    /// </summary>
    private protected override async Task<MatchedIds> InMatchScopeAsync(DbConnection c, DbTransaction? tx, Func<DbTransaction?, Task<MatchedIds>> work,
        CancellationToken ct)
    {
        await using var own = tx is null ? await c.BeginTransactionAsync(ct) : null;
        var t = tx ?? own;
        await ExecuteAsync(c, t, "SET LOCAL enable_seqscan = off", ct);
        var ids = await work(t);
        if (own is null)
        {
            try
            {
                await ExecuteAsync(c, t, "SET LOCAL enable_seqscan TO DEFAULT", ct);
            }
            catch
            {
                ids.Dispose();
                throw;
            }
        }
        return ids;
    }

    protected override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct)
        => await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    protected override async Task WriteDocumentAsync(DocumentWriter writer, long id, long generation, SearchDocument d, IndexedText t, CancellationToken ct)
    {
        object?[] values = [.. DocValues(id, generation, d, t), t.Body, t.Norm, WordVector(t.TitleTokens, t.BodyTokens),
            string.Join(' ', SearchText.Grams(t.Norm).Select(Lexeme))];
        await writer.ExecuteAsync($"INSERT INTO search_docs ({DocColumnList}, body, norm, words, grams) VALUES ({Placeholders(DocColumnCount + 2)}, " +
            $"CAST(@p{DocColumnCount + 2} AS tsvector), CAST(@p{DocColumnCount + 3} AS tsvector))", ct, values);
    }

    protected override Task DeleteTermsAsync(DbConnection connection, DbTransaction? tx, string where, CancellationToken ct) => Task.CompletedTask;

    protected override Task ClearTermsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A tsvector literal: each word with its positions, title words weighted A.</summary>
    private static string WordVector(IReadOnlyList<string> title, IReadOnlyList<string> body)
    {
        var positions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pos = 0;
        foreach (var (token, weight) in title.Select(t => (t, "A")).Concat(body.Select(t => (t, ""))))
        {
            pos = Math.Min(pos + 1, MaxPosition);
            if (!positions.TryGetValue(token, out var list))
            {
                positions[token] = list = [];
            }
            if (list.Count < MaxPositionsPerWord)
            {
                list.Add(pos.ToString(CultureInfo.InvariantCulture) + weight);
            }
        }
        var sb = new StringBuilder();
        foreach (var (token, list) in positions)
        {
            sb.Append(Lexeme(token)).Append(':').AppendJoin(',', list).Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>A quoted lexeme: quotes doubled, backslashes escaped.</summary>
    private static string Lexeme(string token) => Quote(token.Replace("\\", "\\\\", StringComparison.Ordinal), '\'');
}
