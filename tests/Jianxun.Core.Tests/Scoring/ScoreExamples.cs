using Jianxun.Core.Scoring;

namespace Jianxun.Core.Tests.Scoring;

/// <summary>
/// Test-data builders for the worked examples: a rule set written like a real 考核细则, six invented units in two
/// peer groups and a month (May 2026) of invented items. Every expected figure in the tests is computed by hand from
/// what is written here, so change nothing without redoing the sums in the comments.
/// </summary>
internal static class ScoreExamples
{
    public const string Streets = "街道";
    public const string Departments = "部门";

    public const int Dongcheng = 1;
    public const int Xicheng = 2;
    public const int Nanhu = 3;
    public const int Development = 4;
    public const int Education = 5;
    public const int Health = 6;

    public static readonly IReadOnlyList<ScoreUnit> Units =
    [
        new(Dongcheng, "东城街道", Streets, 1),
        new(Xicheng, "西城街道", Streets, 2),
        new(Nanhu, "南湖街道", Streets, 3),
        new(Development, "区发改委", Departments, 4),
        new(Education, "区教育局", Departments, 5),
        new(Health, "区卫健委", Departments, 6),
    ];

    /// <summary>
    /// 本刊采用: 全文 3, 简讯 1, 综合 2, and 领导关注 全文 5 (the column rule wins); 上级采用: 区 5, 市 20, 省 50;
    /// 批示: 区级 5, 市级 20, 省级 100; 调研文章 ×2; joint items split evenly; streets: 2 items a month (base 2, 1 off
    /// per missing item); departments: 4 items a quarter (base 3, 1 off per missing item); calls: late 1, missing 2;
    /// caps: 本刊采用 6 a month, 上级采用 30 a month, total 300 a year.
    /// </summary>
    public static ScoreRules Rules() => new()
    {
        OwnAdoption =
        [
            new(null, AdoptionKind.Full, 3),
            new(null, AdoptionKind.Brief, 1),
            new(null, AdoptionKind.Combined, 2),
            new("领导关注", AdoptionKind.Full, 5),
        ],
        HigherAdoption =
        [
            new("district", "区委采用", 5),
            new("city", "市委采用", 20),
            new("province", "省委采用", 50),
        ],
        Instructions =
        [
            new("district", "区级领导", 5),
            new("city", "市级领导", 20),
            new("province", "省级领导", 100),
        ],
        Multipliers = [new("调研文章", "调研文章", 2)],
        Joint = new(JointMode.SplitEvenly),
        Quotas =
        [
            new(Streets, QuotaPeriod.Month, 2, 2, 1),
            new(Departments, QuotaPeriod.Quarter, 4, 3, 1),
        ],
        Calls = new(LatePenalty: 1, MissingPenalty: 2),
        Caps =
        [
            new(ScoreCategory.Own, CapPeriod.Month, 6),
            new(ScoreCategory.Higher, CapPeriod.Month, 30),
            new(ScoreCategory.Total, CapPeriod.Year, 300),
        ],
    };

    public static readonly AppliedRuleSet RuleSet = new(1, "2026年信息工作考核细则", new DateOnly(2026, 1, 1), Rules());

    /// <summary>The same rule set for every month of 2026.</summary>
    public static Dictionary<(int Year, int Month), AppliedRuleSet> WholeYear(AppliedRuleSet ruleSet) =>
        Months(ruleSet, 2026, 1, 12);

    public static Dictionary<(int Year, int Month), AppliedRuleSet> Months(AppliedRuleSet ruleSet, int year, int from, int to) =>
        Enumerable.Range(from, to - from + 1).ToDictionary(m => (year, m), _ => ruleSet);

    public static DateOnly May(int day) => new(2026, 5, day);

    /// <summary>After every deadline of May: all calls are judged.</summary>
    public static readonly DateOnly AfterMay = new(2026, 6, 15);

    public static readonly ScorePeriod MayPeriod = ScorePeriod.ForMonth(2026, 5);

