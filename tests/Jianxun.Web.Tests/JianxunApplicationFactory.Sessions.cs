using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Jianxun.Web.Tests;

/// <summary>Intent methods for sessions, tokens and sign-in from a given client address (ADR-015).</summary>
public partial class JianxunApplicationFactory
{
    /// <summary>
    /// A browser-like client (cookies kept, redirects not followed) whose requests come from <paramref name="address"/>.
    /// The test server sets no client address by itself; TestServer.CreateHandler sets it on each request's connection, the
    /// way Kestrel would. No forwarded header is trusted by the app.
    /// </summary>
    public HttpClient CreateClientFrom(IPAddress address)
        => new(new CookieContainerHandler { InnerHandler = Server.CreateHandler(ctx => ctx.Connection.RemoteIpAddress = address) })
        {
            BaseAddress = Server.BaseAddress,
        };

    /// <summary>POST /api/auth/token from <paramref name="address"/>.</summary>
    public async Task<HttpResponseMessage> RequestTokenFromAsync(IPAddress address, string userName, string password)
    {
        using var client = CreateClientFrom(address);
        return await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
    }

    /// <summary>The access token for a user, as a program gets it.</summary>
    public async Task<string> AccessTokenAsync(string userName, string password = DemoPassword)
    {
        using var response = await RequestTokenAsync(userName, password);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A program's client that presents <paramref name="accessToken"/>.</summary>
    public HttpClient ClientWithToken(string accessToken)
    {
        var client = NewClient(handleCookies: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>
    /// A signed-in browser that calls the API as the pages' scripts do: session cookie plus the anti-forgery token that a
    /// signed-in page hands out, in the X-CSRF-TOKEN header.
    /// </summary>
    public async Task<HttpClient> ApiClientWithCookieAsync(string userName, string password = DemoPassword)
    {
        var client = await LoginAsync(userName, password);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await GetAntiforgeryTokenAsync(client, "/account"));
        return client;
    }
}
