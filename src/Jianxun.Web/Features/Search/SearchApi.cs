using Jianxun.Core.Search;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jianxun.Web.Features.Search;

internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Search").RequireAuthorization();
        api.MapGet("/search", Search).WithName(nameof(Search));
        api.MapGet("/units/{id:int}/page", GetUnitPage).WithName(nameof(GetUnitPage));
        return app;
    }

    internal static async Task<Ok<SearchResultDto>> Search(HttpContext http, SearchHandlers handler, CancellationToken ct,
        string? q = null, string? series = null, string? column = null, string? unit = null, string? person = null,
        string? from = null, string? to = null, string? source = null, string? sort = null, string? page = null, string? pageSize = null)
        => TypedResults.Ok(await handler.SearchAsync(http.User.ToActor(),
            new SearchRequest(q, series, column, unit, person, from, to, source, sort, Number(page, "page", "页码"), Number(pageSize, "pageSize", "每页条数")), ct));

    internal static async Task<Ok<UnitPageDto>> GetUnitPage(int id, HttpContext http, SearchHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UnitPageAsync(http.User.ToActor(), id, ct));

    /// <summary>Numbers arrive as text so that "abc" gets a Chinese message rather than the framework's binding error.</summary>
    internal static int? Number(string? text, string field, string label)
        => string.IsNullOrWhiteSpace(text) ? null
            : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw Core.Common.ValidationException.For(field, $"{label}应为整数。");
}
