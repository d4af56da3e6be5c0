using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

internal static class Reindex
{
    public const string Url = "/api/admin/search/reindex";

    /// <summary>Polls the rebuild's status until it is no longer running.</summary>
    public static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient admin)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var status = await admin.GetJsonAsync(Url);
            if (status.GetProperty("state").GetString() != "Running")
            {
                return status;
            }
            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2), "The rebuild did not finish within two minutes: " + status.GetRawText());
            await Task.Delay(100);
        }
    }

    /// <summary>A phrase from the title of an article in a published demo issue, and the article's id.</summary>
    public static async Task<(int ItemId, string Phrase)> DemoArticleAsync(HttpClient reader)
    {
        var issues = await reader.GetJsonAsync("/api/archive?source=Compiled");
        var issue = await reader.GetJsonAsync($"/api/archive/{issues[0].GetProperty("id").GetInt32()}");
        var item = issue.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .First(i => i.GetProperty("title").GetString() is { Length: > 6 });
        return (item.GetProperty("id").GetInt32(), item.GetProperty("title").GetString()![1..6]);
    }

    /// <summary>Whether a phrase search finds the article (through the index: the database matches the text).</summary>
    public static async Task<bool> FindsAsync(HttpClient reader, (int ItemId, string Phrase) article)
    {
        var result = await reader.GetJsonAsync($"/api/search?q={Uri.EscapeDataString($"\"{article.Phrase}\"")}&source=published");
        return result.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("articleId").GetInt32() == article.ItemId);
    }

    /// <summary>The newest audit entries of the search index, newest first.</summary>
    public static async Task<List<JsonElement>> AuditAsync(HttpClient admin)
        => [.. (await admin.GetJsonAsync("/api/audit?entityType=SearchIndex")).GetProperty("items").EnumerateArray()];
}

