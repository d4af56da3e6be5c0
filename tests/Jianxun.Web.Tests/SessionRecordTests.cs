using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using Jianxun.Core.Accounts;
using Jianxun.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Tests;

/// <summary>
/// Sessions as records (ADR-020): every sign-in opens a row whose id travels in the cookie or token; a user lists and ends
/// their own, an administrator anyone's, and an ended session is refused on its next request. Every test makes its own
/// account, so the demo accounts other tests use keep their sessions.
/// </summary>
public abstract class SessionRecordTests(JianxunApplicationFactory app)
{
    private const string Password = "Session-pass-123";
    private static int _next;

    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<(int Id, string UserName)> CreateUserAsync(HttpClient admin)
    {
        var userName = $"ses.{Interlocked.Increment(ref _next)}.{Guid.NewGuid():N}"[..20];
        var created = await (await admin.PostAsJsonAsync("/api/users", new
        {
            userName,
            displayName = "会话测试",
            unitId = (int?)null,
            roles = new[] { "Reader" },
            password = Password,
        })).JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt32(), userName);
    }

    private static async Task<List<JsonElement>> SessionsAsync(HttpClient client, string path = "/api/me/sessions")
        => [.. (await client.GetJsonAsync(path)).EnumerateArray()];

    private static string CurrentId(List<JsonElement> sessions)
        => sessions.Single(s => s.GetProperty("isCurrent").GetBoolean()).GetProperty("id").GetString()!;

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task CookieAndToken_ListedTogether_EachMarkedCurrentForItsOwnRequests()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (_, userName) = await CreateUserAsync(admin);
        using var browser = await app.ApiClientWithCookieAsync(userName, Password);
        using var program = await app.ApiClientAsync(userName, Password);

        var fromProgram = await SessionsAsync(program);
        var fromBrowser = await SessionsAsync(browser);

        Assert.Equal(["Cookie", "Token"], fromProgram.Select(s => s.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        var tokenId = CurrentId(fromProgram);
        var cookieId = CurrentId(fromBrowser);
        Assert.NotEqual(tokenId, cookieId);
        Assert.Equal("Token", fromProgram.Single(s => s.GetProperty("id").GetString() == tokenId).GetProperty("kind").GetString());
        Assert.Equal("Cookie", fromBrowser.Single(s => s.GetProperty("id").GetString() == cookieId).GetProperty("kind").GetString());
        Assert.All(fromProgram, s =>
        {
            Assert.Matches("^[0-9a-f]{32}$", s.GetProperty("id").GetString());
            Assert.Equal(s.GetProperty("createdAt").GetDateTime(), s.GetProperty("lastSeenAt").GetDateTime(), TimeSpan.FromMinutes(1));
        });
    }

    [SkippableTheory]
    [InlineData("cookie ends token")]
    [InlineData("token ends cookie")]
    public async Task EndOneOwnSession_OnlyThatOneIsRefusedOnItsNextRequest(string which)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin);
        using var browser = await app.ApiClientWithCookieAsync(userName, Password);
        using var program = await app.ApiClientAsync(userName, Password);
        var (ender, ended) = which == "cookie ends token" ? (browser, program) : (program, browser);
        var endedId = CurrentId(await SessionsAsync(ended));

        using (var end = await ender.DeleteAsync($"/api/me/sessions/{endedId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        }

        await AssertSignedOutAsync(ended);
        await AssertSignedInAsync(ender);
        Assert.DoesNotContain(await SessionsAsync(ender), s => s.GetProperty("id").GetString() == endedId);
        var audit = (await admin.GetJsonAsync($"/api/audit?entityType=AppUser&entityId={id}")).GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("action").GetString() == "user.session-ended").ToList();
        Assert.Contains(which == "cookie ends token" ? "令牌" : "网页", Assert.Single(audit).GetProperty("details").GetString());
    }

    [SkippableFact]
    public async Task Administrator_ListsAndEndsOneSessionOfAnotherUser_TheOtherKeepsWorking()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin);
        using var browser = await app.LoginAsync(userName, Password);
        using var program = await app.ApiClientAsync(userName, Password);
        var tokenId = CurrentId(await SessionsAsync(program));

        var listed = await SessionsAsync(admin, $"/api/users/{id}/sessions");
        Assert.Equal(2, listed.Count);
        Assert.DoesNotContain(listed, s => s.GetProperty("isCurrent").GetBoolean());

        using (var end = await admin.DeleteAsync($"/api/users/{id}/sessions/{tokenId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        }

        await AssertSignedOutAsync(program);
        await AssertSignedInAsync(browser);
        Assert.Equal(["Cookie"], (await SessionsAsync(admin, $"/api/users/{id}/sessions")).Select(s => s.GetProperty("kind").GetString()));
        var audit = (await admin.GetJsonAsync($"/api/audit?entityType=AppUser&entityId={id}")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("action").GetString() == "user.session-ended");
        Assert.Contains("管理员", audit.GetProperty("details").GetString());
    }

    [SkippableFact]
    public async Task EndSession_OfAnotherUser_Answers404LikeAnUnknownOne_AndTheSessionLives()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (idA, userA) = await CreateUserAsync(admin);
        var (_, userB) = await CreateUserAsync(admin);
        using var a = await app.ApiClientAsync(userA, Password);
        using var b = await app.ApiClientAsync(userB, Password);
        var sessionOfB = CurrentId(await SessionsAsync(b));

        var foreign = await (await a.DeleteAsync($"/api/me/sessions/{sessionOfB}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await a.DeleteAsync($"/api/me/sessions/{new string('0', 32)}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(unknown.GetProperty("detail").GetString(), foreign.GetProperty("detail").GetString());
        // An administrator naming the wrong user gets the same.
        await (await admin.DeleteAsync($"/api/users/{idA}/sessions/{sessionOfB}")).AssertProblemAsync(HttpStatusCode.NotFound);

        await AssertSignedInAsync(b);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync($"/api/users/{idA}/sessions")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("password reset")]
    [InlineData("deactivation")]
    [InlineData("end sessions")]
    [InlineData("sign out everywhere")]
    public async Task StampChange_ClosesEveryOpenRow(string change)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin);
        using var browser = await app.LoginAsync(userName, Password);
        using var program = await app.ApiClientAsync(userName, Password);
        Assert.Equal(2, (await SessionsAsync(admin, $"/api/users/{id}/sessions")).Count);

        using var response = change switch
        {
            "password reset" => await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "Another-pass-456" }),
            "deactivation" => await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "会话测试", unitId = (int?)null, roles = new[] { "Reader" }, isActive = false }),
            "end sessions" => await admin.PostAsync($"/api/users/{id}/end-sessions", null),
            _ => await program.PostAsync("/api/me/sign-out-everywhere", null),
        };
        response.EnsureSuccessStatusCode();

        Assert.Empty(await SessionsAsync(admin, $"/api/users/{id}/sessions"));
        await AssertSignedOutAsync(browser);
        await AssertSignedOutAsync(program);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Jianxun.Core.Data.AppDbContext>();
        var reasons = db.UserSessions.Where(s => s.UserId == id).Select(s => s.EndReason).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.All(reasons, r => Assert.Equal(change switch
        {
            "end sessions" => SessionEndReasons.EndedByAdmin,
            "sign out everywhere" => SessionEndReasons.EndedByUser,
            _ => SessionEndReasons.StampChanged,
        }, r));
    }

    [SkippableFact]
    public async Task SignOut_OnThePage_ClosesItsOwnRowOnly()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin);
        using var browser = await app.LoginAsync(userName, Password);
        using var program = await app.ApiClientAsync(userName, Password);

        var token = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(browser, "/account");
        using (var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        Assert.Equal(["Token"], (await SessionsAsync(admin, $"/api/users/{id}/sessions")).Select(s => s.GetProperty("kind").GetString()));
        await AssertSignedInAsync(program);
    }

    [SkippableFact]
    public async Task TokenWithoutASession_IssuedAsBeforeTheUpgrade_IsRefused()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (_, userName) = await CreateUserAsync(admin);
        string token;
        using (var scope = app.Services.CreateScope())
        {
            // What POST /api/auth/token issued before ADR-020: the account's claims and stamp, no jx:sid.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
            var principal = await signIn.CreateUserPrincipalAsync((await users.FindByNameAsync(userName))!);
            var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            token = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal,
                new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow().AddMinutes(30) }, $"{IdentityConstants.BearerScheme}:AccessToken"));
        }
        using var old = app.ClientWithToken(token);
        await AssertSignedOutAsync(old);

        // The same user signing in now gets a token that works.
        using var fresh = await app.ApiClientAsync(userName, Password);
        await AssertSignedInAsync(fresh);
    }

    [SkippableFact]
    public async Task AccountPage_ListsSessions_AndEndsTheOtherOne()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (_, userName) = await CreateUserAsync(admin);
        using var browser = await app.LoginAsync(userName, Password);
        using var program = await app.ApiClientAsync(userName, Password);
        var tokenId = CurrentId(await SessionsAsync(program));

        var page = await browser.GetStringAsync("/account");
        Assert.Contains("本会话", page);
        Assert.Contains($"data-session=\"{tokenId}\"", page);
        Assert.Contains("令牌", page);

        using (var end = await JianxunApplicationFactory.PostFormAsync(browser, "/account", new Dictionary<string, string> { ["sessionId"] = tokenId }, "EndSession"))
        {
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        }

        await AssertSignedOutAsync(program);
        Assert.DoesNotContain(tokenId, await browser.GetStringAsync("/account"));
    }

    [SkippableFact]
    public async Task AdminUserPage_ListsSessions_AndEndsOne()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var (id, userName) = await CreateUserAsync(admin);
        using var program = await app.ApiClientAsync(userName, Password);
        var tokenId = CurrentId(await SessionsAsync(program));
        using var adminBrowser = await app.LoginAsync("admin");

        Assert.Contains($"data-session=\"{tokenId}\"", await adminBrowser.GetStringAsync($"/admin/users/{id}"));
        using (var end = await JianxunApplicationFactory.PostFormAsync(adminBrowser, $"/admin/users/{id}", new Dictionary<string, string> { ["sessionId"] = tokenId }, "EndSession"))
        {
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        }

        await AssertSignedOutAsync(program);
        Assert.Contains("没有进行中的登录会话", await adminBrowser.GetStringAsync($"/admin/users/{id}"));
    }
}

public sealed class SqliteSessionRecordTests(SqliteApp app) : SessionRecordTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSessionRecordTests(PostgresApp app) : SessionRecordTests(app), IClassFixture<PostgresApp>;
