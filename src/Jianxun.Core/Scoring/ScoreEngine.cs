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
        var tally = new Tally(inputs.Units
            .Where(u => group is null || string.Equals(u.PeerGroup, group, StringComparison.Ordinal))
            .ToDictionary(u => u.Id), period, today);
        tally.CountQuarterBeforeTheMonth(inputs.Adopted);

        var adoptedByMonth = inputs.Adopted.Where(a => period.Contains(a.Date)).ToLookup(a => (a.Date.Year, a.Date.Month));
        var higherByMonth = inputs.Higher.Where(a => period.Contains(a.Date)).ToLookup(a => (a.Date.Year, a.Date.Month));
        var instructionsByMonth = inputs.Instructions.Where(a => period.Contains(a.Date)).ToLookup(a => (a.Date.Year, a.Date.Month));
        var callsByMonth = inputs.Calls.Where(c => period.Contains(c.Deadline)).ToLookup(c => (c.Deadline.Year, c.Deadline.Month));

        // Month by month, each with its own rule set (none: the facts are counted, nothing is scored).
        foreach (var (year, month) in period.Months)
        {
            rulesByMonth.TryGetValue((year, month), out var ruleSet);
            tally.OwnAdoptions(year, month, ruleSet, adoptedByMonth[(year, month)]);
            tally.HigherAdoptions(ruleSet, higherByMonth[(year, month)]);
            tally.Instructions(ruleSet, instructionsByMonth[(year, month)]);
            tally.Quotas(year, month, ruleSet);
            tally.Calls(ruleSet, callsByMonth[(year, month)]);
            tally.MonthlyCaps(year, month, ruleSet);
        }

        if (period.Kind == ScorePeriodKind.Year)
        {
            var last = period.Months.Select(m => rulesByMonth.GetValueOrDefault(m)).LastOrDefault(r => r is not null);
            if (last is not null)
            {
                ApplyCaps(tally.Lines, last.Rules.Caps.Where(c => c.Period == CapPeriod.Year), last, _ => true, period.To, period.Label);
            }
        }

        var applied = period.Months.Select(m => rulesByMonth.GetValueOrDefault(m)).OfType<AppliedRuleSet>().DistinctBy(r => r.Id).ToList();
        return new ScoreResult(period, group, tally.Rank(inputs.Sent), applied);
    }

    /// <summary>One computation's running figures per unit: the score lines and the counts shown beside the points.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<int, ScoreUnit> _units;
        private readonly ScorePeriod _period;
        private readonly DateOnly _today;

        public Tally(Dictionary<int, ScoreUnit> units, ScorePeriod period, DateOnly today)
        {
            _units = units;
            _period = period;
            _today = today;
            Lines = units.Keys.ToDictionary(id => id, _ => new List<ScoreLine>());
            _adoptedCount = Zero();
            _higherCount = Zero();
            _instructionCount = Zero();
            _quotaMet = Zero();
            _quotaPeriods = Zero();
            _callsAnswered = Zero();
            _callsAsked = Zero();
        }

        public Dictionary<int, List<ScoreLine>> Lines { get; }

        private readonly Dictionary<int, int> _adoptedCount;
        private readonly Dictionary<int, int> _higherCount;
        private readonly Dictionary<int, int> _instructionCount;
        private readonly Dictionary<int, int> _quotaMet;
        private readonly Dictionary<int, int> _quotaPeriods;
        private readonly Dictionary<int, int> _callsAnswered;
        private readonly Dictionary<int, int> _callsAsked;

        private Dictionary<int, int> Zero() => _units.Keys.ToDictionary(id => id, _ => 0);

        // Own adoptions per unit and month, and per unit and quarter: quotas count them.
        private readonly Dictionary<(int Unit, int Year, int Month), int> _adoptedByUnitMonth = [];
        private readonly Dictionary<(int Unit, int Year, int Quarter), int> _quarterAdopted = [];

        /// <summary>
        /// A month period that closes a quarter counts the whole quarter's adoptions for the quarterly quota. A quarterly
        /// quota in a quarter that started before a longer period never happens: quarters and years are whole quarters.
        /// </summary>
        public void CountQuarterBeforeTheMonth(IEnumerable<AdoptedItem> adopted)
        {
            if (_period.Kind != ScorePeriodKind.Month || _period.Index % 3 != 0)
            {
                return;
            }
            var quarter = ScorePeriod.ForQuarter(_period.Year, _period.Index / 3);
            foreach (var item in adopted.Where(a => quarter.Contains(a.Date)))
            {
                foreach (var unitId in item.UnitIds.Distinct())
                {
                    CollectionsIncrement(_quarterAdopted, (unitId, quarter.Year, quarter.Index));
                }
            }
        }

        public void OwnAdoptions(int year, int month, AppliedRuleSet? ruleSet, IEnumerable<AdoptedItem> items)
        {
            var rules = ruleSet?.Rules;
            foreach (var item in items)
            {
                var credited = Credited(item.UnitIds, _units);
                foreach (var unitId in credited)
                {
                    _adoptedCount[unitId]++;
                    CollectionsIncrement(_adoptedByUnitMonth, (unitId, year, month));
                    if (_period.Kind != ScorePeriodKind.Month)
                    {
                        CollectionsIncrement(_quarterAdopted, (unitId, year, ((month - 1) / 3) + 1));
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
                Award(Lines, rules, ruleSet!, item.UnitIds, credited, item.Date, ScoreCategory.Own, what, basis, rule?.Points ?? 0, item.Column, link);
            }
        }

        public void HigherAdoptions(AppliedRuleSet? ruleSet, IEnumerable<HigherItem> items)
        {
            var rules = ruleSet?.Rules;
            foreach (var item in items)
            {
                var credited = Credited(item.UnitIds, _units);
                foreach (var unitId in credited)
                {
                    _higherCount[unitId]++;
                }
                if (rules is null || credited.Count == 0)
                {
                    continue;
                }
                var rule = rules.HigherAdoption.FirstOrDefault(r => string.Equals(r.Key.Trim(), item.Kind, StringComparison.Ordinal));
                var basis = rule is null ? $"上级采用类别“{item.Kind}”在规则中没有分值" : $"{rule.Name} {ScoreText.Points(rule.Points)} 分";
                var what = $"《{item.Title}》被{item.Body}{item.Publication}采用";
                Award(Lines, rules, ruleSet!, item.UnitIds, credited, item.Date, ScoreCategory.Higher, what, basis, rule?.Points ?? 0, item.Column,
                    item.SubmissionId > 0 ? $"/submissions/{item.SubmissionId}" : null);
            }
        }

        public void Instructions(AppliedRuleSet? ruleSet, IEnumerable<InstructionItem> items)
        {
            var rules = ruleSet?.Rules;
            foreach (var item in items)
            {
                var credited = Credited(item.UnitIds, _units);
                foreach (var unitId in credited)
                {
                    _instructionCount[unitId]++;
                }
                if (rules is null || credited.Count == 0)
                {
                    continue;
                }
                var rule = rules.Instructions.FirstOrDefault(r => string.Equals(r.Key.Trim(), item.Level, StringComparison.Ordinal));
                var basis = rule is null ? $"批示级别“{item.Level}”在规则中没有分值" : $"{rule.Name}批示 {ScoreText.Points(rule.Points)} 分";
                var what = $"《{item.Title}》获{item.Leader ?? "领导"}批示";
                Award(Lines, rules, ruleSet!, item.UnitIds, credited, item.Date, ScoreCategory.Instruction, what, basis, rule?.Points ?? 0, item.Column,
                    item.SubmissionId > 0 ? $"/submissions/{item.SubmissionId}" : null);
            }
        }

        /// <summary>Monthly quotas, and quarterly ones in a quarter's last month; only once the month is over.</summary>
        public void Quotas(int year, int month, AppliedRuleSet? ruleSet)
        {
            if (ruleSet is null)
            {
                return;
            }
            var monthEnd = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
            foreach (var quota in ruleSet.Rules.Quotas)
            {
                if (quota.Period == QuotaPeriod.Quarter && month % 3 != 0)
                {
                    continue;
                }
                if (monthEnd >= _today)
                {
                    continue; // the month (or quarter) is not over: a unit can still meet its quota
                }
                foreach (var unit in _units.Values.Where(u => quota.PeerGroup is null || string.Equals(u.PeerGroup, quota.PeerGroup, StringComparison.Ordinal)))
                {
                    var count = quota.Period == QuotaPeriod.Month
                        ? _adoptedByUnitMonth.GetValueOrDefault((unit.Id, year, month))
                        : _quarterAdopted.GetValueOrDefault((unit.Id, year, month / 3));
                    var span = quota.Period == QuotaPeriod.Month
                        ? string.Create(CultureInfo.InvariantCulture, $"{year}年{month}月")
                        : ScorePeriod.ForQuarter(year, month / 3).Label;
                    _quotaPeriods[unit.Id]++;
                    if (count >= quota.Items)
                    {
                        _quotaMet[unit.Id]++;
                        Lines[unit.Id].Add(new ScoreLine(unit.Id, monthEnd, ScoreCategory.Quota,
                            $"{span}采用 {count} 篇，完成定额 {quota.Items} 篇", $"完成定额得基础分 {ScoreText.Points(quota.BaseScore)} 分",
                            quota.BaseScore, ruleSet.Id));
                    }
                    else
                    {
                        var missing = quota.Items - count;
                        Lines[unit.Id].Add(new ScoreLine(unit.Id, monthEnd, ScoreCategory.Quota,
                            $"{span}采用 {count} 篇，定额 {quota.Items} 篇，差 {missing} 篇",
                            $"每差 1 篇扣 {ScoreText.Points(quota.PenaltyPerMissing)} 分",
                            -quota.PenaltyPerMissing * missing, ruleSet.Id));
                    }
                }
            }
        }

        /// <summary>Calls whose deadline fell in the month, once the deadline has passed.</summary>
        public void Calls(AppliedRuleSet? ruleSet, IEnumerable<CallItem> calls)
        {
            foreach (var call in calls)
            {
                if (call.Deadline >= _today)
                {
                    continue; // still open: nobody is late yet
                }
                foreach (var unitId in call.UnitIds.Distinct().Where(_units.ContainsKey))
                {
                    _callsAsked[unitId]++;
                    var answered = call.FirstAnswers.TryGetValue(unitId, out var at);
                    if (answered && at <= call.Deadline)
                    {
                        _callsAnswered[unitId]++;
                        continue;
                    }
                    if (ruleSet is null)
                    {
                        continue;
                    }
                    var penalty = answered ? ruleSet.Rules.Calls.LatePenalty : ruleSet.Rules.Calls.MissingPenalty;
                    var what = answered
                        ? $"约稿“{call.Topic}”截止 {call.Deadline:M月d日}，{at:M月d日}才报送"
                        : $"约稿“{call.Topic}”截止 {call.Deadline:M月d日}，未报送";
                    Lines[unitId].Add(new ScoreLine(unitId, call.Deadline, ScoreCategory.Calls, what,
                        answered ? $"逾期报送扣 {ScoreText.Points(penalty)} 分" : $"未报送扣 {ScoreText.Points(penalty)} 分",
                        -penalty, ruleSet.Id, "/calls"));
                }
            }
        }

        public void MonthlyCaps(int year, int month, AppliedRuleSet? ruleSet)
        {
            if (ruleSet is null)
            {
                return;
            }
            var monthEnd = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
            ApplyCaps(Lines, ruleSet.Rules.Caps.Where(c => c.Period == CapPeriod.Month), ruleSet, l => l.Date.Year == year && l.Date.Month == month,
                monthEnd, string.Create(CultureInfo.InvariantCulture, $"{year}年{month}月"));
        }

        /// <summary>Each unit's total, ranked (competition ranking), with the counts and its sorted lines.</summary>
        public List<UnitScore> Rank(IEnumerable<SentItem> sentItems)
        {
            var sent = Zero();
            foreach (var item in sentItems.Where(s => _period.Contains(s.Date)))
            {
                foreach (var unitId in item.UnitIds.Distinct().Where(_units.ContainsKey))
                {
                    sent[unitId]++;
                }
            }

            var scores = _units.Values
                .Select(u =>
                {
                    var own = Lines[u.Id];
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
                result.Add(new UnitScore(id, s.Unit.Name, s.Unit.PeerGroup, rank, s.Points, sent[id], _adoptedCount[id],
                    sent[id] == 0 ? null : Math.Round((double)_adoptedCount[id] / sent[id], 4),
                    _higherCount[id], _instructionCount[id], _quotaMet[id], _quotaPeriods[id], _callsAnswered[id], _callsAsked[id],
                    s.ByCategory, s.Lines));
            }
            return result;
        }
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
