using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Jianxun.Core.Accounts;
using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Search;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Benchmarks.Search;

/// <summary>Which of Jianxun's query paths a run times.</summary>
internal enum JianxunQueryPath
{
    /// <summary><see cref="SearchHandlers.SearchAsync"/>, what <c>GET /api/search</c> runs: parse, filters, count, page of 20, facets, snippets.</summary>
    Api,

    /// <summary><see cref="ISearchIndex.QueryAsync"/> with the same clauses and filters, count and page of 20 but no facets or snippets (like for like with Lucene).</summary>
    IndexOnly,
}

/// <summary>
/// Jianxun's side of the search benchmark, on its own services as the command line builds them (SQLite or PostgreSQL):
/// migrate like <c>jianxun db migrate</c>, load the corpus as published archive issues, build the index with the code of
/// <c>jianxun search reindex</c>, and run a query mix through the production query path.
/// </summary>
/// <remarks>Shared by bench/Jianxun.Benchmarks and (linked) tests/Jianxun.Core.Tests.</remarks>
internal sealed class JianxunSearchBench : IAsyncDisposable
{
    private static readonly Actor Reader = new(1, "bench", null, new HashSet<string>(StringComparer.Ordinal) { Roles.Reader });

    private static readonly JsonSerializerOptions PersonJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ServiceProvider _services;
    private readonly JianxunOptions _settings;
    private readonly string _connectionString;

