using Jianxun.Core.Scoring;
using static Jianxun.Core.Tests.Scoring.ScoreExamples;

namespace Jianxun.Core.Tests.Scoring;

/// <summary>
/// The rule engine on worked examples computed by hand. The data and the rule set are in <see cref="ScoreExamples"/>;
/// each expected figure has its sum in a comment above it.
/// </summary>
public sealed class ScoreEngineTests
{
    private static ScoreResult ComputeMay(DateOnly? today = null, string? group = null) =>
        ScoreEngine.Compute(MayPeriod, May2026(), WholeYear(RuleSet), today ?? AfterMay, group);

    // ---- The May worked example -------------------------------------------------------------------------------

    [Fact]
    public void Compute_MayWorkedExample_GivesTheHandComputedPointsAndRanks()
    {
        var result = ComputeMay();

        // 东城 own a1 5 (领导关注 全文) + a2 3 = 8, over the monthly own cap of 6: −2; instruction i1 (市级) 20;
        //      quota 2 of 2 met: +2; call c1 answered on time: 0.             8 − 2 + 20 + 2       = 28
        // 西城 own a3 (3 × 2 调研文章 = 6, split 2 ways) 3 + a4 简讯 1 = 4; higher h1 (20 × 2 = 40, split) 20;
        //      quota met: +2; c1 late: −1.                                     4 + 20 + 2 − 1       = 25
        // 南湖 own a3 3; higher h1 20; quota 1 of 2: −1; c1 never answered: −2. 3 + 20 − 1 − 2      = 20
        // 发改 own a5 (综合 2 / 3 = 0.67) + a6 3 = 3.67; higher h2 (区委) 5; departments' quota is quarterly
        //      (May closes no quarter); c2 answered on the deadline day: 0.   3.67 + 5             = 8.67
        // 教育 own a5 0.67 + a8 3 = 3.67; instruction i2 (区级) 5; c2 on time. 3.67 + 5            = 8.67
        // 卫健 own a5 0.67 + a7 简讯 1 = 1.67; c2 late: −1 (a9 is April's).  1.67 − 1             = 0.67
        // Competition ranking: 发改 and 教育 tie at 4th (listed by sort order), 卫健 is 6th, not 5th.
        Assert.Equal(
            [(Dongcheng, 1, 28m), (Xicheng, 2, 25m), (Nanhu, 3, 20m), (Development, 4, 8.67m), (Education, 4, 8.67m), (Health, 6, 0.67m)],
            result.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal(MayPeriod, result.Period);
        Assert.Null(result.Group);
        Assert.Equal([RuleSet], result.RuleSets);
    }

    [Fact]
    public void Compute_MayWorkedExample_BreaksThePointsDownByCategory()
    {
        var result = ComputeMay();

        // The cap's deduction is a category of its own, so 东城's own adoptions still show the 8 points earned.
        AssertCategories(result.Of(Dongcheng), (ScoreCategory.Own, 8m), (ScoreCategory.Instruction, 20m), (ScoreCategory.Quota, 2m), (ScoreCategory.Cap, -2m));
        AssertCategories(result.Of(Xicheng), (ScoreCategory.Own, 4m), (ScoreCategory.Higher, 20m), (ScoreCategory.Quota, 2m), (ScoreCategory.Calls, -1m));
        AssertCategories(result.Of(Nanhu), (ScoreCategory.Own, 3m), (ScoreCategory.Higher, 20m), (ScoreCategory.Quota, -1m), (ScoreCategory.Calls, -2m));
        // 0.67 + 3 = 3.67
        AssertCategories(result.Of(Development), (ScoreCategory.Own, 3.67m), (ScoreCategory.Higher, 5m));
        AssertCategories(result.Of(Education), (ScoreCategory.Own, 3.67m), (ScoreCategory.Instruction, 5m));
        // 0.67 + 1 = 1.67
        AssertCategories(result.Of(Health), (ScoreCategory.Own, 1.67m), (ScoreCategory.Calls, -1m));

        Assert.All(result.Units, u => Assert.Equal(u.Points, u.ByCategory.Values.Sum()));
        Assert.All(result.Units, u => Assert.Equal(u.Points, u.Lines.Sum(l => l.Points)));
    }

    [Fact]
    public void Compute_MayWorkedExample_CountsItemsQuotasCallsAndTheAdoptionRate()
    {
        var result = ComputeMay();

        // Adopted: 东城 a1 a2; 西城 a3 a4; 南湖 a3; 发改 a5 a6; 教育 a5 a8; 卫健 a5 a7 (not April's a9).
        // Sent (see May2026): 4, 2, 2, 3, 0, 2 → rates 2/4, 2/2, 1/2, 2/3 = 0.6667 (4 places), none, 2/2.
        // Quotas: streets judged once for May, 南湖 missed it; departments' quarterly quota is not due in May.
        // Calls: c1 asked the streets (东城 on time), c2 the departments (发改 and 教育 on time).
        Assert.Equal(
            [
                (Dongcheng, 4, 2, (double?)0.5, 0, 1, 1, 1, 1, 1),
                (Xicheng, 2, 2, 1.0, 1, 0, 1, 1, 0, 1),
                (Nanhu, 2, 1, 0.5, 1, 0, 0, 1, 0, 1),
                (Development, 3, 2, 0.6667, 1, 0, 0, 0, 1, 1),
                (Education, 0, 2, null, 0, 1, 0, 0, 1, 1),
                (Health, 2, 2, 1.0, 0, 0, 0, 0, 0, 1),
            ],
            result.Units.Select(u => (u.UnitId, u.Sent, u.Adopted, u.AdoptionRate, u.HigherAdopted, u.Instructions,
                u.QuotaPeriodsMet, u.QuotaPeriods, u.CallsAnswered, u.CallsAsked)));
        Assert.Equal(["东城街道", "西城街道", "南湖街道", "区发改委", "区教育局", "区卫健委"], result.Units.Select(u => u.Name));
        Assert.Equal([Streets, Streets, Streets, Departments, Departments, Departments], result.Units.Select(u => u.PeerGroup));
    }

    [Fact]
    public void Compute_MayWorkedExample_ExplainsEveryPointOfTheStreets()
    {
        var result = ComputeMay();

        // Lines are in date order, then by category (own, higher, instruction, quota, calls, cap).
        Assert.Equal(
            [
                new ScoreLine(Dongcheng, May(6), ScoreCategory.Own, "《东城街道推进老旧小区改造》，2026年第9期，领导关注", "全文采用（领导关注） 5 分", 5m, 1, "/issues/9"),
                new ScoreLine(Dongcheng, May(8), ScoreCategory.Own, "《东城街道开展防汛演练》，工作动态", "全文采用 3 分", 3m, 1),
                new ScoreLine(Dongcheng, May(18), ScoreCategory.Instruction, "《东城街道推进老旧小区改造》获市委书记批示", "市级领导批示 20 分", 20m, 1),
                new ScoreLine(Dongcheng, May(31), ScoreCategory.Quota, "2026年5月采用 2 篇，完成定额 2 篇", "完成定额得基础分 2 分", 2m, 1),
                // 5 + 3 = 8 own points, 2 over the cap of 6.
                new ScoreLine(Dongcheng, May(31), ScoreCategory.Cap, "本刊采用2026年5月得 8 分", "每月封顶 6 分", -2m, 1),
            ],
            result.Of(Dongcheng).Lines);

        Assert.Equal(
            [
                new ScoreLine(Xicheng, May(10), ScoreCategory.Calls, "约稿“防汛工作”截止 5月10日，5月12日才报送", "逾期报送扣 1 分", -1m, 1, "/calls"),
                // 3 × 2 = 6 between 2 units: 3.
                new ScoreLine(Xicheng, May(12), ScoreCategory.Own, "《关于城乡结合部治理的调研》，调研文章", "全文采用 3 分 × 2（调研文章），2 家联合报送平分", 3m, 1),
                new ScoreLine(Xicheng, May(13), ScoreCategory.Own, "《西城街道召开居民议事会》，工作动态", "简讯采用 1 分", 1m, 1),
                // 20 × 2 = 40 between 2 units: 20.
                new ScoreLine(Xicheng, May(15), ScoreCategory.Higher, "《关于城乡结合部治理的调研》被市委办公厅《每日要情》采用", "市委采用 20 分 × 2（调研文章），2 家联合报送平分", 20m, 1, "/submissions/31"),
                new ScoreLine(Xicheng, May(31), ScoreCategory.Quota, "2026年5月采用 2 篇，完成定额 2 篇", "完成定额得基础分 2 分", 2m, 1),
            ],
            result.Of(Xicheng).Lines);

        Assert.Equal(
            [
                new ScoreLine(Nanhu, May(10), ScoreCategory.Calls, "约稿“防汛工作”截止 5月10日，未报送", "未报送扣 2 分", -2m, 1, "/calls"),
                new ScoreLine(Nanhu, May(12), ScoreCategory.Own, "《关于城乡结合部治理的调研》，调研文章", "全文采用 3 分 × 2（调研文章），2 家联合报送平分", 3m, 1),
                new ScoreLine(Nanhu, May(15), ScoreCategory.Higher, "《关于城乡结合部治理的调研》被市委办公厅《每日要情》采用", "市委采用 20 分 × 2（调研文章），2 家联合报送平分", 20m, 1, "/submissions/31"),
                // Quota 2, adopted 1: 1 missing × 1 point.
                new ScoreLine(Nanhu, May(31), ScoreCategory.Quota, "2026年5月采用 1 篇，定额 2 篇，差 1 篇", "每差 1 篇扣 1 分", -1m, 1),
            ],
            result.Of(Nanhu).Lines);
    }

    [Fact]
    public void Compute_MayWorkedExample_ExplainsEveryPointOfTheDepartments()
    {
        var result = ComputeMay();

        // 2 / 3 = 0.666… rounded to 0.67 per unit (so the three shares add up to 2.01).
        var combined = new ScoreLine(0, May(20), ScoreCategory.Own, "《各部门合力优化营商环境》，综合", "综合采用 2 分，3 家联合报送平分", 0.67m, 1);
        Assert.Equal(
            [
                combined with { UnitId = Development },
                new ScoreLine(Development, May(21), ScoreCategory.Own, "《区发改委推进重大项目建设》，工作动态", "全文采用 3 分", 3m, 1),
                new ScoreLine(Development, May(25), ScoreCategory.Higher, "《区发改委推进重大项目建设》被区委办公室《工作动态》采用", "区委采用 5 分", 5m, 1, "/submissions/36"),
            ],
            result.Of(Development).Lines);
        Assert.Equal(
            [
                combined with { UnitId = Education },
                new ScoreLine(Education, May(26), ScoreCategory.Own, "《区教育局推进集团化办学》，工作动态", "全文采用 3 分", 3m, 1),
                // No leader named: "领导"; no column: no multiplier.
                new ScoreLine(Education, May(28), ScoreCategory.Instruction, "《区教育局推进集团化办学》获领导批示", "区级领导批示 5 分", 5m, 1),
            ],
            result.Of(Education).Lines);
        Assert.Equal(
            [
                combined with { UnitId = Health },
                new ScoreLine(Health, May(22), ScoreCategory.Own, "《区卫健委开展义诊进社区》，工作动态", "简讯采用 1 分", 1m, 1),
                new ScoreLine(Health, May(31), ScoreCategory.Calls, "约稿“营商环境”截止 5月31日，6月2日才报送", "逾期报送扣 1 分", -1m, 1, "/calls"),
            ],
            result.Of(Health).Lines);
    }

    // ---- Peer groups and joint submissions ----------------------------------------------------------------------

    [Fact]
    public void Compute_GroupFilter_RanksOnlyThatPeerGroup()
    {
        var departments = ComputeMay(group: Departments);
        var streets = ComputeMay(group: Streets);

        // Same points as in the whole ranking (8.67, 8.67, 0.67), ranked among the departments only: 1, 1, 3.
        Assert.Equal(
            [(Development, 1, 8.67m), (Education, 1, 8.67m), (Health, 3, 0.67m)],
            departments.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal(Departments, departments.Group);
        Assert.Equal(
            [(Dongcheng, 1, 28m), (Xicheng, 2, 25m), (Nanhu, 3, 20m)],
            streets.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
    }

    [Fact]
    public void Compute_GroupFilter_SharesJointPointsOverEveryCreditedUnit()
    {
        // One 全文 article (3 points) credited to a street, a department and unit 99 that is not ranked at all.
        var inputs = Inputs(Units, [Article(1, May(5), "工作动态", AdoptionKind.Full, Dongcheng, Development, 99)]);

        var departments = ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet), AfterMay, Departments);
        var all = ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet), AfterMay);

