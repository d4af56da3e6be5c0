using BenchmarkDotNet.Attributes;
using Jianxun.Core.Scoring;

namespace Jianxun.Benchmarks.Scoring;

/// <summary>
/// Recomputing the information-work assessment (<see cref="ScoreEngine.Compute"/>) for a year of a large district:
/// 200 units in 4 peer groups, 50,000 items adopted into our own series in 2026 (about 10 % joint with 2–3 units),
/// about 3,000 higher adoptions, 500 instructions, 60,000 articles sent and 40 calls for contributions, scored by a
/// rule set with quotas, multipliers and caps that changes on 1 July. The data is generated with a fixed seed, so every
/// run scores the same year. Target: a year in under one second.
/// </summary>
[MemoryDiagnoser]
public class ScoreEngineBenchmarks
{
    private const int Year = 2026;
    private static readonly string[] Groups = ["街道", "委办局", "区属国企", "学校医院"];
    private static readonly string[] Columns = ["工作动态", "领导关注", "调研文章", "基层动态", "经验交流", "简讯", "综合"];
    private static readonly string[] HigherKinds = ["district", "city", "province"];
    private static readonly string[] Levels = ["district", "city", "province"];

    private ScoreInputs _inputs = null!;
    private Dictionary<(int Year, int Month), AppliedRuleSet> _rules = null!;
    private readonly DateOnly _today = new(Year + 1, 1, 15);

    [GlobalSetup]
    public void Setup()
    {
        _inputs = Generate(new Random(20260701));
        var firstHalf = new AppliedRuleSet(1, "2026年上半年考核细则", new DateOnly(Year, 1, 1), Rules(fullPoints: 3, researchFactor: 2, monthlyQuota: 2));
        var secondHalf = new AppliedRuleSet(2, "2026年下半年考核细则", new DateOnly(Year, 7, 1), Rules(fullPoints: 4, researchFactor: 3, monthlyQuota: 3));
        _rules = Enumerable.Range(1, 12).ToDictionary(m => (Year, m), m => m <= 6 ? firstHalf : secondHalf);

        // Printed once, so the figures in docs/performance.md can say what the year produced.
        var result = ScoreEngine.Compute(ScorePeriod.ForYear(Year), _inputs, _rules, _today);
        Console.WriteLine($"// Scoring input: {_inputs.Units.Count} units, {_inputs.Adopted.Count} adopted " +
            $"({_inputs.Adopted.Count(a => a.UnitIds.Count > 1)} joint), {_inputs.Higher.Count} higher, " +
            $"{_inputs.Instructions.Count} instructions, {_inputs.Sent.Count} sent, {_inputs.Calls.Count} calls; " +
            $"year result: {result.Units.Sum(u => u.Lines.Count)} lines, top {result.Units[0].Points} points, " +
            $"{result.Units.SelectMany(u => u.Lines).Count(l => l.Category == ScoreCategory.Cap)} cap lines");
    }

    [Benchmark(Baseline = true, Description = "Year 2026 (all 200 units)")]
    public int ComputeYear() => Count(ScoreEngine.Compute(ScorePeriod.ForYear(Year), _inputs, _rules, _today));

    [Benchmark(Description = "Month 2026-11 (all 200 units)")]
    public int ComputeMonth() => Count(ScoreEngine.Compute(ScorePeriod.ForMonth(Year, 11), _inputs, _rules, _today));

    [Benchmark(Description = "Quarter 2026-Q3, one peer group")]
    public int ComputeQuarterForOneGroup() => Count(ScoreEngine.Compute(ScorePeriod.ForQuarter(Year, 3), _inputs, _rules, _today, Groups[0]));

    private static int Count(ScoreResult result) => result.Units.Sum(u => u.Lines.Count);

