using System.Text.Json;

namespace Jianxun.Text.Tests;

public sealed class BulletinJsonTests
{
    [Fact]
    public void Serialize_Bulletin_TruthShapeWithUnescapedChinese()
    {
        var b = BulletinParser.Parse(Doc.Of("● 简讯", "[国资动态]", "区国资委召开专题会议", "3月6日，" + Doc.Chars(27), Doc.Last(8)));

        var json = BulletinJson.Serialize(b);

        Assert.Contains("\"masthead\": \"简讯\"", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var article = doc.RootElement.GetProperty("sections")[0].GetProperty("articles")[0];
        Assert.Equal(["title", "number", "paragraphs", "credit", "dates", "persons", "organizations"],
            article.EnumerateObject().Select(p => p.Name).Take(7));
        Assert.Equal(JsonValueKind.Null, article.GetProperty("credit").ValueKind);
        Assert.Equal(JsonValueKind.Null, article.GetProperty("number").ValueKind);
        Assert.Equal("3月6日", article.GetProperty("dates")[0].GetString());
    }
}
