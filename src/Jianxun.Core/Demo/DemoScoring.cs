using Jianxun.Core.Scoring;

namespace Jianxun.Core.Demo;

/// <summary>The demo's assessment rules, modelled on the county practice offices publish (points and names invented).</summary>
public static class DemoScoring
{
    public const string RuleSetName = "云澜区国资委信息工作考核细则";

    public static ScoreRules Rules { get; } = new()
    {
        OwnAdoption =
        [
            new OwnAdoptionRule(null, AdoptionKind.Full, 3),
            new OwnAdoptionRule(null, AdoptionKind.Combined, 2),
            new OwnAdoptionRule(null, AdoptionKind.Brief, 1),
        ],
        HigherAdoption =
        [
            new HigherAdoptionRule("district-daily", "区委区政府信息刊物采用", 5),
            new HigherAdoptionRule("district-special", "区级专报采用", 10),
            new HigherAdoptionRule("city", "市委市政府信息刊物采用", 20),
            new HigherAdoptionRule("province", "省级信息刊物采用", 30),
            new HigherAdoptionRule("national", "国家级信息刊物采用", 50),
        ],
        Instructions =
        [
            new InstructionRule("district-deputy", "区级分管领导", 5),
            new InstructionRule("district-principal", "区级主要领导", 10),
            new InstructionRule("city-deputy", "市级分管领导", 20),
            new InstructionRule("city-principal", "市级主要领导", 40),
            new InstructionRule("province", "省级及以上领导", 100),
        ],
        Multipliers = [new MultiplierRule("领导关注稿件", "领导关注", 1.5m)],
        Joint = new JointRule(JointMode.SplitEvenly),
        Quotas = [new QuotaRule("区属国企", QuotaPeriod.Month, 1, 2, 1)],
        Calls = new CallRule(LatePenalty: 1, MissingPenalty: 2),
        Caps = [new CapRule(ScoreCategory.Higher, CapPeriod.Year, 150)],
    };
}
