using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Calls.Pages;

public sealed class IndexModel(CallHandlers handler, UnitHandlers units) : PageModel, IRedisplayOnRefusal
{
    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public List<int> UnitIds { get; set; } = [];

    public IReadOnlyList<CallDto> Calls { get; private set; } = [];
    public IReadOnlyList<UnitDto> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    // Razor Pages ignore [Authorize] on handlers: the handler itself requires the editor role (403 otherwise).
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var call = await handler.CreateAsync(User.ToActor(), new SaveCallRequest(Topic, Description, Deadline, UnitIds), ct);
        TempData["Message"] = $"已发布约稿“{call.Topic}”。";
        return Redirect($"/calls/{call.Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Calls = await handler.ListAsync(User.ToActor(), openOnly: false, ct);
        Units = [.. (await units.ListAsync(includeInactive: false, ct)).Where(u => u.PeerGroup != "委机关")];
    }
}