/// <summary>Rebuilding the search index from the web app: the API, the page and the audit trail, on each database.</summary>
public abstract class SearchReindexTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    [SkippableFact]
    public async Task Reindex_NonAdmin_Gets403OnBothEndpointsAndThePage()
    {
        RequireDatabase();
        foreach (var user in new[] { "editor", "reader" })
        {
            using var api = await app.ApiClientAsync(user);
            await (await api.GetAsync(Reindex.Url)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await api.PostAsync(Reindex.Url, null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        using var editor = await app.LoginAsync("editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/search")).StatusCode);
        Assert.DoesNotContain("/admin/search", await editor.GetStringAsync("/"), StringComparison.Ordinal);
        using var anonymous = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Reindex.Url)).StatusCode);
        // Starting takes a bearer token: a signed-in browser starts through the page's form (anti-forgery token).
        using var adminBrowser = await app.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await adminBrowser.PostAsync(Reindex.Url, null)).StatusCode);
        Assert.NotEqual("Running", (await adminBrowser.GetJsonAsync(Reindex.Url)).GetProperty("state").GetString());
    }

    [SkippableFact]
    public async Task Reindex_Admin_RunsToSucceededWithEveryArticleIndexedAndAuditsStartAndEnd()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var reader = await app.ApiClientAsync("reader");
        var article = await Reindex.DemoArticleAsync(reader);
        Assert.True(await Reindex.FindsAsync(reader, article));

        using var response = await admin.PostAsync(Reindex.Url, null);
        var started = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(Reindex.Url, response.Headers.Location!.OriginalString);
        Assert.Equal("Running", started.GetProperty("state").GetString());
        Assert.Equal("系统管理员", started.GetProperty("startedBy").GetString());
        Assert.Equal(JsonValueKind.Null, started.GetProperty("finishedAt").ValueKind);

        var status = await Reindex.WaitUntilFinishedAsync(admin);
        Assert.Equal("Succeeded", status.GetProperty("state").GetString());
        var total = status.GetProperty("total").GetInt32();
        Assert.True(total > 0, status.GetRawText());
        Assert.Equal(total, status.GetProperty("done").GetInt32());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        Assert.True(status.GetProperty("finishedAt").GetDateTime() >= status.GetProperty("startedAt").GetDateTime());
        Assert.True(await Reindex.FindsAsync(reader, article));

        var audit = await Reindex.AuditAsync(admin);
        Assert.Equal(["search.reindex.succeeded", "search.reindex.started"], audit.Take(2).Select(a => a.GetProperty("action").GetString()));
        Assert.All(audit.Take(2), a => Assert.Equal("admin", a.GetProperty("userName").GetString()));
        Assert.Contains($"共 {total} 篇", audit[0].GetProperty("details").GetString(), StringComparison.Ordinal);

        // The page shows what the index now holds: every article the rebuild wrote.
        using var browser = await app.LoginAsync("admin");
        var html = await browser.GetStringAsync("/admin/search");
        Assert.Contains($"索引中共有 <strong>{total}</strong> 篇", html, StringComparison.Ordinal);
        Assert.Contains($"已索引 {total} / {total}（100%）", html, StringComparison.Ordinal);
        Assert.Contains("重建完成", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reindex_SecondStartWhileRunning_Is409AndTheFirstStillFinishes()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var browser = await app.LoginAsync("admin");
        var token = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(browser, "/admin/search");
        var hold = app.HoldNextRebuild();
        (await admin.PostAsync(Reindex.Url, null)).EnsureSuccessStatusCode();
        await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        try
        {
            var problem = await (await admin.PostAsync(Reindex.Url, null)).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.StartsWith("搜索索引正在重建（系统管理员 发起", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("Running", problem.GetProperty("current").GetProperty("state").GetString());

            // The page refuses too, with the same message, and shows the rebuild running with the button disabled.
            using var refused = await browser.PostAsync("/admin/search", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Confirm"] = "true",
                ["__RequestVerificationToken"] = token,
            }));
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("搜索索引正在重建（系统管理员 发起", html, StringComparison.Ordinal);
            Assert.Contains("data-state=\"Running\"", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"reindex-start\" disabled", html, StringComparison.Ordinal);
            Assert.Equal("Running", (await admin.GetJsonAsync(Reindex.Url)).GetProperty("state").GetString());
        }
        finally
        {
            hold.Release();
        }
        var status = await Reindex.WaitUntilFinishedAsync(admin);
        Assert.Equal("Succeeded", status.GetProperty("state").GetString());
        Assert.Equal(status.GetProperty("total").GetInt32(), status.GetProperty("done").GetInt32());
        // One start, one end: the refused starts left no trace.
        var audit = await Reindex.AuditAsync(admin);
        Assert.Equal(["search.reindex.succeeded", "search.reindex.started"], audit.Take(2).Select(a => a.GetProperty("action").GetString()));
        Assert.True(audit.Count < 3 || audit[2].GetProperty("action").GetString() != "search.reindex.started");
    }

    [SkippableFact]
    public async Task Reindex_FailsAfterEmptyingTheIndex_OldIndexStaysAndTheFailureIsAudited()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var reader = await app.ApiClientAsync("reader");
        var article = await Reindex.DemoArticleAsync(reader);
        var hold = app.HoldNextRebuild();
        (await admin.PostAsync(Reindex.Url, null)).EnsureSuccessStatusCode();
        await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        hold.Fail();

        var status = await Reindex.WaitUntilFinishedAsync(admin);
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.StartsWith("重建失败，原来的索引保持不变。", status.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("finishedAt").ValueKind);
        // The rebuild had deleted every document inside its transaction; the rollback brought them back.
        Assert.True(await Reindex.FindsAsync(reader, article));
        var audit = await Reindex.AuditAsync(admin);
        Assert.Equal("search.reindex.failed", audit[0].GetProperty("action").GetString());
        Assert.Contains("原来的索引保持不变", audit[0].GetProperty("details").GetString(), StringComparison.Ordinal);

        using var browser = await app.LoginAsync("admin");
        var html = await browser.GetStringAsync("/admin/search");
        Assert.Contains("重建失败，原来的索引保持不变。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"reindex-start\" disabled", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReindexPage_WithoutConfirmation_StartsNothing()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var before = await Reindex.AuditAsync(admin);
        using var browser = await app.LoginAsync("admin");
        using var response = await JianxunApplicationFactory.PostFormAsync(browser, "/admin/search", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请先勾选确认", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before.Count, (await Reindex.AuditAsync(admin)).Count);
        Assert.NotEqual("Running", (await admin.GetJsonAsync(Reindex.Url)).GetProperty("state").GetString());
    }
}

