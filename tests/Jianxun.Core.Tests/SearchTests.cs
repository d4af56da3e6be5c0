using System.Globalization;
using System.Text;
using Jianxun.Core.Accounts;
using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Search;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Tests;

/// <summary>Search over the archive and the workflow, on each database: phrases, ranking, filters, scope, bad input.</summary>
public abstract class SearchTests(DatabaseKind kind)
{
    private static readonly Actor Editor = new(2, "editor", 1, new HashSet<string> { Roles.Editor });
    private static readonly Actor Admin = new(1, "admin", 1, new HashSet<string> { Roles.Admin });
    private static readonly Actor Reader = new(7, "reader", 5, new HashSet<string> { Roles.Reader });
    private static readonly Actor Contributor = new(5, "contributor", 3, new HashSet<string> { Roles.Contributor });
    private static readonly Actor SameUnitContributor = new(4, "reviewer", 3, new HashSet<string> { Roles.Contributor });
    private static readonly Actor OtherUnitContributor = new(6, "contributor2", 4, new HashSet<string> { Roles.Contributor });

    private static readonly string[] Names = ["韦立新", "欧阳文华", "钟山", "司马南", "陈建国", "黄小燕"];
    private static readonly string[] Phrases =
    [
        "国有资产监督管理", "深化改革三年行动", "城市更新项目", "安全生产大检查", "优化营商环境", "数字化转型",
        "党风廉政建设", "重点项目推进会", "防汛抗旱工作", "第一季度经济运行", "招商引资签约", "乡村振兴示范点",
    ];

    private static Task<SearchResultDto> SearchAsync(CoreHarness h, Actor actor, SearchRequest request)
        => h.RunAsync<SearchHandlers, SearchResultDto>(x => x.SearchAsync(actor, request, default));

    /// <summary>A deterministic invented article: sentences from the phrase list, a person, a date.</summary>
    private static ImportArticleDto Article(Random random, int i, string? title = null, string? extra = null)
    {
        var sb = new StringBuilder();
        for (var s = 0; s < 4 + random.Next(4); s++)
        {
            sb.Append(Phrases[random.Next(Phrases.Length)]).Append(random.Next(2) == 0 ? "取得新进展，" : "稳步推进，")
              .Append(CultureInfo.InvariantCulture, $"完成投资{random.Next(1, 99)}亿元。");
        }
        var person = Names[i % Names.Length];
        return new ImportArticleDto(title ?? $"{Phrases[i % Phrases.Length]}工作会议召开（{i}）",
            null, [$"{random.Next(1, 12)}月{random.Next(1, 28)}日，{person}同志出席会议并讲话。", sb.ToString(), extra ?? "会议要求，各单位要抓好落实。"],
            ["城投集团"], ["林小禾"], [new ImportPersonDto(person, ["副区长"])], [], []);
    }

    private static async Task<ImportResultDto> ImportAsync(CoreHarness h, int number, DateOnly date, params ImportSectionDto[] sections)
    {
        var content = Encoding.UTF8.GetBytes($"search test {number} {Guid.NewGuid()}");
        return await h.RunAsync<ImportHandlers, ImportResultDto>(x => x.CommitAsync(Editor, $"s{number}.txt", content,
            new ImportCommitRequest(SeriesId: 1, Year: date.Year, Number: number, Date: date, Sections: sections), default));
    }

    private static async Task<List<ImportArticleDto>> ImportCorpusAsync(CoreHarness h, int count = 18)
    {
        var random = new Random(20261128);
        var articles = Enumerable.Range(0, count).Select(i => Article(random, i)).ToList();
        await ImportAsync(h, 901, new DateOnly(2019, 5, 6), new ImportSectionDto("国企动态", false, articles[..(count / 2)]));
        await ImportAsync(h, 902, new DateOnly(2020, 7, 8), new ImportSectionDto("领导关注", false, articles[(count / 2)..]));
        return articles;
    }

