using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>An administrator rebuilds the search index from its page in Chromium and watches the progress to the end.</summary>
public sealed class SearchReindexBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task Admin_RebuildsFromThePage_ProgressIsPolledUntil100Percent()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        var baseUrl = app.BaseUrl;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(baseUrl + "/account/login");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByTestId("search-index-link").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("搜索索引");
        await Expect(page.GetByTestId("index-counts")).ToContainTextAsync("索引中共有");
        var start = page.GetByRole(AriaRole.Button, new() { Name = "重建搜索索引" });

        // Held inside its transaction, so that the page is seen while the rebuild runs.
        var hold = app.HoldNextRebuild();
        // Without the confirmation the browser does not send the form.
        await start.ClickAsync();
        await Expect(page.GetByTestId("reindex-status")).ToHaveAttributeAsync("data-state", "Idle");
        Assert.False(hold.Reached.IsCompleted);

        await page.GetByTestId("reindex-confirm").CheckAsync();
        await start.ClickAsync();
        await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        await Expect(page.GetByTestId("reindex-state")).ToContainTextAsync("正在重建：系统管理员");
        await Expect(page.GetByTestId("reindex-text")).ToHaveTextAsync("已索引 0 / 0（0%）");
        await Expect(start).ToBeDisabledAsync();
        if (Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "search-reindex-running.png"), FullPage = true });
        }

        // The page asks for the status every second; after the end it shows the result.
        hold.Release();
        await Expect(page.GetByTestId("reindex-state")).ToContainTextAsync("重建完成", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("reindex-text")).ToHaveTextAsync(new Regex(@"^已索引 ([1-9]\d*) / \1（100%）$"));
        Assert.Equal(
            await page.GetByTestId("reindex-bar").GetAttributeAsync("max"),
            await page.GetByTestId("reindex-bar").GetAttributeAsync("value"));
        await Expect(page.GetByTestId("reindex-history")).ToContainTextAsync("搜索索引重建完成");
        await Expect(start).ToBeEnabledAsync();
    }
}
