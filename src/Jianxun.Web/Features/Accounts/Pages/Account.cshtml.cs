using System.Security.Claims;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Accounts.Pages;

/// <summary>The signed-in user's own page: who they are, their password, and ending their sessions everywhere.</summary>
public sealed class AccountModel(UserHandlers handler, UserSessions sessions, SignInService signIn, SignInManager<AppUser> manager,
    UserManager<AppUser> users) : PageModel
{
    public MeDto Me { get; private set; } = null!;

    /// <summary>The user's open sessions (ADR-020), this one marked.</summary>
    public IReadOnlyList<SessionDto> Sessions { get; private set; } = [];

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        try
        {
            await handler.ChangePasswordAsync(User.ToActor(), CurrentPassword ?? "", NewPassword ?? "", ct);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
            await LoadAsync(ct);
            return Page();
        }
        // The new stamp ended every session, this one too: this browser gets a fresh cookie and stays signed in.
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await signIn.SignInWithCookieAsync(user, persistent: false, HttpContext, ct);
        }
        TempData["Message"] = "已修改密码，其他设备上的登录已失效。";
        return Redirect("/account");
    }

    /// <summary>Ends one other session of the user's (a browser elsewhere, a program's token).</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(string? sessionId, CancellationToken ct)
    {
        await sessions.EndMineAsync(User.ToActor(), sessionId ?? "", ct);
        TempData["Message"] = "已结束该登录会话。";
        return Redirect("/account");
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        await handler.SignOutEverywhereAsync(User.ToActor(), ct);
        await manager.SignOutAsync();
        return Redirect("/account/login");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = await handler.GetMeAsync(User.ToActor(), ct);
        Sessions = await sessions.ListMineAsync(User.ToActor(), User.FindFirstValue(JianxunClaims.SessionId), ct);
    }
}
