using System.Globalization;
using Jianxun.Core.Scoring;

namespace Jianxun.Web.Features.Scores.Pages;

/// <summary>
/// A rule set as the rules page edits it: every field as typed (so nothing is lost when something is wrong), lists
/// of rows where a row left empty is dropped. <see cref="ToRules"/> reads it back with Chinese messages.
/// </summary>
public sealed class RuleSetForm
{
    /// <summary>Blank rows offered under each list for new entries.</summary>
    public const int BlankRows = 2;

    public string? Name { get; set; }

    /// <summary>The month the rules start, as the month picker sends it (2026-03).</summary>
    public string? EffectiveMonth { get; set; }

    public string? Note { get; set; }
    public List<OwnRow> Own { get; set; } = [];
    public List<KeyRow> Higher { get; set; } = [];
    public List<KeyRow> Levels { get; set; } = [];
    public List<MultiplierRow> Multipliers { get; set; } = [];
    public string? Joint { get; set; }
    public string? LeadShare { get; set; }
    public List<QuotaRow> Quotas { get; set; } = [];
    public string? LatePenalty { get; set; }
    public string? MissingPenalty { get; set; }
    public List<CapRow> Caps { get; set; } = [];

    public sealed class OwnRow
    {
        public string? Column { get; set; }
        public string? Kind { get; set; }
        public string? Points { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Column) && string.IsNullOrWhiteSpace(Points);
    }

