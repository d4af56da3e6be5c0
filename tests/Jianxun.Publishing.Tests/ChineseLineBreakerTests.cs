using Jianxun.Publishing.Text;

namespace Jianxun.Publishing.Tests;

public sealed class ChineseLineBreakerTests
{
    // Every character 10 wide, Latin letters and digits 5: a stand-in for a real font.
    private static double Measure(string s) => s.Sum(c => c < 0x2000 && c != '—' ? 5.0 : 10.0);

    private static List<string> Lines(string text, double width, LineBreakOptions? options = null) =>
        [.. ChineseLineBreaker.Break(text, width, Measure, options: options).Select(l => l.Text)];

    [Fact]
    public void Break_PureChinese_BreaksCharacterByCharacter()
    {
        var lines = Lines("一二三四五六七八九十甲乙丙丁戊", 50);

        Assert.Equal(["一二三四五", "六七八九十", "甲乙丙丁戊"], lines);
    }

    [Fact]
    public void Break_RejoinedLines_GiveBackTheText()
    {
        const string text = "会议强调，要压紧压实安全生产责任，落实“一岗双责”，坚决守住安全底线；要严格执行中央八项规定精神。";

        var lines = Lines(text, 73);

        Assert.Equal(text, string.Concat(lines));
    }

    [Theory]
    [InlineData('，')]
    [InlineData('。')]
    [InlineData('、')]
    [InlineData('；')]
    [InlineData('：')]
    [InlineData('？')]
    [InlineData('！')]
    [InlineData('”')]
    [InlineData('）')]
    [InlineData('》')]
    [InlineData('】')]
    public void Break_ForbiddenStartAtBreak_PushesCharacterDown(char punctuation)
    {
        // Five characters fill the line; the punctuation would start line two.
        var text = "一二三四五" + punctuation + "六七八";

        var lines = Lines(text, 50);

        Assert.Equal("一二三四", lines[0]);
        Assert.Equal("五" + punctuation, lines[1][..2]);
        Assert.All(lines, l => Assert.False(ChineseLineBreaker.IsForbiddenStart(l[0]), l));
    }

    [Theory]
    [InlineData('“')]
    [InlineData('（')]
    [InlineData('《')]
    [InlineData('【')]
    [InlineData('「')]
    public void Break_ForbiddenEndAtBreak_MovesOpeningToNextLine(char opening)
    {
        var text = "一二三四" + opening + "五六七八";

        var lines = Lines(text, 50);

        Assert.Equal("一二三四", lines[0]);
        Assert.StartsWith(opening + "五", lines[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.False(ChineseLineBreaker.IsForbiddenEnd(l[^1]), l));
    }

    [Fact]
    public void Break_ClosingQuoteThenComma_PushesBothWithPrecedingCharacter()
    {
        var lines = Lines("一二三四五”，六七八", 50);

        Assert.Equal("一二三四", lines[0]);
        Assert.StartsWith("五”，", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Break_Ellipsis_IsNeverSplitAndNeverStartsALine()
    {
        var lines = Lines("一二三四……五六七八九十", 50);

        Assert.All(lines, l => Assert.False(l.StartsWith('…')));
        Assert.Contains(lines, l => l.Contains("……", StringComparison.Ordinal));
    }

    [Fact]
    public void Break_LatinWord_IsKeptWhole()
    {
        // 一二三 = 30, "Jianxun" = 35: the word does not fit after 一二三 in 50.
        var lines = Lines("一二三Jianxun四五", 50);

        Assert.Equal(["一二三", "Jianxun四", "五"], lines);
    }

    [Theory]
    [InlineData("投资35.6亿元同比增长8.5%以上", "35.6")]
    [InlineData("投资35.6亿元同比增长8.5%以上", "8.5%")]
    [InlineData("共计1,250,000元整", "1,250,000")]
    [InlineData("二〇二六年2026年3月", "2026")]
    public void Break_NumberRun_IsKeptWhole(string text, string number)
    {
        for (var width = 50; width <= 120; width += 5)
        {
            var lines = Lines(text, width);
            Assert.Contains(lines, l => l.Contains(number, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Break_MixedChineseAndDigits_BreaksBetweenDigitRunAndCharacter()
    {
        // 今天是 = 30, "3" = 5, 月 = 10: the break falls between the digit run and 月.
        var lines = Lines("今天是3月12日上午九点", 40);

        Assert.Equal("今天是3", lines[0]);
        Assert.Equal("月12日上", lines[1]);
        Assert.Equal("午九点", lines[2]);
    }

    [Fact]
    public void Break_WordWiderThanLine_IsSplit()
    {
        var lines = Lines("https://example.org/abcdefghijk", 50);

        Assert.All(lines, l => Assert.True(Measure(l) <= 50, l));
        Assert.Equal("https://example.org/abcdefghijk", string.Concat(lines));
    }

    [Fact]
    public void Break_Justified_EveryLineButTheLastEndsAtTheRightEdge()
    {
        const string text = "今年是“十五五”规划的开局之年，全集团要牢固树立“项目为王”的理念，对照年度目标任务，倒排工期、挂图作战，确保完成投资35.6亿元。";

        var lines = ChineseLineBreaker.Break(text, 95, Measure);

        Assert.True(lines.Count > 3);
        foreach (var line in lines.SkipLast(1))
        {
            Assert.Equal(95, line.Extent, 6);
            var gaps = line.Segments.Zip(line.Segments.Skip(1), (a, b) => b.X - (a.X + a.Width)).ToList();
            Assert.All(gaps, g => Assert.Equal(gaps[0], g, 6));
        }

        Assert.True(lines[^1].IsLast);
        Assert.Equal(lines[^1].NaturalWidth, lines[^1].Extent, 6);
    }

    [Fact]
    public void Break_FirstLineIndent_ShortensOnlyTheFirstLine()
    {
        var lines = ChineseLineBreaker.Break(new string('字', 25), 100, Measure, firstLineIndent: 20);

        Assert.Equal(8, lines[0].Text.Length);
        Assert.Equal(10, lines[1].Text.Length);
        Assert.Equal(7, lines[2].Text.Length);
    }

    [Fact]
    public void Break_HangingAllowed_CommaHangsPastTheEdge()
    {
        var lines = Lines("一二三四五，六七八", 50, new LineBreakOptions { AllowHangingPunctuation = true });

        Assert.Equal("一二三四五，", lines[0]);
        Assert.Equal("六七八", lines[1]);
    }

    [Fact]
    public void NextLine_VaryingWidths_FollowsEachWidth()
    {
        var breaker = new ChineseLineBreaker(new string('字', 20), Measure);

        var a = breaker.NextLine(50);
        var b = breaker.NextLine(100);
        var c = breaker.NextLine(100);

        Assert.Equal(5, a.Text.Length);
        Assert.Equal(10, b.Text.Length);
        Assert.Equal(5, c.Text.Length);
        Assert.True(breaker.IsFinished);
    }

    [Fact]
    public void Break_SpacesBetweenLatinWords_AreDroppedAtLineEdges()
    {
        var lines = Lines("alpha beta gamma delta", 60);

        Assert.All(lines, l => Assert.Equal(l.Trim(), l));
        Assert.Equal("alpha beta gamma delta", string.Join(' ', lines));
    }
}