        // 3 / 3 credited units = 1 each, in the department ranking too: the street's share is not handed to 发改.
        Assert.Equal(
            [(Development, 1, 1m), (Education, 2, 0m), (Health, 2, 0m)],
            departments.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal("全文采用 3 分，3 家联合报送平分", Assert.Single(departments.Of(Development).Lines).Rule);
        // In the whole ranking 东城 gets its 1 as well (and −1 for 1 of the 2 items of its monthly quota).
        Assert.Equal(1m, all.Of(Dongcheng).ByCategory[ScoreCategory.Own]);
        Assert.Equal(0m, all.Of(Dongcheng).Points);
    }

    [Fact]
    public void Compute_LeadShare_GivesTheLeadUnitItsShareAndSplitsTheRest()
    {
        var rules = Rules() with { Joint = new(JointMode.LeadShare, 0.6m), Quotas = [], Caps = [] };
        var inputs = Inputs(Units,
            [
                // The first unit listed leads.
                Article(1, May(4), "调研文章", AdoptionKind.Full, Nanhu, Dongcheng, Xicheng),
                Article(2, May(11), "工作动态", AdoptionKind.Brief, Dongcheng, Xicheng, Nanhu, Development),
            ],
            higher: [new(3, May(19), "province", "省委办公厅", "《综合信息》", "稿件3", "工作动态", [Xicheng, Dongcheng])]);

        var result = ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet with { Rules = rules }), AfterMay);

        // Article 1: 3 × 2 (调研文章) = 6; lead 南湖 0.6 × 6 = 3.6; 东城 and 西城 (1 − 0.6) / 2 × 6 = 1.2 each.
        // Article 2: 1; lead 东城 0.6; 西城, 南湖, 发改 0.4 / 3 = 0.1333… → 0.13 each.
        // Higher (省委 50, no multiplier): lead 西城 0.6 × 50 = 30; 东城 0.4 × 50 = 20.
        // 西城 1.2 + 0.13 + 30 = 31.33; 东城 1.2 + 0.6 + 20 = 21.8; 南湖 3.6 + 0.13 = 3.73; 发改 0.13; 教育, 卫健 0.
        Assert.Equal(
            [(Xicheng, 1, 31.33m), (Dongcheng, 2, 21.8m), (Nanhu, 3, 3.73m), (Development, 4, 0.13m), (Education, 5, 0m), (Health, 5, 0m)],
            result.Units.Select(u => (u.UnitId, u.Rank, u.Points)));

        Assert.Equal(
            [("全文采用 3 分 × 2（调研文章），牵头单位得 60%", 3.6m), ("简讯采用 1 分，3 家参与单位平分 40%", 0.13m)],
            result.Of(Nanhu).Lines.Select(l => (l.Rule, l.Points)));
        Assert.Equal(
            [
                ("全文采用 3 分 × 2（调研文章），2 家参与单位平分 40%", 1.2m),
                ("简讯采用 1 分，牵头单位得 60%", 0.6m),
                ("省委采用 50 分，1 家参与单位平分 40%", 20m),
            ],
            result.Of(Dongcheng).Lines.Select(l => (l.Rule, l.Points)));
    }

    [Fact]
    public void Compute_EachFull_GivesEveryJointUnitTheWholePoints()
    {
        var rules = Rules() with { Joint = new(JointMode.EachFull), Quotas = [] };
        var inputs = Inputs(Units, [Article(1, May(4), "调研文章", AdoptionKind.Full, Dongcheng, Xicheng)]);

        var result = ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet with { Rules = rules }), AfterMay);

        // 3 × 2 = 6 for each of them, and no sharing to explain.
        Assert.Equal([(Dongcheng, 6m, "全文采用 3 分 × 2（调研文章）"), (Xicheng, 6m, "全文采用 3 分 × 2（调研文章）")],
            result.Units.Take(2).Select(u => (u.UnitId, u.Points, Assert.Single(u.Lines).Rule)));
    }

    [Fact]
    public void Compute_KindWithoutPoints_ExplainsTheZero()
    {
        var rules = Rules() with { OwnAdoption = [new(null, AdoptionKind.Full, 3)], Quotas = [] };
        var inputs = Inputs(Units,
            [Article(1, May(4), "工作动态", AdoptionKind.Combined, Dongcheng)],
            higher: [new(2, May(5), "national", "国务院办公厅", "《政务要情》", "稿件2", null, [Dongcheng])],
            instructions: [new(3, May(6), "national", "国务院领导", "稿件3", null, [Dongcheng])]);

        var result = ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet with { Rules = rules }), AfterMay);

        Assert.Equal(
            [
                ("综合采用：规则未设分值", 0m),
                ("上级采用类别“national”在规则中没有分值", 0m),
                ("批示级别“national”在规则中没有分值", 0m),
            ],
            result.Of(Dongcheng).Lines.Select(l => (l.Rule, l.Points)));
        Assert.Equal((1, 1, 1), (result.Of(Dongcheng).Adopted, result.Of(Dongcheng).HigherAdopted, result.Of(Dongcheng).Instructions));
    }

    // ---- A rule change in the middle of the year ----------------------------------------------------------------

    private static readonly AppliedRuleSet FirstHalf = new(1, "2026年上半年细则", new DateOnly(2026, 1, 1), new ScoreRules
    {
        OwnAdoption = [new(null, AdoptionKind.Full, 3), new(null, AdoptionKind.Brief, 1)],
        Multipliers = [new("调研文章", "调研文章", 2)],
        Calls = new(LatePenalty: 1, MissingPenalty: 2),
        Caps = [new(ScoreCategory.Own, CapPeriod.Year, 100)],
    });

    private static readonly AppliedRuleSet SecondHalf = new(2, "2026年下半年细则", new DateOnly(2026, 7, 1), new ScoreRules
    {
        OwnAdoption = [new(null, AdoptionKind.Full, 4), new(null, AdoptionKind.Brief, 1)],
        Multipliers = [new("调研文章", "调研文章", 3)],
        Calls = new(LatePenalty: 2, MissingPenalty: 3),
        Caps = [new(ScoreCategory.Own, CapPeriod.Month, 10), new(ScoreCategory.Own, CapPeriod.Year, 20)],
    });

    private static readonly DateOnly NextJanuary = new(2027, 1, 10);

    private static Dictionary<(int Year, int Month), AppliedRuleSet> RuleChangeInJuly() =>
        Months(FirstHalf, 2026, 1, 6).Concat(Months(SecondHalf, 2026, 7, 12)).ToDictionary();

    private static ScoreInputs TwoStreetsOverTheYear() => Inputs(
        [.. Units.Take(2)],
        [
            Article(1, new(2026, 3, 10), "工作动态", AdoptionKind.Full, Dongcheng),
            Article(2, new(2026, 6, 30), "调研文章", AdoptionKind.Full, Dongcheng),
            Article(3, new(2026, 7, 1), "调研文章", AdoptionKind.Full, Dongcheng),
            Article(4, new(2026, 11, 15), "工作动态", AdoptionKind.Full, Dongcheng),
            Article(5, new(2026, 12, 31), "工作动态", AdoptionKind.Brief, Dongcheng),
            Article(6, new(2026, 2, 1), "工作动态", AdoptionKind.Full, Xicheng),
            Article(7, new(2026, 8, 20), "工作动态", AdoptionKind.Brief, Xicheng),
        ],
        calls:
        [
            new(1, "一季度经济运行", new(2026, 4, 15), [Dongcheng, Xicheng],
                new Dictionary<int, DateOnly> { [Dongcheng] = new(2026, 4, 14), [Xicheng] = new(2026, 4, 20) }),
            new(2, "国庆假期安全", new(2026, 9, 30), [Dongcheng, Xicheng],
                new Dictionary<int, DateOnly> { [Dongcheng] = new(2026, 9, 30) }),
        ]);

    [Fact]
    public void Compute_RuleChangeInJuly_ScoresEachMonthWithItsOwnRulesAndTheYearWithTheLastCaps()
    {
        var result = ScoreEngine.Compute(ScorePeriod.ForYear(2026), TwoStreetsOverTheYear(), RuleChangeInJuly(), NextJanuary);

        // 东城: March 全文 under A 3; June 30 调研文章 under A 3 × 2 = 6; July 1 调研文章 under B 4 × 3 = 12, over B's
        //       monthly own cap of 10: −2; November 全文 under B 4; December 31 简讯 1.
        //       Own 3 + 6 + 12 + 4 + 1 = 26, net of the July cap 24; the yearly cap is December's (B: 20, not A's 100): −4.
        //       Year: 24 − 4 = 20.
        // 西城: February 全文 (A) 3; April call answered late (A) −1; August 简讯 (B) 1; September call unanswered (B) −3.
        //       Year: 3 − 1 + 1 − 3 = 0.
        Assert.Equal([(Dongcheng, 1, 20m), (Xicheng, 2, 0m)], result.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal([FirstHalf, SecondHalf], result.RuleSets);

        Assert.Equal(
            [
                new ScoreLine(Dongcheng, new(2026, 3, 10), ScoreCategory.Own, "《稿件1》，工作动态", "全文采用 3 分", 3m, 1),
                new ScoreLine(Dongcheng, new(2026, 6, 30), ScoreCategory.Own, "《稿件2》，调研文章", "全文采用 3 分 × 2（调研文章）", 6m, 1),
                new ScoreLine(Dongcheng, new(2026, 7, 1), ScoreCategory.Own, "《稿件3》，调研文章", "全文采用 4 分 × 3（调研文章）", 12m, 2),
                new ScoreLine(Dongcheng, new(2026, 7, 31), ScoreCategory.Cap, "本刊采用2026年7月得 12 分", "每月封顶 10 分", -2m, 2),
                new ScoreLine(Dongcheng, new(2026, 11, 15), ScoreCategory.Own, "《稿件4》，工作动态", "全文采用 4 分", 4m, 2),
                new ScoreLine(Dongcheng, new(2026, 12, 31), ScoreCategory.Own, "《稿件5》，工作动态", "简讯采用 1 分", 1m, 2),
                new ScoreLine(Dongcheng, new(2026, 12, 31), ScoreCategory.Cap, "本刊采用2026年度得 24 分", "每年封顶 20 分", -4m, 2),
            ],
            result.Of(Dongcheng).Lines);
        AssertCategories(result.Of(Dongcheng), (ScoreCategory.Own, 26m), (ScoreCategory.Cap, -6m));
        Assert.Equal(
            [("逾期报送扣 1 分", -1m, 1), ("未报送扣 3 分", -3m, 2)],
            result.Of(Xicheng).Lines.Where(l => l.Category == ScoreCategory.Calls).Select(l => (l.Rule, l.Points, l.RuleSetId)));
        // 东城 answered both calls in time (the second on its deadline day); 西城 neither.
        Assert.Equal((2, 2), (result.Of(Dongcheng).CallsAnswered, result.Of(Dongcheng).CallsAsked));
        Assert.Equal((0, 2), (result.Of(Xicheng).CallsAnswered, result.Of(Xicheng).CallsAsked));
    }

    [Fact]
    public void Compute_RuleChangeInJuly_YearIsTheSumOfItsMonthsLessTheYearlyCap()
    {
        var inputs = TwoStreetsOverTheYear();
        var rules = RuleChangeInJuly();
        var year = ScoreEngine.Compute(ScorePeriod.ForYear(2026), inputs, rules, NextJanuary);
        var months = Enumerable.Range(1, 12).Select(m => ScoreEngine.Compute(ScorePeriod.ForMonth(2026, m), inputs, rules, NextJanuary)).ToList();

        // 东城: 3 (Mar) + 6 (Jun) + 10 (Jul, capped) + 4 (Nov) + 1 (Dec) = 24; the year takes 4 more off for B's yearly cap.
        Assert.Equal(24m, months.Sum(r => r.Of(Dongcheng).Points));
        Assert.Equal(24m - 4m, year.Of(Dongcheng).Points);
        // 西城 has no cap: 3 (Feb) − 1 (Apr) + 1 (Aug) − 3 (Sep) = 0, the same as the year.
        Assert.Equal(0m, months.Sum(r => r.Of(Xicheng).Points));
        Assert.Equal(months.Sum(r => r.Of(Xicheng).Points), year.Of(Xicheng).Points);
        // Every line of the year but the yearly cap is a line of one of the months.
        Assert.Equal(
            months.SelectMany(r => r.Units).SelectMany(u => u.Lines).OrderBy(l => l.UnitId).ThenBy(l => l.Date).ThenBy(l => l.Category),
            year.Units.SelectMany(u => u.Lines).Where(l => l.Rule != "每年封顶 20 分").OrderBy(l => l.UnitId).ThenBy(l => l.Date).ThenBy(l => l.Category));
    }

    [Fact]
    public void Compute_RuleChangeInJuly_QuartersUseTheirMonthsRulesAndNoYearlyCap()
    {
        var inputs = TwoStreetsOverTheYear();
        var rules = RuleChangeInJuly();

        var q2 = ScoreEngine.Compute(ScorePeriod.ForQuarter(2026, 2), inputs, rules, NextJanuary);
        var q3 = ScoreEngine.Compute(ScorePeriod.ForQuarter(2026, 3), inputs, rules, NextJanuary);

        // Q2 (A): 东城 June 30 调研文章 3 × 2 = 6; 西城 April call late −1.
        Assert.Equal([(Dongcheng, 1, 6m), (Xicheng, 2, -1m)], q2.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal([FirstHalf], q2.RuleSets);
        // Q3 (B): 东城 July 1 调研文章 4 × 3 = 12, monthly cap 10: −2 → 10 (no yearly cap in a quarter);
        //         西城 August 简讯 1, September call unanswered −3 → −2.
        Assert.Equal([(Dongcheng, 1, 10m), (Xicheng, 2, -2m)], q3.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal([SecondHalf], q3.RuleSets);
        Assert.DoesNotContain(q3.Units.SelectMany(u => u.Lines), l => l.Rule.StartsWith("每年", StringComparison.Ordinal));
    }

    // ---- Quotas -------------------------------------------------------------------------------------------------

    private static ScoreInputs DepartmentsInTheSecondQuarter() => Inputs(Units,
        [
            Article(1, new(2026, 4, 3), "工作动态", AdoptionKind.Full, Development),
            Article(2, new(2026, 4, 17), "工作动态", AdoptionKind.Full, Development),
            Article(3, new(2026, 5, 8), "工作动态", AdoptionKind.Brief, Development),
            Article(4, new(2026, 6, 12), "工作动态", AdoptionKind.Full, Development),
            Article(5, new(2026, 4, 9), "工作动态", AdoptionKind.Full, Education),
            Article(6, new(2026, 6, 20), "工作动态", AdoptionKind.Brief, Education),
            Article(7, new(2026, 4, 10), "工作动态", AdoptionKind.Full, Dongcheng),
        ]);

    [Fact]
    public void Compute_QuarterlyQuota_IsJudgedOverTheWholeQuarter()
    {
        var result = ScoreEngine.Compute(ScorePeriod.ForQuarter(2026, 2), DepartmentsInTheSecondQuarter(), WholeYear(RuleSet),
            new DateOnly(2026, 7, 15), Departments);

        // Departments: 4 items a quarter, base 3, 1 off per missing item (the streets' monthly quota is not theirs).
        // 发改: 全文 3 + 3 + 简讯 1 + 全文 3 = 10 (April's 6 is not over the monthly cap of 6); 4 items: +3 → 13.
        // 教育: 3 + 1 = 4; 2 items, 2 missing: −2 → 2.
        // 卫健: nothing; 4 missing: −4.
        Assert.Equal([(Development, 1, 13m), (Education, 2, 2m), (Health, 3, -4m)], result.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal(
            [
                (Development, "2026年第二季度采用 4 篇，完成定额 4 篇", "完成定额得基础分 3 分", 3m),
                (Education, "2026年第二季度采用 2 篇，定额 4 篇，差 2 篇", "每差 1 篇扣 1 分", -2m),
                (Health, "2026年第二季度采用 0 篇，定额 4 篇，差 4 篇", "每差 1 篇扣 1 分", -4m),
            ],
            result.Units.SelectMany(u => u.Lines).Where(l => l.Category == ScoreCategory.Quota).Select(l => (l.UnitId, l.Item, l.Rule, l.Points)));
        Assert.All(result.Units.SelectMany(u => u.Lines).Where(l => l.Category == ScoreCategory.Quota), l => Assert.Equal(new DateOnly(2026, 6, 30), l.Date));
        Assert.Equal([(1, 1), (0, 1), (0, 1)], result.Units.Select(u => (u.QuotaPeriodsMet, u.QuotaPeriods)));
    }

    [Fact]
    public void Compute_QuarterlyQuota_InAMonthViewOnlyTheQuartersLastMonthJudgesIt()
    {
        var inputs = DepartmentsInTheSecondQuarter();
        var june = ScoreEngine.Compute(ScorePeriod.ForMonth(2026, 6), inputs, WholeYear(RuleSet), new DateOnly(2026, 7, 15), Departments);
        var may = ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet), new DateOnly(2026, 7, 15), Departments);

        // June counts April's and May's items for the quarter: 发改 June 全文 3 + quota met 3 = 6; 教育 June 简讯 1,
        // 2 of 4: −2 → −1; 卫健 −4.
        Assert.Equal([(Development, 1, 6m), (Education, 2, -1m), (Health, 3, -4m)], june.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        // May closes no quarter: only 发改's 简讯 1; 教育 and 卫健 tie at 0.
        Assert.Equal([(Development, 1, 1m), (Education, 2, 0m), (Health, 2, 0m)], may.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.All(may.Units, u => Assert.Equal(0, u.QuotaPeriods));
    }

    [Fact]
    public void Compute_YearInProgress_JudgesOnlyTheQuotasOfMonthsAndQuartersThatAreOver()
    {
        // Nothing adopted at all, on 15 May, with the rules in force for every month of the year.
        var inputs = Inputs([Units[0], Units[3]]);

        var year = ScoreEngine.Compute(ScorePeriod.ForYear(2026), inputs, WholeYear(RuleSet), new DateOnly(2026, 5, 15));

        // 东城 (2 a month, 1 off per missing item): January to April are over, 4 × −2 = −8; May is under way.
        // 发改 (4 a quarter): the first quarter is over, −4; the second is under way.
        Assert.Equal([(Development, 1, -4m), (Dongcheng, 2, -8m)], year.Units.Select(u => (u.UnitId, u.Rank, u.Points)));
        Assert.Equal(
            [new DateOnly(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 31), new(2026, 4, 30)],
            year.Of(Dongcheng).Lines.Select(l => l.Date));
        Assert.Equal((0, 4), (year.Of(Dongcheng).QuotaPeriodsMet, year.Of(Dongcheng).QuotaPeriods));
        Assert.Equal((0, 1), (year.Of(Development).QuotaPeriodsMet, year.Of(Development).QuotaPeriods));

        // On the month's last day it is still under way; the day after, it is judged.
        Assert.Empty(ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet), new DateOnly(2026, 5, 31)).Of(Dongcheng).Lines);
        Assert.Equal(-2m, ScoreEngine.Compute(MayPeriod, inputs, WholeYear(RuleSet), new DateOnly(2026, 6, 1)).Of(Dongcheng).Points);
    }

    // ---- Calls, months without rules, idempotence ---------------------------------------------------------------

    [Fact]
    public void Compute_CallDeadlineNotYetPassed_GivesNoPenalty()
    {
        // 31 May: c1 (due 10 May) is judged, c2 (due today) is still open. May itself is not over, so no quota yet.
        var result = ComputeMay(today: May(31));

        // 卫健 1.67 (a5 0.67 + a7 1) with no penalty for answering c2 on 2 June; 西城 −1 and 南湖 −2 for c1 stay.
        Assert.Equal(1.67m, result.Of(Health).Points);
        Assert.False(result.Of(Health).ByCategory.ContainsKey(ScoreCategory.Calls));
        Assert.All(result.Units.Where(u => u.PeerGroup == Departments), u => Assert.Equal((0, 0), (u.CallsAnswered, u.CallsAsked)));
        Assert.Equal(-1m, result.Of(Xicheng).ByCategory[ScoreCategory.Calls]);
        Assert.Equal(-2m, result.Of(Nanhu).ByCategory[ScoreCategory.Calls]);
        // 东城 8 − 2 (cap) + 20 = 26: the month's cap applies to what is there, the quota waits for the month's end.
        Assert.Equal(26m, result.Of(Dongcheng).Points);
        Assert.DoesNotContain(result.Units.SelectMany(u => u.Lines), l => l.Category == ScoreCategory.Quota);

        // The next day c2 is judged: 卫健 1.67 − 1 = 0.67.
        Assert.Equal(0.67m, ComputeMay(today: new DateOnly(2026, 6, 1)).Of(Health).Points);
    }

    [Fact]
    public void Compute_MonthWithoutRuleSet_CountsEverythingButGivesNoPoints()
    {
        // A rule set for April only: May has none.
        var result = ScoreEngine.Compute(MayPeriod, May2026(), Months(RuleSet, 2026, 4, 4), AfterMay);

        Assert.All(result.Units, u =>
        {
            Assert.Equal(0m, u.Points);
            Assert.Equal(1, u.Rank);
            Assert.Empty(u.Lines);
            Assert.Empty(u.ByCategory);
            Assert.Equal(0, u.QuotaPeriods);
        });
        Assert.Empty(result.RuleSets);
        // The same counts as the scored month (see the worked example), listed by sort order.
        Assert.Equal(
            [
                (Dongcheng, 4, 2, 0, 1, 1, 1),
                (Xicheng, 2, 2, 1, 0, 0, 1),
                (Nanhu, 2, 1, 1, 0, 0, 1),
                (Development, 3, 2, 1, 0, 1, 1),
                (Education, 0, 2, 0, 1, 1, 1),
                (Health, 2, 2, 0, 0, 0, 1),
            ],
            result.Units.Select(u => (u.UnitId, u.Sent, u.Adopted, u.HigherAdopted, u.Instructions, u.CallsAnswered, u.CallsAsked)));
    }

    [Fact]
    public void Compute_Twice_GivesEqualResults()
    {
        var inputs = May2026();
        var rules = WholeYear(RuleSet);

        var first = ScoreEngine.Compute(ScorePeriod.ForYear(2026), inputs, rules, AfterMay);
        var second = ScoreEngine.Compute(ScorePeriod.ForYear(2026), inputs, rules, AfterMay);

        Assert.Equal(first.Units.Select(Summary), second.Units.Select(Summary));
        Assert.Equal(first.Units.SelectMany(u => u.Lines), second.Units.SelectMany(u => u.Lines));
        Assert.Equal(first.Units.SelectMany(u => u.ByCategory.OrderBy(c => c.Key)), second.Units.SelectMany(u => u.ByCategory.OrderBy(c => c.Key)));

        static (int, int, decimal, int, int, double?) Summary(UnitScore u) => (u.UnitId, u.Rank, u.Points, u.Sent, u.Adopted, u.AdoptionRate);
    }

    private static void AssertCategories(UnitScore unit, params (ScoreCategory Category, decimal Points)[] expected) =>
        Assert.Equal(expected.OrderBy(e => e.Category), unit.ByCategory.Select(c => (c.Key, c.Value)).OrderBy(c => c.Key));
}
