using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// One issue, one rendering (ADR-025): the web page, the compile page's preview, the archive view and the HTML file show
/// the same content structure, on each database; the HTML file stands alone.
/// </summary>
public abstract class IssueViewsTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    /// <summary>
    /// The issue element's content as an outline: each element's name and classes, each text run, in document order.
    /// Photo addresses (an API link on a page, a data: URI in the file) and search marks are left out.
    /// </summary>
    internal static string Outline(IDocument document)
    {
        var issues = document.QuerySelectorAll("article.jx-issue");
        Assert.Single(issues);
        var sb = new StringBuilder();
        var text = new StringBuilder();
        void Flush(int depth)
        {
            if (text.ToString().Trim() is { Length: > 0 } run)
            {
                sb.Append(' ', depth).Append('"').Append(run).Append("\"\n");
            }

            text.Clear();
        }

        void Walk(INode node, int depth)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IElement { LocalName: "mark" } mark)
                {
                    Walk(mark, depth); // a mark's text continues the run around it
                }
                else if (child is IElement e)
                {
                    Flush(depth);
                    sb.Append(' ', depth).Append(e.LocalName);
                    if (e.ClassName is { Length: > 0 } cls)
                    {
                        sb.Append('.').Append(cls.Replace(' ', '.'));
                    }

                    sb.Append('\n');
                    Walk(e, depth + 1);
                    Flush(depth + 1);
                }
                else if (child.NodeType == NodeType.Text)
                {
                    text.Append(child.TextContent);
                }
            }
        }

        Walk(issues[0], 0);
        Flush(0);
        return sb.ToString();
    }

    internal static void AssertSelfContained(IDocument file)
    {
        Assert.NotNull(file.QuerySelector("head > style"));
        Assert.Empty(file.QuerySelectorAll("link, script, iframe, object, embed, base"));
        Assert.All(file.All.SelectMany(e => e.Attributes).Where(a => a.Name is "src" or "href" or "srcset" or "action" or "poster"),
            a => Assert.StartsWith("data:image/", a.Value, StringComparison.Ordinal));
    }

    private static async Task<IDocument> GetDocumentAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> PublishedIssueAsync(HttpClient client, string source)
    {
        using var response = await client.GetAsync("/api/archive?source=" + source);
        var list = await response.JsonAsync();
        return list.EnumerateArray().First().GetProperty("id").GetInt32();
    }

    [SkippableFact]
    public async Task EveryView_OfAPublishedIssue_ShowsTheSameContentStructure()
    {
        RequireDatabase();
        using var editor = await app.LoginAsync("editor");
        var id = await PublishedIssueAsync(editor, "Compiled");

        var file = await GetDocumentAsync(editor, $"/api/issues/{id}/html");
        var expected = Outline(file);

        Assert.Contains("jx-title", expected, StringComparison.Ordinal);
        Assert.Contains("jx-credit", expected, StringComparison.Ordinal);
        Assert.Equal(expected, Outline(await GetDocumentAsync(editor, $"/issues/{id}/preview?read=1")));
        Assert.Equal(expected, Outline(await GetDocumentAsync(editor, $"/issues/{id}/preview")));
        Assert.Equal(expected, Outline(await GetDocumentAsync(editor, $"/archive/{id}")));
        using var reader = await app.LoginAsync("reader");
        Assert.Equal(expected, Outline(await GetDocumentAsync(reader, $"/archive/{id}")));
        AssertSelfContained(file);
    }

    [SkippableFact]
    public async Task ArchiveView_OfAnImportedIssue_IsItsHtmlFile_WithTheSearchWordsMarkedAndTheSourceLinked()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        using var form = ArchiveBulletins.Upload(ArchiveBulletins.Text(61, 661, "聂远舟"), "2023-61.txt");
        var preview = await (await api.PostAsync("/api/imports/preview", form)).JsonAsync();
        using var commit = await api.PostAsJsonAsync("/api/imports", new
        {
            pendingToken = preview.GetProperty("pendingToken").GetString(),
            seriesId = preview.GetProperty("seriesId").GetInt32(),
            year = 2023,
            number = 61,
            totalNumber = 661,
            date = preview.GetProperty("date").GetString(),
            sections = preview.GetProperty("sections"),
        });
        var id = (await commit.JsonAsync(HttpStatusCode.Created)).GetProperty("issueId").GetInt32();
        using var reader = await app.LoginAsync("reader");

        var page = await GetDocumentAsync(reader, $"/archive/{id}?q={Uri.EscapeDataString("安全生产")}");
        var file = await GetDocumentAsync(reader, $"/api/issues/{id}/html");

        Assert.Equal(Outline(file), Outline(page));
        // The phrase and its words, as the search marks them.
        var marks = page.QuerySelectorAll(".jx-issue mark").Select(m => m.TextContent).ToList();
        Assert.Contains("安全生产", marks);
        Assert.All(marks, m => Assert.Contains(m, new[] { "安全生产", "安全", "生产" }));
        Assert.Empty(file.QuerySelectorAll("mark"));
        Assert.All(page.QuerySelectorAll(".jx-column"), c => Assert.NotEmpty(c.QuerySelectorAll(".jx-article, .jx-brief")));
        Assert.Equal(["1、", "2、"], page.QuerySelectorAll(".jx-brief").Select(b => b.TextContent.Trim()[..2]));
        Assert.Empty(page.QuerySelectorAll(".jx-issue ol, .jx-issue li"));
        Assert.Equal("【供稿：城投集团 林小禾】", page.QuerySelector(".jx-credit")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='/archive/{id}/source']"));
        Assert.NotNull(page.QuerySelector($"a[href='/api/issues/{id}/html']"));
        var firstItem = page.QuerySelector(".jx-article")!.Id;
        Assert.Matches("^item-\\d+$", firstItem);
        Assert.Equal("城投集团召开安全生产工作会议", page.QuerySelector($"#{firstItem} .jx-title")!.TextContent);
        Assert.NotNull(page.QuerySelector($"link[rel=stylesheet][href^='/css/issue.css']"));
        AssertSelfContained(file);

        // A query that does not parse marks nothing and is no error.
        var bad = await GetDocumentAsync(reader, $"/archive/{id}?q={Uri.EscapeDataString(new string('"', 3) + new string('x', 3000))}");
        Assert.Equal(Outline(file), Outline(bad));
    }

    [SkippableFact]
    public async Task IssueStylesheet_IsServedFromTheOneSource()
    {
        RequireDatabase();
        using var reader = await app.LoginAsync("reader");

        var served = await reader.GetStringAsync("/css/issue.css");

        Assert.Equal(Jianxun.Publishing.HtmlIssueRenderer.Stylesheet, served);
    }
}