    public JianxunSearchBench(DatabaseProvider provider, string connectionString, string dataDirectory)
    {
        _connectionString = connectionString;
        _settings = new JianxunOptions { Database = provider, DataDirectory = dataDirectory };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = dataDirectory,
            ["Jianxun:Database"] = provider.ToString(),
            ["ConnectionStrings:Jianxun"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJianxunCore(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddIdentityCore<AppUser>(CoreServices.ConfigureIdentity).AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>().AddDefaultTokenProviders();
        _services = services.BuildServiceProvider();
    }

    public DatabaseProvider Provider => _settings.Database;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
    }

    /// <summary>
    /// Writes the corpus as published archive issues of one series, ten articles an issue, in batches through EF. The
    /// context has no search interceptor, so nothing is indexed here: <see cref="ReindexAsync"/> builds the index.
    /// Article <c>i</c> becomes issue item <c>i + 1</c>.
    /// </summary>
    public async Task LoadAsync(SearchCorpus corpus, IProgress<int>? progress, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        CoreServices.ConfigureDatabase(options, _settings, _connectionString);
        await using (var db = new AppDbContext(options.Options))
        {
            db.Units.AddRange(corpus.Units.Select((u, i) => new Unit { Id = u.Id, Name = u.Name, ShortName = u.ShortName, SortOrder = i }));
            db.Series.Add(new Series
            {
                Id = 1,
                Name = "云溪简讯",
                Issuer = "云溪区人民政府办公室",
                Columns = [.. SearchCorpus.Columns.Select((c, i) => new SeriesColumn { Id = i + 1, Name = c, SortOrder = i })],
            });
            await db.SaveChangesAsync(ct);
        }

        var numbers = new Dictionary<int, int>();
        var now = DateTime.UtcNow;
        const int issuesPerBatch = 200;
        for (var first = 0; first < corpus.IssueCount; first += issuesPerBatch)
        {
            await using var db = new AppDbContext(options.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var issues = new List<Issue>();
            for (var k = first; k < Math.Min(first + issuesPerBatch, corpus.IssueCount); k++)
            {
                var date = corpus.IssueDate(k);
                var number = numbers[date.Year] = numbers.GetValueOrDefault(date.Year) + 1;
                var articles = Enumerable.Range(k * SearchCorpus.ArticlesPerIssue, SearchCorpus.ArticlesPerIssue).Where(i => i < corpus.Size).Select(corpus.Article).ToList();
                var sections = articles.GroupBy(a => a.Column).OrderBy(g => SearchCorpus.Columns.ToList().IndexOf(g.Key)).Select((g, order) => new IssueSection
                {
                    Id = (k * SearchCorpus.ArticlesPerIssue) + order + 1,
                    Order = order,
                    Name = g.Key,
                    ColumnId = SearchCorpus.Columns.ToList().IndexOf(g.Key) + 1,
                    Items = [.. g.Select((a, o) => Item(a, k + 1, o))],
                }).ToList();
                issues.Add(new Issue
                {
                    Id = k + 1,
                    SeriesId = 1,
                    Source = IssueSource.Imported,
                    Status = IssueStatus.Published,
                    Year = date.Year,
                    Number = number,
                    TotalNumber = k + 1,
                    Date = date,
                    Revision = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                    PublishedAt = now,
                    Sections = sections,
                });
            }
            db.Issues.AddRange(issues);
            await db.SaveChangesAsync(ct);
            progress?.Report(Math.Min((first + issuesPerBatch) * SearchCorpus.ArticlesPerIssue, corpus.Size));
        }
    }

    private static IssueItem Item(BenchArticle a, int issueId, int order) => new()
    {
        Id = a.Index + 1,
        IssueId = issueId,
        Order = order,
        Title = a.Title,
        Paragraphs = [.. a.Paragraphs],
        CreditLine = a.CreditLine,
        CreditUnits = [a.Unit.ShortName],
        CreditAuthors = [a.Author],
        UnitIds = [a.Unit.Id],
        PersonsJson = JsonSerializer.Serialize(a.Persons.Select(p => new ImportPersonDto(p.Name, [p.Title])).ToList(), PersonJson),
    };

    /// <summary>Rebuilds the index exactly as <c>jianxun search reindex</c> does; returns the number of documents.</summary>
    public async Task<int> ReindexAsync(IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchHandlers>().ReindexAsync(Actor.System, progress, ct);
    }

    /// <summary>Runs an arbitrary statement on Jianxun's own connection (sizes, checkpoints).</summary>
    public async Task<T> WithConnectionAsync<T>(Func<System.Data.Common.DbConnection, Task<T>> work, CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs the queries one after another, each in its own scope as one request would, timing each. Every phrase query
    /// is then checked, untimed, for its source article: the same query narrowed by the article's unit and date (a
    /// conjunction, so the article is in the narrowed result exactly when it is in the full one), paged through.
    /// </summary>
    public async Task<SearchRunResult> RunAsync(SearchCorpus corpus, IReadOnlyList<BenchQuery> queries, JianxunQueryPath path, bool checkRecall,
        CancellationToken ct)
    {
        var result = new SearchRunResult();
        var unitIds = corpus.Units.ToDictionary(u => u.ShortName, u => u.Id, StringComparer.Ordinal);
        foreach (var q in queries)
        {
            var started = Stopwatch.GetTimestamp();
            int total;
            try
            {
                await using var scope = _services.CreateAsyncScope();
                if (path == JianxunQueryPath.Api)
                {
                    var r = await scope.ServiceProvider.GetRequiredService<SearchHandlers>().SearchAsync(Reader,
                        new SearchRequest(q.Text, Unit: q.Unit, From: BenchQuery.Iso(q.From), To: BenchQuery.Iso(q.To)), ct);
                    total = r.Total;
                }
                else
                {
                    var clauses = SearchQueryParser.Parse(q.Text);
                    await scope.ServiceProvider.GetRequiredService<SearchIndexer>().EnsureDictionaryAsync(ct);
                    var r = await scope.ServiceProvider.GetRequiredService<ISearchIndex>().QueryAsync(new SearchIndexQuery(clauses,
                        UnitIds: q.Unit is null ? null : [unitIds[q.Unit]], From: q.From, To: q.To, Workflow: WorkflowScope.None,
                        Limit: SearchHandlers.DefaultPageSize, Facets: false), ct);
                    total = r.Total;
                }
            }
            catch (ValidationException e)
            {
                // A query the parser refuses is a failure of the mix, not a zero-hit search: count it and go on.
                result.Failed++;
                Console.Error.WriteLine($"query {q.Number} «{q.Text}» refused: {e.Message}");
                continue;
            }
            result.Timings.Add(new QueryTiming(q.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, total));
        }
        result.PeakTimedMB = SearchRunResult.PeakWorkingSetMB();

        if (checkRecall)
        {
            foreach (var q in queries.Where(q => q.SourceArticle is not null))
            {
                result.Phrases++;
                if (await ContainsAsync(corpus.Article(q.SourceArticle!.Value), q.Text, ct))
                {
                    result.PhrasesFound++;
                }
                else
                {
                    result.MissedPhrases.Add($"{q.Text} (article {q.SourceArticle})");
                }
            }
        }
        return result;
    }

    private async Task<bool> ContainsAsync(BenchArticle article, string text, CancellationToken ct)
    {
        var id = article.Index + 1;
        var date = BenchQuery.Iso(article.Date);
        for (var page = 1; ; page++)
        {
            await using var scope = _services.CreateAsyncScope();
            var r = await scope.ServiceProvider.GetRequiredService<SearchHandlers>().SearchAsync(Reader,
                new SearchRequest(text, Unit: article.Unit.Id.ToString(CultureInfo.InvariantCulture), From: date, To: date, Page: page,
                    PageSize: SearchHandlers.MaxPageSize), ct);
            if (r.Items.Any(i => i.ArticleId == id))
            {
                return true;
            }
            if (page * SearchHandlers.MaxPageSize >= r.Total)
            {
                return false;
            }
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
