using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

public sealed partial class WorkflowBrowserTests
{
    /// <summary>
    /// Issue 22 point 4 in Chromium: two photos chosen on 写稿 before the first save are saved with the article; then the
    /// writer reorders them with 上移, removes one (confirming), and sees each change in the history and the diff page.
    /// </summary>
    [SkippableFact]
    public async Task Write_TwoPhotosBeforeTheFirstSave_SavedReorderedOneRemoved_EachChangeInTheHistory()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        using var photoDirectory = new TempDirectory();
        var first = Path.Combine(photoDirectory.Path, "泵站外景.png");
        var second = Path.Combine(photoDirectory.Path, "检修现场.png");
        await File.WriteAllBytesAsync(first, TestImages.Png(320, 200));
        await File.WriteAllBytesAsync(second, TestImages.Png(200, 320));

        var page = (await LogInAsync(browser, "contributor", "panel-drafts", "panel-returned")).Page;
        await page.GotoAsync("/submissions/write");
        await page.GetByLabel("标题").FillAsync("城投集团完成泵站汛前检修");
        await page.GetByLabel("正文").FillAsync("城投集团完成全部泵站汛前检修。\n检修更换水泵两台。");
        await page.GetByTestId("new-photos-input").SetInputFilesAsync([first, second]);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DetailsUrl());
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存稿件《城投集团完成泵站汛前检修》（第 1 版）。");
        var items = page.GetByTestId("photo-item");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(0)).ToContainTextAsync("泵站外景.png");
        await Expect(items.Nth(1)).ToContainTextAsync("检修现场.png");

        // Caption the second, then move it up: it is first now.
        await page.GetByLabel("第 2 张图片的说明", new() { Exact = true }).FillAsync("技术人员检修水泵");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存第 2 张图片的说明" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已修改图片说明。");
        await page.GetByRole(AriaRole.Button, new() { Name = "第 2 张上移" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已调整图片顺序。");
        await Expect(items.Nth(0)).ToContainTextAsync("检修现场.png");
        await Expect(page.GetByTestId("preview").GetByRole(AriaRole.Img).First).ToHaveAttributeAsync("alt", "技术人员检修水泵");

        // Remove the other one: asked first, then gone.
        await page.GetByRole(AriaRole.Button, new() { Name = "删除第 2 张图片" }).ClickAsync();
        await page.GetByTestId("confirm-dialog").GetByRole(AriaRole.Button, new() { Name = "确定删除" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已删除图片。");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.Nth(0)).ToContainTextAsync("检修现场.png");

        var revisions = page.GetByTestId("revisions").Locator("li");
        await Expect(revisions).ToHaveCountAsync(4);
        await Expect(revisions.Nth(0)).ToContainTextAsync("初稿");
        await Expect(revisions.Nth(1)).ToContainTextAsync("作者修改图片说明");
        await Expect(revisions.Nth(2)).ToContainTextAsync("作者调整图片顺序");
        await Expect(revisions.Nth(3)).ToContainTextAsync("作者删除图片");

        // The diff of the last two revisions names the removal; of the first and the last, every change.
        await page.GetByRole(AriaRole.Button, new() { Name = "查看差异" }).ClickAsync();
        await Expect(page.GetByTestId("photo-changes")).ToContainTextAsync("删除图片：原第 2 张（泵站外景.png）");
        await page.GotoAsync(page.Url.Split('?')[0] + "?from=1&to=4");
        var changes = page.GetByTestId("photo-changes").Locator("li");
        // 检修现场 is first now only because 泵站外景 left: a removal, not a move.
        await Expect(changes).ToHaveTextAsync(["删除图片：原第 1 张（泵站外景.png）", "修改图片说明：第 1 张由“”改为“技术人员检修水泵”"]);
    }
}