public sealed class SqliteIssueViewsTests(SqliteApp app) : IssueViewsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIssueViewsTests(PostgresApp app) : IssueViewsTests(app), IClassFixture<PostgresApp>;

/// <summary>The archive view, the web page and the HTML file in a real browser: the bulletin's look, the hit marked.</summary>
public sealed class IssueViewsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Red = "rgb(230, 0, 18)";

    private static async Task AssertLooksPrintedAsync(Microsoft.Playwright.IPage page, string view)
    {
        var look = await page.EvaluateAsync<string[]>("""
            () => {
              const s = sel => getComputedStyle(document.querySelector(sel));
              const title = s('.jx-title');
              return [s('.jx-series').color, title.textAlign, title.getPropertyValue('text-wrap-style') || title.getPropertyValue('text-wrap'),
                      s('.jx-credit').textAlign, s('.jx-issuer-line').justifyContent];
            }
            """);
        Assert.True(look is [Red, "center", var wrap, "right", "space-between"] && wrap.Contains("balance", StringComparison.Ordinal),
            $"{view}: {string.Join(" | ", look)}");
    }

    [SkippableFact]
    public async Task ArchiveView_WebPage_AndHtmlFile_LookLikeThePrintedIssue()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseUrl;
        var context = await browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.GetByLabel("用户名").FillAsync("reader");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        var list = await (await page.APIRequest.GetAsync(baseUrl + "/api/archive?source=Compiled")).JsonAsync();
        var id = list!.Value.EnumerateArray().First().GetProperty("id").GetInt32();

        await page.GotoAsync($"{baseUrl}/archive/{id}");
        var word = (await page.Locator(".jx-title").First.InnerTextAsync())[..4];
        await page.GotoAsync($"{baseUrl}/archive/{id}?q={Uri.EscapeDataString(word)}");
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".jx-title mark").First).ToHaveTextAsync(word);
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=pdf-download]")).ToBeVisibleAsync();
        await AssertLooksPrintedAsync(page, "archive");

        await page.GotoAsync($"{baseUrl}/issues/{id}/preview?read=1");
        await AssertLooksPrintedAsync(page, "web page");

        // The HTML file, opened on its own, loads nothing from anywhere.
        var html = await (await page.APIRequest.GetAsync($"{baseUrl}/api/issues/{id}/html")).TextAsync();
        var file = await context.NewPageAsync();
        var requests = new List<string>();
        file.Request += (_, r) => requests.Add(r.Url);
        await file.SetContentAsync(html);
        await AssertLooksPrintedAsync(file, "HTML file");
        Assert.All(requests, url => Assert.StartsWith("data:", url, StringComparison.Ordinal));
        var shots = Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS");
        if (shots is { Length: > 0 })
        {
            await page.GotoAsync($"{baseUrl}/archive/{id}?q={Uri.EscapeDataString(word)}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "archive-issue.png"), FullPage = true });
            await file.ScreenshotAsync(new() { Path = Path.Combine(shots, "issue-html-file.png"), FullPage = true });
        }
    }
}
