using Jianxun.Core.Archive;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Archive.Pages;

public sealed class IssueModel(ArchiveQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public ArchiveIssueDto Issue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Issue = await queries.GetAsync(User.ToActor(), Id, ct);
}
