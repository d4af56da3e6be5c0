using System.Globalization;

namespace Jianxun.Core.Scoring;

/// <summary>A unit taking part in the assessment.</summary>
public sealed record ScoreUnit(int Id, string Name, string? PeerGroup, int SortOrder = 0);

/// <summary>An item printed in one of our own issues (published or imported), credited to units.</summary>
public sealed record AdoptedItem(int Id, DateOnly Date, string Column, AdoptionKind Kind, IReadOnlyList<int> UnitIds,
    string Title, string? IssueLabel = null, int? IssueId = null, int? SubmissionId = null);

/// <summary>A recorded adoption by a higher body (<see cref="HigherAdoption"/>), with the article's units and column.</summary>
public sealed record HigherItem(int Id, DateOnly Date, string Kind, string Body, string Publication, string Title,
    string? Column, IReadOnlyList<int> UnitIds, int SubmissionId = 0);

/// <summary>A recorded leader's instruction (<see cref="LeaderInstruction"/>).</summary>
public sealed record InstructionItem(int Id, DateOnly Date, string Level, string? Leader, string Title, string? Column,
    IReadOnlyList<int> UnitIds, int SubmissionId = 0);

/// <summary>An article a unit sent (submitted to review), for the "sent" figure and the adoption rate.</summary>
public sealed record SentItem(int SubmissionId, DateOnly Date, IReadOnlyList<int> UnitIds);

/// <summary>A call for contributions: the units asked and the date each first answered (absent: never).</summary>
public sealed record CallItem(int Id, string Topic, DateOnly Deadline, IReadOnlyList<int> UnitIds, IReadOnlyDictionary<int, DateOnly> FirstAnswers);

public sealed record ScoreInputs(
    IReadOnlyList<ScoreUnit> Units,
    IReadOnlyList<AdoptedItem> Adopted,
    IReadOnlyList<HigherItem> Higher,
    IReadOnlyList<InstructionItem> Instructions,
    IReadOnlyList<SentItem> Sent,
    IReadOnlyList<CallItem> Calls);

/// <summary>The rule set that scores a month.</summary>
public sealed record AppliedRuleSet(int Id, string Name, DateOnly EffectiveFrom, ScoreRules Rules);

/// <summary>One explained point: what earned it, under which rule.</summary>
public sealed record ScoreLine(int UnitId, DateOnly Date, ScoreCategory Category, string Item, string Rule, decimal Points,
    int? RuleSetId, string? Link = null);

public sealed record UnitScore(
    int UnitId,
    string Name,
    string? PeerGroup,
    int Rank,
    decimal Points,
    int Sent,
    int Adopted,
    double? AdoptionRate,
    int HigherAdopted,
    int Instructions,
    int QuotaPeriodsMet,
    int QuotaPeriods,
    int CallsAnswered,
    int CallsAsked,
    IReadOnlyDictionary<ScoreCategory, decimal> ByCategory,
    IReadOnlyList<ScoreLine> Lines);

public sealed record ScoreResult(ScorePeriod Period, string? Group, IReadOnlyList<UnitScore> Units, IReadOnlyList<AppliedRuleSet> RuleSets);

