using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Auditing;

public sealed record AuditEntryDto(long Id, DateTime At, string UserName, string Action, string EntityType, string? EntityId, string? Details);

public sealed record AuditPageDto(int Total, int Page, int PageSize, IReadOnlyList<AuditEntryDto> Items);

/// <summary>Reads the audit trail, newest first. Administrators only.</summary>
public sealed class AuditQueries(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPageDto> ListAsync(Actor actor, string? entityType, string? entityId, int page, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        Validator.ThrowIfBadPage(page);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            query = query.Where(a => a.EntityType == entityType);
        }
        if (!string.IsNullOrWhiteSpace(entityId))
        {
            query = query.Where(a => a.EntityId == entityId);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, a.Details))
            .ToListAsync(ct);
        return new AuditPageDto(total, page, PageSize, items);
    }
}
