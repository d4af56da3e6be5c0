namespace Jianxun.Text.Tests;

public sealed class FixtureTests
{
    public static TheoryData<string> FixtureNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Fixtures, "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Parse_InventedBulletin_ScoresAtLeast095(string name)
    {
        var text = BulletinTextReader.ReadFile(Path.Combine(TestPaths.Fixtures, name + ".txt"));
        var truth = File.ReadAllText(Path.Combine(TestPaths.Fixtures, name + ".truth.json"));

        var json = BulletinJson.Serialize(BulletinParser.Parse(text));
        var score = BulletinScorer.Score(truth, json);

        Assert.True(score["score"] >= 0.95, name + ": " + string.Join(", ", score.Select(kv => kv.Key + "=" + kv.Value.ToString("F3"))));
    }

    [Fact]
    public void Fixtures_AtLeastSix_Present()
    {
        Assert.True(FixtureNames().Count >= 6);
    }

    [SampleFact]
    public void Parse_RealSample_ScoresAtLeast097()
    {
        var dir = TestPaths.Samples!;
        var text = BulletinTextReader.ReadFile(Path.Combine(dir, "000_06ff23682d79758c.txt"));
        var truth = File.ReadAllText(Path.Combine(dir, "000_06ff23682d79758c.truth.json"));

        var score = BulletinScorer.Score(truth, BulletinJson.Serialize(BulletinParser.Parse(text)));

        Assert.True(score["score"] >= 0.97, string.Join(", ", score.Select(kv => kv.Key + "=" + kv.Value.ToString("F3"))));
    }
}