public sealed class SqliteSearchReindexTests(SqliteApp app) : SearchReindexTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSearchReindexTests(PostgresApp app) : SearchReindexTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// What a rebuild does to the rest of the app, on a database as production has it (a SQLite file in WAL mode, not the
/// shared in-memory database of the other tests, whose locks differ): saves wait for it, and stopping the app cancels it
/// without losing the old index. Each test starts its own app on its own copy of the seeded database.
/// </summary>
public abstract class SearchReindexDatabaseTests(DatabaseKind kind)
{
    private static readonly object Article = new
    {
        title = "城投集团召开安全生产工作会议",
        paragraphs = new[] { "近日，城投集团召开安全生产工作会议，部署汛期安全工作。" },
        eventDate = "2026-03-01",
        authors = new[] { "林小禾" },
    };

    private (TempDirectory Data, TestDatabase Database) SeededDatabase()
    {
        TestDatabase.SkipIfUnavailable(kind);
        var data = new TempDirectory();
        return (data, JianxunApplicationFactory.CopyOfSeededDatabase(kind, data.Path));
    }

    [SkippableFact]
    public async Task Save_DuringRebuild_WaitsUntilTheRebuildEnds()
    {
        var (data, database) = SeededDatabase();
        using var _ = data;
        using var __ = database;
        await using var app = new JianxunApplicationFactory(kind, data.Path, database.ConnectionString);
        using var admin = await app.ApiClientAsync("admin");
        using var contributor = await app.ApiClientAsync("contributor");
        using var reader = await app.ApiClientAsync("reader");
        var article = await Reindex.DemoArticleAsync(reader);
        var unit = (await admin.GetJsonAsync("/api/units"))[0];
        var hold = app.HoldNextRebuild();
        (await admin.PostAsync(Reindex.Url, null)).EnsureSuccessStatusCode();
        await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));

        Task<HttpResponseMessage> articleSave, unitSave;
        try
        {
            // Searching goes on with the old index meanwhile.
            Assert.True(await Reindex.FindsAsync(reader, article));
            articleSave = contributor.PostAsJsonAsync("/api/submissions", Article);
            unitSave = admin.PutAsJsonAsync($"/api/units/{unit.GetProperty("id").GetInt32()}", new
            {
                name = unit.GetProperty("name").GetString(),
                shortName = unit.GetProperty("shortName").GetString(),
                aliases = new[] { "重建期间保存" },
                parentId = unit.GetProperty("parentId").ValueKind == JsonValueKind.Number ? unit.GetProperty("parentId").GetInt32() : (int?)null,
                peerGroup = unit.GetProperty("peerGroup").GetString(),
                requiresUnitReview = unit.GetProperty("requiresUnitReview").GetBoolean(),
                isActive = unit.GetProperty("isActive").GetBoolean(),
                sortOrder = unit.GetProperty("sortOrder").GetInt32(),
            });
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(articleSave.IsCompleted, "An article was saved while the rebuild held its transaction.");
            // As the page says: on SQLite every save waits; on PostgreSQL only saves that write the index.
            if (kind == DatabaseKind.Sqlite)
            {
                Assert.False(unitSave.IsCompleted, "A unit was saved on SQLite while the rebuild held the write lock.");
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, (await unitSave.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
            }
        }
        finally
        {
            hold.Release();
        }
        using (var created = await articleSave)
        {
            await created.JsonAsync(HttpStatusCode.Created);
        }
        using (var updated = await unitSave)
        {
            await updated.JsonAsync();
        }
        Assert.Equal("Succeeded", (await Reindex.WaitUntilFinishedAsync(admin)).GetProperty("state").GetString());
    }

    [SkippableFact]
    public async Task Save_ThatWaitsLongerThanTheTimeout_Gets503InChinese_SavesNothing_AndSucceedsWhenTried_Again()
    {
        var (data, database) = SeededDatabase();
        using var _ = data;
        using var __ = database;
        // A two-second wait instead of the default thirty, so that the save gives up while the rebuild is held.
        var impatient = database.ConnectionString + (kind == DatabaseKind.Sqlite ? ";Default Timeout=2" : ";Command Timeout=2");
        await using var app = new JianxunApplicationFactory(kind, data.Path, impatient);
        using var admin = await app.ApiClientAsync("admin");
        using var contributor = await app.ApiClientAsync("contributor");
        var hold = app.HoldNextRebuild();
        (await admin.PostAsync(Reindex.Url, null)).EnsureSuccessStatusCode();
        await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        try
        {
            using var refused = await contributor.PostAsJsonAsync("/api/submissions", Article);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("30", refused.Headers.RetryAfter?.ToString());
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("系统正忙", problem.GetProperty("title").GetString());
            Assert.Contains("没有保存", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            hold.Release();
        }
        Assert.Equal("Succeeded", (await Reindex.WaitUntilFinishedAsync(admin)).GetProperty("state").GetString());
        using (var created = await contributor.PostAsJsonAsync("/api/submissions", Article))
        {
            await created.JsonAsync(HttpStatusCode.Created);
        }
        var mine = await contributor.GetJsonAsync("/api/submissions?mine=true");
        Assert.Single(mine.GetProperty("items").EnumerateArray(), s => s.GetProperty("title").GetString() == "城投集团召开安全生产工作会议");
    }

    [SkippableFact]
    public async Task AppStopping_DuringRebuild_CancelsIt_OldIndexStaysAndTheCancellationIsAudited()
    {
        var (data, database) = SeededDatabase();
        using var _ = data;
        using var __ = database;
        (int ItemId, string Phrase) article;
        await using (var first = new JianxunApplicationFactory(kind, data.Path, database.ConnectionString))
        {
            using var admin = await first.ApiClientAsync("admin");
            using var reader = await first.ApiClientAsync("reader");
            article = await Reindex.DemoArticleAsync(reader);
            var hold = first.HoldNextRebuild();
            (await admin.PostAsync(Reindex.Url, null)).EnsureSuccessStatusCode();
            await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));
            // Leaving the block stops the app with the rebuild still held inside its transaction.
        }

        await using var second = new JianxunApplicationFactory(kind, data.Path, database.ConnectionString);
        using var again = await second.ApiClientAsync("reader");
        Assert.True(await Reindex.FindsAsync(again, article));
        using var admin2 = await second.ApiClientAsync("admin");
        var audit = await Reindex.AuditAsync(admin2);
        Assert.Equal(["search.reindex.failed", "search.reindex.started"], audit.Take(2).Select(a => a.GetProperty("action").GetString()));
        Assert.Contains("服务停止", audit[0].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("Idle", (await admin2.GetJsonAsync(Reindex.Url)).GetProperty("state").GetString());
    }
}

public sealed class SqliteSearchReindexDatabaseTests() : SearchReindexDatabaseTests(DatabaseKind.Sqlite);

public sealed class PostgresSearchReindexDatabaseTests() : SearchReindexDatabaseTests(DatabaseKind.Postgres);
