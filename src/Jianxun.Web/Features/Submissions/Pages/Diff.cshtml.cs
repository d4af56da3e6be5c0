using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Submissions.Pages;

public sealed class DiffModel(SubmissionHandlers handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public int From { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public int To { get; set; } = 2;

    public RevisionDiffDto Diff { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (older, newer) = await handler.GetRevisionsAsync(User.ToActor(), Id, From, To, ct);
        Diff = RevisionDiff.Compare(older, newer);
    }
}
