using System.Globalization;
using System.Text;
using Jianxun.Core.Common;

namespace Jianxun.Core.Search;

/// <summary>One search term: a word (segmented) or a quoted phrase (exact substring).</summary>
public sealed record SearchTerm(string Text, bool Quoted, IReadOnlyList<string> Tokens, IReadOnlyList<string> Grams);

/// <summary>Alternatives joined by OR; an excluded clause must not match.</summary>
public sealed record SearchClause(IReadOnlyList<SearchTerm> Alternatives, bool Excluded);

/// <summary>
/// Reads what a user typed: words (all must match), "phrases", -excluded, 或 / OR. Anything else (*, :, ^, (, NEAR…)
/// is plain text: the index builds its expression from tokens, never from the user's text.
/// </summary>
public static class SearchQueryParser
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 20;

    private static readonly HashSet<char> Quotes = ['"', '“', '”', '＂', '「', '」'];

    /// <summary>Parses; throws a <see cref="ValidationException"/> on field <c>q</c> with a Chinese message when nothing searchable is left.</summary>
    public static IReadOnlyList<SearchClause> Parse(string? text, bool allowEmpty = false)
    {
        var q = (text ?? "").Trim();
        if (q.Length == 0)
        {
            return allowEmpty ? [] : throw ValidationException.For("q", "请输入检索词。");
        }
        if (q.Length > MaxQueryLength)
        {
            throw ValidationException.For("q", $"检索词过长（{q.Length} 字），请控制在 {MaxQueryLength} 字以内。");
        }

        var raw = Lex(q);
        var clauses = new List<SearchClause>();
        var droppedStopWords = false;
        var pendingOr = false;
        foreach (var (word, quoted, excluded) in raw)
        {
            // 或 is the word the search page teaches; OR (the search engines' spelling) keeps working.
            if (!quoted && !excluded && (string.Equals(word, "OR", StringComparison.Ordinal) || string.Equals(word, "或", StringComparison.Ordinal)))
            {
                pendingOr = clauses.Count > 0 && !clauses[^1].Excluded;
                continue;
            }
            var term = MakeTerm(word, quoted, out var stop);
            droppedStopWords |= stop;
            if (term is null)
            {
                continue;
            }
            if (pendingOr && !excluded)
            {
                clauses[^1] = clauses[^1] with { Alternatives = [.. clauses[^1].Alternatives, term] };
            }
            else
            {
                clauses.Add(new SearchClause([term], excluded));
            }
            pendingOr = false;
        }

        if (clauses.Sum(c => c.Alternatives.Count) > MaxTerms)
        {
            throw ValidationException.For("q", $"检索词太多，请不要超过 {MaxTerms} 个。");
        }
        if (!clauses.Any(c => !c.Excluded))
        {
            if (allowEmpty && clauses.Count == 0 && !droppedStopWords)
            {
                return [];
            }
            var message = clauses.Count > 0 ? "请至少输入一个要查找的词（不能只有排除词）。"
                : droppedStopWords ? "检索词只有“的”“了”之类的常用字，请换用更具体的词语。"
                : "检索词中没有可检索的文字或数字，请换个说法。";
            throw ValidationException.For("q", message);
        }
        return clauses;
    }

    /// <summary>The searchable form of a text: normalised whitespace, lower case (the index stores the same).</summary>
    public static string Fold(string? text) => Jianxun.Text.TextNormalizer.Normalize(text).ToLowerInvariant();

    private static List<(string Word, bool Quoted, bool Excluded)> Lex(string q)
    {
        var list = new List<(string, bool, bool)>();
        var i = 0;
        while (i < q.Length)
        {
            if (char.IsWhiteSpace(q[i]))
            {
                i++;
                continue;
            }
            var excluded = false;
            if ((q[i] == '-' || q[i] == '－') && i + 1 < q.Length && !char.IsWhiteSpace(q[i + 1]))
            {
                excluded = true;
                i++;
            }
            if (Quotes.Contains(q[i]))
            {
                // An unclosed quote runs to the end of the query.
                var start = ++i;
                while (i < q.Length && !Quotes.Contains(q[i]))
                {
                    i++;
                }
                list.Add((q[start..i], true, excluded));
                i++;
                continue;
            }
            var s = i;
            while (i < q.Length && !char.IsWhiteSpace(q[i]) && !Quotes.Contains(q[i]))
            {
                i++;
            }
            list.Add((q[s..i], false, excluded));
        }
        return list;
    }

    private static SearchTerm? MakeTerm(string word, bool quoted, out bool stopWord)
    {
        stopWord = false;
        var text = Fold(word);
        if (!text.Any(char.IsLetterOrDigit))
        {
            return null;
        }
        var tokens = SearchText.QueryTokens(text);
        var content = tokens.Where(t => !SearchText.IsStopWord(t)).ToList();
        if (!quoted && content.Count == 0)
        {
            stopWord = tokens.Count > 0;
            return null;
        }
        if (quoted)
        {
            // A phrase is matched as written; its tokens only rank.
            content = tokens.Count > 0 ? content.Count > 0 ? content : [.. tokens] : [];
        }
        else if (text.Length < 2 || !text.Any(c => c >= 0x2E80))
        {
            // Substring matching helps Chinese, whose words have no spaces; Latin words match as words only.
            return new SearchTerm(text, false, content, []);
        }
        return new SearchTerm(text, quoted, content, SearchText.Grams(text));
    }

    internal static string Describe(IReadOnlyList<SearchClause> clauses)
    {
        var sb = new StringBuilder();
        foreach (var c in clauses)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(c.Excluded ? "-" : "")}({string.Join(" OR ", c.Alternatives.Select(a => a.Quoted ? $"\"{a.Text}\"" : a.Text))}) ");
        }
        return sb.ToString().Trim();
    }
}
