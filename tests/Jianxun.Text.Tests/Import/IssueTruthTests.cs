using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jianxun.Text.Tests.Import;

public sealed class IssueTruthTests
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonObject Truth = JsonNode.Parse(IssueTruth.From(RoundTrip.Issue(extraArticles: 1), RoundTrip.People))!.AsObject();

    private static JsonObject Article(int section, int article) => Truth["sections"]![section]!["articles"]![article]!.AsObject();

    [Fact]
    public void From_RoundTripIssue_StatesTheIssueAndItsColumnsWithoutBrackets()
    {
        Assert.Equal("国资简讯", (string?)Truth["masthead"]);
        Assert.Equal(12, (int?)Truth["issueNumber"]);
        Assert.Equal(88, (int?)Truth["totalIssueNumber"]);
        Assert.Equal(2025, (int?)Truth["year"]);
        Assert.Equal("2025-06-30", (string?)Truth["date"]);
        Assert.Equal(["国企动态", "基层风采", "简讯"], Truth["sections"]!.AsArray().Select(s => (string?)s!["name"]));
    }

    [Fact]
    public void From_ArticleWithUnitsAndWriters_SplitsTheCreditAndNamesTheActorsWithTheirTitles()
    {
        var first = Article(0, 0);

        Assert.Equal("""{"units":["滨湖城投集团","安全管理部"],"authors":["邵明川","温若溪"]}""", first["credit"]!.ToJsonString(Options));
        Assert.Equal("""["6月12日"]""", first["dates"]!.ToJsonString(Options));
        Assert.Equal(
            """[{"name":"宋怀远","titles":["集团党委书记","董事长"]},{"name":"戴秋岚","titles":["党委副书记","总经理"]}]""",
            first["persons"]!.ToJsonString(Options));
        Assert.Equal("""{"units":["港区物流公司"],"authors":[]}""", Article(0, 1)["credit"]!.ToJsonString(Options));
    }

    [Fact]
    public void From_Briefs_NumbersThemAndLeadsWithTheBoldTitle()
    {
        var second = Article(2, 1);

        Assert.Null(second["title"]);
        Assert.Equal(2, (int?)second["number"]);
        Assert.Equal("能源集团发行绿色债券。6月5日，能源集团成功发行5亿元绿色公司债券，票面利率2.35%，创同期同类债券新低。", (string?)second["paragraphs"]![0]);
        Assert.Null(Article(2, 0)["credit"]);
        Assert.Equal("""{"units":["城建集团"],"authors":["程远"]}""", Article(2, 2)["credit"]!.ToJsonString(Options));
    }
}
