using System.Net;
using System.Net.Http.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// The API is for programs (ADR-015): a bearer token, or the page cookie together with the anti-forgery header on every
/// request that changes something. Safe requests (the pages' scripts poll with GET) need no header.
/// </summary>
public abstract class ApiAntiforgeryTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    // The body-less calls from the issue that a bare cookie could make.
    [SkippableTheory]
    [InlineData("signer", "/api/issues/1/publish")]
    [InlineData("editor", "/api/scores/publish")]
    [InlineData("editor", "/api/scores/recompute")]
    [InlineData("admin", "/api/users/2/unlock")]
    [InlineData("contributor", "/api/submissions/1/submit")]
    public async Task UnsafeCall_WithOnlyTheCookie_Is400ProblemDetailsInChinese(string userName, string path)
    {
        RequireDatabase();
        using var browser = await app.LoginAsync(userName);
        using var response = await browser.PostAsync(path, null);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("缺少防伪令牌", problem.GetProperty("title").GetString());
        Assert.Contains("X-CSRF-TOKEN", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task CreateUnit_WithOnlyTheCookie_IsRefusedAndChangesNothing()
    {
        RequireDatabase();
        using var browser = await app.LoginAsync("admin");
        using var response = await browser.PostAsJsonAsync("/api/units", new { name = "无令牌单位", shortName = "无令牌" });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/units") { Content = JsonContent.Create(new { name = "无令牌单位", shortName = "无令牌" }) };
        forged.Headers.Add("X-CSRF-TOKEN", "not-a-token");
        await (await browser.SendAsync(forged)).AssertProblemAsync(HttpStatusCode.BadRequest);
        using var delete = await browser.DeleteAsync("/api/submissions/1/instructions/1");
        await delete.AssertProblemAsync(HttpStatusCode.BadRequest);

        var units = await browser.GetJsonAsync("/api/units");
        Assert.DoesNotContain(units.EnumerateArray(), u => u.GetProperty("name").GetString() == "无令牌单位");
    }

    [SkippableFact]
    public async Task UnsafeCall_WithCookieAndThePagesToken_Works()
    {
        RequireDatabase();
        using var browser = await app.ApiClientWithCookieAsync("admin");
        var created = await (await browser.PostAsJsonAsync("/api/units", new { name = "页面令牌单位", shortName = "页面令牌" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("页面令牌单位", created.GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task UnsafeCall_WithTheTokenOfAnotherUser_IsRefused()
    {
        RequireDatabase();
        using var editor = await app.LoginAsync("editor");
        var editorsToken = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(editor, "/account");
        using var admin = await app.LoginAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/units") { Content = JsonContent.Create(new { name = "他人令牌单位", shortName = "他人令牌" }) };
        request.Headers.Add("X-CSRF-TOKEN", editorsToken);
        await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task UnsafeCall_WithABearerToken_NeedsNoHeader()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("admin");
        await (await api.PostAsJsonAsync("/api/units", new { name = "令牌单位", shortName = "令牌" })).JsonAsync(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task SafeCall_WithOnlyTheCookie_StillWorks()
    {
        RequireDatabase();
        using var browser = await app.LoginAsync("admin");
        Assert.Equal("admin", (await browser.GetJsonAsync("/api/me")).GetProperty("userName").GetString());
        // What the search index page's script polls.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/admin/search/reindex")).StatusCode);
    }

    [SkippableFact]
    public async Task TokenEndpoint_IsNotBlockedByAStaleCookie()
    {
        RequireDatabase();
        using var browser = await app.LoginAsync("editor");
        using var response = await browser.PostAsJsonAsync("/api/auth/token", new { userName = "editor", password = JianxunApplicationFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteApiAntiforgeryTests(SqliteApp app) : ApiAntiforgeryTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresApiAntiforgeryTests(PostgresApp app) : ApiAntiforgeryTests(app), IClassFixture<PostgresApp>;
