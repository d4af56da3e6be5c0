using System.Text;

namespace Jianxun.Text.Tests;

public sealed class BulletinTextReaderTests
{
    private const string Text = "● 简讯\r\n\r\n[国资动态]\r测试";

    [Fact]
    public void Decode_Utf8WithoutBom_NormalisesLineEndings()
    {
        Assert.Equal("● 简讯\n\n[国资动态]\n测试", BulletinTextReader.Decode(Encoding.UTF8.GetBytes(Text)));
    }

    [Fact]
    public void Decode_Utf8WithBom_DropsBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();
        Assert.StartsWith("●", BulletinTextReader.Decode(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Decode_Utf16WithBom_Decodes(string encoding)
    {
        var e = Encoding.GetEncoding(encoding);
        var bytes = e.GetPreamble().Concat(e.GetBytes(Text)).ToArray();
        Assert.Equal("● 简讯\n\n[国资动态]\n测试", BulletinTextReader.Decode(bytes));
    }

    [Fact]
    public void Decode_Gb18030_FallsBackFromInvalidUtf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("[国资动态]\n区国资委召开会议。");
        Assert.Equal("[国资动态]\n区国资委召开会议。", BulletinTextReader.Decode(bytes));
    }
}
