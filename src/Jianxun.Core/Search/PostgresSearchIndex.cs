using System.Data.Common;
using System.Globalization;
using System.Text;
using Jianxun.Core.Data;

namespace Jianxun.Core.Search;

/// <summary>
/// PostgreSQL: <c>search_docs.words</c> (jieba words, title weighted A) and <c>search_docs.grams</c> (character bigrams),
/// both <c>tsvector</c> with GIN indexes. Vectors and queries are written as literals of quoted lexemes and cast, so
/// no text-search parser (which would not split Chinese) and no user syntax is involved; ranking is <c>ts_rank</c>.
/// </summary>
public sealed class PostgresSearchIndex(AppDbContext db) : SqlSearchIndex(db)
{
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerWord = 255;

    protected override string WordMatch(string p) => $"d.words @@ CAST({p} AS tsquery)";

    protected override string GramMatch(string p) => $"d.grams @@ CAST({p} AS tsquery)";

    protected override string Contains(string column, string p) => $"strpos({column}, {p}) > 0";

    protected override string MatchExpression(IEnumerable<string> tokens, bool any)
        => string.Join(any ? " | " : " & ", tokens.Select(Lexeme));

    protected override string RankJoin(string p) => "";

    protected override string RankScore(string p) => $"ts_rank(d.words, CAST({p} AS tsquery))";

    protected override (string Columns, string Values) ExtraDocColumns => (", words, grams", ", CAST(@words AS tsvector), CAST(@grams AS tsvector)");

    protected override void BindExtra(DbCommand cmd, IReadOnlyList<string> titleTokens, IReadOnlyList<string> bodyTokens, IReadOnlyList<string> grams)
    {
        Add(cmd, "words", WordVector(titleTokens, bodyTokens));
        Add(cmd, "grams", string.Join(' ', grams.Select(Lexeme)));
    }

    protected override Task WriteTermsAsync(DbConnection connection, DbTransaction? tx, long id, IReadOnlyList<string> titleTokens,
        IReadOnlyList<string> bodyTokens, IReadOnlyList<string> grams, CancellationToken ct) => Task.CompletedTask;

    protected override Task DeleteTermsAsync(DbConnection connection, DbTransaction? tx, string where, Action<DbCommand> bind, CancellationToken ct)
        => Task.CompletedTask;

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
