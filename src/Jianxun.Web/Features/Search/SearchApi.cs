using Jianxun.Core.Accounts;
using Jianxun.Core.Search;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Jianxun.Web.Features.Search;

internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Search").RequireAuthorization();
        api.MapGet("/search", Search).WithName(nameof(Search));
        api.MapGet("/units/{id:int}/page", GetUnitPage).WithName(nameof(GetUnitPage));

        var admin = app.MapGroup("/api/admin/search").WithTags("Search").RequireAuthorization(Policies.Admin);
        admin.MapGet("/reindex", GetReindexStatus).WithName(nameof(GetReindexStatus));
        // Programs start a rebuild with a bearer token; people use the page's form, which carries an anti-forgery token
        // (a POST without a body has no JSON content type to keep cross-site forms out, ADR-002).
        admin.MapPost("/reindex", StartReindex).WithName(nameof(StartReindex))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme, Roles = Roles.Admin })
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    internal static async Task<Ok<SearchResultDto>> Search(HttpContext http, SearchHandlers handler, CancellationToken ct,
        string? q = null, string? series = null, string? column = null, string? unit = null, string? person = null,
        string? from = null, string? to = null, string? source = null, string? sort = null, string? page = null, string? pageSize = null)
        => TypedResults.Ok(await handler.SearchAsync(http.User.ToActor(),
            new SearchRequest(q, series, column, unit, person, from, to, source, sort, Number(page, "page", "页码"), Number(pageSize, "pageSize", "每页条数")), ct));

    internal static async Task<Ok<UnitPageDto>> GetUnitPage(int id, HttpContext http, SearchHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UnitPageAsync(http.User.ToActor(), id, ct));

    internal static Ok<SearchReindexStatusDto> GetReindexStatus(SearchReindexJob job) => TypedResults.Ok(job.Status);

    /// <summary>202 with the rebuild's status; 409 while one is running.</summary>
    internal static async Task<Accepted<SearchReindexStatusDto>> StartReindex(HttpContext http, SearchReindexJob job, CancellationToken ct)
        => TypedResults.Accepted("/api/admin/search/reindex", await job.StartRebuildAsync(http.User.ToActor(), ct));

    /// <summary>Numbers arrive as text so that "abc" gets a Chinese message rather than the framework's binding error.</summary>
    internal static int? Number(string? text, string field, string label)
        => string.IsNullOrWhiteSpace(text) ? null
            : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw Core.Common.ValidationException.For(field, $"{label}应为整数。");
}
