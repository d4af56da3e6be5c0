using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jianxun.Web.Features.Organisation;

internal static class OrganisationApi
{
    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/units").WithTags("Organisation").RequireAuthorization();
        units.MapGet("/", ListUnits).WithName(nameof(ListUnits));
        units.MapGet("/{id:int}", GetUnit).WithName(nameof(GetUnit));
        units.MapPost("/", CreateUnit).RequireAuthorization(Policies.Admin).WithName(nameof(CreateUnit));
        units.MapPut("/{id:int}", UpdateUnit).RequireAuthorization(Policies.Admin).WithName(nameof(UpdateUnit));

        var series = app.MapGroup("/api/series").WithTags("Organisation").RequireAuthorization();
        series.MapGet("/", ListSeries).WithName(nameof(ListSeries));
        series.MapGet("/{id:int}", GetSeries).WithName(nameof(GetSeries));
        series.MapPost("/", CreateSeries).RequireAuthorization(Policies.Admin).WithName(nameof(CreateSeries));
        series.MapPut("/{id:int}", UpdateSeries).RequireAuthorization(Policies.Admin).WithName(nameof(UpdateSeries));
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<UnitDto>>> ListUnits(UnitHandlers handler, CancellationToken ct, bool includeInactive = false)
        => TypedResults.Ok(await handler.ListAsync(includeInactive, ct));

    internal static async Task<Ok<UnitDto>> GetUnit(int id, UnitHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetAsync(id, ct));

    internal static async Task<Created<UnitDto>> CreateUnit(SaveUnitRequest request, HttpContext http, UnitHandlers handler, CancellationToken ct)
    {
        var unit = await handler.CreateAsync(http.User.ToActor(), request, ct);
        return TypedResults.Created($"/api/units/{unit.Id}", unit);
    }

    internal static async Task<Ok<UnitDto>> UpdateUnit(int id, SaveUnitRequest request, HttpContext http, UnitHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UpdateAsync(http.User.ToActor(), id, request, ct));

    internal static async Task<Ok<IReadOnlyList<SeriesDto>>> ListSeries(SeriesHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.ListAsync(includeInactive: false, ct));

    internal static async Task<Ok<SeriesDto>> GetSeries(int id, SeriesHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetAsync(id, ct));

    internal static async Task<Created<SeriesDto>> CreateSeries(SaveSeriesRequest request, HttpContext http, SeriesHandlers handler, CancellationToken ct)
    {
        var series = await handler.CreateAsync(http.User.ToActor(), request, ct);
        return TypedResults.Created($"/api/series/{series.Id}", series);
    }

    internal static async Task<Ok<SeriesDto>> UpdateSeries(int id, SaveSeriesRequest request, HttpContext http, SeriesHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UpdateAsync(http.User.ToActor(), id, request, ct));
}
