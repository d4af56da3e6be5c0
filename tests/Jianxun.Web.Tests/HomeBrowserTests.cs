using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 17 in a real browser: each role's home page is its work list (point 4), the layout on a desk and on a phone
/// (point 7), help and favicon (point 12). With JIANXUN_SCREENSHOTS=docs/images the phone and desk test writes the
/// README's screenshots.
/// </summary>
public sealed partial class HomeBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Desk = 1366, Phone = 390;

    private async Task<IPage> LoginAsync(IBrowser browser, string userName, int width)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = width == Phone ? 844 : 900 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        return page;
    }

    /// <summary>A program's client of the browser's server (Kestrel): a bearer token, no cookies.</summary>
    private async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName, password = JianxunApplicationFactory.DemoPassword })).JsonAsync();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>An issue waiting for the signer, compiled through the API as the editor's page would.</summary>
    private async Task<int> IssueAwaitingSignOffAsync()
    {
        using var editor = await ApiClientAsync("editor");
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await (await editor.PostAsJsonAsync("/api/issues", new { seriesId })).JsonAsync(System.Net.HttpStatusCode.Created);
        var article = (await editor.GetJsonAsync("/api/issues/available-articles")).EnumerateArray()
            .First(a => a.GetProperty("columnId").ValueKind == JsonValueKind.Number);
        var section = issue.GetProperty("sections").EnumerateArray().First(s => s.GetProperty("columnId").GetInt32() == article.GetProperty("columnId").GetInt32());
        var id = issue.GetProperty("id").GetInt32();
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new
        {
            version = issue.GetProperty("version").GetInt32(),
            sections = new[] { new { sectionId = section.GetProperty("id").GetInt32(), items = new[] { new { submissionId = article.GetProperty("submissionId").GetInt32() } } } },
        })).JsonAsync();
        await (await editor.PostAsJsonAsync($"/api/issues/{id}/submit", new { })).JsonAsync();
        return id;
    }

    [SkippableFact]
    public async Task Home_EachRole_ShowsItsWorkListsWithCountsAndEveryRowOpensItsPage()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var waiting = await IssueAwaitingSignOffAsync();

        (string User, string[] Lists, string Opens)[] roles =
        [
            ("contributor", ["drafts", "returned", "calls", "latest"], "drafts"),
            ("reviewer", ["drafts", "returned", "calls", "unit-review", "latest"], "unit-review"),
            ("editor", ["to-adopt", "to-place", "issues-in-progress", "sent-back", "latest"], "to-adopt"),
            ("signer", ["sign-off", "latest"], "sign-off"),
            ("reader", ["latest"], "latest"),
            ("admin", ["latest"], "latest"),
        ];
        foreach (var (user, lists, opens) in roles)
        {
            var page = await LoginAsync(browser, user, Desk);
            var ids = await page.Locator("section.work-list").EvaluateAllAsync<string[]>("els => els.map(e => e.id)");
            Assert.Equal(lists.Select(l => "panel-" + l), ids);
            foreach (var list in lists)
            {
                var panel = page.GetByTestId("panel-" + list);
                var count = int.Parse(await panel.GetByTestId("panel-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
                var rows = await panel.Locator("ul.rows > li").CountAsync();
                // Every row is one link to a page of the application; the count is the whole list, the rows its first part.
                Assert.Equal(rows, await panel.Locator("ul.rows > li > a.row-link[href^='/']").CountAsync());
                Assert.True(count >= rows && (rows > 0 || count == 0), $"{user} {list}: count {count}, rows {rows}");
                if (list != "latest")
                {
                    Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetByTestId("count-" + list).Locator(".work-count").InnerTextAsync());
                }
            }
            Assert.Equal(user == "admin", await page.GetByTestId("panel-admin").IsVisibleAsync());

            // One click from the list to the thing itself.
            var first = page.GetByTestId("panel-" + opens).Locator(opens == "sign-off" ? $"a.row-link[href='/issues/{waiting}']" : "a.row-link").First;
            var title = await first.InnerTextAsync();
            await first.ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/(submissions|issues)/\d+$"));
            if (opens == "sign-off")
            {
                Assert.EndsWith($"/issues/{waiting}", page.Url, StringComparison.Ordinal);
                await Expect(page.GetByTestId("issue-status")).ToHaveTextAsync("待签发");
            }
            else if (opens == "latest")
            {
                await Expect(page.Locator("h1")).ToContainTextAsync(title);
                await Expect(page.GetByTestId("downloads")).ToBeVisibleAsync();
            }
            else
            {
                await Expect(page.Locator(".print-title").First).ToHaveTextAsync(title);
            }
            await page.Context.CloseAsync();
        }
    }

    [SkippableFact]
    public async Task Layout_AtPhoneAndDeskWidths_MenuFoldsOnAPhoneAndNoPageIsWiderThanTheScreen()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        using var api = await ApiClientAsync("editor");
        var submitted = (await api.GetJsonAsync("/api/submissions?status=Submitted")).GetProperty("items")[0].GetProperty("id").GetInt32();
        var published = (await api.GetJsonAsync("/api/issues?status=Published"))[0].GetProperty("id").GetInt32();
        var waiting = await IssueAwaitingSignOffAsync();
        var shots = Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS");

        // Reading, reviewing and signing, and the lists around them; the file name is the README's screenshot.
        (string User, string Path, string Shot)[] pages =
        [
            ("editor", "/", "home"),
            ("editor", "/submissions", "submissions"),
            ("editor", $"/submissions/{submitted}", "submission"),
            ("editor", "/issues", "issues"),
            ("editor", "/archive", "archive"),
            ("editor", "/search?q=%E9%9B%86%E5%9B%A2", "search"),
            ("editor", "/scores", "ranking"),
            ("editor", "/notifications", "notifications"),
            ("signer", $"/issues/{waiting}", "sign-off"),
            ("reader", "/", "home-reader"),
            ("reader", $"/issues/{published}", "issue-reader"),
            ("reader", "/help", "help"),
        ];
        foreach (var width in new[] { Phone, Desk })
        {
            foreach (var group in pages.GroupBy(p => p.User))
            {
                var page = await LoginAsync(browser, group.Key, width);
                foreach (var (_, path, shot) in group)
                {
                    await page.GotoAsync(path);
                    await Expect(page.Locator("main")).ToBeVisibleAsync();
                    // Wide tables scroll inside themselves; the page itself never scrolls sideways.
                    var (scroll, client) = await WidthsAsync(page);
                    Assert.True(scroll <= client, $"{group.Key} {path} at {width}px is {scroll}px wide");
                    if (shots is { Length: > 0 })
                    {
                        // An issue before publication shows its PDF pages (pdf.js, ADR-026): shot once they are drawn.
                        if (await page.Locator(".pdf-pages").CountAsync() > 0)
                        {
                            await Expect(page.Locator(".pdf-pages[data-rendered-pages]")).ToHaveCountAsync(1);
                        }
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(shots, $"{shot}-{width}.png"), FullPage = width == Desk || shot.StartsWith("home", StringComparison.Ordinal) });
                    }
                }
                if (width == Phone)
                {
                    // The menu folds behind one button and opens on a tap.
                    await page.GotoAsync("/");
                    var menu = page.Locator("#main-menu");
                    await Expect(menu).ToBeHiddenAsync();
                    var toggle = page.GetByTestId("nav-toggle");
                    await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
                    await Expect(toggle).ToHaveTextAsync(new Regex(@"^菜单\d*$"));
                    await toggle.ClickAsync();
                    await Expect(menu).ToBeVisibleAsync();
                    await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
                    await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "刊物库" })).ToBeVisibleAsync();
                    if (shots is { Length: > 0 } && group.Key == "editor")
                    {
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(shots, "menu-390.png") });
                    }
                }
                else
                {
                    await Expect(page.GetByTestId("nav-toggle")).ToBeHiddenAsync();
                    await Expect(page.Locator("#main-menu")).ToBeVisibleAsync();
                    // On a desk a work list's titles get a line of their own width, not two or three characters.
                    if (group.Key == "editor")
                    {
                        await page.GotoAsync("/");
                        var widths = await page.Locator("a.row-link").EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().width)");
                        Assert.NotEmpty(widths);
                        Assert.All(widths, w => Assert.True(w >= 200, $"a title {w}px wide: fewer than 12 characters a line"));
                    }
                }
                await page.Context.CloseAsync();
            }
        }
    }

    private static async Task<(int Scroll, int Client)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (widths[0], widths[1]);
    }

    [SkippableFact]
    public async Task Help_FromEveryPageAndTheLoginPage_ShowsTheUsersOwnRoleFirst()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var signer = await LoginAsync(browser, "signer", Desk);
        await signer.GotoAsync("/archive");
        await signer.GetByTestId("help-link").ClickAsync();
        await signer.WaitForURLAsync(app.BaseUrl + "/help");
        var sections = await signer.Locator("section.card[id^='help-']").EvaluateAllAsync<string[]>("els => els.map(e => e.id)");
        Assert.Equal(["help-signer", "help-reader"], sections[..2]);
        await Expect(signer.GetByTestId("help-signer").Locator("h2")).ToHaveTextAsync("签发（您的岗位）");
        await Expect(signer.GetByTestId("help-signer")).ToContainTextAsync("签发");

        // The favicon is the project's own file, served from wwwroot.
        var icon = await signer.Locator("link[rel=icon]").GetAttributeAsync("href");
        var response = await signer.APIRequest.GetAsync(icon!);
        Assert.Equal(200, response.Status);
        Assert.Equal("image/svg+xml", response.Headers["content-type"]);

        // Before signing in: the footer's link, and every role's guide.
        var anonymous = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        await anonymous.GotoAsync("/account/login");
        await anonymous.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "使用说明" }).ClickAsync();
        await anonymous.WaitForURLAsync(app.BaseUrl + "/help");
        Assert.Equal(6, await anonymous.Locator("section.card[id^='help-']").CountAsync());
        // Key caps (<kbd>Alt</kbd>, <kbd>Delete</kbd>) are named as printed on the keyboard; every other word is Chinese.
        var words = await anonymous.Locator("main").EvaluateAsync<string>(
            "main => { const copy = main.cloneNode(true); copy.querySelectorAll('kbd').forEach(k => k.remove()); return copy.textContent; }");
        Assert.DoesNotMatch(NotChinese(), words);
        Assert.Contains("组刊页面的键盘快捷键", words, StringComparison.Ordinal);
    }

    /// <summary>Words an office clerk should not meet: English in Latin letters, beyond the names of file formats.</summary>
    [GeneratedRegex(@"\b(?!PDF\b|Word\b)[A-Za-z]{2,}\b")]
    private static partial Regex NotChinese();
}
