using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Organisation;

public sealed record UnitDto(int Id, string Name, string ShortName, IReadOnlyList<string> Aliases, int? ParentId,
    string? PeerGroup, bool RequiresUnitReview, bool IsActive, int SortOrder);

public sealed record SaveUnitRequest(string Name, string ShortName, IReadOnlyList<string>? Aliases, int? ParentId,
    string? PeerGroup, bool RequiresUnitReview, bool IsActive = true, int SortOrder = 0);

/// <summary>Lists and maintains the unit registry (单位). Anyone signed in may list; only administrators change it.</summary>
public sealed class UnitHandlers(AppDbContext db, AuditLog audit)
{
    public async Task<IReadOnlyList<UnitDto>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        var rows = await db.Units.AsNoTracking()
            .Where(u => includeInactive || u.IsActive)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.Name, u.ShortName, u.Aliases, u.ParentId, u.PeerGroup, u.RequiresUnitReview, u.IsActive, u.SortOrder })
            .ToListAsync(ct);
        return [.. rows.Select(u => new UnitDto(u.Id, u.Name, u.ShortName, u.Aliases, u.ParentId, u.PeerGroup, u.RequiresUnitReview, u.IsActive, u.SortOrder))];
    }

    public async Task<UnitDto> GetAsync(int id, CancellationToken ct)
        => (await ListAsync(includeInactive: true, ct)).FirstOrDefault(u => u.Id == id)
           ?? throw new NotFoundException("找不到该单位。");

    public async Task<UnitDto> CreateAsync(Actor actor, SaveUnitRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var unit = new Unit { Name = "", ShortName = "" };
        await ApplyAsync(unit, request, ct);
        db.Units.Add(unit);
        await audit.SaveCreatedAsync(() => audit.Record(actor, "unit.created", nameof(Unit), unit.Id, $"新增单位 {unit.Name}（{unit.ShortName}）"), ct);
        return await GetAsync(unit.Id, ct);
    }

    public async Task<UnitDto> UpdateAsync(Actor actor, int id, SaveUnitRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("找不到该单位。");
        await ApplyAsync(unit, request, ct);
        audit.Record(actor, "unit.updated", nameof(Unit), unit.Id, $"修改单位 {unit.Name}（{unit.ShortName}）");
        await db.SaveChangesAsync(ct);
        return await GetAsync(unit.Id, ct);
    }

    private async Task ApplyAsync(Unit unit, SaveUnitRequest request, CancellationToken ct)
    {
        var v = new Validator()
            .Require(request.Name, "name", "单位全称", 100)
            .Require(request.ShortName, "shortName", "单位简称", 30)
            .Optional(request.PeerGroup, "peerGroup", "排名分组", 50);
        var name = request.Name?.Trim() ?? "";
        var shortName = request.ShortName?.Trim() ?? "";
        if (v.IsValid)
        {
            v.Check(!await db.Units.AnyAsync(u => u.Id != unit.Id && u.Name == name, ct), "name", $"已有名为“{name}”的单位。");
            v.Check(!await db.Units.AnyAsync(u => u.Id != unit.Id && u.ShortName == shortName, ct), "shortName", $"已有简称为“{shortName}”的单位。");
        }
        if (request.ParentId is int parentId)
        {
            var parents = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
            if (!parents.ContainsKey(parentId))
            {
                v.Add("parentId", "所选上级单位不存在。");
            }
            else
            {
                // Walk up from the proposed parent: meeting this unit again would make a loop.
                int? cursor = parentId;
                var seen = new HashSet<int>();
                while (cursor is int c && seen.Add(c))
                {
                    if (unit.Id != 0 && c == unit.Id)
                    {
                        v.Add("parentId", "上级单位不能是本单位或其下级单位。");
                        break;
                    }
                    cursor = parents.GetValueOrDefault(c);
                }
            }
        }
        var aliases = (request.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        v.Check(aliases.All(a => a.Length <= 100), "aliases", "别名不能超过 100 个字。");
        v.ThrowIfInvalid();

        unit.Name = name;
        unit.ShortName = shortName;
        unit.Aliases = aliases;
        unit.ParentId = request.ParentId;
        unit.PeerGroup = string.IsNullOrWhiteSpace(request.PeerGroup) ? null : request.PeerGroup.Trim();
        unit.RequiresUnitReview = request.RequiresUnitReview;
        unit.IsActive = request.IsActive;
        unit.SortOrder = request.SortOrder;
    }
}
