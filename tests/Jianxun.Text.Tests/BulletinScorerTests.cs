namespace Jianxun.Text.Tests;

public sealed class BulletinScorerTests
{
    // Figures printed by `python3 shared/samples/score.py TRUTH PRED --json` for the same files.
    [Theory]
    [InlineData("001_spaced", 1.0, 0.75, 1.0, 0.5, 0.867848544069636, 0.5, 1.0, 1.0, 1.0, 0.8464276160077373)]
    [InlineData("005_photo", 1.0, 0.8, 1.0, 0.5, 0.9527363184079602, 0.5, 0.6666666666666666, 0.7272727272727273, 1.0, 0.7940750791497061)]
    public void Score_DegradedPrediction_MatchesPythonScorer(string name, double section, double article, double title, double credit,
        double similarity, double count, double person, double personTitle, double date, double mean)
    {
        var truth = File.ReadAllText(Path.Combine(TestPaths.Fixtures, name + ".truth.json"));
        var pred = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ScorerData", name + ".degraded.json"));

        var s = BulletinScorer.Score(truth, pred);

        double[] expected = [section, article, title, credit, similarity, count, person, personTitle, date, mean];
        var actual = BulletinScorer.Figures.Select(f => s[f]).Append(s["score"]).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 9);
        }
    }

    [Fact]
    public void Ratio_KnownStrings_MatchesDifflib()
    {
        // difflib.SequenceMatcher(None, 'abcd', 'bcde', autojunk=False).ratio() == 0.75
        Assert.Equal(0.75, BulletinScorer.Ratio("abcd", "bcde"), 9);
        Assert.Equal(1.0, BulletinScorer.Ratio(string.Empty, string.Empty), 9);
    }

    [Fact]
    public void NormDate_LeadingZerosAndFullWidth_Canonical()
    {
        Assert.Equal("2月6日", BulletinScorer.NormDate("02月06日"));
        Assert.Equal("2023年3月1日", BulletinScorer.NormDate("２０２３年０３月０１日"));
    }
}
