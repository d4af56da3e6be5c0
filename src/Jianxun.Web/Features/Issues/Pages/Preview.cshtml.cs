using Jianxun.Core.Issues;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Issues.Pages;

/// <summary>The issue as it reads, for the preview frame. The HTML comes from the publishing engine, which escapes every text.</summary>
public sealed class PreviewModel(IssueHandlers handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public string Html { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => Html = await handler.PreviewHtmlAsync(User.ToActor(), Id, ct);
}
