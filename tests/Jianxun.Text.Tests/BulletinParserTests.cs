namespace Jianxun.Text.Tests;

public sealed class BulletinParserTests
{
    private static ParsedArticle Single(ParsedBulletin b) => Assert.Single(Assert.Single(b.Sections).Articles);

    [Fact]
    public void Parse_MastheadHeadingsAndCredit_Structured()
    {
        var b = BulletinParser.Parse(Doc.Of(
            " ● 简讯", "[国资动态]", "区国资委召开专题会议",
            Doc.First(), Doc.Full(3), Doc.Last(10),
            "【供稿：区国资委办公室 林小北】",
            "【企业风采】", "临川集团开展志愿服务活动", Doc.First(5), Doc.Last(20, 2)));

        Assert.Equal("简讯", b.Masthead);
        Assert.Equal(["国资动态", "企业风采"], b.Sections.Select(s => s.Name));
        var first = b.Sections[0].Articles.Single();
        Assert.Equal("区国资委召开专题会议", first.Title);
        Assert.Single(first.Paragraphs);
        Assert.Equal(["区国资委办公室"], first.Credit!.Units);
        Assert.Equal(["林小北"], first.Credit.Authors);
        Assert.Null(b.Sections[1].Articles.Single().Credit);
    }

    [Fact]
    public void Parse_TwoLineTitle_Joined()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国企动态]", "临川交通投资集团召开二〇二四年度安全生产暨", "消防工作部署会议",
            Doc.First(), Doc.Full(1), Doc.Last(12)));

        Assert.Equal("临川交通投资集团召开二〇二四年度安全生产暨消防工作部署会议", Single(b).Title);
        Assert.Single(Single(b).Paragraphs);
    }

    [Fact]
    public void Parse_LostIndent_StartsNewParagraphEvenAfterFullLine()
    {
        // The second paragraph's last line is full and ends in 。; only the indent of the next line tells.
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区属企业召开经营分析会",
            Doc.First(), Doc.Last(20),
            Doc.First(4), Doc.Full(2), Doc.Last(34, 6),
            Doc.First(8), Doc.Last(9)));

        Assert.Equal(3, Single(b).Paragraphs.Count);
    }

    [Fact]
    public void Parse_HangingPunctuationLine_NotAParagraphEnd()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区属企业召开经营分析会",
            Doc.First(), Doc.Chars(34, 3) + "，", Doc.Full(5), Doc.Last(7)));

        Assert.Single(Single(b).Paragraphs);
    }

    [Fact]
    public void Parse_PageBreakOnTitleAndHeading_SpaceDropped()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议", Doc.First(), Doc.Last(15),
            " [国企动态]", " 临川集团开展志愿服务活动", Doc.First(3), " " + Doc.Full(1), Doc.Last(5)));

        Assert.Equal(["国资动态", "国企动态"], b.Sections.Select(s => s.Name));
        var a = b.Sections[1].Articles.Single();
        Assert.Equal("临川集团开展志愿服务活动", a.Title);
        Assert.Single(a.Paragraphs);
        Assert.DoesNotContain(" ", a.Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WordsSplitAcrossLines_JoinedWithoutSpaceUnlessAscii()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议",
            Doc.Chars(28) + "董事长韩嘉", "树出席会议并通过" + Doc.Chars(20) + "ISO", "9001 认证。"));

        Assert.Contains("董事长韩嘉树出席", Single(b).Paragraphs[0], StringComparison.Ordinal);
        Assert.Contains("ISO 9001认证。", Single(b).Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumberedBriefs_NumberAndPrefixRemoved()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[简讯]",
            "1、3 月 8 日，" + Doc.Chars(24), Doc.Last(10),
            "2、3月9日，" + Doc.Chars(20) + "。",
            "3、3 月 10 日，" + Doc.Chars(25), Doc.Full(2), Doc.Last(3)));

        var articles = Assert.Single(b.Sections).Articles;
        Assert.Equal([1, 2, 3], articles.Select(a => a.Number!.Value));
        Assert.All(articles, a => Assert.Null(a.Title));
        Assert.StartsWith("3月8日，", articles[0].Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(["3月10日"], articles[2].Dates);
    }

    [Fact]
    public void Parse_InlineCredit_RemovedFromParagraph()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议",
            Doc.First(), Doc.Chars(20) + "。（供稿：临川城投集团 周", "一鸣）",
            "区属企业开展安全检查", Doc.First(2), Doc.Last(6)));

        var a = b.Sections[0].Articles[0];
        Assert.EndsWith("。", a.Paragraphs[^1], StringComparison.Ordinal);
        Assert.Equal(["临川城投集团"], a.Credit!.Units);
        Assert.Equal(["周一鸣"], a.Credit.Authors);
        Assert.Equal("区属企业开展安全检查", b.Sections[0].Articles[1].Title);
    }

    [Fact]
    public void Parse_OrdinalItemsOnOwnLines_SeparateParagraphs()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议",
            "会议提出三点要求：",
            "一是" + Doc.Chars(30), Doc.Last(12),
            "二是" + Doc.Chars(30, 4), Doc.Last(16, 3),
            "三是" + Doc.Chars(20, 6) + "。"));

        Assert.Equal(4, Single(b).Paragraphs.Count);
        Assert.StartsWith("二是", Single(b).Paragraphs[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PhotoWrapRun_JoinedIntoParagraphs()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议",
            Doc.First(), Doc.Full(1),
            Doc.Chars(13, 2), Doc.Chars(13, 4), Doc.Chars(13, 6), Doc.Last(8),
            Doc.Chars(11, 3), Doc.Chars(13, 7), Doc.Chars(13, 9), Doc.Last(30, 1),
            Doc.First(5), Doc.Last(10)));

        Assert.Equal(3, Single(b).Paragraphs.Count);
    }

    [Fact]
    public void Parse_MastheadArea_IssueNumberYearAndNoArticle()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "2024年第5期（总第123期）", "临川区国资委办公室编印 2024年3月8日",
            "[国资动态]", "区国资委召开专题会议", "3月6日，" + Doc.Chars(27), Doc.Last(8)),
            new BulletinParseOptions { DefaultYear = 2020 });

        Assert.Equal(5, b.IssueNumber);
        Assert.Equal(123, b.TotalIssueNumber);
        Assert.Equal(2024, b.Year);
        Assert.Equal(new DateOnly(2024, 3, 8), b.Date);
        var a = Single(b);
        Assert.Equal([new DateOnly(2024, 3, 6)], a.ResolvedDates);
    }

    [Fact]
    public void Parse_SourceLines_PointAtInputLines()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议", Doc.First(), Doc.Last(15), "【供稿：区国资委】"));

        var a = Single(b);
        Assert.Equal(5, a.SourceLineStart);
        Assert.Equal(11, a.SourceLineEnd);
        Assert.Equal(3, b.Sections[0].SourceLineStart);
    }

    [Fact]
    public void Parse_FullWidthColonsAndHalfWidthCredit_BothRead()
    {
        var b = BulletinParser.Parse(Doc.Of(
            "● 简讯", "[国资动态]", "区国资委召开专题会议", Doc.First(), Doc.Last(15), "【供稿:临川集团 党群工作部 王芳 李可】"));

        Assert.Equal(["临川集团", "党群工作部"], Single(b).Credit!.Units);
        Assert.Equal(["王芳", "李可"], Single(b).Credit!.Authors);
    }
}