    /// <summary>
    /// May 2026. Own adoptions (a1–a8, a9 is April's and out of the period), two higher adoptions, two instructions,
    /// two calls and the articles sent:
    /// <code>
    /// a1 05-06 领导关注 全文 [东城]          5                       (column rule)
    /// a2 05-08 工作动态 全文 [东城]          3
    /// a3 05-12 调研文章 全文 [西城, 南湖]    3 × 2 = 6, split: 3 each
    /// a4 05-13 工作动态 简讯 [西城]          1
    /// a5 05-20 综合     综合 [发改, 教育, 卫健] 2 / 3 = 0.666… → 0.67 each
    /// a6 05-21 工作动态 全文 [发改]          3
    /// a7 05-22 工作动态 简讯 [卫健]          1
    /// a8 05-26 工作动态 全文 [教育]          3
    /// h1 05-15 市委《每日要情》, 调研文章 [西城, 南湖]  20 × 2 = 40, split: 20 each
    /// h2 05-25 区委《工作动态》, 工作动态 [发改]        5
    /// i1 05-18 市委书记, 领导关注 [东城]     20
    /// i2 05-28 (no leader named) [教育]      5
    /// c1 防汛工作 due 05-10 [东城 05-09 on time, 西城 05-12 late, 南湖 never]
    /// c2 营商环境 due 05-31 [发改 05-31 on time, 教育 05-30 on time, 卫健 06-02 late]
    /// </code>
    /// </summary>
    public static ScoreInputs May2026() => new(
        Units,
        [
            new(101, May(6), "领导关注", AdoptionKind.Full, [Dongcheng], "东城街道推进老旧小区改造", "2026年第9期", IssueId: 9),
            new(102, May(8), "工作动态", AdoptionKind.Full, [Dongcheng], "东城街道开展防汛演练"),
            new(103, May(12), "调研文章", AdoptionKind.Full, [Xicheng, Nanhu], "关于城乡结合部治理的调研"),
            new(104, May(13), "工作动态", AdoptionKind.Brief, [Xicheng], "西城街道召开居民议事会"),
            new(105, May(20), "综合", AdoptionKind.Combined, [Development, Education, Health], "各部门合力优化营商环境"),
            new(106, May(21), "工作动态", AdoptionKind.Full, [Development], "区发改委推进重大项目建设"),
            new(107, May(22), "工作动态", AdoptionKind.Brief, [Health], "区卫健委开展义诊进社区"),
            new(108, May(26), "工作动态", AdoptionKind.Full, [Education], "区教育局推进集团化办学"),
            new(109, new DateOnly(2026, 4, 30), "工作动态", AdoptionKind.Full, [Health], "四月的稿件不计入五月"),
        ],
        [
            new(201, May(15), "city", "市委办公厅", "《每日要情》", "关于城乡结合部治理的调研", "调研文章", [Xicheng, Nanhu], 31),
            new(202, May(25), "district", "区委办公室", "《工作动态》", "区发改委推进重大项目建设", "工作动态", [Development], 36),
        ],
        [
            new(301, May(18), "city", "市委书记", "东城街道推进老旧小区改造", "领导关注", [Dongcheng]),
            new(302, May(28), "district", null, "区教育局推进集团化办学", null, [Education]),
        ],
        [
            // 东城 4 sent (2 adopted: 50 %); 西城 2 and 南湖 2, one of them joint (2 and 1 adopted: 100 %, 50 %);
            // 发改 3 (2 adopted: 66.67 %); 教育 none (no rate); 卫健 2 in May, one in April that does not count (100 %).
            new(1, May(2), [Dongcheng]),
            new(2, May(3), [Dongcheng]),
            new(3, May(4), [Dongcheng]),
            new(4, May(5), [Dongcheng]),
            new(5, May(6), [Xicheng, Nanhu]),
            new(6, May(7), [Xicheng]),
            new(7, May(7), [Nanhu]),
            new(8, May(10), [Development]),
            new(9, May(11), [Development]),
            new(10, May(12), [Development]),
            new(11, May(14), [Health]),
            new(12, May(15), [Health]),
            new(13, new DateOnly(2026, 4, 28), [Health]),
        ],
        [
            new(401, "防汛工作", May(10), [Dongcheng, Xicheng, Nanhu],
                new Dictionary<int, DateOnly> { [Dongcheng] = May(9), [Xicheng] = May(12) }),
            new(402, "营商环境", May(31), [Development, Education, Health],
                new Dictionary<int, DateOnly> { [Development] = May(31), [Education] = May(30), [Health] = new DateOnly(2026, 6, 2) }),
        ]);

    public static ScoreInputs Inputs(IReadOnlyList<ScoreUnit> units, IReadOnlyList<AdoptedItem>? adopted = null,
        IReadOnlyList<HigherItem>? higher = null, IReadOnlyList<InstructionItem>? instructions = null,
        IReadOnlyList<CallItem>? calls = null) =>
        new(units, adopted ?? [], higher ?? [], instructions ?? [], [], calls ?? []);

    public static AdoptedItem Article(int id, DateOnly date, string column, AdoptionKind kind, params int[] units) =>
        new(id, date, column, kind, units, $"稿件{id}");

    public static UnitScore Of(this ScoreResult result, int unitId) => result.Units.Single(u => u.UnitId == unitId);
}
