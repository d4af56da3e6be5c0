using Jianxun.Core.Home;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Home.Pages;

public sealed class IndexModel(HomeQueries queries, UnitHandlers units) : PageModel
{
    public HomeDto Home { get; private set; } = null!;
    public string Roles { get; private set; } = "";
    public string? UnitName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Home = await queries.GetAsync(actor, ct);
        Roles = string.Join("、", Core.Accounts.Roles.All.Where(actor.IsInRole).Select(Core.Accounts.Roles.DisplayName));
        if (actor.UnitId is int unitId)
        {
            UnitName = (await units.GetAsync(unitId, ct)).Name;
        }
    }
}
