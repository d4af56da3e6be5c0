using Jianxun.Core.Issues;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Issues.Pages;

/// <summary>The issue as it reads, for the preview frame. The HTML comes from the publishing engine, which escapes every text.</summary>
[FramedBySameOrigin]
public sealed class PreviewModel(IssueHandlers handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    /// <summary>True when opened as the reading page (?read=1) rather than inside the compile page's frame.</summary>
    [BindProperty(SupportsGet = true)] public bool Read { get; set; }

    public string Html { get; private set; } = "";
    public string Title { get; private set; } = "";
    public bool Standalone => Read;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var issue = await handler.GetAsync(actor, Id, ct);
        Title = $"{issue.Series} {issue.Label} - 简讯";
        Html = await handler.PreviewHtmlAsync(actor, Id, ct);
    }
}
