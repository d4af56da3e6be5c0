using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// Reading scope (ADR-007) through the API and the pages: a published issue reaches the reader units, their sub-units,
/// the units that contributed and the office; everyone else gets 404 and never sees it listed; on each database.
/// </summary>
public abstract class ReadingScopeTests(JianxunApplicationFactory app)
{
    private const string Date = "2031-05-06";

    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<Dictionary<string, int>> UnitsAsync(HttpClient api)
        => (await api.GetJsonAsync("/api/units")).EnumerateArray().ToDictionary(u => u.GetProperty("shortName").GetString()!, u => u.GetProperty("id").GetInt32());

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync(path, body)).JsonAsync(expected);

    /// <summary>Publishes an issue of 产发集团's articles only, readable by the given units.</summary>
    private async Task<int> PublishAsync(IReadOnlyList<int> readerUnitIds)
    {
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await PostAsync(editor, "/api/issues", new { seriesId, date = Date }, HttpStatusCode.Created);
        var available = (await editor.GetJsonAsync("/api/issues/available-articles")).EnumerateArray()
            .Where(a => a.GetProperty("units").GetString() == "产发集团").ToList();
        Assert.NotEmpty(available);
        var sections = issue.GetProperty("sections").EnumerateArray().Select(s => new
        {
            sectionId = s.GetProperty("id").GetInt32(),
            items = available.Where(a => a.GetProperty("columnId").ValueKind == JsonValueKind.Number && a.GetProperty("columnId").GetInt32() == s.GetProperty("columnId").GetInt32())
                .Select(a => new { submissionId = a.GetProperty("submissionId").GetInt32() }).ToArray(),
        }).ToArray();
        var id = issue.GetProperty("id").GetInt32();
        var compiled = await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections, readerUnitIds }))
            .JsonAsync();
        Assert.Equal(readerUnitIds.Order(), compiled.GetProperty("readerUnitIds").EnumerateArray().Select(u => u.GetInt32()));
        await PostAsync(editor, $"/api/issues/{id}/submit", new { });
        await PostAsync(signer, $"/api/issues/{id}/sign-off", new { });
        await PostAsync(editor, $"/api/issues/{id}/publish", new { });
        return id;
    }

    /// <summary>Every way in: the API (issue, file, archive, lists, search) and the pages; all must agree.</summary>
    private async Task<bool> CanReadAsync(string userName, int id)
    {
        using var api = await app.ApiClientAsync(userName);
        using var pages = await app.LoginAsync(userName);
        var answers = new List<HttpStatusCode>();
        foreach (var path in new[] { $"/api/issues/{id}", $"/api/issues/{id}/pdf", $"/api/issues/{id}/html", $"/api/archive/{id}" })
        {
            using var response = await api.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // 404 like any unknown issue, as a ProblemDetails: nothing says the issue exists.
                var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
                Assert.DoesNotContain("2031", problem.GetRawText(), StringComparison.Ordinal);
            }
            answers.Add(response.StatusCode);
        }
        foreach (var path in new[] { $"/issues/{id}", $"/issues/{id}/preview?read=true", $"/archive/{id}" })
        {
            using var response = await pages.GetAsync(path);
            answers.Add(response.StatusCode);
        }
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{userName}: {a}"));
        var reads = answers.All(a => a == HttpStatusCode.OK);
        Assert.True(reads || answers.All(a => a == HttpStatusCode.NotFound), $"{userName} reaches issue {id} only in part: {string.Join(",", answers)}");

        var listed = new[]
        {
            (await api.GetJsonAsync("/api/issues")).EnumerateArray().Any(i => i.GetProperty("id").GetInt32() == id),
            (await api.GetJsonAsync("/api/archive")).EnumerateArray().Any(i => i.GetProperty("id").GetInt32() == id),
            (await api.GetJsonAsync($"/api/search?from={Date}&to={Date}&source=published")).GetProperty("items").EnumerateArray()
                .Any(i => i.GetProperty("issueId").GetInt32() == id),
            (await pages.GetStringAsync("/archive")).Contains($"href=\"/archive/{id}\"", StringComparison.Ordinal),
        };
        Assert.All(listed, l => Assert.Equal(reads, l));
        return reads;
    }

    [SkippableFact]
    public async Task ScopedIssue_OutsideReaderGets404AndNoListing_IncludedUnitSubUnitContributorAndEditorRead()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var units = await UnitsAsync(admin);
        // A reader of 城投置业, the subsidiary of 城投集团.
        await (await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "zhiye.reader",
            displayName = "置业读者",
            unitId = units["城投置业"],
            roles = new[] { "Reader" },
            password = JianxunApplicationFactory.DemoPassword,
        })).JsonAsync(HttpStatusCode.Created);

        var id = await PublishAsync([units["城投集团"]]);

        Assert.False(await CanReadAsync("reader", id));            // 文旅集团: outside the scope, contributed nothing
        Assert.True(await CanReadAsync("contributor", id));        // 城投集团: in the scope
        Assert.True(await CanReadAsync("zhiye.reader", id));       // 城投置业: under a unit in the scope
        Assert.True(await CanReadAsync("contributor2", id));       // 产发集团: its articles are in the issue
        Assert.True(await CanReadAsync("editor", id));             // the office
        Assert.True(await CanReadAsync("signer", id));
    }

    [SkippableFact]
    public async Task ImportedIssue_OpenToEveryoneUnlessAScopeIsSet()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var reader = await app.ApiClientAsync("reader");
        var units = await UnitsAsync(editor);

        async Task<int> ImportAsync(int number, int[]? readerUnitIds)
        {
            using var form = ArchiveBulletins.Upload(ArchiveBulletins.Text(number, 400 + number, "祁望川"), $"2023-{number}.txt");
            var preview = await (await editor.PostAsync("/api/imports/preview", form)).JsonAsync();
            var created = await PostAsync(editor, "/api/imports", new
            {
                pendingToken = preview.GetProperty("pendingToken").GetString(),
                seriesId = preview.GetProperty("seriesId").GetInt32(),
                year = 2023,
                number,
                totalNumber = 400 + number,
                date = preview.GetProperty("date").GetString(),
                readerUnitIds,
            }, HttpStatusCode.Created);
            return created.GetProperty("issueId").GetInt32();
        }

        var open = await ImportAsync(71, null);
        var scoped = await ImportAsync(72, [units["交运集团"]]);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/archive/{open}")).StatusCode);
        await (await reader.GetAsync($"/api/archive/{scoped}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync($"/api/archive/{scoped}/source")).AssertProblemAsync(HttpStatusCode.NotFound);
        var archive = (await reader.GetJsonAsync("/api/archive?source=Imported")).EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(open, archive);
        Assert.DoesNotContain(scoped, archive);
        var found = (await reader.GetJsonAsync($"/api/search?q={Uri.EscapeDataString("祁望川")}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("issueId").GetInt32()).ToList();
        Assert.Contains(open, found);
        Assert.DoesNotContain(scoped, found);
        var person = await reader.GetJsonAsync($"/api/people/{Uri.EscapeDataString("祁望川")}");
        Assert.DoesNotContain(person.GetProperty("mentions").EnumerateArray(), m => m.GetProperty("issueId").GetInt32() == scoped);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/api/archive/{scoped}")).StatusCode);
    }

    [SkippableFact]
    public async Task Series_DefaultReaderUnits_AreCopiedIntoNewIssues_AndEditableOnTheCompilePage()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var editor = await app.ApiClientAsync("editor");
        var units = await UnitsAsync(admin);
        var series = await PostAsync(admin, "/api/series", new
        {
            name = "内部参阅",
            issuer = "云澜区国资委办公室",
            firstTotalNumber = 1,
            defaultCopies = 20,
            columns = new[] { new { name = "参阅", isBriefs = false } },
            readerUnitIds = new[] { units["城投集团"], units["产发集团"] },
        }, HttpStatusCode.Created);
        Assert.Equal(new[] { units["城投集团"], units["产发集团"] }.Order(), series.GetProperty("readerUnitIds").EnumerateArray().Select(u => u.GetInt32()));

        var issue = await PostAsync(editor, "/api/issues", new { seriesId = series.GetProperty("id").GetInt32() }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        Assert.Equal(series.GetProperty("readerUnitIds").GetRawText(), issue.GetProperty("readerUnitIds").GetRawText());

        // The compile page shows the scope as ticked units; posting it with none ticked opens the issue to everyone.
        using var page = await app.LoginAsync("editor");
        var html = await page.GetStringAsync($"/issues/{id}");
        Assert.Contains($"name=\"ReaderUnitIds\" value=\"{units["城投集团"]}\" checked=\"checked\"", html, StringComparison.Ordinal);
        using var saved = await JianxunApplicationFactory.PostFormAsync(page, $"/issues/{id}", new Dictionary<string, string>
        {
            ["Version"] = issue.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Op"] = "save",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0, (await editor.GetJsonAsync($"/api/issues/{id}")).GetProperty("readerUnitIds").GetArrayLength());

        var problem = await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32() + 1, readerUnitIds = new[] { 987654 } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("987654", problem.GetProperty("errors").GetProperty("readerUnitIds")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteReadingScopeTests(SqliteApp app) : ReadingScopeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresReadingScopeTests(PostgresApp app) : ReadingScopeTests(app), IClassFixture<PostgresApp>;
