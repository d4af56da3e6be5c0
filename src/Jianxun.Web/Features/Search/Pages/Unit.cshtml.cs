using Jianxun.Core.Search;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Search.Pages;

public sealed class UnitModel(SearchHandlers handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public UnitPageDto Unit { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Unit = await handler.UnitPageAsync(User.ToActor(), Id, ct);
}
