using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>Issue 15, item 7 (ADR-017): bad input anywhere is a Chinese 4xx, never a 500.</summary>
public abstract class BadInputTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static bool IsChinese(string? text) => text is not null && text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    [SkippableFact]
    public async Task CreateSubmission_FortyThousandUnitIds_Returns400NamingTheLimit()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsJsonAsync("/api/submissions", new { title = "标题", paragraphs = new[] { "正文。" }, unitIds = Enumerable.Range(1, 40000) });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("最多 1000 个", problem.GetProperty("errors").GetProperty("unitIds")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UpdateIssue_FortyThousandReaderUnitIds_Returns400NamingTheLimit()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        var seriesId = (await api.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await (await api.PostAsJsonAsync("/api/issues", new { seriesId })).JsonAsync(HttpStatusCode.Created);
        using var response = await api.PutAsJsonAsync($"/api/issues/{issue.GetProperty("id").GetInt32()}", new
        {
            version = issue.GetProperty("version").GetInt32(),
            readerUnitIds = Enumerable.Range(1, 40000),
        });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("最多 1000 个", problem.GetProperty("errors").GetProperty("readerUnitIds")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateCall_FortyThousandUnitIds_Returns400()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        using var response = await api.PostAsJsonAsync("/api/calls", new { topic = "约稿", deadline = "2099-01-01", unitIds = Enumerable.Range(1, 40000) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [InlineData("/api/submissions?page=2147483647")]
    [InlineData("/api/submissions?page=0")]
    [InlineData("/api/audit?page=-1")]
    public async Task List_PageOutOfBounds_Returns400(string path)
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("admin");
        var problem = await (await api.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("页码", problem.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ListSubmissions_PageBeyondTheEnd_ReturnsAnEmptyPage()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        var page = await api.GetJsonAsync("/api/submissions?page=9999");
        Assert.Equal(9999, page.GetProperty("page").GetInt32());
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [SkippableFact]
    public async Task AuditPage_BadPageNumber_ShowsTheChinese400Page()
    {
        RequireDatabase();
        using var client = await app.LoginAsync("admin");
        using var response = await client.GetAsync("/admin/audit?page=2147483647");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("页码应为 1 到 10000 之间的整数", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/archive/999999/source")]
    [InlineData("/api/archive/999999/source")]
    public async Task ArchiveSource_Missing_Returns404(string path)
    {
        RequireDatabase();
        using var client = await app.LoginAsync("reader");
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(IsChinese(await response.Content.ReadAsStringAsync()));
    }

    [SkippableFact]
    public async Task CreateSubmission_MalformedJson_Returns400InChinese()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsync("/api/submissions", new StringContent("{\"title\": \"标题\", ", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(IsChinese(problem.GetProperty("title").GetString()));
        Assert.True(IsChinese(problem.GetProperty("detail").GetString()));
    }

    [SkippableFact]
    public async Task CreateSubmission_WrongType_Returns400InChinese()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsync("/api/submissions", new StringContent("{\"title\": 5, \"unitIds\": \"x\"}", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(IsChinese(problem.GetProperty("title").GetString()));
    }

    [SkippableFact]
    public async Task ListSubmissions_QueryValueOfWrongType_Returns400InChinese()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var problem = await (await api.GetAsync("/api/submissions?page=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(IsChinese(problem.GetProperty("title").GetString()));
    }

    [SkippableFact]
    public async Task CreateSubmission_PlainTextBody_Returns415InChinese()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsync("/api/submissions", new StringContent("标题", Encoding.UTF8, "text/plain"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.True(IsChinese(problem.GetProperty("title").GetString()));
    }

    [SkippableFact]
    public async Task UnknownApiPath_Returns404InChinese()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var problem = await (await api.GetAsync("/api/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True(IsChinese(problem.GetProperty("title").GetString()));
    }

    [SkippableFact]
    public async Task WritePage_TitleWithBidiOverride_ShowsTheChinese400PageNamingTheField()
    {
        RequireDatabase();
        using var client = await app.LoginAsync("contributor");
        using var response = await JianxunApplicationFactory.PostFormAsync(client, "/submissions/write", new Dictionary<string, string>
        {
            ["Form.Title"] = "城投集团\u202E召开会议",
            ["Form.Body"] = "正文。",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {response.Headers.Location} {html}");
        Assert.Contains("202E", html, StringComparison.Ordinal); // the page encodes "+" as &#x2B;
        Assert.Contains("标题", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Search_QueryWithNul_Returns400()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        var problem = await (await api.GetAsync("/api/search?q=%00%E5%9B%BD%E8%B5%84")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("搜索词", problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteBadInputTests(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBadInputTests(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;
