using Jianxun.Core.Auditing;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jianxun.Web.Features.Auditing;

internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditing(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAudit).WithTags("Auditing").RequireAuthorization(Policies.Admin).WithName(nameof(ListAudit));
        return app;
    }

    internal static async Task<Ok<AuditPageDto>> ListAudit(HttpContext http, AuditQueries queries, CancellationToken ct,
        string? entityType = null, string? entityId = null, int page = 1)
        => TypedResults.Ok(await queries.ListAsync(http.User.ToActor(), entityType, entityId, page, ct));
}
