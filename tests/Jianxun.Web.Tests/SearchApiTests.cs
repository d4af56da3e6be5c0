using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;
using Microsoft.Playwright;

namespace Jianxun.Web.Tests;

internal static class SearchImports
{
    /// <summary>Imports an invented bulletin naming <paramref name="person"/> (in two articles) through the API.</summary>
    public static async Task ImportAsync(HttpClient editor, int number, string person)
    {
        using var form = ArchiveBulletins.Upload(ArchiveBulletins.Text(number, 300 + number, person), $"2023-{number}.txt");
        var preview = await (await editor.PostAsync("/api/imports/preview", form)).JsonAsync();
        using var commit = await JianxunApplicationFactory.CommitImportAsync(editor, preview);
        await commit.JsonAsync(HttpStatusCode.Created);
    }
}

/// <summary>GET /api/search, the search page and the unit page, on each database.</summary>
public abstract class SearchApiTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    [SkippableFact]
    public async Task Search_PersonName_ReturnsArticlesWithMarkedSnippetsAndFacets()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        await SearchImports.ImportAsync(editor, 61, "岑望舒");
        using var reader = await app.ApiClientAsync("reader");

        var result = await reader.GetJsonAsync($"/api/search?q={Uri.EscapeDataString("岑望舒")}");

        Assert.Equal(2, result.GetProperty("total").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i =>
        {
            Assert.True(i.GetProperty("articleId").GetInt32() > 0);
            Assert.True(i.GetProperty("issueId").GetInt32() > 0);
            Assert.Contains("<mark>岑望舒</mark>", i.GetProperty("snippet").GetString(), StringComparison.Ordinal);
            Assert.Equal("2023-03-08", i.GetProperty("date").GetString());
            Assert.Equal("国企动态", i.GetProperty("column").GetString());
            Assert.Equal(JsonValueKind.Array, i.GetProperty("units").ValueKind);
        });
        var facets = result.GetProperty("facets");
        Assert.Contains(facets.GetProperty("persons").EnumerateArray(), p => p.GetProperty("key").GetString() == "岑望舒" && p.GetProperty("count").GetInt32() == 2);
        Assert.Contains(facets.GetProperty("years").EnumerateArray(), p => p.GetProperty("key").GetString() == "2023");
        Assert.Contains(facets.GetProperty("units").EnumerateArray(), p => p.GetProperty("label").GetString() == "城投集团");

        var unit = await reader.GetJsonAsync($"/api/search?q={Uri.EscapeDataString("岑望舒")}&unit={Uri.EscapeDataString("产发集团")}&from=2023-01-01&to=2023-12-31&source=imported&sort=date&page=1&pageSize=1");
        Assert.Equal(1, unit.GetProperty("total").GetInt32());
        Assert.Equal("产发集团召开季度经营分析会", unit.GetProperty("items")[0].GetProperty("title").GetString());

        using var browser = await app.LoginAsync("reader");
        var html = await browser.GetStringAsync($"/search?q={Uri.EscapeDataString("岑望舒")}");
        Assert.Contains("<mark>岑望舒</mark>", html, StringComparison.Ordinal);
        Assert.Contains($"/people/{Uri.EscapeDataString("岑望舒")}", html, StringComparison.Ordinal);
        var unitId = facets.GetProperty("units").EnumerateArray().First(u => u.GetProperty("label").GetString() == "城投集团").GetProperty("key").GetString();
        var unitPage = await browser.GetStringAsync($"/units/{unitId}");
        Assert.Contains("城投集团", unitPage, StringComparison.Ordinal);
        Assert.Contains("2023-03", unitPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Search_BadInput_IsAChineseProblemOrAResultNeverAServerError()
    {
        RequireDatabase();
        using var reader = await app.ApiClientAsync("reader");
        foreach (var q in new[] { "", "的", new string('国', 10_000), "*", "\"" })
        {
            var problem = await (await reader.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Matches("[\u4e00-\u9fff]", problem.GetRawText());
        }
        // Syntax noise around a word the reader's issues hold: still found.
        foreach (var q in new[] { "国资*", "^国资", "(国资", "\"国资" })
        {
            var found = await reader.GetJsonAsync($"/api/search?q={Uri.EscapeDataString(q)}");
            Assert.True(found.GetProperty("total").GetInt32() > 0, $"'{q}' found nothing");
        }
        // Operators of the engines' own syntax: a result (never the engine's error) or a Chinese problem, nothing else.
        foreach (var q in new[] { "NEAR(国资 委)", "title:国资", "-国资 OR", "'; DROP TABLE search_docs; --" })
        {
            using var response = await reader.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var result = await response.JsonAsync();
                Assert.True(result.GetProperty("total").GetInt32() >= result.GetProperty("items").GetArrayLength(), q);
            }
            else
            {
                var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
                Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("title").GetString());
            }
        }
        await (await reader.GetAsync("/api/search?q=a&pageSize=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await reader.GetAsync("/api/search?q=a&from=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
        using var browser = await app.LoginAsync("reader");
        var page = await browser.GetStringAsync($"/search?q={Uri.EscapeDataString("的")}");
        Assert.Contains("常用字", page, StringComparison.Ordinal);
        using var anonymous = app.CreateAnonymousClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/search?q=a")).StatusCode);
    }
}

public sealed class SqliteSearchApiTests(SqliteApp app) : SearchApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSearchApiTests(PostgresApp app) : SearchApiTests(app), IClassFixture<PostgresApp>;

/// <summary>A reader searches a name in Chromium, opens the person page from the facet, and follows an article.</summary>
public sealed class SearchBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task Reader_SearchesName_OpensPersonPage_FollowsArticle()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        // The Kestrel server of the browser fixture is reached with a plain client and a bearer token.
        var baseUrl = app.BaseUrl;
        using (var editor = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            using var token = await editor.PostAsJsonAsync("/api/auth/token", new { userName = "editor", password = JianxunApplicationFactory.DemoPassword });
            var accessToken = (await token.JsonAsync()).GetProperty("accessToken").GetString();
            editor.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
            await SearchImports.ImportAsync(editor, 62, "聂慕远");
        }
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(baseUrl + "/account/login");
        await page.GetByLabel("用户名").FillAsync("reader");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByTestId("search-link").ClickAsync();
        await page.GetByTestId("search-q").FillAsync("聂慕远");
        await page.GetByTestId("search-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("search-hit")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("search-hit").First.Locator("mark")).ToHaveTextAsync("聂慕远");

        await page.GetByTestId("facet-person").GetByTestId("person-page-link").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-name")).ToHaveTextAsync("聂慕远");
        await page.GetByTestId("person-mentions").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("archive-issue")).ToBeVisibleAsync();
    }
}