    private static ScoreRules Rules(decimal fullPoints, decimal researchFactor, int monthlyQuota) => new()
    {
        OwnAdoption =
        [
            new(null, AdoptionKind.Full, fullPoints),
            new(null, AdoptionKind.Brief, 1),
            new(null, AdoptionKind.Combined, 2),
            new("领导关注", AdoptionKind.Full, fullPoints + 2),
            new("调研文章", AdoptionKind.Full, fullPoints + 1),
        ],
        HigherAdoption = [new("district", "区委采用", 5), new("city", "市委采用", 20), new("province", "省委采用", 50)],
        Instructions = [new("district", "区级领导", 5), new("city", "市级领导", 20), new("province", "省级领导", 100)],
        Multipliers = [new("调研文章", "调研文章", researchFactor), new("领导关注", "领导关注", 1.5m)],
        Joint = new(JointMode.LeadShare, 0.6m),
        Quotas =
        [
            new(Groups[0], QuotaPeriod.Month, monthlyQuota, 2, 1),
            new(Groups[1], QuotaPeriod.Month, monthlyQuota, 2, 1),
            new(Groups[2], QuotaPeriod.Quarter, 4, 3, 1),
            new(Groups[3], QuotaPeriod.Quarter, 3, 3, 1),
        ],
        Calls = new(LatePenalty: 1, MissingPenalty: 2),
        Caps =
        [
            new(ScoreCategory.Own, CapPeriod.Month, 40),
            new(ScoreCategory.Higher, CapPeriod.Month, 60),
            new(ScoreCategory.Instruction, CapPeriod.Year, 150),
            new(ScoreCategory.Total, CapPeriod.Year, 600),
        ],
    };

    private static ScoreInputs Generate(Random random)
    {
        var units = Enumerable.Range(1, 200)
            .Select(i => new ScoreUnit(i, $"单位{i:D3}", Groups[(i - 1) % Groups.Length], i))
            .ToList();

        // Some units write far more than others: the square skews the draw towards the low ids.
        int AnyUnit() => 1 + (int)(Math.Pow(random.NextDouble(), 2) * units.Count);
        DateOnly AnyDay() => new DateOnly(Year, 1, 1).AddDays(random.Next(365));
        int[] Credit()
        {
            var lead = AnyUnit();
            if (random.NextDouble() >= 0.1)
            {
                return [lead];
            }
            var others = Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(1, units.Count + 1));
            return [.. new[] { lead }.Concat(others).Distinct()];
        }

        var adopted = new List<AdoptedItem>(50_000);
        for (var i = 1; i <= 50_000; i++)
        {
            var column = Columns[random.Next(Columns.Length)];
            var kind = column switch
            {
                "简讯" => AdoptionKind.Brief,
                "综合" => AdoptionKind.Combined,
                _ => random.NextDouble() < 0.8 ? AdoptionKind.Full : AdoptionKind.Brief,
            };
            adopted.Add(new AdoptedItem(i, AnyDay(), column, kind, Credit(), $"稿件{i}", $"{Year}年第{1 + (i / 200)}期", 1 + (i / 200), i));
        }

        // Higher adoptions and instructions follow articles we adopted, with the same units and column.
        var higher = new List<HigherItem>(3_000);
        for (var i = 1; i <= 3_000; i++)
        {
            var a = adopted[random.Next(adopted.Count)];
            var date = a.Date.AddDays(random.Next(0, 20));
            var kind = HigherKinds[random.NextDouble() switch { < 0.7 => 0, < 0.95 => 1, _ => 2 }];
            higher.Add(new HigherItem(i, date.Year == Year ? date : a.Date, kind, "区委办公室", "《每日要情》", a.Title, a.Column,
                a.UnitIds, a.SubmissionId ?? 0));
        }

        var instructions = new List<InstructionItem>(500);
        for (var i = 1; i <= 500; i++)
        {
            var a = adopted[random.Next(adopted.Count)];
            var level = Levels[random.NextDouble() switch { < 0.6 => 0, < 0.9 => 1, _ => 2 }];
            instructions.Add(new InstructionItem(i, a.Date, level, "领导", a.Title, a.Column, a.UnitIds, a.SubmissionId ?? 0));
        }

        var sent = Enumerable.Range(1, 60_000).Select(i => new SentItem(100_000 + i, AnyDay(), Credit())).ToList();

        var calls = Enumerable.Range(1, 40)
            .Select(i =>
            {
                var deadline = new DateOnly(Year, 1, 10).AddDays(i * 9);
                var asked = Enumerable.Range(0, random.Next(20, 81)).Select(_ => random.Next(1, units.Count + 1)).Distinct().ToList();
                var answers = new Dictionary<int, DateOnly>();
                foreach (var unitId in asked)
                {
                    var roll = random.NextDouble();
                    if (roll < 0.85)
                    {
                        answers[unitId] = deadline.AddDays(-random.Next(0, 7));
                    }
                    else if (roll < 0.95)
                    {
                        answers[unitId] = deadline.AddDays(random.Next(1, 5));
                    }
                }
                return new CallItem(i, $"约稿{i}", deadline, asked, answers);
            })
            .ToList();

        return new ScoreInputs(units, adopted, higher, instructions, sent, calls);
    }
}
