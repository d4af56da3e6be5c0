using Microsoft.Playwright;

namespace Jianxun.Web.Tests;

/// <summary>ADR-020 in a real browser: a user signed in twice ends the other browser's session from /account.</summary>
public sealed class SessionsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> LoginAsync(IBrowser browser, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        return page;
    }

    [SkippableFact]
    public async Task AccountPage_EndTheOtherBrowsersSession_ItsNextNavigationLandsOnTheLoginPage()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var here = await LoginAsync(browser, "reader");
        var elsewhere = await LoginAsync(browser, "reader");

        await here.GotoAsync("/account");
        var rows = here.GetByTestId("sessions").Locator("tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(1, await here.GetByTestId("current-session").CountAsync());
        var other = rows.Filter(new() { Has = here.GetByTestId("end-session") });
        Assert.Equal(1, await other.CountAsync());
        await other.GetByTestId("end-session").ClickAsync();
        await here.WaitForURLAsync(app.BaseUrl + "/account");
        Assert.Equal(1, await here.GetByTestId("sessions").Locator("tbody tr").CountAsync());
        Assert.Equal(1, await here.GetByTestId("current-session").CountAsync());

        await elsewhere.GotoAsync("/account");
        Assert.StartsWith(app.BaseUrl + "/account/login", elsewhere.Url, StringComparison.Ordinal);
        await here.GotoAsync("/");
        Assert.Equal(app.BaseUrl + "/", here.Url);
    }
}
