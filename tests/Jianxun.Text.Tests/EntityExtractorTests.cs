namespace Jianxun.Text.Tests;

public sealed class EntityExtractorTests
{
    [Theory]
    [InlineData("2月19日至21日，召开会议。", new[] { "2月19日", "2月21日" })]
    [InlineData("2月28日至3月2日举办。", new[] { "2月28日", "3月2日" })]
    [InlineData("3月5-7日举办。", new[] { "3月5日", "3月7日" })]
    [InlineData("2023年2月26日上午，会议召开；2月27日下午再议，2月26日结束。", new[] { "2023年2月26日", "2月27日", "2月26日" })]
    [InlineData("3月中旬，近日，2023年，凌晨4点。", new string[0])]
    [InlineData("02月06日开会。", new[] { "2月6日" })]
    [InlineData("2 月 26 日下午", new[] { "2月26日" })]
    public void FindDates_BodyText_TruthForm(string body, string[] expected)
    {
        Assert.Equal(expected, EntityExtractor.FindDates(body));
    }

    [Fact]
    public void FindPersons_TitlesBeforeName_SplitAtEnumerationComma()
    {
        var persons = EntityExtractor.FindPersons(
            ["4月9日，区国资委党委书记、主任韩立群，党委委员、副主任范庆一行赴交运集团调研。集团党委副书记、纪委书记、工会主席林晓主持会议。"], []);

        Assert.Equal(["韩立群", "范庆", "林晓"], persons.Select(p => p.Name));
        Assert.Equal(["区国资委党委书记", "主任"], persons[0].Titles);
        Assert.Equal(["党委委员", "副主任"], persons[1].Titles);
        Assert.Equal(["集团党委副书记", "纪委书记", "工会主席"], persons[2].Titles);
    }

    [Fact]
    public void FindPersons_ListOfTitledPeople_EachTitleStopsAtPreviousName()
    {
        var persons = EntityExtractor.FindPersons(["临川科技有限公司董事长周海涛、云山软件股份有限公司董事长蒋平等参加调研。"], []);

        Assert.Equal(["周海涛", "蒋平"], persons.Select(p => p.Name));
        Assert.Equal(["云山软件股份有限公司董事长"], persons[1].Titles);
    }

    [Fact]
    public void FindPersons_LaterMentionsAndUntitled_ListedOnceWithTitlesOrEmpty()
    {
        var persons = EntityExtractor.FindPersons(
            ["总经理韩振宇主持会议。", "韩振宇强调，要抓好落实。会上，韦嘉明表示，将全力推进。"], []);

        Assert.Equal(["韩振宇", "韦嘉明"], persons.Select(p => p.Name));
        Assert.Equal(["总经理"], persons[0].Titles);
        Assert.Empty(persons[1].Titles);
    }

    [Fact]
    public void FindPersons_SetPhraseAndCommonWords_NotPersons()
    {
        var persons = EntityExtractor.FindPersons(["3月5日，公司开展学雷锋志愿服务，严格要求，高度重视，领导带队检查。"], []);

        Assert.Empty(persons);
    }

    [Fact]
    public void Parse_Registry_LinksUnitsAndClassifiesCreditTokens()
    {
        var registry = new UnitRegistry([new UnitRegistryEntry("u-hj", "临川华建集团有限公司", ["华建"])]);
        var text = Doc.Of("● 简讯", "[国企动态]", "华建召开安全生产会议",
            "3月6日，华建召开安全生产会议，" + Doc.Chars(17), Doc.Last(10), "【供稿：华建 吴敏】");

        var a = BulletinParser.Parse(text, new BulletinParseOptions { Units = registry }).Sections[0].Articles[0];

        Assert.Equal(["华建"], a.Credit!.Units);
        Assert.Equal(["吴敏"], a.Credit.Authors);
        Assert.Contains(a.UnitLinks, l => l.UnitKey == "u-hj" && l.Name == "华建");
        Assert.Contains("华建", a.Organizations);
    }
}
