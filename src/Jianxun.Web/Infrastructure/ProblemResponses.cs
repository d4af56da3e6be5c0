using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// Declares each API operation's ProblemDetails answers in its metadata, so the OpenAPI document lists the errors a client
/// will meet, not only the successes (issue 18, ADR-027): 400 for a body (a validation problem), 404 for an id in the route,
/// 409 for a change to an existing object (its state or version may not allow it), 401 and 403 where sign-in is required.
/// One convention on the API's root group instead of a ProducesProblem line on each of the 85 endpoints; an endpoint that
/// declares a status itself keeps its own declaration.
/// </summary>
internal static class ProblemResponses
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static RouteGroupBuilder WithProblemResponses(this RouteGroupBuilder endpoints)
    {
        // Finally: runs after the features' own conventions, so their RequireAuthorization/AllowAnonymous are there to read.
        ((IEndpointConventionBuilder)endpoints).Finally(Declare);
        return endpoints;
    }

    /// <summary>The problem statuses an operation can answer, from its method, route and authorization.</summary>
    public static IReadOnlyList<int> For(string method, bool hasRouteParameters, bool requiresSignIn)
    {
        var changes = method is "POST" or "PUT" or "PATCH" or "DELETE";
        var statuses = new List<int>();
        if (method is "POST" or "PUT" or "PATCH")
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }
        if (requiresSignIn)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            statuses.Add(StatusCodes.Status403Forbidden);
        }
        if (hasRouteParameters)
        {
            statuses.Add(StatusCodes.Status404NotFound);
            if (changes)
            {
                statuses.Add(StatusCodes.Status409Conflict);
            }
        }
        return statuses;
    }

    private static void Declare(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route || endpoint.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods is not [var method])
        {
            return;
        }
        var requiresSignIn = endpoint.Metadata.OfType<IAuthorizeData>().Any() && !endpoint.Metadata.OfType<IAllowAnonymous>().Any();
        var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
        foreach (var status in For(method, route.RoutePattern.Parameters.Count > 0, requiresSignIn).Where(s => !declared.Contains(s)))
        {
            var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ProblemJson));
        }
    }
}
