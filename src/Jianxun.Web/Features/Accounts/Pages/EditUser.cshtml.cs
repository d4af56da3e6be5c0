using System.Security.Claims;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Accounts.Pages;

[Authorize(Policy = Policies.Admin)]
public sealed class EditUserModel(UserHandlers handler, UserSessions sessions, UnitHandlers units) : PageModel
{
    public sealed class EditUserForm
    {
        public string? DisplayName { get; set; }
        public int? UnitId { get; set; }
        public List<string> Roles { get; set; } = [];
        public bool IsActive { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public EditUserForm Form { get; set; } = new();

    [BindProperty]
    public string? NewPassword { get; set; }

    public UserDto Current { get; private set; } = null!;

    /// <summary>The user's open sessions (ADR-020).</summary>
    public IReadOnlyList<SessionDto> Sessions { get; private set; } = [];
    public UnitAndRoleChoices Choices { get; private set; } = new([], null, []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Form = new EditUserForm { DisplayName = Current.DisplayName, UnitId = Current.UnitId, Roles = [.. Current.Roles], IsActive = Current.IsActive };
        Choices = Choices with { UnitId = Form.UnitId, Roles = Form.Roles };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
        => await RunAsync(() => handler.UpdateAsync(User.ToActor(), Id, new UpdateUserRequest(Form.DisplayName ?? "", Form.UnitId, Form.Roles, Form.IsActive), ct),
            "已保存用户资料。", ct);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
        => await RunAsync(() => handler.ResetPasswordAsync(User.ToActor(), Id, NewPassword ?? "", ct), "已重置密码。", ct);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
        => await RunAsync(() => handler.UnlockAsync(User.ToActor(), Id, ct), "已解除锁定。", ct);

    public async Task<IActionResult> OnPostEndSessionsAsync(CancellationToken ct)
        => await RunAsync(() => handler.EndSessionsAsync(User.ToActor(), Id, ct), "已结束该用户的所有会话。", ct);

    public async Task<IActionResult> OnPostEndSessionAsync(string? sessionId, CancellationToken ct)
        => await RunAsync(() => sessions.EndForUserAsync(User.ToActor(), Id, sessionId ?? "", ct), "已结束该登录会话。", ct);

    private async Task<IActionResult> RunAsync(Func<Task> action, string message, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = message;
            return Redirect($"/admin/users/{Id}");
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await handler.GetAsync(User.ToActor(), Id, ct);
        Sessions = await sessions.ListForUserAsync(User.ToActor(), Id, User.FindFirstValue(JianxunClaims.SessionId), ct);
        Choices = new UnitAndRoleChoices(await units.ListAsync(includeInactive: false, ct), Form.UnitId, Form.Roles);
    }
}
