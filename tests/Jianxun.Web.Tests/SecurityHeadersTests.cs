using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// The security headers on a spread of responses (pages, the login page, the error pages, API JSON, ProblemDetails, a
/// photo, static files, issue downloads) and the Host header check; on each database (ADR-018, docs/security/headers.md).
/// </summary>
public abstract class SecurityHeadersTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    /// <summary>What every response carries, whatever it is.</summary>
    private static void AssertCommonHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), $"{what}: no X-Content-Type-Options");
        Assert.Equal("nosniff", Assert.Single(nosniff));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
    }

    private static string Csp(HttpResponseMessage response) => response.Headers.GetValues("Content-Security-Policy").Single();

    /// <summary>One of our pages: the strict policy, never framed.</summary>
    private static void AssertPageHeaders(HttpResponseMessage response, string what)
    {
        AssertCommonHeaders(response, what);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var csp = Csp(response);
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "img-src 'self'" })
        {
            Assert.Contains(directive + ";", csp + ";", StringComparison.Ordinal);
        }
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
    }

    /// <summary>Anything else (JSON, photos, downloads, static files): nothing in it runs, nothing frames it.</summary>
    private static void AssertFileHeaders(HttpResponseMessage response, string what)
    {
        AssertCommonHeaders(response, what);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var csp = Csp(response);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        if (response.Content.Headers.ContentType?.MediaType != "application/pdf")
        {
            Assert.Contains("sandbox", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Pages_SignedInAnonymousAndErrors_CarryThePagePolicy()
    {
        RequireDatabase();
        using var anonymous = app.CreateAnonymousClient();
        using (var login = await anonymous.GetAsync("/account/login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            AssertPageHeaders(login, "login page");
        }
        using (var redirect = await anonymous.GetAsync("/issues"))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            AssertCommonHeaders(redirect, "redirect to login");
        }

        using var editor = await app.LoginAsync("editor");
        foreach (var path in new[] { "/", "/submissions", "/issues", "/search?q=安全生产", "/scores", "/archive", "/archive/import" })
        {
            using var page = await editor.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            AssertPageHeaders(page, path);
        }
        using (var missing = await editor.GetAsync("/submissions/999999"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            AssertPageHeaders(missing, "404 page");
        }
        using (var notFound = await editor.GetAsync("/no/such/page"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            AssertPageHeaders(notFound, "404 for an unknown path");
        }
        using (var forbidden = await editor.GetAsync("/admin/users"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            AssertPageHeaders(forbidden, "403 page");
        }
        using (var error = await editor.GetAsync("/error/500"))
        {
            AssertPageHeaders(error, "error page");
        }
    }

    [SkippableFact]
    public async Task IssuePreview_FramedByTheCompilePage_MayBeFramedBySameOriginOnly()
    {
        RequireDatabase();
        using var editor = await app.LoginAsync("editor");
        var id = await PublishedIssueIdAsync(editor);
        using var preview = await editor.GetAsync($"/issues/{id}/preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        AssertCommonHeaders(preview, "preview");
        Assert.Equal("SAMEORIGIN", Assert.Single(preview.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'self'", Csp(preview), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", Csp(preview), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ApiAndFiles_JsonProblemsPhotosDownloadsStatic_CarryTheSandboxPolicy()
    {
        RequireDatabase();
        using var anonymous = app.CreateAnonymousClient();
        using (var unauthorized = await anonymous.GetAsync("/api/issues"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
            AssertFileHeaders(unauthorized, "401");
        }
        foreach (var path in new[] { "/css/site.css", "/js/compile.js", "/js/site.js", "/healthz" })
        {
            using var file = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            AssertFileHeaders(file, path);
        }

        using var editor = await app.LoginAsync("editor");
        using (var json = await editor.GetAsync("/api/issues"))
        {
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            AssertFileHeaders(json, "API JSON");
        }
        using (var problem = await editor.GetAsync("/api/issues/999999"))
        {
            await problem.AssertProblemAsync(HttpStatusCode.NotFound);
            AssertFileHeaders(problem, "ProblemDetails 404");
        }
        var id = await PublishedIssueIdAsync(editor);
        foreach (var format in new[] { "pdf", "docx", "html" })
        {
            using var download = await editor.GetAsync($"/api/issues/{id}/{format}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            AssertFileHeaders(download, format);
        }
        using (var html = await editor.GetAsync($"/api/issues/{id}/html"))
        {
            // The issue HTML opens in the browser: sandboxed, it runs nothing even if it held script.
            Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
            Assert.Equal("default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'", Csp(html));
        }

        using var contributor = await app.ApiClientAsync("contributor");
        var submission = await (await contributor.PostAsJsonAsync("/api/submissions", new
        {
            title = "城投集团开展安全生产检查",
            paragraphs = new[] { "城投集团近日开展安全生产检查。" },
            authors = new[] { "林小禾" },
        })).JsonAsync(HttpStatusCode.Created);
        var submissionId = submission.GetProperty("id").GetInt32();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(32, 24)), "file", "现场.png" }, { new StringContent("检查现场"), "caption" } };
        var photo = (await (await contributor.PostAsync($"/api/submissions/{submissionId}/photos", form)).JsonAsync(HttpStatusCode.Created))[0];
        using var served = await contributor.GetAsync($"/api/submissions/{submissionId}/photos/{photo.GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        AssertFileHeaders(served, "photo");
    }

    [SkippableFact]
    public async Task HostHeader_ForeignName_Refused400WithHeaders()
    {
        RequireDatabase();
        using var evil = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });
        using var refused = await evil.GetAsync("/issues");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        AssertCommonHeaders(refused, "host filter 400");

        // The allowed name is answered, and the login redirect names it.
        using var local = app.CreateAnonymousClient();
        using var redirect = await local.GetAsync("/issues");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.DoesNotContain("evil.example", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<int> PublishedIssueIdAsync(HttpClient client)
    {
        var issues = await client.GetJsonAsync("/api/issues");
        return issues.EnumerateArray().First(i => i.GetProperty("status").GetString() == "Published").GetProperty("id").GetInt32();
    }
}

public sealed class SqliteSecurityHeadersTests(SqliteApp app) : SecurityHeadersTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSecurityHeadersTests(PostgresApp app) : SecurityHeadersTests(app), IClassFixture<PostgresApp>;

/// <summary>Start-up refuses AllowedHosts "*" outside Development and the tests.</summary>
public sealed class AllowedHostsStartupTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("jianxun.example;*")]
    public void CheckAllowedHosts_AnyHostInProduction_Throws(string hosts)
        => Assert.Throws<InvalidOperationException>(() => Jianxun.Web.Infrastructure.SecuritySetup.CheckAllowedHosts(hosts, new Environment("Production")));

    [Fact]
    public void CheckAllowedHosts_NamedHostsInProductionOrAnyInDevelopment_Starts()
    {
        Jianxun.Web.Infrastructure.SecuritySetup.CheckAllowedHosts("jianxun.example;10.1.2.3", new Environment("Production"));
        Jianxun.Web.Infrastructure.SecuritySetup.CheckAllowedHosts("*", new Environment("Development"));
    }

    private sealed class Environment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Jianxun.Web";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