    [SkippableFact]
    public async Task QuotedPhrase_RandomSubstringsOfArticles_AlwaysFindTheArticle()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        var articles = await ImportCorpusAsync(h);
        var random = new Random(7);
        for (var n = 0; n < 40; n++)
        {
            var a = articles[random.Next(articles.Count)];
            var text = random.Next(4) == 0 ? a.Title! : a.Paragraphs[random.Next(a.Paragraphs.Count)];
            var length = random.Next(2, 9);
            var start = random.Next(0, text.Length - length + 1);
            var sub = text.Substring(start, length);
            if (!sub.Any(char.IsLetterOrDigit))
            {
                continue;
            }
            var result = await SearchAsync(h, Reader, new SearchRequest($"\"{sub}\"", Source: "imported", PageSize: 100));
            Assert.True(result.Items.Any(i => i.Title == a.Title), $"\"{sub}\" did not find 《{a.Title}》 ({result.Total} hits)");
            Assert.All(result.Items, i => Assert.Contains("<mark>", i.TitleHtml + i.Snippet, StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public async Task QuotedPhrase_OverAGeneratedCorpus_HitsExactlyTheArticlesThatContainIt()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        var articles = await ImportCorpusAsync(h, count: 30);
        var texts = articles.ToDictionary(a => a.Title!, a => string.Join("\n", [a.Title!, .. a.Paragraphs]), StringComparer.Ordinal);
        var random = new Random(11);
        var phrases = new List<string>();
        while (phrases.Count < 60)
        {
            var text = texts.Values.ElementAt(random.Next(texts.Count));
            var length = random.Next(2, 9);
            var start = random.Next(0, text.Length - length + 1);
            var sub = text.Substring(start, length);
            if (!sub.All(IsHan))
            {
                continue;
            }
            phrases.Add(sub);
            // Near misses: the same characters out of order, and the ends of two articles joined. Their n-grams are
            // all in the index; only an exact phrase match keeps them out.
            if (sub.Length >= 4)
            {
                phrases.Add(string.Concat(sub[..1], sub[2..3], sub[1..2], sub[3..]));
            }
            var other = texts.Values.ElementAt(random.Next(texts.Count));
            var tail = new string([.. other.Where(IsHan).TakeLast(3)]);
            phrases.Add(sub[..Math.Min(3, sub.Length)] + tail);
        }

        var checkedWithHits = 0;
        foreach (var phrase in phrases.Distinct(StringComparer.Ordinal))
        {
            var expected = texts.Where(t => t.Value.Contains(phrase, StringComparison.Ordinal)).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
            var result = await SearchAsync(h, Reader, new SearchRequest($"\"{phrase}\"", Source: "imported", PageSize: 100));
            Assert.True(result.Total <= 100, $"\"{phrase}\": {result.Total} hits, more than one page");
            var hits = result.Items.Select(i => i.Title!).Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(hits),
                $"\"{phrase}\": expected [{string.Join("、", expected)}], hit [{string.Join("、", hits)}]");
            checkedWithHits += expected.Count > 0 ? 1 : 0;
        }
        // The corpus gave both kinds: phrases found in some articles, and near misses found in none.
        Assert.InRange(checkedWithHits, 20, phrases.Count - 10);

        static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
    }

    [SkippableFact]
    public async Task Search_PublishedDemoIssue_IsIndexedAndReindexGivesTheSameAnswer()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        var issues = await h.RunAsync<ArchiveQueries, IReadOnlyList<ArchiveListItemDto>>(x => x.ListAsync(Reader, new ArchiveFilter(), default));
        var issue = await h.RunAsync<ArchiveQueries, ArchiveIssueDto>(x => x.GetAsync(Reader, issues[0].Id, default));
        var item = issue.Sections.SelectMany(s => s.Items).First(i => i.Title is { Length: > 6 });
        var phrase = item.Title![1..6];

        var before = await SearchAsync(h, Reader, new SearchRequest($"\"{phrase}\"", Source: "published"));
        Assert.Contains(before.Items, i => i.ArticleId == item.Id && i.IssueId == issue.Id && i.Url == $"/archive/{issue.Id}?q={Uri.EscapeDataString($"\"{phrase}\"")}#item-{item.Id}");

