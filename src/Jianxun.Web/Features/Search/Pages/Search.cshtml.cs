using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Core.Search;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Search.Pages;

public sealed class SearchModel(SearchHandlers handler, SeriesHandlers seriesHandler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Series { get; set; }
    [BindProperty(SupportsGet = true)] public string? Column { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public SearchResultDto? Result { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<SeriesDto> AllSeries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        AllSeries = await seriesHandler.ListAsync(includeInactive: true, ct);
        if (new[] { Q, Unit, Person, Column, Series, From, To }.All(string.IsNullOrWhiteSpace))
        {
            return;
        }
        try
        {
            Result = await handler.SearchAsync(User.ToActor(), new SearchRequest(Q, Series, Column, Unit, Person, From, To, Source, Sort, PageNumber), ct);
        }
        catch (ValidationException e)
        {
            Error = e.Message;
        }
    }

    /// <summary>This search's address with some parameters changed (null removes one); the page goes back to 1 unless given.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["series"] = Series,
            ["column"] = Column,
            ["unit"] = Unit,
            ["person"] = Person,
            ["from"] = From,
            ["to"] = To,
            ["source"] = Source,
            ["sort"] = Sort,
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        return "/search" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
    }
}
