namespace Jianxun.Core.Organisation;

/// <summary>A member unit (单位) or the issuing office itself.</summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>Full name, e.g. 某某区城市发展投资集团有限公司.</summary>
    public required string Name { get; set; }

    /// <summary>简称, e.g. 城投集团: what credit lines and rankings print.</summary>
    public required string ShortName { get; set; }

    /// <summary>Other names the unit goes by in old bulletins; used when importing and searching.</summary>
    public List<string> Aliases { get; set; } = [];

    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }

    /// <summary>Units are ranked against others in the same peer group (e.g. 区属国企, 委机关处室).</summary>
    public string? PeerGroup { get; set; }

    /// <summary>When set, a contributor's article goes to the unit's own reviewer before the editors see it.</summary>
    public bool RequiresUnitReview { get; set; }

    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}
