using Jianxun.Core.Archive;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Archive.Pages;

/// <summary>An archived issue as it reads (the one rendering, ADR-025), with a search hit's words marked (<c>?q=</c>).</summary>
public sealed class IssueModel(ArchiveQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    /// <summary>The search that led here; its words are marked in the text.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public ArchiveIssueDto Issue { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => (Issue, Html) = await queries.ReadAsync(User.ToActor(), Id, Q, ct);
}
