using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jianxun.Core.Scoring;

/// <summary>How an item was taken into our own series.</summary>
public enum AdoptionKind
{
    /// <summary>全文采用: printed as an article.</summary>
    Full = 0,

    /// <summary>简讯采用: printed as a numbered brief.</summary>
    Brief = 1,

    /// <summary>综合采用: merged with others into a combined piece.</summary>
    Combined = 2,
}

/// <summary>Where a point comes from; also what a cap limits.</summary>
public enum ScoreCategory
{
    /// <summary>本刊采用.</summary>
    Own = 0,

    /// <summary>上级采用.</summary>
    Higher = 1,

    /// <summary>领导批示.</summary>
    Instruction = 2,

    /// <summary>定额: base score for meeting the quota, penalties for missing items.</summary>
    Quota = 3,

    /// <summary>约稿: penalties for late or missing answers.</summary>
    Calls = 4,

    /// <summary>封顶: the deduction that brings a category down to its cap.</summary>
    Cap = 5,

    /// <summary>Only as a cap's target: all categories together.</summary>
    Total = 6,
}

public enum QuotaPeriod
{
    Month = 0,
    Quarter = 1,
}

public enum CapPeriod
{
    Month = 0,
    Year = 1,
}

/// <summary>How points of an item credited to several units (联合报送) are shared.</summary>
public enum JointMode
{
    /// <summary>Every credited unit gets the full points.</summary>
    EachFull = 0,

    /// <summary>The points are split evenly between the credited units.</summary>
    SplitEvenly = 1,

    /// <summary>The first (lead) unit gets <see cref="JointRule.LeadShare"/>, the others split the rest evenly.</summary>
    LeadShare = 2,
}

/// <summary>Points for adoption into our own series; a rule naming the column wins over one for any column.</summary>
public sealed record OwnAdoptionRule(string? Column, AdoptionKind Kind, decimal Points);

/// <summary>Points for adoption by a higher body's publication of one kind (e.g. 区委《每日要情》).</summary>
public sealed record HigherAdoptionRule(string Key, string Name, decimal Points);

/// <summary>Bonus for a leader's instruction at one level (e.g. 市级主要领导).</summary>
public sealed record InstructionRule(string Key, string Name, decimal Points);

/// <summary>Multiplies every point an article earns when it was adopted into the named column (e.g. 调研文章 ×2).</summary>
public sealed record MultiplierRule(string Name, string Column, decimal Factor);

public sealed record JointRule(JointMode Mode = JointMode.SplitEvenly, decimal LeadShare = 0.6m);

/// <summary>
/// A quota per month or quarter for the units of a peer group (all ranked units when null): meeting it gives
/// <see cref="BaseScore"/>; each missing item costs <see cref="PenaltyPerMissing"/>. Items are our own adoptions.
/// </summary>
public sealed record QuotaRule(string? PeerGroup, QuotaPeriod Period, int Items, decimal BaseScore, decimal PenaltyPerMissing);

/// <summary>Penalties per unit asked by a call for contributions (约稿) that answered after the deadline or not at all.</summary>
public sealed record CallRule(decimal LatePenalty = 0, decimal MissingPenalty = 0);

/// <summary>At most <see cref="Max"/> points of a category per unit, per month or per year.</summary>
public sealed record CapRule(ScoreCategory Category, CapPeriod Period, decimal Max);

/// <summary>The content of a <see cref="ScoreRuleSet"/>, stored as JSON.</summary>
public sealed record ScoreRules
{
    public List<OwnAdoptionRule> OwnAdoption { get; init; } = [];
    public List<HigherAdoptionRule> HigherAdoption { get; init; } = [];
    public List<InstructionRule> Instructions { get; init; } = [];
    public List<MultiplierRule> Multipliers { get; init; } = [];
    public JointRule Joint { get; init; } = new();
    public List<QuotaRule> Quotas { get; init; } = [];
    public CallRule Calls { get; init; } = new();
    public List<CapRule> Caps { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ScoreRules FromJson(string json) =>
        JsonSerializer.Deserialize<ScoreRules>(json, Json) ?? new ScoreRules();

    /// <summary>Readable problems (in Chinese) that make the rules unusable; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var group in OwnAdoption.GroupBy(r => (Column: Normalise(r.Column), r.Kind)).Where(g => g.Count() > 1))
        {
            problems.Add($"本刊采用规则重复：{group.Key.Column ?? "任意栏目"}·{ScoreText.Kind(group.Key.Kind)}。");
        }
        foreach (var key in HigherAdoption.GroupBy(r => r.Key.Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"上级采用类别“{key.Key}”重复。");
        }
        foreach (var key in Instructions.GroupBy(r => r.Key.Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"批示级别“{key.Key}”重复。");
        }
        if (HigherAdoption.Any(r => string.IsNullOrWhiteSpace(r.Key) || string.IsNullOrWhiteSpace(r.Name)))
        {
            problems.Add("上级采用类别须有代码和名称。");
        }
        if (Instructions.Any(r => string.IsNullOrWhiteSpace(r.Key) || string.IsNullOrWhiteSpace(r.Name)))
        {
            problems.Add("批示级别须有代码和名称。");
        }
        if (Multipliers.Any(m => m.Factor <= 0 || string.IsNullOrWhiteSpace(m.Column)))
        {
            problems.Add("加权系数须大于 0，并指明栏目。");
        }
        if (Joint.Mode == JointMode.LeadShare && (Joint.LeadShare <= 0 || Joint.LeadShare > 1))
        {
            problems.Add("牵头单位的分配比例须在 0 到 1 之间。");
        }
        if (Quotas.Any(q => q.Items <= 0 || q.PenaltyPerMissing < 0 || q.BaseScore < 0))
        {
            problems.Add("定额篇数须大于 0，基础分和扣分不能为负。");
        }
        if (Calls.LatePenalty < 0 || Calls.MissingPenalty < 0)
        {
            problems.Add("约稿扣分不能为负（填写要扣的分数）。");
        }
        if (Caps.Any(c => c.Max < 0))
        {
            problems.Add("封顶分不能为负。");
        }
        if (Caps.Any(c => c.Category is ScoreCategory.Cap))
        {
            problems.Add("封顶规则须针对某一类得分或总分，不能针对“封顶”本身。");
        }
        return problems;
    }

    internal static string? Normalise(string? column) => string.IsNullOrWhiteSpace(column) ? null : column.Trim();
}
