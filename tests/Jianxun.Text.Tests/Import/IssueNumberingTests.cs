namespace Jianxun.Text.Tests;

/// <summary>Issue numbers taken from file names (ADR-028).</summary>
public sealed class IssueNumberingTests
{
    [Theory]
    [InlineData("2024-05.pdf", 2024, 5, null, null)]
    [InlineData("2024_5.docx", 2024, 5, null, null)]
    [InlineData("2024.05.txt", 2024, 5, null, null)]
    [InlineData("第5期.docx", null, 5, null, null)]
    [InlineData("第 12 期.pdf", null, 12, null, null)]
    [InlineData("简讯第十二期.docx", null, 12, null, null)]
    [InlineData("国资简讯2024年第5期（总第128期）.pdf", 2024, 5, 128, null)]
    [InlineData("国资简讯2024年第5期(总第128期).pdf", 2024, 5, 128, null)]
    [InlineData("2024年度第二十一期.docx", 2024, 21, null, null)]
    [InlineData("总第128期.pdf", null, null, 128, null)]
    [InlineData("简讯〔2024〕7号.pdf", 2024, 7, null, null)]
    [InlineData("简讯[2023]11期.docx", 2023, 11, null, null)]
    [InlineData("2024-05-20.pdf", 2024, null, null, "2024-05-20")]
    [InlineData("简讯 2024年5月20日.docx", 2024, null, null, "2024-05-20")]
    [InlineData("jx20240520.pdf", 2024, null, null, "2024-05-20")]
    [InlineData("2024-05-20 第5期.pdf", 2024, 5, null, "2024-05-20")]
    [InlineData("No.9.pdf", null, 9, null, null)]
    [InlineData("简讯2023.pdf", 2023, null, null, null)]
    public void FromFileName_KnownShapes_YearNumberTotalDate(string name, int? year, int? number, int? total, string? date)
    {
        var n = IssueNumbering.FromFileName(name);

        Assert.Equal((year, number, total, date), (n.Year, n.Number, n.TotalNumber, n.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("bulletin.txt")]
    [InlineData("003_inline.txt")]
    [InlineData("扫描件.pdf")]
    [InlineData("2024-13-45.pdf")]
    [InlineData("")]
    public void FromFileName_NothingUsable_Empty(string name)
    {
        var n = IssueNumbering.FromFileName(name);

        Assert.Null(n.Number);
        Assert.Null(n.TotalNumber);
        Assert.Null(n.Date);
    }

    [Theory]
    [InlineData("五", 5)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("一百零八", 108)]
    [InlineData("二〇二四", 2024)]
    [InlineData("x", null)]
    public void ParseNumeral_ChineseAndDigits(string text, int? expected) => Assert.Equal(expected, IssueNumbering.ParseNumeral(text));

    [Fact]
    public void IssueNumbers_Or_TakesEachFieldFromTheFirstThatHasIt()
    {
        var merged = new IssueNumbers(2024, null, 128).Or(new IssueNumbers(2023, 5, 1, new DateOnly(2024, 5, 20)));

        Assert.Equal(new IssueNumbers(2024, 5, 128, new DateOnly(2024, 5, 20)), merged);
        Assert.Equal("2024年第5期（总第128期） 2024-05-20", merged.Describe());
    }
}
