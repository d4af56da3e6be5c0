using Jianxun.Core.Auditing;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Auditing.Pages;

[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(AuditQueries queries) : PageModel
{
    public AuditPageDto Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct, [FromQuery(Name = "page")] int pageNumber = 1)
        => Result = await queries.ListAsync(User.ToActor(), null, null, pageNumber, ct);
}