    public sealed class KeyRow
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public string? Points { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Points);
    }

    public sealed class MultiplierRow
    {
        public string? Name { get; set; }
        public string? Column { get; set; }
        public string? Factor { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Column) && string.IsNullOrWhiteSpace(Factor);
    }

    public sealed class QuotaRow
    {
        public string? PeerGroup { get; set; }
        public string? Period { get; set; }
        public string? Items { get; set; }
        public string? BaseScore { get; set; }
        public string? Penalty { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Items) && string.IsNullOrWhiteSpace(BaseScore) && string.IsNullOrWhiteSpace(Penalty);
    }

    public sealed class CapRow
    {
        public string? Category { get; set; }
        public string? Period { get; set; }
        public string? Max { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Max);
    }

    public static RuleSetForm From(string? name, DateOnly effectiveFrom, string? note, ScoreRules rules) => new()
    {
        Name = name,
        EffectiveMonth = effectiveFrom.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        Note = note,
        Own = [.. rules.OwnAdoption.Select(r => new OwnRow { Column = r.Column, Kind = r.Kind.ToString(), Points = Text(r.Points) })],
        Higher = [.. rules.HigherAdoption.Select(r => new KeyRow { Key = r.Key, Name = r.Name, Points = Text(r.Points) })],
        Levels = [.. rules.Instructions.Select(r => new KeyRow { Key = r.Key, Name = r.Name, Points = Text(r.Points) })],
        Multipliers = [.. rules.Multipliers.Select(r => new MultiplierRow { Name = r.Name, Column = r.Column, Factor = Text(r.Factor) })],
        Joint = rules.Joint.Mode.ToString(),
        LeadShare = Text(rules.Joint.LeadShare),
        Quotas = [.. rules.Quotas.Select(q => new QuotaRow
        {
            PeerGroup = q.PeerGroup, Period = q.Period.ToString(), Items = q.Items.ToString(CultureInfo.InvariantCulture),
            BaseScore = Text(q.BaseScore), Penalty = Text(q.PenaltyPerMissing),
        })],
        LatePenalty = Text(rules.Calls.LatePenalty),
        MissingPenalty = Text(rules.Calls.MissingPenalty),
        Caps = [.. rules.Caps.Select(c => new CapRow { Category = c.Category.ToString(), Period = c.Period.ToString(), Max = Text(c.Max) })],
    };

    /// <summary>Adds blank rows under every list (the page shows them for new entries).</summary>
    public RuleSetForm WithBlankRows(int count = BlankRows)
    {
        for (var i = 0; i < count; i++)
        {
            Own.Add(new OwnRow());
            Higher.Add(new KeyRow());
            Levels.Add(new KeyRow());
            Multipliers.Add(new MultiplierRow());
            Quotas.Add(new QuotaRow());
            Caps.Add(new CapRow());
        }
        return this;
    }

    /// <summary>The first day of <see cref="EffectiveMonth"/>; null (with a problem) when it cannot be read.</summary>
    public DateOnly? EffectiveFrom(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(EffectiveMonth))
        {
            return null; // the handler says 请填写生效日期
        }
        var text = EffectiveMonth.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
        {
            return new DateOnly(month.Year, month.Month, 1);
        }
        problems.Add($"生效月份“{text}”无法识别，请写作 2026-03。");
        return null;
    }

    /// <summary>The rules the form describes; problems with what was typed (not numbers, unknown choices) go to <paramref name="problems"/>.</summary>
    public ScoreRules ToRules(List<string> problems)
    {
        var own = new List<OwnAdoptionRule>();
        foreach (var (row, i) in Own.Select((r, i) => (r, i + 1)).Where(x => !x.r.IsEmpty))
        {
            var points = Number(row.Points, $"本刊采用第 {i} 行的分值", problems);
            var kind = Choice<AdoptionKind>(row.Kind, $"本刊采用第 {i} 行的采用方式", problems);
            if (points is decimal p && kind is AdoptionKind k)
            {
                own.Add(new OwnAdoptionRule(Trim(row.Column), k, p));
            }
        }
        var higher = KeyRules(Higher, "上级采用", problems).Select(r => new HigherAdoptionRule(r.Key, r.Name, r.Points)).ToList();
        var levels = KeyRules(Levels, "领导批示", problems).Select(r => new InstructionRule(r.Key, r.Name, r.Points)).ToList();
        var multipliers = new List<MultiplierRule>();
        foreach (var (row, i) in Multipliers.Select((r, i) => (r, i + 1)).Where(x => !x.r.IsEmpty))
        {
            if (Number(row.Factor, $"加权第 {i} 行的系数", problems) is decimal f)
            {
                multipliers.Add(new MultiplierRule(Trim(row.Name) ?? "", Trim(row.Column) ?? "", f));
            }
        }
        var mode = Choice<JointMode>(Joint, "联合报送的计分方式", problems) ?? JointMode.SplitEvenly;
        var leadShare = string.IsNullOrWhiteSpace(LeadShare) ? 0.6m : Number(LeadShare, "牵头单位的分配比例", problems) ?? 0.6m;
        var quotas = new List<QuotaRule>();
        foreach (var (row, i) in Quotas.Select((r, i) => (r, i + 1)).Where(x => !x.r.IsEmpty))
        {
            var items = Whole(row.Items, $"定额第 {i} 行的篇数", problems);
            var baseScore = Number(string.IsNullOrWhiteSpace(row.BaseScore) ? "0" : row.BaseScore, $"定额第 {i} 行的基础分", problems);
            var penalty = Number(string.IsNullOrWhiteSpace(row.Penalty) ? "0" : row.Penalty, $"定额第 {i} 行的扣分", problems);
            var period = Choice<QuotaPeriod>(row.Period, $"定额第 {i} 行的周期", problems);
            if (items is int n && baseScore is decimal b && penalty is decimal p && period is QuotaPeriod qp)
            {
                quotas.Add(new QuotaRule(Trim(row.PeerGroup), qp, n, b, p));
            }
        }
        var late = string.IsNullOrWhiteSpace(LatePenalty) ? 0 : Number(LatePenalty, "约稿逾期扣分", problems) ?? 0;
        var missing = string.IsNullOrWhiteSpace(MissingPenalty) ? 0 : Number(MissingPenalty, "约稿未报扣分", problems) ?? 0;
        var caps = new List<CapRule>();
        foreach (var (row, i) in Caps.Select((r, i) => (r, i + 1)).Where(x => !x.r.IsEmpty))
        {
            var max = Number(row.Max, $"封顶第 {i} 行的分数", problems);
            var category = Choice<ScoreCategory>(row.Category, $"封顶第 {i} 行的类别", problems);
            var period = Choice<CapPeriod>(row.Period, $"封顶第 {i} 行的周期", problems);
            if (max is decimal m && category is ScoreCategory c && period is CapPeriod cp)
            {
                caps.Add(new CapRule(c, cp, m));
            }
        }
        return new ScoreRules
        {
            OwnAdoption = own,
            HigherAdoption = higher,
            Instructions = levels,
            Multipliers = multipliers,
            Joint = new JointRule(mode, leadShare),
            Quotas = quotas,
            Calls = new CallRule(late, missing),
            Caps = caps,
        };
    }

    private static List<(string Key, string Name, decimal Points)> KeyRules(List<KeyRow> rows, string list, List<string> problems)
    {
        var result = new List<(string, string, decimal)>();
        foreach (var (row, i) in rows.Select((r, i) => (r, i + 1)).Where(x => !x.r.IsEmpty))
        {
            if (Number(row.Points, $"{list}第 {i} 行的分值", problems) is decimal p)
            {
                // A row added on the page has no code: its name is its code (codes are never shown; recorded events keep theirs).
                result.Add((Trim(row.Key) ?? Trim(row.Name) ?? "", Trim(row.Name) ?? "", p));
            }
        }
        return result;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Text(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static decimal? Number(string? text, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"请填写{what}。");
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        problems.Add($"{what}“{text.Trim()}”不是数字。");
        return null;
    }

    private static int? Whole(string? text, string what, List<string> problems)
    {
        if (Number(text, what, problems) is not decimal value)
        {
            return null;
        }
        if (value != decimal.Truncate(value))
        {
            problems.Add($"{what}应为整数。");
            return null;
        }
        return (int)value;
    }

    private static T? Choice<T>(string? text, string what, List<string> problems) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value))
        {
            return value;
        }
        problems.Add($"请选择{what}。");
        return null;
    }
}
