using Jianxun.Core.Archive;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Archive.Pages;

public sealed class PersonModel(ArchiveQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";

    public PersonDto Person { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Person = await queries.PersonAsync(User.ToActor(), Name, ct);
}
