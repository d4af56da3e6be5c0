using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Web.Tests;

/// <summary>What the running app routes outside the API, for the page-level authorization matrix.</summary>
public partial class JianxunApplicationFactory
{
    /// <summary>
    /// Every route a browser can ask for outside <c>/api</c> and <c>/openapi</c>, as "GET /template" (Razor pages, the archive
    /// source download, /healthz), read from the app's endpoint data sources, so that a new page appears here by itself.
    /// </summary>
    public IReadOnlySet<string> BrowserRoutes()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (template.StartsWith("/api/", StringComparison.Ordinal) || template.StartsWith("/openapi/", StringComparison.Ordinal))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null || methods is null || methods.Contains("GET"))
            {
                routes.Add("GET " + template);
            }
        }
        return routes;
    }
}
