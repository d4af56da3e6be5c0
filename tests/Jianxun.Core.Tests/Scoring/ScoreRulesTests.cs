using Jianxun.Core.Scoring;

namespace Jianxun.Core.Tests.Scoring;

public sealed class ScoreRulesTests
{
    [Fact]
    public void ToJson_FromJson_RoundTripsEveryRule()
    {
        var rules = ScoreExamples.Rules() with { Joint = new(JointMode.LeadShare, 0.65m) };

        var json = rules.ToJson();
        var back = ScoreRules.FromJson(json);

        Assert.Equal(rules.OwnAdoption, back.OwnAdoption);
        Assert.Equal(rules.HigherAdoption, back.HigherAdoption);
        Assert.Equal(rules.Instructions, back.Instructions);
        Assert.Equal(rules.Multipliers, back.Multipliers);
        Assert.Equal(rules.Joint, back.Joint);
        Assert.Equal(rules.Quotas, back.Quotas);
        Assert.Equal(rules.Calls, back.Calls);
        Assert.Equal(rules.Caps, back.Caps);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void ToJson_WritesReadableChineseAndEnumNames()
    {
        var json = ScoreExamples.Rules().ToJson();

        // An administrator may read or diff the stored JSON: no \uXXXX escapes, enums by name, camelCase properties.
        Assert.Contains("\"column\": \"领导关注\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"Full\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"SplitEvenly\"", json, StringComparison.Ordinal);
        Assert.Contains("\"period\": \"Quarter\"", json, StringComparison.Ordinal);
        Assert.Contains("\"category\": \"Total\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_PartialOrEmptyJson_FillsTheDefaults()
    {
        var rules = ScoreRules.FromJson("""{ "ownAdoption": [ { "column": null, "kind": "Brief", "points": 1.5 } ] }""");

        Assert.Equal([new OwnAdoptionRule(null, AdoptionKind.Brief, 1.5m)], rules.OwnAdoption);
        Assert.Empty(rules.Caps);
        Assert.Equal(new JointRule(JointMode.SplitEvenly, 0.6m), rules.Joint);
        Assert.Equal(new CallRule(0, 0), rules.Calls);
        Assert.Empty(ScoreRules.FromJson("null").OwnAdoption);
        Assert.Empty(ScoreRules.FromJson("{}").Validate());
    }

    [Fact]
    public void Validate_TheExampleRules_HasNoProblems() => Assert.Empty(ScoreExamples.Rules().Validate());

    [Fact]
    public void Validate_BadRules_ListsEveryProblemInChinese()
    {
        var rules = new ScoreRules
        {
            OwnAdoption =
            [
                new(null, AdoptionKind.Full, 3),
                new(" ", AdoptionKind.Full, 4),           // blank column: any column, so a duplicate
                new("领导关注", AdoptionKind.Full, 5),
                new(" 领导关注 ", AdoptionKind.Full, 6),  // the same column once trimmed
                new("领导关注", AdoptionKind.Brief, 2),   // another kind: fine
            ],
            HigherAdoption = [new("city", "市委采用", 20), new(" city", "市政府采用", 20), new("", "无代码", 1)],
            Instructions = [new("city", "市级领导", 20), new("city", "市级领导（重复）", 20), new("district", " ", 5)],
            Multipliers = [new("调研文章", "调研文章", 0)],
            Joint = new(JointMode.LeadShare, 1.5m),
            Quotas = [new(null, QuotaPeriod.Month, 0, 2, 1)],
            Calls = new(LatePenalty: -1, MissingPenalty: 2),
            Caps = [new(ScoreCategory.Own, CapPeriod.Month, -5)],
        };

        Assert.Equal(
            [
                "本刊采用规则重复：任意栏目·全文采用。",
                "本刊采用规则重复：领导关注·全文采用。",
                "上级采用类别“city”重复。",
                "批示级别“city”重复。",
                "上级采用类别须有代码和名称。",
                "批示级别须有代码和名称。",
                "加权系数须大于 0，并指明栏目。",
                "牵头单位的分配比例须在 0 到 1 之间。",
                "定额篇数须大于 0，基础分和扣分不能为负。",
                "约稿扣分不能为负（填写要扣的分数）。",
                "封顶分不能为负。",
            ],
            rules.Validate());
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.6, true)]
    [InlineData(1.0, true)]
    [InlineData(1.01, false)]
    public void Validate_LeadShare_MustBeAboveZeroAndAtMostOne(double share, bool valid)
    {
        var rules = new ScoreRules { Joint = new(JointMode.LeadShare, (decimal)share) };

        Assert.Equal(valid, rules.Validate().Count == 0);
    }

    [Fact]
    public void Validate_MultiplierWithoutColumn_IsAProblem()
        => Assert.Equal(["加权系数须大于 0，并指明栏目。"], new ScoreRules { Multipliers = [new("调研文章", " ", 2)] }.Validate());
}
