using Jianxun.Core.Archive;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Archive.Pages;

public sealed class IndexModel(ArchiveQueries queries, SeriesHandlers series) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? SeriesId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }

    public IReadOnlyList<ArchiveListItemDto> Issues { get; private set; } = [];
    public IReadOnlyList<SeriesDto> Series { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Source is not (null or "" or "Imported" or "Compiled"))
        {
            Source = null;
        }
        Issues = await queries.ListAsync(User.ToActor(), new ArchiveFilter(SeriesId, Year, string.IsNullOrEmpty(Source) ? null : Source), ct);
        Series = await series.ListAsync(includeInactive: true, ct);
        Years = await queries.YearsAsync(User.ToActor(), ct);
    }
}
