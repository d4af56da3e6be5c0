using System.Globalization;

namespace Jianxun.Benchmarks.Search;

internal enum BenchQueryKind
{
    Name,
    TwoWords,
    Phrase,
    Filtered,
}

/// <summary>
/// One benchmark query as a user would type it (<see cref="Text"/>, with quotes for a phrase) plus the optional unit
/// (short name) and date filters. A phrase query names the article it was cut from, for the recall check.
/// </summary>
internal sealed record BenchQuery(int Number, BenchQueryKind Kind, string Text, string? Unit = null, DateOnly? From = null, DateOnly? To = null,
    int? SourceArticle = null)
{
    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>
/// The fixed query mix: a quarter person names, a quarter two-word queries, 30 % quoted phrases of 2–8 characters cut
/// from random articles of the corpus, and 20 % filtered queries (a name or topic with a unit, a date range, or both).
/// Deterministic for a corpus size, count and seed.
/// </summary>
internal static class SearchQueryMix
{
    public const int DefaultSeed = 4242;

    public static IReadOnlyList<BenchQuery> Create(SearchCorpus corpus, int count, int seed = DefaultSeed)
    {
        var r = new Random(seed);
        var kinds = new List<BenchQueryKind>(count);
        kinds.AddRange(Enumerable.Repeat(BenchQueryKind.Name, count / 4));
        kinds.AddRange(Enumerable.Repeat(BenchQueryKind.TwoWords, count / 4));
        kinds.AddRange(Enumerable.Repeat(BenchQueryKind.Phrase, count * 3 / 10));
        kinds.AddRange(Enumerable.Repeat(BenchQueryKind.Filtered, count - kinds.Count));
        r.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kinds));

        var topics = SearchCorpus.Topics;
        string Topic() => topics[r.Next(topics.Count)];
        string Person() => corpus.Persons[r.Next(corpus.Persons.Count)].Name;

        var queries = new List<BenchQuery>(count);
        foreach (var kind in kinds)
        {
            var n = queries.Count;
            queries.Add(kind switch
            {
                BenchQueryKind.Name => new BenchQuery(n, kind, Person()),
                BenchQueryKind.TwoWords => new BenchQuery(n, kind, r.Next(20) switch
                {
                    < 8 => $"{Topic()} {Topic()}",
                    < 15 => $"{corpus.Units[r.Next(corpus.Units.Count)].ShortName} {Topic()}",
                    < 19 => $"{Topic()} {SearchCorpus.CommonWords[r.Next(SearchCorpus.CommonWords.Count)]}",
                    _ => $"{SearchCorpus.AbsentWords[r.Next(SearchCorpus.AbsentWords.Count)]} {Topic()}",
                }),
                BenchQueryKind.Phrase => Phrase(corpus, r, n),
                BenchQueryKind.Filtered => Filtered(corpus, r, n, r.Next(2) == 0 ? Person() : Topic()),
                _ => throw new InvalidOperationException(kind.ToString()),
            });
        }
        return queries;
    }

    /// <summary>A quoted substring of 2–8 letters or digits of a random article's title or paragraph.</summary>
    private static BenchQuery Phrase(SearchCorpus corpus, Random r, int n)
    {
        while (true)
        {
            var index = r.Next(corpus.Size);
            var article = corpus.Article(index);
            var text = r.Next(4) == 0 ? article.Title : article.Paragraphs[r.Next(article.Paragraphs.Count)];
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var length = r.Next(2, 9);
                if (length > text.Length)
                {
                    continue;
                }
                var sub = text.Substring(r.Next(0, text.Length - length + 1), length);
                if (sub.All(char.IsLetterOrDigit))
                {
                    return new BenchQuery(n, BenchQueryKind.Phrase, $"\"{sub}\"", SourceArticle: index);
                }
            }
        }
    }

    private static BenchQuery Filtered(SearchCorpus corpus, Random r, int n, string term)
    {
        var which = r.Next(3);
        var unit = which is 0 or 2 ? corpus.Units[r.Next(corpus.Units.Count)].ShortName : null;
        DateOnly? from = null;
        DateOnly? to = null;
        if (which is 1 or 2)
        {
            var year = SearchCorpus.FirstDate.Year + r.Next(10);
            if (r.Next(2) == 0)
            {
                (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            }
            else
            {
                var start = new DateOnly(year, 1 + (3 * r.Next(4)), 1);
                (from, to) = (start, start.AddMonths(3).AddDays(-1));
            }
        }
        return new BenchQuery(n, BenchQueryKind.Filtered, term, unit, from, to);
    }
}
