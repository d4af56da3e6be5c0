using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Calls.Pages;

public sealed class DetailsModel(CallHandlers handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public CallDto Call { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Call = await handler.GetAsync(User.ToActor(), Id, ct);

    // Razor Pages ignore [Authorize] on handlers: the handler itself requires the editor role (403 otherwise).
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await handler.CloseAsync(User.ToActor(), Id, ct);
        TempData["Message"] = "约稿已结束。";
        return Redirect($"/calls/{Id}");
    }
}
