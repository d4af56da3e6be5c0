namespace Jianxun.Core.Auditing;

/// <summary>One state change: who did what to which thing, when, and the details (from/to, comment).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }

    /// <summary>A stable verb, e.g. <c>unit.created</c>, <c>user.locked</c>, <c>submission.adopted</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>Human-readable summary, in Chinese, for the audit page.</summary>
    public string? Details { get; set; }
}
