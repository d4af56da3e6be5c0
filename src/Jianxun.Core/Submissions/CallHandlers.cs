using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Submissions;

public sealed record CallUnitStatusDto(int UnitId, string ShortName, IReadOnlyList<int> SubmissionIds);

public sealed record CallDto(int Id, string Topic, string? Description, DateOnly Deadline, bool IsClosed, DateTime CreatedAt,
    IReadOnlyList<CallUnitStatusDto> Units, int Answered, int NotAnswered);

public sealed record SaveCallRequest(string? Topic, string? Description, DateOnly? Deadline, IReadOnlyList<int>? UnitIds);

/// <summary>约稿: editors ask units for articles; units see open calls on their home page; editors see who answered.</summary>
public sealed class CallHandlers(AppDbContext db, AuditLog audit, Notifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<CallDto>> ListAsync(Actor actor, bool openOnly, CancellationToken ct)
    {
        var q = db.Set<CallForContributions>().AsNoTracking();
        if (!actor.IsInRole(Roles.Editor) && !actor.IsAdmin)
        {
            // Units see only the calls addressed to them.
            q = q.Where(c => c.Units.Any(u => u.UnitId == actor.UnitId));
        }
        if (openOnly)
        {
            q = q.Where(c => !c.IsClosed);
        }
        var ids = await q.OrderByDescending(c => c.Id).Select(c => c.Id).Take(100).ToListAsync(ct);
        var result = new List<CallDto>();
        foreach (var id in ids)
        {
            result.Add(await GetAsync(actor, id, ct));
        }
        return result;
    }

    public async Task<CallDto> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        var call = await db.Set<CallForContributions>().AsNoTracking().Include(c => c.Units).ThenInclude(u => u.Unit)
            .FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("找不到该约稿。");
        var seeAll = actor.IsInRole(Roles.Editor) || actor.IsAdmin;
        if (!seeAll && call.Units.All(u => u.UnitId != actor.UnitId))
        {
            throw new NotFoundException("找不到该约稿。");
        }
        // Drafts are not answers yet: only articles that were sent count.
        var answers = await (from su in db.Set<SubmissionUnit>()
                             join s in db.Submissions on su.SubmissionId equals s.Id
                             where s.CallId == id && s.Status != SubmissionStatus.Draft && s.Status != SubmissionStatus.Withdrawn
                             select new { su.UnitId, s.Id }).AsNoTracking().ToListAsync(ct);
        var units = call.Units.Where(u => seeAll || u.UnitId == actor.UnitId).OrderBy(u => u.Unit!.SortOrder)
            .Select(u => new CallUnitStatusDto(u.UnitId, u.Unit!.ShortName, [.. answers.Where(a => a.UnitId == u.UnitId).Select(a => a.Id).Distinct()]))
            .ToList();
        return new CallDto(call.Id, call.Topic, call.Description, call.Deadline, call.IsClosed, call.CreatedAt, units,
            units.Count(u => u.SubmissionIds.Count > 0), units.Count(u => u.SubmissionIds.Count == 0));
    }

    public async Task<CallDto> CreateAsync(Actor actor, SaveCallRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        Validator.ThrowIfTooMany(request.UnitIds?.Count ?? 0, "unitIds", "约稿单位");
        var unitIds = (request.UnitIds ?? []).Distinct().ToList();
        var today = clock.OfficeToday();
        var v = new Validator()
            .Require(request.Topic, "topic", "约稿主题", 100)
            .Optional(request.Description, "description", "约稿说明", 2000)
            .Check(request.Deadline is not null, "deadline", "请填写截止日期。")
            .Check(request.Deadline is null || request.Deadline >= today, "deadline", "截止日期不能早于今天。")
            .Check(unitIds.Count > 0, "unitIds", "请选择约稿单位。");
        var known = await db.Units.Where(u => unitIds.Contains(u.Id) && u.IsActive).CountAsync(ct);
        v.Check(known == unitIds.Count, "unitIds", "所选单位不存在。");
        v.ThrowIfInvalid();

        var call = new CallForContributions
        {
            Topic = request.Topic!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Deadline = request.Deadline!.Value,
            CreatedById = actor.UserId ?? 0,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Units = [.. unitIds.Select(u => new CallUnit { UnitId = u })],
        };
        db.Add(call);
        IReadOnlyList<(string Email, string Text)> mails = [];
        await audit.SaveCreatedAsync(async () =>
        {
            var contributors = new List<int>();
            foreach (var unitId in unitIds)
            {
                contributors.AddRange(await notifier.UsersInRoleAsync(Roles.Contributor, unitId, ct));
            }
            mails = await notifier.NotifyAsync(contributors, $"约稿：{call.Topic}，请于 {call.Deadline:yyyy-MM-dd} 前报送。", $"/calls/{call.Id}", actor.UserId, ct);
            audit.Record(actor, "call.created", "Call", call.Id, $"发布约稿“{call.Topic}”，截止 {call.Deadline:yyyy-MM-dd}，约稿单位 {unitIds.Count} 家");
        }, ct);
        await notifier.SendMailAsync(mails, ct);
        return await GetAsync(actor, call.Id, ct);
    }

    public async Task CloseAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        var call = await db.Set<CallForContributions>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("找不到该约稿。");
        call.IsClosed = true;
        audit.Record(actor, "call.closed", "Call", call.Id, $"结束约稿“{call.Topic}”");
        await db.SaveChangesAsync(ct);
    }
}