/// <summary>
/// Computes the assessment of a period from the recorded facts and the rule set of each month. Pure and in
/// memory: the same inputs give the same result, which is what makes recomputing idempotent and testable.
/// </summary>
/// <remarks>
/// Per month, with that month's rule set: own adoptions (by column and kind), higher adoptions (by kind) and
/// instructions (by level), each multiplied by the multipliers of the article's column and shared between
/// joint units; monthly quotas; quarterly quotas in a quarter's last month (both only once the month or quarter
/// is over); calls whose deadline falls in the month (only once the deadline has passed); monthly caps. For a
/// year, yearly caps are applied with the rule set of the year's last month. Shared points are rounded to two
/// decimals per unit.
/// </remarks>
public static class ScoreEngine
{
    public static ScoreResult Compute(ScorePeriod period, ScoreInputs inputs,
        IReadOnlyDictionary<(int Year, int Month), AppliedRuleSet> rulesByMonth, DateOnly today, string? group = null)
    {
        var units = inputs.Units
            .Where(u => group is null || string.Equals(u.PeerGroup, group, StringComparison.Ordinal))
            .ToDictionary(u => u.Id);
        var lines = units.Keys.ToDictionary(id => id, _ => new List<ScoreLine>());
        var adoptedCount = units.Keys.ToDictionary(id => id, _ => 0);
        var higherCount = units.Keys.ToDictionary(id => id, _ => 0);
        var instructionCount = units.Keys.ToDictionary(id => id, _ => 0);
        var quotaMet = units.Keys.ToDictionary(id => id, _ => 0);
        var quotaPeriods = units.Keys.ToDictionary(id => id, _ => 0);
        var callsAnswered = units.Keys.ToDictionary(id => id, _ => 0);
        var callsAsked = units.Keys.ToDictionary(id => id, _ => 0);

        // Own adoptions per unit and month: quotas count them.
        var adoptedByUnitMonth = new Dictionary<(int Unit, int Year, int Month), int>();

        var adoptedByMonth = inputs.Adopted.Where(a => period.Contains(a.Date)).ToLookup(a => (a.Date.Year, a.Date.Month));
        var higherByMonth = inputs.Higher.Where(a => period.Contains(a.Date)).ToLookup(a => (a.Date.Year, a.Date.Month));
        var instructionsByMonth = inputs.Instructions.Where(a => period.Contains(a.Date)).ToLookup(a => (a.Date.Year, a.Date.Month));
        var callsByMonth = inputs.Calls.Where(c => period.Contains(c.Deadline)).ToLookup(c => (c.Deadline.Year, c.Deadline.Month));

        // A quarterly quota in a quarter that started before the period (never, for our periods) would need earlier months;
        // quarters and years are made of whole quarters, and a month period only closes a quarter's quota when it is its last month.
        var quarterAdopted = new Dictionary<(int Unit, int Year, int Quarter), int>();
        if (period.Kind == ScorePeriodKind.Month && period.Index % 3 == 0)
        {
            var quarter = ScorePeriod.ForQuarter(period.Year, period.Index / 3);
            foreach (var item in inputs.Adopted.Where(a => quarter.Contains(a.Date)))
            {
                foreach (var unitId in item.UnitIds.Distinct())
                {
                    CollectionsIncrement(quarterAdopted, (unitId, quarter.Year, quarter.Index));
                }
            }
        }

        foreach (var (year, month) in period.Months)
        {
            rulesByMonth.TryGetValue((year, month), out var ruleSet);
            var rules = ruleSet?.Rules;

            foreach (var item in adoptedByMonth[(year, month)])
            {
                var credited = Credited(item.UnitIds, units);
                foreach (var unitId in credited)
                {
                    adoptedCount[unitId]++;
                    CollectionsIncrement(adoptedByUnitMonth, (unitId, year, month));
                    if (period.Kind != ScorePeriodKind.Month)
                    {
                        CollectionsIncrement(quarterAdopted, (unitId, year, ((month - 1) / 3) + 1));
                    }
                }
                if (rules is null || credited.Count == 0)
                {
                    continue;
                }
                var rule = rules.OwnAdoption.FirstOrDefault(r => r.Kind == item.Kind && string.Equals(ScoreRules.Normalise(r.Column), item.Column, StringComparison.Ordinal))
                           ?? rules.OwnAdoption.FirstOrDefault(r => r.Kind == item.Kind && ScoreRules.Normalise(r.Column) is null);
                var basis = rule is null
                    ? $"{ScoreText.Kind(item.Kind)}：规则未设分值"
                    : $"{ScoreText.Kind(item.Kind)}{(ScoreRules.Normalise(rule.Column) is { } c ? $"（{c}）" : "")} {ScoreText.Points(rule.Points)} 分";
                var what = $"《{item.Title}》{(item.IssueLabel is null ? "" : $"，{item.IssueLabel}")}，{item.Column}";
                var link = item.IssueId is int issueId ? $"/issues/{issueId}" : null;
                Award(lines, rules, ruleSet!, item.UnitIds, credited, item.Date, ScoreCategory.Own, what, basis, rule?.Points ?? 0, item.Column, link);
            }

            foreach (var item in higherByMonth[(year, month)])
            {
                var credited = Credited(item.UnitIds, units);
                foreach (var unitId in credited)
                {
                    higherCount[unitId]++;
                }
                if (rules is null || credited.Count == 0)
                {
                    continue;
                }
                var rule = rules.HigherAdoption.FirstOrDefault(r => string.Equals(r.Key.Trim(), item.Kind, StringComparison.Ordinal));
                var basis = rule is null ? $"上级采用类别“{item.Kind}”在规则中没有分值" : $"{rule.Name} {ScoreText.Points(rule.Points)} 分";
                var what = $"《{item.Title}》被{item.Body}{item.Publication}采用";
                Award(lines, rules, ruleSet!, item.UnitIds, credited, item.Date, ScoreCategory.Higher, what, basis, rule?.Points ?? 0, item.Column,
                    item.SubmissionId > 0 ? $"/submissions/{item.SubmissionId}" : null);
            }

            foreach (var item in instructionsByMonth[(year, month)])
            {
                var credited = Credited(item.UnitIds, units);
                foreach (var unitId in credited)
                {
                    instructionCount[unitId]++;
                }
                if (rules is null || credited.Count == 0)
                {
                    continue;
                }
                var rule = rules.Instructions.FirstOrDefault(r => string.Equals(r.Key.Trim(), item.Level, StringComparison.Ordinal));
                var basis = rule is null ? $"批示级别“{item.Level}”在规则中没有分值" : $"{rule.Name}批示 {ScoreText.Points(rule.Points)} 分";
                var what = $"《{item.Title}》获{item.Leader ?? "领导"}批示";
                Award(lines, rules, ruleSet!, item.UnitIds, credited, item.Date, ScoreCategory.Instruction, what, basis, rule?.Points ?? 0, item.Column,
                    item.SubmissionId > 0 ? $"/submissions/{item.SubmissionId}" : null);
            }

            if (rules is not null)
            {
                var monthEnd = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
                foreach (var quota in rules.Quotas)
                {
                    if (quota.Period == QuotaPeriod.Quarter && month % 3 != 0)
                    {
                        continue;
                    }
                    if (monthEnd >= today)
                    {
                        continue; // the month (or quarter) is not over: a unit can still meet its quota
                    }
                    foreach (var unit in units.Values.Where(u => quota.PeerGroup is null || string.Equals(u.PeerGroup, quota.PeerGroup, StringComparison.Ordinal)))
                    {
                        var count = quota.Period == QuotaPeriod.Month
                            ? adoptedByUnitMonth.GetValueOrDefault((unit.Id, year, month))
                            : quarterAdopted.GetValueOrDefault((unit.Id, year, month / 3));
                        var span = quota.Period == QuotaPeriod.Month
                            ? string.Create(CultureInfo.InvariantCulture, $"{year}年{month}月")
                            : ScorePeriod.ForQuarter(year, month / 3).Label;
                        quotaPeriods[unit.Id]++;
                        if (count >= quota.Items)
                        {
                            quotaMet[unit.Id]++;
                            lines[unit.Id].Add(new ScoreLine(unit.Id, monthEnd, ScoreCategory.Quota,
                                $"{span}采用 {count} 篇，完成定额 {quota.Items} 篇", $"完成定额得基础分 {ScoreText.Points(quota.BaseScore)} 分",
                                quota.BaseScore, ruleSet!.Id));
                        }
                        else
                        {
                            var missing = quota.Items - count;
                            lines[unit.Id].Add(new ScoreLine(unit.Id, monthEnd, ScoreCategory.Quota,
                                $"{span}采用 {count} 篇，定额 {quota.Items} 篇，差 {missing} 篇",
                                $"每差 1 篇扣 {ScoreText.Points(quota.PenaltyPerMissing)} 分",
                                -quota.PenaltyPerMissing * missing, ruleSet!.Id));
                        }
                    }
                }
            }

            foreach (var call in callsByMonth[(year, month)])
            {
                if (call.Deadline >= today)
                {
                    continue; // still open: nobody is late yet
                }
                foreach (var unitId in call.UnitIds.Distinct().Where(units.ContainsKey))
                {
                    callsAsked[unitId]++;
                    var answered = call.FirstAnswers.TryGetValue(unitId, out var at);
                    if (answered && at <= call.Deadline)
                    {
                        callsAnswered[unitId]++;
                        continue;
                    }
                    if (rules is null)
                    {
                        continue;
                    }
                    var penalty = answered ? rules.Calls.LatePenalty : rules.Calls.MissingPenalty;
                    var what = answered
                        ? $"约稿“{call.Topic}”截止 {call.Deadline:M月d日}，{at:M月d日}才报送"
                        : $"约稿“{call.Topic}”截止 {call.Deadline:M月d日}，未报送";
                    lines[unitId].Add(new ScoreLine(unitId, call.Deadline, ScoreCategory.Calls, what,
                        answered ? $"逾期报送扣 {ScoreText.Points(penalty)} 分" : $"未报送扣 {ScoreText.Points(penalty)} 分",
                        -penalty, ruleSet!.Id, "/calls"));
                }
            }

            if (rules is not null)
            {
                var monthEnd = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
                ApplyCaps(lines, rules.Caps.Where(c => c.Period == CapPeriod.Month), ruleSet!, l => l.Date.Year == year && l.Date.Month == month,
                    monthEnd, string.Create(CultureInfo.InvariantCulture, $"{year}年{month}月"));
            }
        }

        if (period.Kind == ScorePeriodKind.Year)
        {
            var last = period.Months.Select(m => rulesByMonth.GetValueOrDefault(m)).LastOrDefault(r => r is not null);
            if (last is not null)
            {
                ApplyCaps(lines, last.Rules.Caps.Where(c => c.Period == CapPeriod.Year), last, _ => true, period.To, period.Label);
            }
        }

        var sent = units.Keys.ToDictionary(id => id, _ => 0);
        foreach (var item in inputs.Sent.Where(s => period.Contains(s.Date)))
        {
            foreach (var unitId in item.UnitIds.Distinct().Where(units.ContainsKey))
            {
                sent[unitId]++;
            }
        }

        var scores = units.Values
            .Select(u =>
            {
                var own = lines[u.Id];
                own.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Category.CompareTo(b.Category));
                var byCategory = own.GroupBy(l => l.Category).ToDictionary(g => g.Key, g => g.Sum(l => l.Points));
                return new
                {
                    Unit = u,
                    Points = own.Sum(l => l.Points),
                    ByCategory = byCategory,
                    Lines = own,
                };
            })
            .OrderByDescending(s => s.Points).ThenBy(s => s.Unit.SortOrder).ThenBy(s => s.Unit.Id)
            .ToList();

