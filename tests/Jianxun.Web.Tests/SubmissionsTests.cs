using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>The review workflow through the API, on each database.</summary>
public abstract class SubmissionsTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private async Task<Dictionary<string, int>> ColumnsAsync(HttpClient api)
        => (await api.GetJsonAsync("/api/series"))[0].GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetInt32());

    private async Task<int> UnitAsync(HttpClient api, string shortName)
        => (await api.GetJsonAsync("/api/units")).EnumerateArray().First(u => u.GetProperty("shortName").GetString() == shortName).GetProperty("id").GetInt32();

    private static object Article(string title = "城投集团召开安全生产工作会议", int? columnHint = null, string? date = null, string[]? paragraphs = null, int[]? unitIds = null) => new
    {
        title,
        paragraphs = paragraphs ?? ["近日，城投集团召开安全生产工作会议，部署汛期安全工作。", "会议要求各项目公司压实责任，确保安全形势平稳。"],
        eventDate = date ?? JianxunApplicationFactory.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        unitIds,
        authors = new[] { "林小禾" },
        columnHint,
    };

    private static async Task<JsonElement> CreateAsync(HttpClient api, object article)
        => await (await api.PostAsJsonAsync("/api/submissions", article)).JsonAsync(HttpStatusCode.Created);

    private static async Task<JsonElement> MoveAsync(HttpClient api, int id, string move, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync($"/api/submissions/{id}/{move}", body ?? new { })).JsonAsync(expected);

    [SkippableFact]
    public async Task Create_ValidArticle_Returns201WithIdStatusAndVersion()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsJsonAsync("/api/submissions", Article());
        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Draft", created.GetProperty("status").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal($"/api/submissions/{created.GetProperty("id").GetInt32()}", response.Headers.Location!.OriginalString);
        Assert.Equal("【供稿：城投集团 林小禾】", created.GetProperty("creditLine").GetString());
    }

    [SkippableFact]
    public async Task FullFlow_UnitReviewEditorReturnFixAdopt_RecordsHistoryRevisionsAndNotifications()
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor");
        using var reviewer = await app.ApiClientAsync("reviewer");
        using var editor = await app.ApiClientAsync("editor");
        var columns = await ColumnsAsync(editor);
        var id = (await CreateAsync(contributor, Article("城投集团推进老旧小区改造", columns["国企动态"]))).GetProperty("id").GetInt32();

        // 城投集团 requires unit review: the submission goes to the reviewer first.
        Assert.Equal("AwaitingUnitReview", (await MoveAsync(contributor, id, "submit")).GetProperty("status").GetString());
        Assert.Equal("Submitted", (await MoveAsync(reviewer, id, "unit-approve")).GetProperty("status").GetString());

        var returned = await MoveAsync(editor, id, "return", new { comment = "请补充改造户数。" });
        Assert.Equal("Returned", returned.GetProperty("status").GetString());

        var current = await contributor.GetJsonAsync($"/api/submissions/{id}");
        var version = current.GetProperty("version").GetInt32();
        var fixedArticle = await (await contributor.PutAsJsonAsync($"/api/submissions/{id}", new
        {
            title = "城投集团推进老旧小区改造",
            paragraphs = new[] { "近日，城投集团推进老旧小区改造，惠及居民1200户。", "会议要求各项目公司压实责任，确保安全形势平稳。" },
            eventDate = current.GetProperty("eventDate").GetString(),
            authors = new[] { "林小禾" },
            columnHint = columns["国企动态"],
            version,
        })).JsonAsync();
        Assert.Equal(version + 1, fixedArticle.GetProperty("version").GetInt32());

        // Returned by the editor: the fixed article goes straight back to the editors.
        Assert.Equal("Submitted", (await MoveAsync(contributor, id, "submit")).GetProperty("status").GetString());
        var adopted = await MoveAsync(editor, id, "adopt", new { columnId = columns["国企动态"] });
        Assert.Equal("Adopted", adopted.GetProperty("status").GetString());
        Assert.Equal("国企动态", adopted.GetProperty("adoptedColumn").GetProperty("name").GetString());

        var seen = await contributor.GetJsonAsync($"/api/submissions/{id}");
        Assert.Equal(["Create", "Submit", "UnitApprove", "Return", "Submit", "Adopt"],
            seen.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("请补充改造户数。", seen.GetProperty("history")[3].GetProperty("comment").GetString());
        Assert.Equal(2, seen.GetProperty("revisions").GetArrayLength());

        var diff = await contributor.GetJsonAsync($"/api/submissions/{id}/diff?from=1&to=2");
        Assert.Contains(diff.GetProperty("new").GetProperty("paragraphs")[0].EnumerateArray(),
            s => s.GetProperty("kind").GetString() == "Inserted" && s.GetProperty("text").GetString()!.Contains("1200", StringComparison.Ordinal));

        var notes = await contributor.GetJsonAsync("/api/notifications");
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("已被采用", StringComparison.Ordinal));
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("请补充改造户数", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task EditorEdit_AdoptedArticle_IsANewRevisionTheContributorSees()
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor2");
        using var editor = await app.ApiClientAsync("editor");
        var columns = await ColumnsAsync(editor);
        var id = (await CreateAsync(contributor, Article("产发集团召开季度经营分析会", unitIds: null))).GetProperty("id").GetInt32();
        await MoveAsync(contributor, id, "submit");
        var adopted = await MoveAsync(editor, id, "adopt", new { columnId = columns["国资动态"] });

        var edited = await (await editor.PutAsJsonAsync($"/api/submissions/{id}", new
        {
            title = "产发集团召开一季度经营分析会",
            paragraphs = adopted.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()).ToArray(),
            eventDate = adopted.GetProperty("eventDate").GetString(),
            authors = new[] { "林小禾" },
            version = adopted.GetProperty("version").GetInt32(),
        })).JsonAsync();
        Assert.Equal("Adopted", edited.GetProperty("status").GetString());

        var seen = await contributor.GetJsonAsync($"/api/submissions/{id}");
        var last = seen.GetProperty("revisions")[1];
        Assert.Equal("周文澜", last.GetProperty("userName").GetString());
        Assert.Equal("编辑修改", last.GetProperty("note").GetString());
        var diff = await contributor.GetJsonAsync($"/api/submissions/{id}/diff?from=1&to=2");
        Assert.Contains(diff.GetProperty("new").GetProperty("title").EnumerateArray(), s => s.GetProperty("text").GetString() == "一" && s.GetProperty("kind").GetString() == "Inserted");
    }

    [SkippableFact]
    public async Task WritePage_StaleVersion_ShowsTheConflictAboveTheFormAndKeepsWhatWasTyped()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = (await CreateAsync(api, Article("城投集团开展防汛演练"))).GetProperty("id").GetInt32();
        (await api.PutAsJsonAsync($"/api/submissions/{id}", new { title = "城投集团开展防汛应急演练", paragraphs = new[] { "第一次修改。" }, version = 1 }))
            .EnsureSuccessStatusCode();

        // The page's one error path (ADR-027): the filter catches the conflict, the page puts it above the form.
        using var page = await app.LoginAsync("contributor");
        using var response = await JianxunApplicationFactory.PostFormAsync(page, $"/submissions/write/{id}", new Dictionary<string, string>
        {
            ["Form.Title"] = "页面上迟到的修改",
            ["Form.Body"] = "迟到的正文。",
            ["Form.Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("稿件已被他人修改（当前为第 2 版，您提交的是第 1 版）", html);
        Assert.Contains("value=\"页面上迟到的修改\"", html);
        Assert.Equal("城投集团开展防汛应急演练", (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task Update_StaleVersion_Returns409WithTheLatestVersion()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var created = await CreateAsync(api, Article("城投集团开展消防演练"));
        var id = created.GetProperty("id").GetInt32();
        var body = new { title = "城投集团开展消防应急演练", paragraphs = new[] { "第一次修改。" }, version = 1 };
        (await api.PutAsJsonAsync($"/api/submissions/{id}", body)).EnsureSuccessStatusCode();

        using var stale = await api.PutAsJsonAsync($"/api/submissions/{id}", new { title = "被覆盖的标题", paragraphs = new[] { "第二次修改。" }, version = 1 });
        var problem = await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, problem.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal("城投集团开展消防应急演练", problem.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal("城投集团开展消防应急演练", (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task IllegalMove_Returns409NamingTheCurrentState()
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor2");
        using var editor = await app.ApiClientAsync("editor");
        var columns = await ColumnsAsync(editor);
        var id = (await CreateAsync(contributor, Article(unitIds: null))).GetProperty("id").GetInt32();
        // A draft is its writer's alone (the draft rule): the editor does not even see it. Once sent and adopted, adopting again is illegal.
        await (await editor.PostAsJsonAsync($"/api/submissions/{id}/adopt", new { columnId = columns["简讯"] })).AssertProblemAsync(HttpStatusCode.NotFound);
        await MoveAsync(contributor, id, "submit");
        await MoveAsync(editor, id, "adopt", new { columnId = columns["简讯"] });

        var problem = await (await editor.PostAsJsonAsync($"/api/submissions/{id}/adopt", new { columnId = columns["简讯"] })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("已采用", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Move_WrongRole_Returns403()
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor2");
        var id = (await CreateAsync(contributor, Article())).GetProperty("id").GetInt32();
        await MoveAsync(contributor, id, "submit");
        await (await contributor.PostAsJsonAsync($"/api/submissions/{id}/adopt", new { columnId = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [SkippableTheory]
    [InlineData("return")]
    [InlineData("decline")]
    public async Task ReturnOrDecline_WithoutComment_Returns400AndChangesNothing(string move)
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor2");
        using var editor = await app.ApiClientAsync("editor");
        var id = (await CreateAsync(contributor, Article())).GetProperty("id").GetInt32();
        await MoveAsync(contributor, id, "submit");

        var problem = await (await editor.PostAsJsonAsync($"/api/submissions/{id}/{move}", new { comment = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("请填写意见", problem.GetProperty("errors").GetProperty("comment")[0].GetString());
        Assert.Equal("Submitted", (await editor.GetJsonAsync($"/api/submissions/{id}")).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task ForeignUnitArticle_Answers404OnEveryEndpoint()
    {
        RequireDatabase();
        using var owner = await app.ApiClientAsync("contributor");
        using var stranger = await app.ApiClientAsync("contributor2");
        var id = (await CreateAsync(owner, Article())).GetProperty("id").GetInt32();
        using var png = new ByteArrayContent(TestImages.Png(20, 20));

        await (await stranger.GetAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PutAsJsonAsync($"/api/submissions/{id}", new { title = "x", paragraphs = new[] { "y" }, version = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/submissions/{id}/withdraw", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/submissions/{id}/diff?from=1&to=1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/submissions/{id}/photos/1")).AssertProblemAsync(HttpStatusCode.NotFound);
        using var form = new MultipartFormDataContent { { png, "file", "a.png" } };
        await (await stranger.PostAsync($"/api/submissions/{id}/photos", form)).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await stranger.GetJsonAsync("/api/submissions");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);

        using var reader = await app.ApiClientAsync("reader");
        await (await reader.GetAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task JointArticle_IsVisibleToEachNamedUnit()
    {
        RequireDatabase();
        using var owner = await app.ApiClientAsync("contributor");
        using var partner = await app.ApiClientAsync("contributor2");
        var units = new[] { await UnitAsync(owner, "城投集团"), await UnitAsync(owner, "产发集团") };
        var created = await CreateAsync(owner, Article("两集团联合开展志愿服务", unitIds: units));
        Assert.Equal("【供稿：城投集团 产发集团 林小禾】", created.GetProperty("creditLine").GetString());
        var id = created.GetProperty("id").GetInt32();
        await MoveAsync(owner, id, "submit");

        var seen = await partner.GetJsonAsync($"/api/submissions/{id}");
        Assert.Equal(["城投集团", "产发集团"], seen.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("shortName").GetString()));
    }

    public static TheoryData<string, object, string> BadArticles() => new()
    {
        { "empty title", new { title = "", paragraphs = new[] { "正文。" } }, "title" },
        { "no paragraphs", new { title = "标题", paragraphs = new[] { " ", "" } }, "paragraphs" },
        { "long title", new { title = new string('长', 101), paragraphs = new[] { "正文。" } }, "title" },
        { "far future", new { title = "标题", paragraphs = new[] { "正文。" }, eventDate = JianxunApplicationFactory.Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, "eventDate" },
        { "unknown column", new { title = "标题", paragraphs = new[] { "正文。" }, columnHint = 999999 }, "columnHint" },
        { "foreign unit only", new { title = "标题", paragraphs = new[] { "正文。" }, unitIds = new[] { 5 } }, "unitIds" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadArticles))]
    public async Task Create_BadInput_Returns400WithChineseMessageAndSavesNothing(string _, object article, string field)
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var before = (await api.GetJsonAsync("/api/submissions?mine=true&status=Draft")).GetProperty("total").GetInt32();
        var problem = await (await api.PostAsJsonAsync("/api/submissions", article)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
        Assert.Equal(before, (await api.GetJsonAsync("/api/submissions?mine=true&status=Draft")).GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public async Task Markup_InTitleAndBody_IsShownEscapedOnEveryPage()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = (await CreateAsync(api, Article("<script>alert('标题')</script>", paragraphs: ["<img src=x onerror=alert(1)>正文"]))).GetProperty("id").GetInt32();
        using var page = await app.LoginAsync("contributor");
        foreach (var path in new[] { $"/submissions/{id}", "/submissions", "/", $"/submissions/write/{id}" })
        {
            var html = await page.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
        }
        Assert.Contains("&lt;script&gt;alert(&#x27;标题&#x27;)&lt;/script&gt;", await page.GetStringAsync($"/submissions/{id}"));
    }

    [SkippableFact]
    public async Task Photo_RealPng_IsStoredAndServedBack()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = (await CreateAsync(api, Article())).GetProperty("id").GetInt32();
        var bytes = TestImages.Png(64, 48);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "现场.jpg" }, { new StringContent("检查组在工地现场"), "caption" } };

        var photo = (await (await api.PostAsync($"/api/submissions/{id}/photos", form)).JsonAsync(HttpStatusCode.Created))[0];
        Assert.Equal("image/png", photo.GetProperty("contentType").GetString());
        Assert.Equal(64, photo.GetProperty("width").GetInt32());
        Assert.Equal("检查组在工地现场", photo.GetProperty("caption").GetString());

        // Stored re-encoded (ADR-016): the same picture and size, not the same bytes.
        var served = await api.GetByteArrayAsync($"/api/submissions/{id}/photos/{photo.GetProperty("id").GetInt32()}");
        Assert.Equal(new Jianxun.Publishing.ImageInfo(64, 48, "image/png"), Jianxun.Publishing.ImageInfo.Read(served));
    }

    [SkippableFact]
    public async Task Photo_FakeImage_Returns400AndStoresNothing()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = (await CreateAsync(api, Article())).GetProperty("id").GetInt32();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("this is not a picture"u8.ToArray()), "file", "photo.jpg" } };
        var problem = await (await api.PostAsync($"/api/submissions/{id}/photos", form)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JPEG 或 PNG", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("photos").GetArrayLength());
    }

    [SkippableFact]
    public async Task Photo_50MegabyteUpload_IsRefusedWithClearMessage()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = (await CreateAsync(api, Article())).GetProperty("id").GetInt32();
        var big = new byte[50 * 1024 * 1024];
        TestImages.Png(10, 10).CopyTo(big, 0);
        using var file = new ByteArrayContent(big);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "huge.png" } };
        using var response = await api.PostAsync($"/api/submissions/{id}/photos", form);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, response.StatusCode.ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("10 MB", problem.ToString());
        Assert.Equal(0, (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("photos").GetArrayLength());
    }

    [SkippableFact]
    public async Task List_EditorQueue_IsOldestFirstAndFilterable()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var queue = await editor.GetJsonAsync("/api/submissions?status=Submitted");
        var submittedAt = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("submittedAt").GetDateTime()).ToList();
        Assert.NotEmpty(submittedAt);
        Assert.Equal(submittedAt.Order(), submittedAt);

        var unit = await UnitAsync(editor, "产发集团");
        var filtered = await editor.GetJsonAsync($"/api/submissions?status=Submitted&unitId={unit}");
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Contains("产发集团", i.GetProperty("units").GetString()));

        await (await editor.GetAsync("/api/submissions?status=Bogus")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task DemoData_HasArticlesInEveryWorkflowState()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        foreach (var status in new[] { "Submitted", "Adopted", "Returned", "Declined" })
        {
            Assert.True((await editor.GetJsonAsync($"/api/submissions?status={status}")).GetProperty("total").GetInt32() > 0, status);
        }
        // Articles that have not reached the office are seen by their unit (awaiting unit review) or, never sent, by their
        // writer alone (the demo's withdrawn draft): the draft rule, docs/security/input.md.
        using var reviewer = await app.ApiClientAsync("reviewer");
        Assert.True((await reviewer.GetJsonAsync("/api/submissions?status=AwaitingUnitReview")).GetProperty("total").GetInt32() > 0);
        var withdrawn = 0;
        foreach (var writer in new[] { "contributor", "contributor2", "reviewer" })
        {
            using var api = await app.ApiClientAsync(writer);
            withdrawn += (await api.GetJsonAsync("/api/submissions?status=Withdrawn")).GetProperty("total").GetInt32();
        }
        Assert.True(withdrawn > 0, "Withdrawn");
        using var contributor = await app.ApiClientAsync("contributor");
        Assert.True((await contributor.GetJsonAsync("/api/submissions?status=Draft")).GetProperty("total").GetInt32() > 0);
    }

    [SkippableFact]
    public async Task Call_EditorAsksUnits_SeesWhoAnswered()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var contributor = await app.ApiClientAsync("contributor2");
        var units = new[] { await UnitAsync(editor, "产发集团"), await UnitAsync(editor, "水务集团") };
        var call = await (await editor.PostAsJsonAsync("/api/calls", new
        {
            topic = "一季度经营亮点",
            deadline = JianxunApplicationFactory.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            unitIds = units,
        })).JsonAsync(HttpStatusCode.Created);
        var callId = call.GetProperty("id").GetInt32();
        Assert.Contains((await contributor.GetJsonAsync("/api/calls?openOnly=true")).EnumerateArray(), c => c.GetProperty("id").GetInt32() == callId);

        var id = (await (await contributor.PostAsJsonAsync("/api/submissions", new { title = "产发集团一季度营收增长", paragraphs = new[] { "一季度营收同比增长12%。" }, callId }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await MoveAsync(contributor, id, "submit");

        var status = await editor.GetJsonAsync($"/api/calls/{callId}");
        Assert.Equal(1, status.GetProperty("answered").GetInt32());
        Assert.Equal(1, status.GetProperty("notAnswered").GetInt32());
        var water = status.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("shortName").GetString() == "水务集团");
        Assert.Equal(0, water.GetProperty("submissionIds").GetArrayLength());

        using var other = await app.ApiClientAsync("contributor");
        await (await other.GetAsync($"/api/calls/{callId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteSubmissionsTests(SqliteApp app) : SubmissionsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSubmissionsTests(PostgresApp app) : SubmissionsTests(app), IClassFixture<PostgresApp>;
