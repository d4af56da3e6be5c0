using System.Net;
using System.Net.Http.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>Sign-in, tokens, lockout and who-am-I, on each database.</summary>
public abstract class AccountsTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    [SkippableTheory]
    [InlineData("admin", "系统管理员")]
    [InlineData("editor", "周文澜")]
    [InlineData("signer", "陈立衡")]
    [InlineData("reviewer", "许明远")]
    [InlineData("contributor", "林小禾")]
    [InlineData("contributor2", "孙嘉禾")]
    public async Task Login_DemoAccount_SeesHomePageWithOwnName(string userName, string displayName)
    {
        RequireDatabase();
        using var client = await app.LoginAsync(userName);
        var html = await client.GetStringAsync("/");
        Assert.Contains($"{displayName}，您好", html);
        Assert.Contains("退出", html);
    }

    [SkippableFact]
    public async Task Login_WrongPassword_ShowsChineseMessageAndNoSession()
    {
        RequireDatabase();
        using var client = app.CreateAnonymousClient();
        using var response = await JianxunApplicationFactory.PostLoginAsync(client, "editor", "wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误。", await response.Content.ReadAsStringAsync());
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location!.PathAndQuery);
    }

    [SkippableFact]
    public async Task Token_RightPassword_ReturnsAccessTokenThatOpensTheApi()
    {
        RequireDatabase();
        using var response = await app.RequestTokenAsync("editor", JianxunApplicationFactory.DemoPassword);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());

        using var api = await app.ApiClientAsync("editor");
        var me = await api.GetJsonAsync("/api/me");
        Assert.Equal("editor", me.GetProperty("userName").GetString());
    }

    [SkippableFact]
    public async Task Token_WrongPassword_Returns401ProblemDetails()
    {
        RequireDatabase();
        using var response = await app.RequestTokenAsync("editor", "not-the-password-9");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(SignInMessages.Refused, problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Token_UnknownUser_Returns401LikeAWrongPassword()
    {
        RequireDatabase();
        using var response = await app.RequestTokenAsync("nobody-here", "whatever-123");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(SignInMessages.Refused, problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Token_FiveWrongPasswords_StopThisAddressUntilAnAdminUnlocks()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "lock.test",
            displayName = "锁定测试",
            unitId = (int?)null,
            roles = new[] { "Reader" },
            password = "Right-pass-123",
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await app.RequestTokenAsync("lock.test", "wrong-pass-123");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // The same answer as a wrong password: a stranger learns nothing (SignInThrottleTests covers the other address).
        using var locked = await app.RequestTokenAsync("lock.test", "Right-pass-123");
        var problem = await locked.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(SignInMessages.Refused, problem.GetProperty("detail").GetString());

        var audit = await admin.GetJsonAsync($"/api/audit?entityType=AppUser&entityId={id}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "user.sign-in-throttled");

        (await admin.PostAsync($"/api/users/{id}/unlock", null)).EnsureSuccessStatusCode();
        using var unlocked = await app.RequestTokenAsync("lock.test", "Right-pass-123");
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [SkippableFact]
    public async Task Me_Contributor_ReturnsNameDisplayNameUnitAndRoles()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var me = await api.GetJsonAsync("/api/me");
        Assert.Equal("contributor", me.GetProperty("userName").GetString());
        Assert.Equal("林小禾", me.GetProperty("displayName").GetString());
        Assert.Equal("城投集团", me.GetProperty("unit").GetProperty("shortName").GetString());
        Assert.Equal(["Contributor"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [SkippableFact]
    public async Task Me_WithCookieSession_Works()
    {
        RequireDatabase();
        using var client = await app.LoginAsync("reviewer");
        var me = await client.GetJsonAsync("/api/me");
        Assert.Equal(["Contributor", "UnitReviewer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [SkippableFact]
    public async Task Api_WithoutToken_Returns401ProblemDetails()
    {
        RequireDatabase();
        using var response = await app.CreateAnonymousClient().GetAsync("/api/me");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Api_WithForgedToken_Returns401()
    {
        RequireDatabase();
        using var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8-forged-token");
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData("/admin/units")]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/1")]
    [InlineData("/admin/series")]
    [InlineData("/admin/audit")]
    public async Task AdminPage_AsContributor_Answers403WithChinesePage(string path)
    {
        RequireDatabase();
        using var client = await app.LoginAsync("contributor");
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("没有权限", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task AdminEndpoints_AsContributor_Answer403ProblemDetails()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        await (await api.GetAsync("/api/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.GetAsync("/api/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.PostAsJsonAsync("/api/units", new { name = "越权单位", shortName = "越权" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.PutAsJsonAsync("/api/series/1", new { name = "x", issuer = "y", firstTotalNumber = 1, columns = Array.Empty<object>() }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var units = await api.GetJsonAsync("/api/units");
        Assert.DoesNotContain(units.EnumerateArray(), u => u.GetProperty("name").GetString() == "越权单位");
    }

    [SkippableFact]
    public async Task Navigation_ShowsAdministrationOnlyToAdmins()
    {
        RequireDatabase();
        using var contributor = await app.LoginAsync("contributor");
        Assert.DoesNotContain("/admin/units", await contributor.GetStringAsync("/"));
        using var admin = await app.LoginAsync("admin");
        Assert.Contains("/admin/units", await admin.GetStringAsync("/"));
    }

    [SkippableFact]
    public async Task LoginForm_WithoutAntiforgeryToken_IsRejected()
    {
        RequireDatabase();
        using var client = app.CreateAnonymousClient();
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "editor",
            ["Password"] = JianxunApplicationFactory.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("Jianxun.Auth", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task AdminForm_WithoutAntiforgeryToken_ChangesNothing()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        using var response = await admin.PostAsync("/admin/units", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "伪造请求单位",
            ["Form.ShortName"] = "伪造",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("伪造请求单位", await admin.GetStringAsync("/admin/units"));
    }

    [SkippableFact]
    public async Task Logout_EndsTheSession()
    {
        RequireDatabase();
        using var client = await app.LoginAsync("signer");
        using var logout = await PostLogoutAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostLogoutAsync(HttpClient client)
    {
        var token = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(client, "/");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }
}

public sealed class SqliteAccountsTests(SqliteApp app) : AccountsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccountsTests(PostgresApp app) : AccountsTests(app), IClassFixture<PostgresApp>;
