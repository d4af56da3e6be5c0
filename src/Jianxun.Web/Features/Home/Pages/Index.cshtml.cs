using Jianxun.Core.Accounts;
using Jianxun.Core.Home;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Home.Pages;

public sealed class IndexModel(HomeQueries queries, UnitHandlers units, CallHandlers calls) : PageModel
{
    public HomeDto Home { get; private set; } = null!;
    public string Roles { get; private set; } = "";
    public string? UnitName { get; private set; }
    public IReadOnlyList<CallDto>? OpenCalls { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Home = await queries.GetAsync(actor, ct);
        Roles = string.Join("、", Core.Accounts.Roles.All.Where(actor.IsInRole).Select(Core.Accounts.Roles.DisplayName));
        if (actor.IsInRole(Core.Accounts.Roles.Contributor))
        {
            OpenCalls = await calls.ListAsync(actor, openOnly: true, ct);
        }
        if (actor.UnitId is int unitId)
        {
            UnitName = (await units.GetAsync(unitId, ct)).Name;
        }
    }
}
