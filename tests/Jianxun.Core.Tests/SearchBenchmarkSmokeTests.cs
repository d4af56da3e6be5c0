using Jianxun.Benchmarks.Search;
using Jianxun.Core.Data;
using Jianxun.Testing;

namespace Jianxun.Core.Tests;

/// <summary>
/// The search benchmark (bench/Jianxun.Benchmarks -- search) on a tiny corpus, through the same code: generated articles
/// loaded as archive issues, the index built like <c>jianxun search reindex</c>, the query mix run through the search handler.
/// </summary>
public sealed class SearchBenchmarkSmokeTests
{
    [Fact]
    public async Task QueryMix_TinyCorpusOnSqlite_FindsTheSourceOfEveryPhrase()
    {
        using var directory = new TempDirectory();
        var corpus = new SearchCorpus(300);
        var queries = SearchQueryMix.Create(corpus, 100);
        await using var bench = new JianxunSearchBench(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "jianxun.db")};Pooling=False", directory.Path);
        await bench.MigrateAsync(default);
        await bench.LoadAsync(corpus, null, default);

        Assert.Equal(corpus.Size, await bench.ReindexAsync(null, default));
        var result = await bench.RunAsync(corpus, queries, JianxunQueryPath.Api, checkRecall: true, default);

        Assert.Equal(0, result.Failed);
        Assert.Equal(queries.Count, result.Timings.Count);
        Assert.Equal(30, result.Phrases);
        Assert.True(result.PhrasesFound == result.Phrases, "phrases not found: " + string.Join("; ", result.MissedPhrases));
        Assert.All(result.Timings.Where(t => t.Kind == BenchQueryKind.Phrase), t => Assert.True(t.Total > 0));
    }

    [Fact]
    public void Corpus_SameSeed_SameArticlesAndQueries()
    {
        var a = new SearchCorpus(1000);
        var b = new SearchCorpus(1000);
        Assert.Equal(a.Article(777).Paragraphs, b.Article(777).Paragraphs);
        Assert.Equal(SearchQueryMix.Create(a, 50).Select(q => q.Text), SearchQueryMix.Create(b, 50).Select(q => q.Text));
        Assert.All(a.Articles(), article =>
        {
            Assert.InRange(article.Paragraphs.Count, 3, 8);
            Assert.All(article.Paragraphs, p => Assert.InRange(p.Length, 80, 200));
        });
        Assert.InRange(a.Persons.Count, 200, 400);
        Assert.Equal(50, a.Units.Count);
    }
}
