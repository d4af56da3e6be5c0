using System.Text.Json;

namespace Jianxun.Text.Tests;

/// <summary>Doubts become warnings with a place, and the bulletin is still read (ADR-028).</summary>
public sealed class BulletinWarningsTests
{
    // An article of 基层风采 whose title line is missing: its paragraphs follow the previous article's credit directly.
    internal const string UntitledBulletin = """
        ● 简讯

        2024年第9期（总第99期）

        [基层风采]

        城投集团开展安全生产月活动

        6月3日，城投集团开展安全生产月活动，组织员工观看警示教育片。

        活动现场发放宣传资料两百余份。

        【供稿：城投集团 林小禾】

        6月5日，水务集团组织开展防汛应急演练，检验了抢险队伍的快速反应能力。

        演练结束后，参演人员对流程作了复盘。

        【供稿：水务集团 周一苇】

        """;

    [Fact]
    public void Of_UntitledArticle_ReadsTheArticleAndWarnsWithColumnArticleAndLine()
    {
        var bulletin = BulletinParser.Parse(UntitledBulletin);

        var articles = bulletin.Sections.Single().Articles;
        Assert.Equal(2, articles.Count);
        Assert.True(string.IsNullOrEmpty(articles[1].Title));
        var w = Assert.Single(bulletin.Warnings);
        Assert.Equal((ImportWarningKind.UntitledArticle, 0, 1, "基层风采", articles[1].SourceLineStart), (w.Kind, w.SectionIndex, w.ArticleIndex, w.Column, w.SourceLine));
        Assert.Contains("“基层风采”第 2 篇没有标题", w.Message, StringComparison.Ordinal);
        Assert.Contains("6月5日，水务集团组织开展防汛应急演练", w.Message, StringComparison.Ordinal);
        Assert.StartsWith("6月5日", bulletin.SourceLines[w.SourceLine!.Value - 1].Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Warnings_CarriedInTheJsonWithKindAndPlace()
    {
        using var json = JsonDocument.Parse(BulletinJson.Serialize(BulletinParser.Parse(UntitledBulletin)));

        var w = json.RootElement.GetProperty("warnings")[0];
        Assert.Equal("UntitledArticle", w.GetProperty("kind").GetString());
        Assert.Equal(1, w.GetProperty("articleIndex").GetInt32());
        Assert.Equal("基层风采", w.GetProperty("column").GetString());
    }

    [Fact]
    public void Structure_NoCreditUnnamedColumnImpossibleDate_EachWarned()
    {
        var warnings = BulletinWarnings.Structure(
        [
            new WarningSection("", false, 4, [new WarningArticle("标题甲", false, ["2月30日", "3月1日"], ["正文。"], 6)]),
            new WarningSection("简讯", true, 10, [new WarningArticle(null, false, [], ["1、正文。"], 11)]),
        ], 2024);

        Assert.Equal(
            [ImportWarningKind.UnnamedColumn, ImportWarningKind.CreditNotFound, ImportWarningKind.UnreadableDate],
            warnings.Select(w => w.Kind));
        Assert.Equal(4, warnings[0].SourceLine);
        Assert.Contains("“2月30日”", warnings[2].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6月5日，水务集团组织开展防汛应急演练。后文。", "6月5日，水务集团组织开展防汛应急演练")]
    [InlineData("一句很长很长的话没有句号一直写下去写到超过二十四个字为止还没完", "一句很长很长的话没有句号一直写下去写到超过二十四…")]
    [InlineData("", "无标题")]
    public void StandInTitle_FirstSentenceAtMost24Characters(string paragraph, string expected)
        => Assert.Equal(expected, BulletinWarnings.StandInTitle([paragraph]));

    [Theory]
    [InlineData("2月29日", 2024, true)]
    [InlineData("2月29日", 2023, false)]
    [InlineData("2月29日", null, true)]
    [InlineData("4月31日", 2024, false)]
    [InlineData("2023年2月29日", 2024, false)]
    public void IsRealDay_Calendar(string text, int? year, bool expected) => Assert.Equal(expected, BulletinWarnings.IsRealDay(text, year));
}
