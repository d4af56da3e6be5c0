using System.Globalization;
using System.Net;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 17 §3 in Chromium: 发布排名 (scores page) and 结束约稿 (calls page) ask in the confirmation dialog; 取消 keeps the
/// state (the page and the API say so), 确定 makes the move.
/// </summary>
public sealed partial class DailyFlowBrowserTests
{
    [SkippableFact]
    public async Task ScoresPage_PublishRanking_CancelKeepsItUnpublished_ConfirmPublishesIt()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        // A month already over, so that no other test of this class publishes or reads it.
        var period = JianxunApplicationFactory.Today.AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var api = await ApiAsync("editor");
        Assert.False((await api.GetJsonAsync($"/api/scores?period={period}")).GetProperty("isPublished").GetBoolean());

        var page = await LogInAsync(browser, "editor");
        await page.GotoAsync($"/scores?period={period}");
        var card = page.GetByTestId("publication");
        await Expect(card).ToContainTextAsync("未发布");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "请确认" });

        await page.GetByRole(AriaRole.Button, new() { Name = "发布排名" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("的排名。确定发布吗？");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "取消" })).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(card).ToContainTextAsync("未发布");
        Assert.False((await api.GetJsonAsync($"/api/scores?period={period}")).GetProperty("isPublished").GetBoolean());

        await page.GetByRole(AriaRole.Button, new() { Name = "发布排名" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定发布排名" }).ClickAsync();
        await Expect(card).ToContainTextAsync("已发布");
        await Expect(page.GetByTestId("publish-toggle")).ToHaveTextAsync("撤回排名");
        Assert.True((await api.GetJsonAsync($"/api/scores?period={period}")).GetProperty("isPublished").GetBoolean());
    }

    [SkippableFact]
    public async Task CallPage_EndCall_CancelKeepsItOpen_ConfirmEndsIt()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        using var api = await ApiAsync("editor");
        var unit = (await api.GetJsonAsync("/api/units"))[0].GetProperty("id").GetInt32();
        var id = (await PostAsync(api, "/api/calls", new
        {
            topic = "征集年度安全生产经验做法",
            description = "请各单位报送一篇。",
            deadline = JianxunApplicationFactory.Today.AddDays(10),
            unitIds = new[] { unit },
        }, HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var page = await LogInAsync(browser, "editor");
        await page.GotoAsync($"/calls/{id}");
        var state = page.Locator(".card > p.muted").First;
        await Expect(state).ToContainTextAsync("进行中");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "请确认" });

        await page.GetByRole(AriaRole.Button, new() { Name = "结束约稿" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("结束后各单位不能再回应这次约稿，也不能重新开启。确定结束吗？");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(state).ToContainTextAsync("进行中");
        Assert.False((await api.GetJsonAsync($"/api/calls/{id}")).GetProperty("isClosed").GetBoolean());

        await page.GetByRole(AriaRole.Button, new() { Name = "结束约稿" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定结束约稿" }).ClickAsync();
        await Expect(state).ToContainTextAsync("已结束");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "结束约稿" })).ToHaveCountAsync(0);
        Assert.True((await api.GetJsonAsync($"/api/calls/{id}")).GetProperty("isClosed").GetBoolean());
    }
}
