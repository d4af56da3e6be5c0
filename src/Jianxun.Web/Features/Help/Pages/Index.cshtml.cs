using Jianxun.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Help.Pages;

/// <summary>
/// 使用说明: one short guide per role, the user's own roles first. Open to everyone (the login page links here too),
/// since it tells nothing that is not on the screens themselves.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    /// <summary>The roles in the order the guide shows them: the user's own first, then the others.</summary>
    public IReadOnlyList<string> Order { get; private set; } = Roles.All;

    public bool IsMine(string role) => User.Identity?.IsAuthenticated == true && User.IsInRole(role);

    public void OnGet() => Order = [.. Roles.All.Where(IsMine), .. Roles.All.Where(r => !IsMine(r))];
}