        var indexed = await h.RunAsync<SearchHandlers, int>(x => x.ReindexAsync(Admin, null, default));
        Assert.True(indexed > 0);
        var after = await SearchAsync(h, Reader, new SearchRequest($"\"{phrase}\"", Source: "published"));
        Assert.Equal(before.Items.Select(i => i.ArticleId), after.Items.Select(i => i.ArticleId));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<SearchHandlers, int>(x => x.ReindexAsync(Editor, null, default)));
    }

    [SkippableFact]
    public async Task Ranking_TitleMatchOutranksBodyMatch_AndNameFindsEveryMention()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        var random = new Random(3);
        var body = Article(random, 1, title: "产业园区调研座谈", extra: "会上，滨江新城开发建设情况作了通报。");
        var title = Article(random, 2, title: "滨江新城开发建设进展顺利");
        // A name inside other characters that jieba may glue to it.
        var glued = Enumerable.Range(0, 5).Select(i => Article(random, 6, title: $"会议纪要{i}", extra: new[]
        {
            "司马南强调要压实责任。", "由司马南主持。", "副区长司马南指出，", "司马南同志参加。", "听取了司马南局长汇报。",
        }[i])).ToList();
        await ImportAsync(h, 1, new DateOnly(2021, 1, 5), new ImportSectionDto("国企动态", false, [body, title, .. glued]));

        var ranked = await SearchAsync(h, Reader, new SearchRequest("滨江新城", Source: "imported"));
        Assert.Equal(["滨江新城开发建设进展顺利", "产业园区调研座谈"], ranked.Items.Select(i => i.Title).ToArray());
        Assert.Contains("<mark>滨江新城</mark>", ranked.Items[1].Snippet, StringComparison.Ordinal);

        var name = await SearchAsync(h, Reader, new SearchRequest("司马南", Source: "imported", PageSize: 50));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"会议纪要{i}").Order(StringComparer.Ordinal), name.Items.Select(i => i.Title).Order(StringComparer.Ordinal));
        Assert.All(name.Items, i => Assert.Contains("<mark>司马南</mark>", i.Snippet, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Filters_FacetsAndPaging_AreConsistent()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        await ImportCorpusAsync(h);
        var random = new Random(11);
        // An article of 城投置业 (a sub-unit of 城投集团).
        var sub = Article(random, 3, title: "城投置业交付安置房") with { CreditUnits = ["城投置业"] };
        await ImportAsync(h, 903, new DateOnly(2021, 3, 9), new ImportSectionDto("国企动态", false, [sub]));

        var all = await SearchAsync(h, Reader, new SearchRequest("工作会议", Source: "imported", PageSize: 100));
        Assert.Equal(18, all.Total);
        Assert.Equal(all.Total, all.Facets.Years.Sum(y => y.Count));
        Assert.Contains(all.Facets.Years, y => y.Key == "2019" && y.Count == 9);
        Assert.Contains(all.Facets.Columns, c => c.Key == "领导关注" && c.Count == 9);
        Assert.Contains(all.Facets.Units, u => u.Label == "城投集团" && u.Count == 18);

        var pages = new List<SearchHitDto>();
        for (var page = 1; page <= 4; page++)
        {
            var r = await SearchAsync(h, Reader, new SearchRequest("工作会议", Source: "imported", Sort: "date", Page: page, PageSize: 5));
            Assert.Equal(18, r.Total);
            pages.AddRange(r.Items);
        }
        Assert.Equal(18, pages.Select(p => p.ArticleId).Distinct().Count());
        Assert.True(pages.Zip(pages.Skip(1)).All(p => p.First.Date >= p.Second.Date));

        var column = await SearchAsync(h, Reader, new SearchRequest("工作会议", Column: "领导关注", Source: "imported"));
        Assert.Equal(9, column.Total);
        var dated = await SearchAsync(h, Reader, new SearchRequest("工作会议", From: "2020-01-01", To: "2020-12-31", Source: "imported"));
        Assert.Equal(9, dated.Total);
        Assert.All(dated.Items, i => Assert.Equal(2020, i.Date!.Value.Year));
        var person = await SearchAsync(h, Reader, new SearchRequest("工作会议", Person: "韦立新", Source: "imported", PageSize: 100));
        Assert.Equal(3, person.Total);

        var parent = await SearchAsync(h, Reader, new SearchRequest(null, Unit: "城投集团", Source: "imported", PageSize: 100));
        Assert.Contains(parent.Items, i => i.Title == "城投置业交付安置房");
        var child = await SearchAsync(h, Reader, new SearchRequest(null, Unit: "城投置业", Source: "imported"));
        Assert.Equal(["城投置业交付安置房"], child.Items.Select(i => i.Title).ToArray());

        var excluded = await SearchAsync(h, Reader, new SearchRequest("工作会议 -韦立新", Source: "imported", PageSize: 100));
        Assert.Equal(15, excluded.Total);
        var either = await SearchAsync(h, Reader, new SearchRequest("韦立新 OR 钟山", Source: "imported", PageSize: 100));
        Assert.Equal(6, either.Total);
        // 或, the word the search page teaches, is the same OR.
        var eitherInChinese = await SearchAsync(h, Reader, new SearchRequest("韦立新 或 钟山", Source: "imported", PageSize: 100));
        Assert.Equal(either.Items.Select(i => i.Title), eitherInChinese.Items.Select(i => i.Title));

        var unitPage = await h.RunAsync<SearchHandlers, UnitPageDto>(x => x.UnitPageAsync(Reader, int.Parse(all.Facets.Units.First(u => u.Label == "城投集团").Key, CultureInfo.InvariantCulture), default));
        Assert.True(unitPage.ContributedTotal >= 19);
        Assert.Contains(unitPage.ByMonth, m => m.Month == "2021-03" && m.Contributed == 1);
    }

    [SkippableFact]
    public async Task WorkflowScope_ContributorNeverSeesAnotherUnitsOrAnotherWritersDrafts()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        var draft = await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.CreateAsync(Contributor,
            new SaveSubmissionRequest("翡翠湾片区征收草稿", ["翡翠湾片区征收工作启动。"], TestClock.OfficeToday.AddDays(-1), [3], ["林小禾"], null), default));

        async Task<int> CountAsync(Actor actor) => (await SearchAsync(h, actor, new SearchRequest("翡翠湾", Source: "workflow"))).Total;
        Assert.Equal(1, await CountAsync(Contributor));
        Assert.Equal(0, await CountAsync(SameUnitContributor));
        Assert.Equal(0, await CountAsync(OtherUnitContributor));
        Assert.Equal(0, await CountAsync(Editor));
        Assert.Equal(0, await CountAsync(Reader));

        await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.MoveAsync(Contributor, draft.Id, WorkflowAction.Submit, new MoveRequest(), default));
        Assert.Equal(1, await CountAsync(SameUnitContributor));
        Assert.Equal(0, await CountAsync(OtherUnitContributor));
        Assert.Equal(0, await CountAsync(Reader));
        var editor = await SearchAsync(h, Editor, new SearchRequest("翡翠湾"));
        Assert.Equal($"/submissions/{draft.Id}", Assert.Single(editor.Items).Url);
    }

    [SkippableFact]
    public async Task BadInput_EachGivesAResultOrAChineseMessage()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        string[] inputs =
        [
            "", "   ", "的", "的 了 和", "\"国资", "国资\"", "\"\"", new string('国', 10_000), "*", "国资*", "国:资", "title:国资", "NEAR(国资 委)",
            "国资 NEAR 委", "^国资", "(国资", "国资)", "-国资", "-", "OR", "国资 OR", "OR 国资", "'; DROP TABLE search_docs; --", "\\", "'", "国资'委",
            "{}[]", "a\"b\"c", "国资 -\"简讯\"", "\u0000", "😀", "𠀀𠀁",
        ];
        // Syntax noise around a word that the demo has: the word is still found, never an error.
        string[] stillFind = ["\"国资", "国资\"", "国资*", "^国资", "(国资", "国资)", "国资 OR", "OR 国资"];
        foreach (var q in inputs.Concat(stillFind).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var r = await SearchAsync(h, Editor, new SearchRequest(q));
                Assert.InRange(r.Items.Count, 0, Math.Min(r.Total, 20));
                Assert.All(r.Items, i => Assert.False(string.IsNullOrEmpty(i.Url), q));
                Assert.True(!stillFind.Contains(q) || r.Total > 0, $"'{q}' found nothing");
            }
            catch (ValidationException e)
            {
                Assert.DoesNotContain(q, stillFind);
                Assert.Contains("q", e.Errors.Keys);
                Assert.Matches("[\u4e00-\u9fff]", e.Message);
            }
        }
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(h, Editor, new SearchRequest(new string('国', 10_000))));
        Assert.Contains("过长", tooLong.Message, StringComparison.Ordinal);
        var stop = await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(h, Editor, new SearchRequest("的 了")));
        Assert.Contains("常用字", stop.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(h, Editor, new SearchRequest("国资", From: "昨天")));
        await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(h, Editor, new SearchRequest("国资", Source: "everything")));
        await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(h, Editor, new SearchRequest("国资", PageSize: 1000)));
        await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(h, Editor, new SearchRequest("国资", Unit: "不存在的单位")));
        var unclosed = await SearchAsync(h, Editor, new SearchRequest("\"国资"));
        Assert.Equal((await SearchAsync(h, Editor, new SearchRequest("\"国资\""))).Total, unclosed.Total);
    }

    /// <summary>
    /// Each process keeps a catalog of the index (ADR-009). Writes from another scope, as the command line would make them
    /// in another process, a rolled-back write, a deletion, a clear and a rebuild must each show in the very next search.
    /// </summary>
    [SkippableFact]
    public async Task Catalog_FollowsWritesDeletesRollbacksAndRebuildsMadeElsewhere()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        await ImportCorpusAsync(h);
        async Task<int> TotalAsync(string q) => (await SearchAsync(h, Reader, new SearchRequest(q, Source: "imported", PageSize: 100))).Total;
        var before = await TotalAsync("工作会议");
        Assert.Equal(18, before);

        var extra = new SearchDocument(SearchDocKind.ArchiveItem, 900_001, null, 1, null, "国企动态", SearchSource.Imported, null, null,
            new DateOnly(2022, 2, 2), "雁栖湖工作会议召开", ["雁栖湖片区工作会议在区行政中心召开。"], [], [], ["韦立新"]);
        await h.RunAsync<ISearchIndex>(x => x.UpsertAsync([extra], default));
        Assert.Equal(before + 1, await TotalAsync("工作会议"));
        Assert.Equal(1, await TotalAsync("\"雁栖湖片区\""));
        Assert.Equal(4, (await SearchAsync(h, Reader, new SearchRequest(null, Person: "韦立新", Source: "imported", PageSize: 100))).Total);

        // Replaced: the old text no longer matches, the new one does.
        await h.RunAsync<ISearchIndex>(x => x.UpsertAsync([extra with { Title = "雁栖湖座谈会召开", Paragraphs = ["雁栖湖片区座谈会召开。"] }], default));
        Assert.Equal(before, await TotalAsync("工作会议"));
        Assert.Equal(1, await TotalAsync("座谈会"));

        // A write whose transaction rolls back is never seen.
        await h.RunAsync<Core.Data.AppDbContext>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await SearchServices.IndexFor(db).UpsertAsync([extra with { RefId = 900_002, Title = "回滚的工作会议" }], default);
            await tx.RollbackAsync();
        });
        Assert.Equal(before, await TotalAsync("工作会议"));

        await h.RunAsync<ISearchIndex>(x => x.DeleteAsync(SearchDocKind.ArchiveItem, [900_001], default));
        Assert.Equal(0, await TotalAsync("座谈会"));

        await h.RunAsync<ISearchIndex>(x => x.ClearAsync(default));
        Assert.Equal(0, await TotalAsync("工作会议"));

        // A migration that changes the stored form asks for a rebuild; the migrator does it, with progress.
        await h.RunAsync<Core.Data.AppDbContext>(db => db.Database.ExecuteSqlRawAsync("UPDATE search_state SET rebuild = 1"));
        var reports = new List<(int Done, int Total)>();
        await h.RunAsync<Core.Data.DatabaseMigrator>(m => m.MigrateAsync(default, new SyncProgress(reports.Add)));
        Assert.Equal(before, await TotalAsync("工作会议"));
        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].Total, reports[^1].Done);
        Assert.False(await h.RunAsync<SearchIndexer, bool>(x => x.RebuildIfRequestedAsync(null, default)));
    }

    /// <summary>
    /// Compacting finds the same documents. On SQLite it merges the FTS5 segments that separate writes leave into one
    /// (a segment's rows in <c>search_fts_data</c> have ids of segment &lt;&lt; 37), and a rebuild ends compacted.
    /// </summary>
    [SkippableFact]
    public async Task Compact_MergesTheSegmentsOfSeparateWrites_AndFindsTheSameDocuments()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        await ImportCorpusAsync(h);
        for (var i = 0; i < 3; i++)
        {
            var extra = new SearchDocument(SearchDocKind.ArchiveItem, 900_100 + i, null, 1, null, "国企动态", SearchSource.Imported, null, null,
                new DateOnly(2022, 3, 1 + i), $"雁栖湖工作会议召开（{i}）", [$"雁栖湖片区第{i}次工作会议在区行政中心召开。"], [], [], ["韦立新"]);
            await h.RunAsync<ISearchIndex>(x => x.UpsertAsync([extra], default));
        }
        string[] queries = ["工作会议", "\"雁栖湖片区\"", "\"取得新进展\" -\"城市更新\"", "韦立新 OR 钟山", "\"投资\""];
        async Task<List<int>> TotalsAsync()
        {
            var totals = new List<int>();
            foreach (var q in queries)
            {
                totals.Add((await SearchAsync(h, Reader, new SearchRequest(q, Source: "imported", PageSize: 100))).Total);
            }
            return totals;
        }
        Task<int> SegmentsAsync() => h.RunAsync<Core.Data.AppDbContext, int>(async db => (await db.Database
            .SqlQueryRaw<int>("SELECT count(DISTINCT id >> 37) AS \"Value\" FROM search_fts_data WHERE id >= 137438953472").ToListAsync()).Single());

        var before = await TotalsAsync();
        Assert.Equal(21, before[0]);
        Assert.Equal(3, before[1]);
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.True(await SegmentsAsync() > 1);
            // A new database has 16 KB pages and FTS5 leaves to match (ADR-011).
            Assert.Equal(16384, await h.RunAsync<Core.Data.AppDbContext, int>(async db =>
                (await db.Database.SqlQueryRaw<int>("SELECT page_size AS \"Value\" FROM pragma_page_size()").ToListAsync()).Single()));
            Assert.Equal(16000, await h.RunAsync<Core.Data.AppDbContext, int>(async db =>
                (await db.Database.SqlQueryRaw<int>("SELECT v AS \"Value\" FROM search_fts_config WHERE k = 'pgsz'").ToListAsync()).Single()));
        }

        await h.RunAsync<ISearchIndex>(x => x.CompactAsync(default));
        Assert.Equal(before, await TotalsAsync());
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.Equal(1, await SegmentsAsync());
        }

        await h.RunAsync<ISearchIndex>(x => x.UpsertAsync([new SearchDocument(SearchDocKind.ArchiveItem, 900_200, null, 1, null, "国企动态",
            SearchSource.Imported, null, null, new DateOnly(2022, 4, 1), "又一次工作会议", ["会后调研。"], [], [], [])], default));
        await h.RunAsync<SearchHandlers, int>(x => x.ReindexAsync(Admin, null, default));
        Assert.Equal(18, (await TotalsAsync())[0]);
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.Equal(1, await SegmentsAsync());
        }
    }

    /// <summary>A quoted phrase is exact: it never matches across punctuation, and phrases with punctuation or of one character still work.</summary>
    [SkippableFact]
    public async Task QuotedPhrase_IsExact_AcrossPunctuationAndForOneCharacter()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: true);
        var random = new Random(5);
        var a = Article(random, 1, title: "滨湖片区调研", extra: "会议强调，要加快滨湖，智谷建设，推进A1-B2地块出让，编号abc,bcd,cde，批次wxyz,xyzu,yzuv。");
        await ImportAsync(h, 1, new DateOnly(2023, 4, 5), new ImportSectionDto("国企动态", false, [a]));
        async Task<int> TotalAsync(string q) => (await SearchAsync(h, Reader, new SearchRequest(q, Source: "imported"))).Total;

        Assert.Equal(0, await TotalAsync("\"滨湖智谷\""));
        Assert.Equal(0, await TotalAsync("\"湖智\""));
        Assert.Equal(1, await TotalAsync("\"滨湖，智谷\""));
        Assert.Equal(1, await TotalAsync("\"湖，智\""));
        Assert.Equal(1, await TotalAsync("\"a1-b2\""));
        Assert.Equal(0, await TotalAsync("\"a1b2\""));
        Assert.Equal(1, await TotalAsync("\"谷\""));
        Assert.Equal(1, await TotalAsync("\"智谷建设\" -\"滨湖智谷\""));
        Assert.Equal(0, await TotalAsync("\"智谷建设\" -\"湖，智\""));

        // Three words in a row that are also the trigrams of a phrase the text does not contain: no match.
        Assert.Equal(0, await TotalAsync("\"abcde\""));
        Assert.Equal(1, await TotalAsync("\"bcd\""));
        Assert.Equal(1, await TotalAsync("\"abc,bcd\""));
        Assert.Equal(1, await TotalAsync("abc bcd cde"));

        // Four characters are one four-gram token, more a phrase of four-grams (ADR-012); neither crosses punctuation,
        // and words that are also the four-grams of an absent phrase do not make it.
        Assert.Equal(1, await TotalAsync("\"智谷建设\""));
        Assert.Equal(1, await TotalAsync("\"要加快滨湖\""));
        Assert.Equal(1, await TotalAsync("\"推进a1\""));
        Assert.Equal(0, await TotalAsync("\"滨湖智谷建设\""));
        Assert.Equal(0, await TotalAsync("\"会议强调要\""));
        Assert.Equal(0, await TotalAsync("\"加快智谷\""));
        Assert.Equal(0, await TotalAsync("\"wxyzuv\""));
        Assert.Equal(1, await TotalAsync("\"xyzu\""));
        Assert.Equal(1, await TotalAsync("wxyz xyzu yzuv"));
    }

    private sealed class SyncProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }

    [Fact]
    public void Snippet_EscapesTextAndMarksMatches()
    {
        var s = SearchText.Snippet("<b>韦立新</b> & 韦立新同志", ["韦立新"]);
        Assert.Equal("&lt;b&gt;<mark>韦立新</mark>&lt;/b&gt; &amp; <mark>韦立新</mark>同志", s);
    }
}

public sealed class SqliteSearchTests() : SearchTests(DatabaseKind.Sqlite)
{
    /// <summary>The SQLite tests above step matched ids through the bundled library's direct calls, not the fallback.</summary>
    [Fact]
    public void MatchedIds_AreSteppedThroughTheBundledLibrary() => Assert.True(SqliteNative.IsBundled);
}

public sealed class PostgresSearchTests() : SearchTests(DatabaseKind.Postgres);