        var result = new List<UnitScore>(scores.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            var s = scores[i];
            // Competition ranking: equal points share a rank, and the next rank skips (1, 2, 2, 4).
            var rank = i > 0 && scores[i - 1].Points == s.Points ? result[i - 1].Rank : i + 1;
            var id = s.Unit.Id;
            result.Add(new UnitScore(id, s.Unit.Name, s.Unit.PeerGroup, rank, s.Points, sent[id], adoptedCount[id],
                sent[id] == 0 ? null : Math.Round((double)adoptedCount[id] / sent[id], 4),
                higherCount[id], instructionCount[id], quotaMet[id], quotaPeriods[id], callsAnswered[id], callsAsked[id],
                s.ByCategory, s.Lines));
        }

        var applied = period.Months.Select(m => rulesByMonth.GetValueOrDefault(m)).OfType<AppliedRuleSet>().DistinctBy(r => r.Id).ToList();
        return new ScoreResult(period, group, result, applied);
    }

    private static List<int> Credited(IReadOnlyList<int> unitIds, Dictionary<int, ScoreUnit> units) =>
        [.. unitIds.Distinct().Where(units.ContainsKey)];

    /// <summary>Gives an article's points to its units: multiplied by its column's multipliers, shared by the joint rule.</summary>
    private static void Award(Dictionary<int, List<ScoreLine>> lines, ScoreRules rules, AppliedRuleSet ruleSet,
        IReadOnlyList<int> allUnits, List<int> credited, DateOnly date, ScoreCategory category, string what, string basis,
        decimal points, string? column, string? link)
    {
        var factor = 1m;
        foreach (var multiplier in rules.Multipliers.Where(m => string.Equals(m.Column.Trim(), column, StringComparison.Ordinal)))
        {
            factor *= multiplier.Factor;
            basis += $" × {ScoreText.Points(multiplier.Factor)}（{multiplier.Name}）";
        }
        var total = points * factor;
        // Shares are computed over every unit the item credits (a unit outside this ranking still takes its share).
        var all = allUnits.Distinct().ToList();
        foreach (var unitId in credited)
        {
            var (share, how) = Share(rules.Joint, all, unitId);
            var line = share == 1m ? basis : $"{basis}，{how}";
            lines[unitId].Add(new ScoreLine(unitId, date, category, what, line, Math.Round(total * share, 2, MidpointRounding.AwayFromZero), ruleSet.Id, link));
        }
    }

    private static (decimal Share, string How) Share(JointRule joint, List<int> all, int unitId)
    {
        var n = all.Count;
        if (n <= 1)
        {
            return (1m, "");
        }
        return joint.Mode switch
        {
            JointMode.EachFull => (1m, ""),
            JointMode.SplitEvenly => (1m / n, string.Create(CultureInfo.InvariantCulture, $"{n} 家联合报送平分")),
            JointMode.LeadShare => all[0] == unitId
                ? (joint.LeadShare, string.Create(CultureInfo.InvariantCulture, $"牵头单位得 {joint.LeadShare * 100:0.##}%"))
                : ((1m - joint.LeadShare) / (n - 1), string.Create(CultureInfo.InvariantCulture, $"{n - 1} 家参与单位平分 {(1m - joint.LeadShare) * 100:0.##}%")),
        };
    }

    private static void ApplyCaps(Dictionary<int, List<ScoreLine>> lines, IEnumerable<CapRule> caps, AppliedRuleSet ruleSet,
        Func<ScoreLine, bool> inScope, DateOnly date, string span)
    {
        foreach (var cap in caps)
        {
            foreach (var (unitId, unitLines) in lines)
            {
                // A category's net points include earlier caps on it; the total includes every line.
                var sum = cap.Category == ScoreCategory.Total
                    ? unitLines.Where(inScope).Sum(l => l.Points)
                    : unitLines.Where(l => inScope(l) && (l.Category == cap.Category
                        || (l.Category == ScoreCategory.Cap && l.Item.StartsWith(ScoreText.Category(cap.Category), StringComparison.Ordinal)))).Sum(l => l.Points);
                if (sum > cap.Max)
                {
                    unitLines.Add(new ScoreLine(unitId, date, ScoreCategory.Cap,
                        $"{ScoreText.Category(cap.Category)}{span}得 {ScoreText.Points(sum)} 分",
                        $"{(cap.Period == CapPeriod.Month ? "每月" : "每年")}封顶 {ScoreText.Points(cap.Max)} 分",
                        cap.Max - sum, ruleSet.Id));
                }
            }
        }
    }

    private static void CollectionsIncrement<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
