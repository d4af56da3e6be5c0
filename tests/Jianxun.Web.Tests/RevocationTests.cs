using System.Net;
using System.Net.Http.Json;
using System.Threading;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// Sessions follow the account (ADR-015): each account change works on the very next request, for a page cookie and for a
/// bearer token alike. Every test makes its own account, so the demo accounts other tests use are never revoked.
/// </summary>
public abstract class RevocationTests(JianxunApplicationFactory app)
{
    private const string Password = "Revoke-pass-123";
    private static int _next;

    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    public static TheoryData<string> Credentials => new() { "cookie", "token" };

    private async Task<HttpClient> SignInAsync(string credential, string userName, string password = Password)
        => credential == "cookie" ? await app.LoginAsync(userName, password) : await app.ApiClientAsync(userName, password);

    private static async Task<(int Id, string UserName)> CreateUserAsync(HttpClient admin, params string[] roles)
    {
        var userName = $"rev.{Interlocked.Increment(ref _next)}.{Guid.NewGuid():N}"[..20];
        var created = await (await admin.PostAsJsonAsync("/api/users", new
        {
            userName,
            displayName = "撤销测试",
            unitId = (int?)null,
            roles,
            password = Password,
        })).JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt32(), userName);
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<IReadOnlyList<string?>> AuditActionsAsync(HttpClient admin, int userId)
        => [.. (await admin.GetJsonAsync($"/api/audit?entityType=AppUser&entityId={userId}")).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("action").GetString())];

    [SkippableTheory]
    [MemberData(nameof(Credentials))]
    public async Task RoleRemoved_AdminDemotedToReader_LosesAdminOnTheNextRequest(string credential)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Admin");
        using var demoted = await SignInAsync(credential, userName);
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/api/users")).StatusCode);

        (await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "撤销测试", unitId = (int?)null, roles = new[] { "Reader" }, isActive = true }))
            .EnsureSuccessStatusCode();

        await (await demoted.GetAsync("/api/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var me = await demoted.GetJsonAsync("/api/me");
        Assert.Equal(["Reader"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        if (credential == "token")
        {
            // The attack from the issue: the old token creating a new admin.
            using var created = await demoted.PostAsJsonAsync("/api/users", new
            {
                userName = "rev.new-admin",
                displayName = "越权管理员",
                unitId = (int?)null,
                roles = new[] { "Admin" },
                password = Password,
            });
            await created.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await demoted.GetAsync("/admin/users")).StatusCode);
        }
        Assert.Contains("user.updated", await AuditActionsAsync(admin, id));
    }

    [SkippableTheory]
    [MemberData(nameof(Credentials))]
    public async Task Deactivated_SessionEndsOnTheNextRequest(string credential)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var user = await SignInAsync(credential, userName);
        Assert.Equal(userName, (await user.GetJsonAsync("/api/me")).GetProperty("userName").GetString());

        (await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "撤销测试", unitId = (int?)null, roles = new[] { "Reader" }, isActive = false }))
            .EnsureSuccessStatusCode();

        await AssertSignedOutAsync(user);
        if (credential == "cookie")
        {
            using var page = await user.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        }
        // Reactivating lets the user sign in again, but does not revive the old session.
        (await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "撤销测试", unitId = (int?)null, roles = new[] { "Reader" }, isActive = true }))
            .EnsureSuccessStatusCode();
        await AssertSignedOutAsync(user);
        using var again = await SignInAsync(credential, userName);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Credentials))]
    public async Task PasswordReset_OldSessionEndsOnTheNextRequest(string credential)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var user = await SignInAsync(credential, userName);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me")).StatusCode);

        using (var reset = await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "Reset-pass-456" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await AssertSignedOutAsync(user);
        using var fresh = await SignInAsync(credential, userName, "Reset-pass-456");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/me")).StatusCode);
        Assert.Contains("user.password-reset", await AuditActionsAsync(admin, id));
    }

    [SkippableFact]
    public async Task PasswordResetOnAnotherServer_TheNewTokenWorksHereAtOnce()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var before = await app.ApiClientAsync(userName, Password);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/me")).StatusCode); // this server now remembers the account

        // A second server on the same database and keys resets the password and issues the new token.
        using var other = app.WithWebHostBuilder(_ => { });
        using (var otherAdmin = other.CreateClient())
        {
            otherAdmin.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            (await otherAdmin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "Reset-pass-789" })).EnsureSuccessStatusCode();
        }
        using var login = await other.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password = "Reset-pass-789" });
        var token = (await login.JsonAsync()).GetProperty("accessToken").GetString();

        // Here the remembered stamp is the old one: a newer stamp on the token makes this server read the account again.
        using var after = app.CreateClient();
        after.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/me")).StatusCode);
        await AssertSignedOutAsync(before);
    }

    [SkippableTheory]
    [MemberData(nameof(Credentials))]
    public async Task PasswordChanged_OtherSessionsEndOnTheNextRequest(string credential)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var other = await SignInAsync(credential, userName);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);

        // The user changes the password on their own page; that browser stays signed in.
        using var browser = await app.LoginAsync(userName, Password);
        using (var changed = await JianxunApplicationFactory.PostFormAsync(browser, "/account",
                   new Dictionary<string, string> { ["CurrentPassword"] = Password, ["NewPassword"] = "Changed-pass-789" }, "Password"))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        await AssertSignedOutAsync(other);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Contains("user.password-changed", await AuditActionsAsync(admin, id));
    }

    [SkippableFact]
    public async Task PasswordChange_ThroughTheApi_WrongCurrentPasswordChangesNothing()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (_, userName) = await CreateUserAsync(admin, "Reader");
        using var api = await app.ApiClientAsync(userName, Password);

        var problem = await (await api.PostAsJsonAsync("/api/me/password", new { currentPassword = "not-it-1234", newPassword = "Changed-pass-789" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("当前密码不正确", problem.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        using (var changed = await api.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "Changed-pass-789" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }
        await AssertSignedOutAsync(api);
        using var again = await app.ApiClientAsync(userName, "Changed-pass-789");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
    }

    [SkippableFact]
    public async Task SignOutEverywhere_ThroughTheApi_EndsEveryCookieAndToken()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var browser = await app.LoginAsync(userName, Password);
        using var token = await app.ApiClientAsync(userName, Password);
        using var otherToken = await app.ApiClientAsync(userName, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);

        using (var signedOut = await token.PostAsync("/api/me/sign-out-everywhere", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        }

        await AssertSignedOutAsync(browser);
        await AssertSignedOutAsync(token);
        await AssertSignedOutAsync(otherToken);
        Assert.Contains("user.signed-out-everywhere", await AuditActionsAsync(admin, id));
    }

    [SkippableFact]
    public async Task SignOutEverywhere_FromTheAccountPage_EndsThisBrowserAndTheTokens()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (_, userName) = await CreateUserAsync(admin, "Reader");
        using var browser = await app.LoginAsync(userName, Password);
        using var token = await app.ApiClientAsync(userName, Password);
        Assert.Contains("退出所有设备", await browser.GetStringAsync("/account"));

        using (var signedOut = await JianxunApplicationFactory.PostFormAsync(browser, "/account", new Dictionary<string, string>(), "SignOutEverywhere"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.Equal("/account/login", signedOut.Headers.Location!.OriginalString);
        }

        await AssertSignedOutAsync(browser);
        await AssertSignedOutAsync(token);
    }

    [SkippableTheory]
    [MemberData(nameof(Credentials))]
    public async Task EndSessions_ByAnAdministratorThroughTheApi_EndsTheUsersSessionsOnTheNextRequest(string credential)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var user = await SignInAsync(credential, userName);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me")).StatusCode);

        using (var ended = await admin.PostAsync($"/api/users/{id}/end-sessions", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        await AssertSignedOutAsync(user);
        using var again = await SignInAsync(credential, userName);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
        Assert.Contains("user.sessions-ended", await AuditActionsAsync(admin, id));
    }

    [SkippableFact]
    public async Task EndSessions_FromTheAdminUserPage_EndsCookieAndToken()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Reader");
        using var browser = await app.LoginAsync(userName, Password);
        using var token = await app.ApiClientAsync(userName, Password);
        using var adminBrowser = await app.LoginAsync("admin");

        using (var ended = await JianxunApplicationFactory.PostFormAsync(adminBrowser, $"/admin/users/{id}", new Dictionary<string, string>(), "EndSessions"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        await AssertSignedOutAsync(browser);
        await AssertSignedOutAsync(token);
        Assert.Equal(HttpStatusCode.OK, (await adminBrowser.GetAsync("/api/me")).StatusCode);
    }

    [SkippableFact]
    public async Task EndSessions_TokenOnAnEndpointThatNamesTheBearerScheme_IsRefused()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin, "Admin");
        using var token = await app.ApiClientAsync(userName, Password);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/admin/search/reindex")).StatusCode);

        (await admin.PostAsync($"/api/users/{id}/end-sessions", null)).EnsureSuccessStatusCode();

        // The search rebuild names the bearer scheme itself, so it answers 403 rather than 401: refused all the same.
        using var start = await token.PostAsync("/api/admin/search/reindex", null);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
    }

    [SkippableFact]
    public async Task EndSessions_AsNonAdmin_Answers403()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        await (await api.PostAsync("/api/users/1/end-sessions", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteRevocationTests(SqliteApp app) : RevocationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRevocationTests(PostgresApp app) : RevocationTests(app), IClassFixture<PostgresApp>;
