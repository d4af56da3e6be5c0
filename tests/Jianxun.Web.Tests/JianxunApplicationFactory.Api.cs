using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Web.Tests;

/// <summary>What the running app maps under /api, for checking the OpenAPI document against it.</summary>
public partial class JianxunApplicationFactory
{
    /// <summary>
    /// The API operations that require sign-in, as "METHOD /template" the way the OpenAPI document writes them (route
    /// constraints and a trailing slash dropped), read from the endpoints' authorization metadata.
    /// </summary>
    public IReadOnlySet<string> ApiOperationsRequiringSignIn()
    {
        var operations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + Regex.Replace(endpoint.RoutePattern.RawText ?? "", @"\{([A-Za-z]+)(:[^}]*)?\??\}", "{$1}").Trim('/');
            if (!template.StartsWith("/api/", StringComparison.Ordinal)
                || !endpoint.Metadata.OfType<IAuthorizeData>().Any() || endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                operations.Add($"{method} {template}");
            }
        }
        return operations;
    }
}
