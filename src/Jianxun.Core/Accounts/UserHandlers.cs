using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Accounts;

public sealed record UnitRefDto(int Id, string Name, string ShortName);

public sealed record MeDto(int Id, string UserName, string DisplayName, UnitRefDto? Unit, IReadOnlyList<string> Roles);

public sealed record UserDto(int Id, string UserName, string DisplayName, int? UnitId, string? UnitShortName,
    IReadOnlyList<string> Roles, bool IsActive, bool IsLockedOut);

public sealed record CreateUserRequest(string UserName, string DisplayName, int? UnitId, IReadOnlyList<string> Roles, string Password);

public sealed record UpdateUserRequest(string DisplayName, int? UnitId, IReadOnlyList<string> Roles, bool IsActive);

/// <summary>Creates and maintains accounts. Contributors and unit reviewers always belong to a unit.</summary>
public sealed class UserHandlers(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock,
    AccountSessions sessions, SignInThrottle throttle, UserSessions sessionRows)
{
    public async Task<MeDto> GetMeAsync(Actor actor, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, Unit = u.Unit == null ? null : new UnitRefDto(u.Unit.Id, u.Unit.Name, u.Unit.ShortName) })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("找不到当前用户。");
        return new MeDto(user.Id, user.UserName!, user.DisplayName, user.Unit, [.. actor.Roles.OrderBy(r => Roles.All.ToList().IndexOf(r))]);
    }

    public async Task<IReadOnlyList<UserDto>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, UnitShortName = u.Unit == null ? null : u.Unit.ShortName, u.IsActive, u.LockoutEnd })
            .ToListAsync(ct);
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(ct);
        var rolesByUser = roleRows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList());
        return [.. rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.UnitId, u.UnitShortName,
            rolesByUser.GetValueOrDefault(u.Id) ?? [], u.IsActive, u.LockoutEnd > now))];
    }

    public async Task<UserDto> GetAsync(Actor actor, int id, CancellationToken ct)
        => (await ListAsync(actor, ct)).FirstOrDefault(u => u.Id == id) ?? throw new NotFoundException("找不到该用户。");

    public async Task<UserDto> CreateAsync(Actor actor, CreateUserRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var roles = await ValidateAsync(request.DisplayName, request.UnitId, request.Roles, v =>
        {
            v.Require(request.UserName, "userName", "登录名", 50);
            v.Check(string.IsNullOrEmpty(request.UserName) || request.UserName.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or '@'),
                "userName", "登录名只能包含英文字母、数字和 - . _ @。");
            v.Check(!string.IsNullOrEmpty(request.Password), "password", "请设置密码。");
        }, ct);
        var userName = request.UserName.Trim();
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw ValidationException.For("userName", $"登录名“{userName}”已被使用。");
        }

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = request.DisplayName.Trim(),
            UnitId = request.UnitId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        ThrowIfFailed(await users.CreateAsync(user, request.Password), "password");
        ThrowIfFailed(await users.AddToRolesAsync(user, roles), "roles");
        audit.Record(actor, "user.created", nameof(AppUser), user.Id, $"新增用户 {user.UserName}（{user.DisplayName}），角色：{RoleNames(roles)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, user.Id, ct);
    }

    public async Task<UserDto> UpdateAsync(Actor actor, int id, UpdateUserRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var user = await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? throw new NotFoundException("找不到该用户。");
        var roles = await ValidateAsync(request.DisplayName, request.UnitId, request.Roles, v =>
            v.Check(!(user.Id == actor.UserId && (!request.Roles.Contains(Roles.Admin) || !request.IsActive)), "roles", "不能取消自己的管理员角色或停用自己的账户。"), ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = request.DisplayName.Trim();
        user.UnitId = request.UnitId;
        user.IsActive = request.IsActive;
        ThrowIfFailed(await users.UpdateAsync(user), "displayName");
        var current = await users.GetRolesAsync(user);
        ThrowIfFailed(await users.RemoveFromRolesAsync(user, current.Except(roles)), "roles");
        ThrowIfFailed(await users.AddToRolesAsync(user, roles.Except(current)), "roles");
        if (!request.IsActive)
        {
            // A deactivated user's cookies and tokens stop working on their next request (ADR-015); reactivating does not revive them.
            await users.UpdateSecurityStampAsync(user);
            await sessionRows.CloseAllAsync(user.Id, SessionEndReasons.StampChanged, actor.UserId, ct);
        }
        // Roles, unit and name need no new stamp: every request reads them from the account (AccountSessions).
        audit.Record(actor, "user.updated", nameof(AppUser), user.Id,
            $"修改用户 {user.UserName}：{user.DisplayName}，角色：{RoleNames(roles)}{(request.IsActive ? "" : "，已停用")}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        sessions.Forget(user.Id);
        return await GetAsync(actor, user.Id, ct);
    }

    public async Task ResetPasswordAsync(Actor actor, int id, string newPassword, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var user = await FindAsync(id);
        await SetPasswordAsync(user, newPassword);
        await sessionRows.CloseAllAsync(user.Id, SessionEndReasons.StampChanged, actor.UserId, ct);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Record(actor, "user.password-reset", nameof(AppUser), user.Id, $"重置用户 {user.UserName} 的密码，其所有登录会话和令牌已失效");
        await SaveAndForgetAsync(user, ct);
    }

    /// <summary>A user changes their own password; every other session and token of theirs ends.</summary>
    public async Task ChangePasswordAsync(Actor actor, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await FindAsync(actor.UserId ?? throw new ForbiddenException("请先登录。"));
        // REVIEW: a wrong current password is not counted by the sign-in throttle; the caller already holds a live session.
        if (string.IsNullOrEmpty(currentPassword) || !await users.CheckPasswordAsync(user, currentPassword))
        {
            throw ValidationException.For("currentPassword", "当前密码不正确。");
        }
        await SetPasswordAsync(user, newPassword);
        await sessionRows.CloseAllAsync(user.Id, SessionEndReasons.StampChanged, actor.UserId, ct);
        audit.Record(actor, "user.password-changed", nameof(AppUser), user.Id, $"用户 {user.UserName} 修改了自己的密码，其他登录会话和令牌已失效");
        await SaveAndForgetAsync(user, ct);
    }

    public async Task UnlockAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var user = await FindAsync(id);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Record(actor, "user.unlocked", nameof(AppUser), user.Id, $"解除用户 {user.UserName} 的锁定，各地址的登录失败计数清零");
        await SaveAndForgetAsync(user, ct);
        throttle.Reset(user.NormalizedUserName ?? users.NormalizeName(user.UserName) ?? "");
    }

    /// <summary>The user ends all their own sessions and tokens, this one included.</summary>
    public async Task SignOutEverywhereAsync(Actor actor, CancellationToken ct)
    {
        var user = await FindAsync(actor.UserId ?? throw new ForbiddenException("请先登录。"));
        user.SecurityStamp = AccountSessions.NewSecurityStamp();
        await sessionRows.CloseAllAsync(user.Id, SessionEndReasons.EndedByUser, actor.UserId, ct);
        audit.Record(actor, "user.signed-out-everywhere", nameof(AppUser), user.Id, $"用户 {user.UserName} 退出了所有设备上的登录");
        await SaveAndForgetAsync(user, ct);
    }

    /// <summary>An administrator ends all sessions and tokens of a user, who must sign in again.</summary>
    public async Task EndSessionsAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var user = await FindAsync(id);
        user.SecurityStamp = AccountSessions.NewSecurityStamp();
        await sessionRows.CloseAllAsync(user.Id, SessionEndReasons.EndedByAdmin, actor.UserId, ct);
        audit.Record(actor, "user.sessions-ended", nameof(AppUser), user.Id, $"结束用户 {user.UserName} 的所有登录会话和令牌");
        await SaveAndForgetAsync(user, ct);
    }

    private async Task<AppUser> FindAsync(int id)
        => await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? throw new NotFoundException("找不到该用户。");

    // Hash and new stamp set on the tracked user, so the change and its audit entry are saved together.
    private async Task SetPasswordAsync(AppUser user, string newPassword)
    {
        if (string.IsNullOrEmpty(newPassword))
        {
            throw ValidationException.For("password", "请设置密码。");
        }
        foreach (var validator in users.PasswordValidators)
        {
            ThrowIfFailed(await validator.ValidateAsync(users, user, newPassword), "password");
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword);
        user.SecurityStamp = AccountSessions.NewSecurityStamp();
    }

    // One SaveChanges for the change and its audit entry; then this process forgets the account, so the next request sees it.
    private async Task SaveAndForgetAsync(AppUser user, CancellationToken ct)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }

    private async Task<List<string>> ValidateAsync(string displayName, int? unitId, IReadOnlyList<string> requestedRoles, Action<Validator> more, CancellationToken ct)
    {
        var v = new Validator().Require(displayName, "displayName", "姓名", 50);
        more(v);
        var roles = new List<string>();
        foreach (var r in requestedRoles ?? [])
        {
            var parsed = Roles.Parse(r);
            if (parsed is null)
            {
                v.Add("roles", $"未知角色“{r}”。可用角色：{RoleNames(Roles.All)}。");
            }
            else if (!roles.Contains(parsed))
            {
                roles.Add(parsed);
            }
        }
        v.Check(roles.Count > 0 || requestedRoles is { Count: > 0 }, "roles", "请至少选择一个角色。");
        if (unitId is int id)
        {
            v.Check(await db.Units.AnyAsync(u => u.Id == id && u.IsActive, ct), "unitId", "所选单位不存在或已停用。");
        }
        else
        {
            v.Check(!roles.Contains(Roles.Contributor) && !roles.Contains(Roles.UnitReviewer), "unitId", "报送员和单位审核必须属于一个单位。");
        }
        v.ThrowIfInvalid();
        return roles;
    }

    private static string RoleNames(IEnumerable<string> roles) => string.Join("、", roles.Select(Roles.DisplayName));

    private static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(new Dictionary<string, string[]>
            {
                [field] = [.. result.Errors.Select(e => IdentityMessages.Translate(e))],
            });
        }
    }
}
