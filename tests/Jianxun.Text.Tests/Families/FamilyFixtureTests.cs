namespace Jianxun.Text.Tests.Families;

public sealed class FamilyFixtureTests
{
    /// <summary>
    /// The committed truth and HTML are what the generator makes today (so a change to the generator cannot leave stale
    /// fixtures behind), and every producer's file is there. With JIANXUN_REGENERATE_FAMILIES=1 it first rewrites them all
    /// (LibreOffice and Chromium must be installed).
    /// </summary>
    [Fact]
    public void CommittedFamilyFixtures_MatchTheGenerator()
    {
        if (Environment.GetEnvironmentVariable(FamilyFixtures.RegenerateVariable) == "1")
        {
            FamilyFixtures.Regenerate();
        }

        if (Environment.GetEnvironmentVariable(FamilyScans.RegenerateVariable) == "1")
        {
            FamilyScans.Regenerate();
        }

        var root = FamilyFixtures.SourceDirectory();
        foreach (var family in Family.All)
        {
            foreach (var seed in FamilyFixtures.Seeds)
            {
                var bulletin = FamilyBulletin.Invent(family.ContentSeed(seed));
                var dir = Path.Combine(root, family.Name);
                Assert.Equal(bulletin.TruthJson(), File.ReadAllText(Path.Combine(dir, FamilyFixtures.FileName(seed, ".truth.json"))));
                Assert.Equal(new FamilyHtml(family, bulletin).Write(), File.ReadAllText(Path.Combine(dir, FamilyFixtures.FileName(seed, ".html"))));
                foreach (var producer in Producer.All)
                {
                    Assert.True(File.Exists(Path.Combine(dir, FamilyFixtures.FileName(seed, producer.Extension))), $"{family.Name} s{seed}{producer.Extension} is missing");
                }

                Assert.True(
                    !FamilyScans.Families.Contains(family) || File.Exists(Path.Combine(dir, FamilyFixtures.FileName(seed, FamilyScans.Extension))),
                    $"{family.Name} s{seed}{FamilyScans.Extension} is missing");
            }
        }
    }

    [Fact]
    public void Families_SplitSeeds_NeverOverlap()
    {
        Assert.Empty(Family.TuningSeeds.Intersect(Family.HeldOutSeeds));
        Assert.True(Family.HeldOutSeeds.Count >= 3);
    }
}
