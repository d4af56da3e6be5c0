using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Jianxun.Benchmarks.Search;

/// <summary>
/// The baseline: a Lucene.NET 4.8 index of the same corpus with the SmartCn analyzer. Title and body (the paragraphs and
/// the credit line, as Jianxun indexes them) are analysed and stored; unit (short name), date and id are keywords.
/// Queries go through the classic query parser over title (boost 10, like Jianxun's bm25 weight) and body, with AND as
/// the default operator and <c>AutoGeneratePhraseQueries</c>, since SmartCn cuts names into single characters (STACK.md).
/// </summary>
internal sealed class LuceneSearchBench : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["title", "body"];

    private readonly FSDirectory _directory;
    private readonly SmartChineseAnalyzer _analyzer = new(Version);

    public LuceneSearchBench(string path)
    {
        _directory = FSDirectory.Open(path);
    }

    public void Build(SearchCorpus corpus, IEnumerable<BenchArticle> articles, IProgress<int>? progress)
    {
        var config = new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64 };
        using var writer = new IndexWriter(_directory, config);
        var n = 0;
        foreach (var a in articles)
        {
            writer.AddDocument(new Document
            {
                new StringField("id", a.Index.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
                new TextField("title", a.Title, Field.Store.YES),
                new TextField("body", string.Join('\n', a.Paragraphs.Append(a.CreditLine)), Field.Store.YES),
                new StringField("unit", a.Unit.ShortName, Field.Store.NO),
                new StringField("date", BenchQuery.Iso(a.Date), Field.Store.YES),
            });
            if (++n % 10_000 == 0)
            {
                progress?.Report(n);
            }
        }
        writer.Commit();
        progress?.Report(corpus.Size);
    }

    /// <summary>
    /// Times each query (parse, top 20 with the total count, stored fields of the 20 loaded), then checks every
    /// phrase query, untimed, for its source article (the same query restricted to the article's id).
    /// </summary>
    public SearchRunResult Run(IReadOnlyList<BenchQuery> queries, bool checkRecall)
    {
        using var reader = DirectoryReader.Open(_directory);
        var searcher = new IndexSearcher(reader);
        var parser = new MultiFieldQueryParser(Version, Fields, _analyzer, new Dictionary<string, float> { ["title"] = 10f, ["body"] = 1f })
        {
            DefaultOperator = Operator.AND,
            AutoGeneratePhraseQueries = true,
        };
        var result = new SearchRunResult();
        var parsed = new Dictionary<int, Query>();
        foreach (var q in queries)
        {
            var started = Stopwatch.GetTimestamp();
            Query query;
            try
            {
                query = parser.Parse(q.Text);
            }
            catch (ParseException e)
            {
                result.Failed++;
                Console.Error.WriteLine($"query {q.Number} «{q.Text}» refused by Lucene: {e.Message}");
                continue;
            }
            parsed[q.Number] = query;
            var top = searcher.Search(query, Filter(q), 20);
            foreach (var hit in top.ScoreDocs)
            {
                _ = searcher.Doc(hit.Doc);
            }
            result.Timings.Add(new QueryTiming(q.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, top.TotalHits));
        }

        result.PeakTimedMB = SearchRunResult.PeakWorkingSetMB();

        if (checkRecall)
        {
            foreach (var q in queries.Where(q => q.SourceArticle is not null))
            {
                result.Phrases++;
                var id = q.SourceArticle!.Value.ToString(CultureInfo.InvariantCulture);
                var found = parsed.TryGetValue(q.Number, out var query)
                    && searcher.Search(query, new QueryWrapperFilter(new TermQuery(new Term("id", id))), 1).TotalHits > 0;
                if (found)
                {
                    result.PhrasesFound++;
                }
                else
                {
                    result.MissedPhrases.Add($"{q.Text} (article {id}; Lucene query {query})");
                }
            }
        }
        return result;
    }

    private static QueryWrapperFilter? Filter(BenchQuery q)
    {
        if (q.Unit is null && q.From is null && q.To is null)
        {
            return null;
        }
        var filter = new BooleanQuery();
        if (q.Unit is not null)
        {
            filter.Add(new TermQuery(new Term("unit", q.Unit)), Occur.MUST);
        }
        if (q.From is not null || q.To is not null)
        {
            filter.Add(TermRangeQuery.NewStringRange("date", q.From is null ? null : BenchQuery.Iso(q.From), q.To is null ? null : BenchQuery.Iso(q.To), true, true), Occur.MUST);
        }
        return new QueryWrapperFilter(filter);
    }

    public long SizeOnDisk() => _directory.ListAll().Sum(f => _directory.FileLength(f));

    public void Dispose()
    {
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
