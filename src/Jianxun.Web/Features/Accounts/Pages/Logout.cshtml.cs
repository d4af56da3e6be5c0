using Jianxun.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Accounts.Pages;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AppUser> manager, SignInService signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await signIn.EndCurrentSessionAsync(User, ct);
        await manager.SignOutAsync();
        return Redirect("/account/login");
    }
}
