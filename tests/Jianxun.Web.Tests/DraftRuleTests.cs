using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 15, item 8 (docs/security/input.md): a draft is its writer's alone; once sent, its unit's reviewer; the office
/// once it reaches the editors. A call is answered only by the units it was sent to.
/// </summary>
public abstract class DraftRuleTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<int> DraftAsync(HttpClient writer, string title = "城投集团召开安全生产工作会议", int? callId = null)
        => (await (await writer.PostAsJsonAsync("/api/submissions", new { title, paragraphs = new[] { "近日，城投集团召开会议。" }, callId }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static MultipartFormDataContent Photo()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(40, 30));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        return form;
    }

    [SkippableTheory]
    [InlineData("contributor2", false)] // another unit, before and after sending
    [InlineData("contributor2", true)]
    [InlineData("reader", true)]
    [InlineData("reviewer", false)] // a colleague of the unit, before sending
    [InlineData("editor", false)] // the office, before it reaches them
    public async Task SomeoneElsesArticle_ItsPagesAnswer404InChinese_AndShowNothingOfIt(string other, bool sent)
    {
        RequireDatabase();
        const string title = "城投集团页面越权测试稿件";
        using var writer = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(writer, title);
        if (sent)
        {
            (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).EnsureSuccessStatusCode();
        }

        using var browser = await app.LoginAsync(other);
        foreach (var path in new[] { $"/submissions/{id}", $"/submissions/{id}/diff?from=1&to=1", $"/submissions/write/{id}", $"/submissions/{id}/score-events" })
        {
            using var response = await browser.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path} as {other}: {(int)response.StatusCode}");
            Assert.DoesNotContain(title, html, StringComparison.Ordinal);
            Assert.Matches("[\u4e00-\u9fff]", html);
        }
        // The article's own pages are 404, like an unknown article's, so they tell nothing of its existence.
        using var details = await browser.GetAsync($"/submissions/{id}");
        using var unknown = await browser.GetAsync("/submissions/987654");
        Assert.Equal(unknown.StatusCode, details.StatusCode);

        using var own = await app.LoginAsync("contributor");
        Assert.Contains(title, await own.GetStringAsync($"/submissions/{id}"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("reviewer")]
    [InlineData("editor")]
    [InlineData("signer")]
    [InlineData("admin")]
    public async Task ColleaguesDraft_OthersSeeAndChangeNothing_404Everywhere(string other)
    {
        RequireDatabase();
        using var writer = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(writer);
        using var photo = Photo();
        (await writer.PostAsync($"/api/submissions/{id}/photos", photo)).EnsureSuccessStatusCode();
        await writer.PutAsJsonAsync($"/api/submissions/{id}", new { title = "城投集团召开安全生产会议", paragraphs = new[] { "第二版。" }, version = 2 });

        using var api = await app.ApiClientAsync(other);
        await (await api.GetAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/submissions/{id}/diff?from=1&to=2")).AssertProblemAsync(HttpStatusCode.NotFound);
        var photos = (await writer.GetJsonAsync($"/api/submissions/{id}")).GetProperty("photos");
        await (await api.GetAsync($"/api/submissions/{id}/photos/{photos[0].GetProperty("id").GetInt32()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.PutAsJsonAsync($"/api/submissions/{id}", new { title = "改", paragraphs = new[] { "改。" }, version = 3 })).AssertProblemAsync(HttpStatusCode.NotFound);
        using var otherPhoto = Photo();
        await (await api.PostAsync($"/api/submissions/{id}/photos", otherPhoto)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsJsonAsync($"/api/submissions/{id}/withdraw", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await api.GetJsonAsync("/api/submissions?status=Draft");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == id);

        // The writer still has it all.
        Assert.Equal("Draft", (await writer.GetJsonAsync($"/api/submissions/{id}")).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task SentForUnitReview_ReviewerSeesIt_OfficeOnlyOnceItReachesThem()
    {
        RequireDatabase();
        using var writer = await app.ApiClientAsync("contributor");
        using var reviewer = await app.ApiClientAsync("reviewer");
        using var editor = await app.ApiClientAsync("editor");
        var id = await DraftAsync(writer, "城投集团推进项目建设");
        Assert.Equal("AwaitingUnitReview", (await (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).JsonAsync()).GetProperty("status").GetString());

        Assert.Equal("AwaitingUnitReview", (await reviewer.GetJsonAsync($"/api/submissions/{id}")).GetProperty("status").GetString());
        await (await editor.GetAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/unit-approve", new { })).JsonAsync();
        Assert.Equal("Submitted", (await editor.GetJsonAsync($"/api/submissions/{id}")).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task ReturnedArticle_OnlyItsWriterMayChangeOrResubmitIt()
    {
        RequireDatabase();
        using var writer = await app.ApiClientAsync("contributor");
        using var reviewer = await app.ApiClientAsync("reviewer");
        var id = await DraftAsync(writer, "城投集团开展主题活动");
        await (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).JsonAsync();
        var returned = await (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/unit-return", new { comment = "请补充数据。" })).JsonAsync();
        Assert.Equal("Returned", returned.GetProperty("status").GetString());

        // The reviewer is also a contributor of the unit, but not the writer.
        Assert.False((await reviewer.GetJsonAsync($"/api/submissions/{id}")).GetProperty("canEdit").GetBoolean());
        await (await reviewer.PutAsJsonAsync($"/api/submissions/{id}", new { title = "改", paragraphs = new[] { "改。" }, version = returned.GetProperty("version").GetInt32() }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/withdraw", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).JsonAsync();
    }

    [SkippableFact]
    public async Task AnotherUnitsReviewer_CannotUnitApproveOrUnitReturn()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var units = (await admin.GetJsonAsync("/api/units")).EnumerateArray().ToList();
        var otherUnit = units.First(u => u.GetProperty("shortName").GetString() == "产发集团").GetProperty("id").GetInt32();
        await (await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "reviewer-chanfa",
            displayName = "何审核",
            unitId = otherUnit,
            roles = new[] { "UnitReviewer", "Contributor" },
            password = JianxunApplicationFactory.DemoPassword,
        })).JsonAsync(HttpStatusCode.Created);

        using var writer = await app.ApiClientAsync("contributor");
        using var stranger = await app.ApiClientAsync("reviewer-chanfa");
        var id = await DraftAsync(writer, "城投集团召开年度工作会议");
        await (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).JsonAsync();

        foreach (var move in new[] { "unit-approve", "unit-return" })
        {
            using var response = await stranger.PostAsJsonAsync($"/api/submissions/{id}/{move}", new { comment = "不同意。" });
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{move}: {(int)response.StatusCode}");
        }
        Assert.Equal("AwaitingUnitReview", (await writer.GetJsonAsync($"/api/submissions/{id}")).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task PublishedArticle_CannotBeChangedThroughTheApi()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var published = (await editor.GetJsonAsync("/api/submissions?status=Published")).GetProperty("items")[0].GetProperty("id").GetInt32();
        var current = await editor.GetJsonAsync($"/api/submissions/{published}");
        var version = current.GetProperty("version").GetInt32();

        await (await editor.PutAsJsonAsync($"/api/submissions/{published}", new { title = "改", paragraphs = new[] { "改。" }, version })).AssertProblemAsync(HttpStatusCode.Conflict);
        using var photo = Photo();
        await (await editor.PostAsync($"/api/submissions/{published}/photos", photo)).AssertProblemAsync(HttpStatusCode.Conflict);
        foreach (var move in new[] { "submit", "withdraw", "return", "adopt" })
        {
            using var response = await editor.PostAsJsonAsync($"/api/submissions/{published}/{move}", new { comment = "意见。", columnId = 1 });
            Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden, $"{move}: {(int)response.StatusCode}");
        }
        Assert.Equal(version, (await editor.GetJsonAsync($"/api/submissions/{published}")).GetProperty("version").GetInt32());
    }

    [SkippableFact]
    public async Task AnswerCall_NotSentToTheUnit_AnswersExactlyLikeAnUnknownCall()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var units = (await editor.GetJsonAsync("/api/units")).EnumerateArray().ToList();
        var chanfa = units.First(u => u.GetProperty("shortName").GetString() == "产发集团").GetProperty("id").GetInt32();
        var callId = (await (await editor.PostAsJsonAsync("/api/calls", new { topic = "一季度经营情况", deadline = "2099-12-31", unitIds = new[] { chanfa } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        using var outsider = await app.ApiClientAsync("contributor");
        using var foreign = await outsider.PostAsJsonAsync("/api/submissions", new { title = "城投集团经营情况", paragraphs = new[] { "正文。" }, callId });
        using var unknown = await outsider.PostAsJsonAsync("/api/submissions", new { title = "城投集团经营情况", paragraphs = new[] { "正文。" }, callId = 987654 });
        var a = await foreign.AssertProblemAsync(HttpStatusCode.BadRequest);
        var b = await unknown.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(b.GetProperty("errors").GetRawText(), a.GetProperty("errors").GetRawText());

        using var invited = await app.ApiClientAsync("contributor2");
        await DraftAsync(invited, "产发集团一季度经营情况", callId);
    }
}

public sealed class SqliteDraftRuleTests(SqliteApp app) : DraftRuleTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDraftRuleTests(PostgresApp app) : DraftRuleTests(app), IClassFixture<PostgresApp>;
