using Jianxun.Core.Search;

namespace Jianxun.Core.Tests.Search;

/// <summary>The in-memory catalog on its own (ADR-009): snapshots never change, names added by a refresh get new keys.</summary>
public sealed class SearchCatalogTests
{
    private static SearchDocMeta Doc(NameTable.Builder names, long id, string column, int unit, string[] persons, DateOnly date, string title = "标题") =>
        new(id, SearchDocKind.ArchiveItem, (int)id, 1, 1, null, column, names.Key(column), SearchSource.Imported, null, null, SearchDocMeta.DateKey(date),
            [unit], [.. persons.Select(names.Key)], title, [], []);

    private static SearchIndexQuery All => new([], SortByDate: true, ByMonth: true);

    private static MatchedIds Ids(IEnumerable<long> ids)
    {
        var m = new MatchedIds();
        foreach (var id in ids)
        {
            m.Add(id);
        }
        return m;
    }

    [Fact]
    public void Apply_NewNamesGetNewKeys_AndTheOlderSnapshotStaysAsItWas()
    {
        var b1 = new NameTable.Builder(NameTable.Empty);
        var first = SearchCatalog.Create("db", 1, [
            Doc(b1, 2, "国企动态", 7, ["韦立新"], new DateOnly(2024, 3, 1)),
            Doc(b1, 4, "领导关注", 7, ["韦立新", "钟山"], new DateOnly(2024, 3, 9)),
        ], b1.Build());

        var b2 = new NameTable.Builder(first.Names);
        var second = first.Apply(2, deleted: [2], written: [Doc(b2, 6, "基层动态", 8, ["欧阳文华", "钟山"], new DateOnly(2025, 1, 2))], b2.Build());

        var before = first.Evaluate(All, null, null, []);
        Assert.Equal(2, before.Total);
        Assert.Equal([("韦立新", 2), ("钟山", 1)], before.Persons);
        Assert.Equal([("2024-03", 2)], before.Months);

        var after = second.Evaluate(All, null, null, []);
        Assert.Equal([6L, 4L], after.Page.Select(p => p.Doc.Id));
        Assert.Equal([("钟山", 2), ("欧阳文华", 1), ("韦立新", 1)], after.Persons);
        Assert.Equal([("基层动态", 1), ("领导关注", 1)], after.Columns);
        Assert.Equal([(7, 1), (8, 1)], after.Units);
        Assert.Equal(1, second.Evaluate(All with { ColumnName = "基层动态" }, null, null, []).Total);
        Assert.Equal(0, first.Evaluate(All with { ColumnName = "基层动态" }, null, null, []).Total);
        Assert.Equal(0, second.Evaluate(All with { Person = "不在目录里的人" }, null, null, []).Total);
        Assert.Equal(1, second.Evaluate(All with { Person = "不在目录里的人" }, null, [6], []).Total);
    }

    [Fact]
    public void Evaluate_Relevance_TitleTermsFirstThenNewest_AndPagesWithoutOverlap()
    {
        var b = new NameTable.Builder(NameTable.Empty);
        var docs = Enumerable.Range(1, 50).Select(i => Doc(b, i, "国企动态", 1, [], new DateOnly(2020, 1, 1).AddDays(i), i % 10 == 0 ? "城市更新推进会" : "其他会议")).ToList();
        var catalog = SearchCatalog.Create("db", 1, docs, b.Build());
        using var matches = Ids(docs.Select(d => d.Id));
        var q = new SearchIndexQuery([], Limit: 7);

        var pages = Enumerable.Range(0, 8).SelectMany(p => catalog.Evaluate(q with { Offset = p * 7 }, matches, null, ["城市更新"]).Page).ToList();
        Assert.Equal(50, pages.Select(p => p.Doc.Id).Distinct().Count());
        Assert.Equal([50L, 40, 30, 20, 10, 49, 48], pages.Take(7).Select(p => p.Doc.Id));
        Assert.All(pages.Take(5), p => Assert.Equal(10, p.Score));
    }

    [Fact]
    public void Apply_ReplacesAnOlderDocument_AndMatchedIdsStillFindEveryDocument()
    {
        var b1 = new NameTable.Builder(NameTable.Empty);
        var first = SearchCatalog.Create("db", 1, [.. Enumerable.Range(1, 20).Select(i => Doc(b1, i * 2, "国企动态", 7, [], new DateOnly(2024, 1, i)))], b1.Build());

        var b2 = new NameTable.Builder(first.Names);
        var second = first.Apply(2, deleted: [4], written: [Doc(b2, 10, "领导关注", 8, ["钟山"], new DateOnly(2025, 6, 1)), Doc(b2, 41, "领导关注", 8, [], new DateOnly(2025, 6, 2))], b2.Build());

        Assert.Equal(20, second.Count);
        using var upTo50 = Ids(Enumerable.Range(0, 50).Select(i => (long)i));
        var all = second.Evaluate(new SearchIndexQuery([], SortByDate: true, Limit: 100), upTo50, null, []);
        Assert.Equal(20, all.Total);
        Assert.Equal([41L, 10, 40, 38], all.Page.Take(4).Select(p => p.Doc.Id));
        Assert.DoesNotContain(all.Page, p => p.Doc.Id == 4);
        using var some = Ids([10, 12, 41]);
        var replaced = second.Evaluate(new SearchIndexQuery([], ColumnName: "领导关注", Person: "钟山"), some, null, []);
        Assert.Equal([10L], replaced.Page.Select(p => p.Doc.Id));
        Assert.Equal("领导关注", replaced.Page[0].Doc.Column);
        Assert.Equal(new DateOnly(2025, 6, 1), replaced.Page[0].Doc.DateValue);
        Assert.Equal(20, first.Evaluate(new SearchIndexQuery([], ColumnName: "国企动态"), null, null, []).Total);
    }
}
