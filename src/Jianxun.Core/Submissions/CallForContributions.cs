using Jianxun.Core.Organisation;

namespace Jianxun.Core.Submissions;

/// <summary>约稿: an editor asks some units for articles on a topic by a deadline.</summary>
public sealed class CallForContributions
{
    public int Id { get; set; }
    public required string Topic { get; set; }
    public string? Description { get; set; }
    public DateOnly Deadline { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsClosed { get; set; }
    public List<CallUnit> Units { get; set; } = [];
}

public sealed class CallUnit
{
    public int CallId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
}
