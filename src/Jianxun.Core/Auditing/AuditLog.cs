using Jianxun.Core.Common;
using Jianxun.Core.Data;

namespace Jianxun.Core.Auditing;

/// <summary>Adds audit entries to the current unit of work, so an entry is saved with the change it records.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string entityType, object? entityId, string? details = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId is null ? null : Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture),
            Details = details,
        });
    }
}
