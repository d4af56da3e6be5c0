using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Accounts.Pages;

[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserHandlers handler, UnitHandlers units) : PageModel, IRedisplayOnRefusal
{
    public sealed class NewUserForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public int? UnitId { get; set; }
        public List<string> Roles { get; set; } = [];
        public string? Password { get; set; }
    }

    public IReadOnlyList<UserDto> Users { get; private set; } = [];
    public UnitAndRoleChoices Choices { get; private set; } = new([], null, []);

    [BindProperty]
    public NewUserForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await handler.CreateAsync(User.ToActor(),
            new CreateUserRequest(Form.UserName ?? "", Form.DisplayName ?? "", Form.UnitId, Form.Roles, Form.Password ?? ""), ct);
        TempData["Message"] = $"已创建用户“{user.UserName}”。";
        return Redirect("/admin/users");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await handler.ListAsync(User.ToActor(), ct);
        Choices = new UnitAndRoleChoices(await units.ListAsync(includeInactive: false, ct), Form.UnitId, Form.Roles);
    }
}
