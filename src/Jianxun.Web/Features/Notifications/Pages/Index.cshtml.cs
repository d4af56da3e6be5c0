using Jianxun.Core.Notifications;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Notifications.Pages;

public sealed class IndexModel(Notifier notifier) : PageModel
{
    public IReadOnlyList<NotificationDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await notifier.ListAsync(User.ToActor(), unreadOnly: false, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await notifier.MarkAllReadAsync(User.ToActor(), ct);
        return Redirect("/notifications");
    }
}
