using Jianxun.Core.Accounts;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jianxun.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(AuthenticationSetup.SignInRateLimit)]
public sealed class LoginModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await signIn.CheckPasswordAsync(UserName, Password, AuthenticationSetup.ClientAddress(HttpContext), ct);
        if (outcome.Principal is null || outcome.User is null)
        {
            ModelState.AddModelError("", outcome.Message);
            return Page();
        }
        await signIn.SignInWithCookieAsync(outcome.User, RememberMe, HttpContext, ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
