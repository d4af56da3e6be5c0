namespace Jianxun.Text.Tests;

public sealed class ChineseSegmenterTests
{
    [Fact]
    public void Segment_ChineseSentence_Words()
    {
        var words = ChineseSegmenter.Shared.Segment("区国资委召开安全生产工作会议");

        Assert.Contains("安全", words);
        Assert.DoesNotContain(words, string.IsNullOrWhiteSpace);
    }

    [Fact]
    public void AddWords_UnitName_KeptWhole()
    {
        ChineseSegmenter.Shared.AddWords(["临川澄江集团"]);

        Assert.Contains("临川澄江集团", ChineseSegmenter.Shared.Segment("临川澄江集团召开会议"));
    }

    [Fact]
    public void Segment_ManyThreads_SameResult()
    {
        var expected = ChineseSegmenter.Shared.Segment("推动国有企业高质量发展");
        var results = Enumerable.Range(0, 16).AsParallel().Select(_ => ChineseSegmenter.Shared.Segment("推动国有企业高质量发展")).ToList();

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
