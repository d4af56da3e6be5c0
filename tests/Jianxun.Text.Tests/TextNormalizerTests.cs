namespace Jianxun.Text.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("2 月 26 日", "2月26日")]
    [InlineData("《2023 年度", "《2023年度")]
    [InlineData("BIM 运维中心", "BIM运维中心")]
    [InlineData("ISO 9001 质量", "ISO 9001质量")]
    [InlineData("ISO   \n 9001", "ISO 9001")]
    [InlineData("  前后  ", "前后")]
    [InlineData("中\u3000文", "中文")]
    [InlineData("“引号” 保留", "“引号”保留")]
    public void Normalize_WhitespaceRuns_FollowTheAsciiNeighbourRule(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_FullWidthCharacters_Unchanged()
    {
        Assert.Equal("ＡＢＣ１２３：", TextNormalizer.Normalize("ＡＢＣ１２３：")); // no NFKC
    }

    [Fact]
    public void Normalize_Null_Empty()
    {
        Assert.Equal(string.Empty, TextNormalizer.Normalize(null));
    }
}
