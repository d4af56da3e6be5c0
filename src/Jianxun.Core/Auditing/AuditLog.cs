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

    /// <summary>
    /// Saves a new entity and the entry that records it as one change (ADR-003): the entry names the entity's generated id,
    /// which exists only after the insert, so both saves run in one transaction and a failed entry leaves no entity.
    /// <paramref name="record"/> runs between the saves and adds the entry (and anything else that needs the id). Joins a
    /// transaction the caller already holds.
    /// </summary>
    public async Task SaveCreatedAsync(Func<Task> record, CancellationToken ct)
    {
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (owned)
        {
            await db.SaveChangesAsync(ct);
            await record();
            await db.SaveChangesAsync(ct);
            if (owned is not null)
            {
                await owned.CommitAsync(ct);
            }
        }
    }

    /// <inheritdoc cref="SaveCreatedAsync(Func{Task}, CancellationToken)"/>
    public Task SaveCreatedAsync(Action record, CancellationToken ct) => SaveCreatedAsync(() =>
    {
        record();
        return Task.CompletedTask;
    }, ct);
}
