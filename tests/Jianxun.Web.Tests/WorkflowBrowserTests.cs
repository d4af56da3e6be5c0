using System.Text.RegularExpressions;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>
/// The submission workflow as its people live it, in Chromium: each user in a browser context of their own,
/// every step through the real pages (forms, buttons, file input), no API shortcuts.
/// </summary>
public sealed partial class WorkflowBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Title = "城投集团部署2026年安全生产重点任务";
    private const string Paragraph1 = "城投集团召开2026年安全生产工作会议，总结上年工作，部署本年度重点任务。";
    private const string Paragraph2 = "会议强调，要进一步压实各方面责任，切实抓好各项工作落实。";
    private const string Paragraph3 = "集团所属各企业主要负责人参加会议。";
    private const string Inserted = "于3月5日";
    private const string Deleted = "，切实抓好各项工作落实";
    private const string Caption = "安全生产工作会议现场";
    private const string ReturnComment = "请写明会议召开日期，删去“切实抓好各项工作落实”等空泛表述。";
    private const int PhotoWidth = 640;

    [SkippableFact]
    public async Task Submission_WrittenReviewedReturnedFixedAdopted_EachUserSeesStateHistoryAndDifference()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        using var photoDirectory = new TempDirectory();
        var photoPath = Path.Combine(photoDirectory.Path, "会议现场.png");
        await File.WriteAllBytesAsync(photoPath, TestImages.Png(PhotoWidth, 400));

        var contributor = await LogInAsync(browser, "contributor", "panel-drafts", "panel-returned");
        var reviewer = await LogInAsync(browser, "reviewer", "panel-unit-review");
        var editor = await LogInAsync(browser, "editor", "panel-to-adopt");
        foreach (var desk in new[] { contributor, reviewer, editor })
        {
            await MarkAllReadAsync(desk);
        }

        // 1. The contributor writes the article, adds a photo with a caption and submits it: it goes to the unit's reviewer.
        var page = contributor.Page;
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "写稿" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("写稿");
        await page.GetByLabel("标题").FillAsync(Title);
        await page.GetByLabel("正文").FillAsync(string.Join('\n', Paragraph1, Paragraph2, Paragraph3));
        await page.GetByLabel("事件日期").FillAsync(JianxunApplicationFactory.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("作者").FillAsync("王晓明 李文");
        await page.GetByLabel("联系电话").FillAsync("0871-65001234");
        await page.GetByLabel("建议栏目").SelectOptionAsync(new SelectOptionValue { Label = "国企动态" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DetailsUrl());
        var id = int.Parse(DetailsUrl().Match(page.Url).Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已保存稿件《{Title}》（第 1 版）。");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("草稿");

        await page.GetByLabel("添加图片").SetInputFilesAsync(photoPath);
        await page.GetByLabel("图片说明").FillAsync(Caption);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传图片" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已上传图片。");
        await ExpectPhotoShownAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已报送：《{Title}》，当前状态“待单位审核”。");
        List<string> history = ["林小禾 创建", "林小禾 报送（草稿 → 待单位审核）"];
        await ExpectDeskAsync(contributor, id, "待单位审核", history, unread: 0, listed: false);
        await ExpectDeskAsync(reviewer, id, "待单位审核", history, unread: 1, listed: true);
        // Not yet at the editors' desk (the draft rule, docs/security/input.md): the editor does not see it.
        var hidden = await editor.Page.GotoAsync($"/submissions/{id}");
        Assert.Equal(404, hidden!.Status);

        // 2. The reviewer approves it for the unit: it goes to the editors.
        page = reviewer.Page;
        await page.GotoAsync($"/submissions/{id}");
        await ExpectPhotoShownAsync(page);
        await page.GetByLabel("意见").FillAsync("同意报送。");
        await page.GetByRole(AriaRole.Button, new() { Name = "单位审核通过" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已单位审核通过：《{Title}》，当前状态“待编辑处理”。");
        history.Add("许明远 单位审核通过（待单位审核 → 待编辑处理）意见：同意报送。");
        await ExpectDeskAsync(reviewer, id, "待编辑处理", history, unread: 1, listed: false);
        await ExpectDeskAsync(contributor, id, "待编辑处理", history, unread: 1, listed: false);
        await ExpectDeskAsync(editor, id, "待编辑处理", history, unread: 1, listed: true);
        await ExpectPhotoShownAsync(editor.Page);
        await Expect(editor.Page.GetByTestId("preview")).ToContainTextAsync("【供稿：城投集团 王晓明 李文】");
        await ScreenshotAsync(editor.Page, "submission-editor.png");

        // 3. The editor returns it with a comment: back on the contributor's desk, comment and all.
        page = editor.Page;
        await page.GetByLabel("意见").FillAsync(ReturnComment);
        await page.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已退回修改：《{Title}》，当前状态“已退回”。");
        history.Add($"周文澜 退回修改（待编辑处理 → 已退回）意见：{ReturnComment}");
        await ExpectDeskAsync(editor, id, "已退回", history, unread: 1, listed: false);
        await ExpectDeskAsync(reviewer, id, "已退回", history, unread: 1, listed: false);
        await contributor.Page.GotoAsync("/");
        await ScreenshotAsync(contributor.Page, "home-contributor.png");
        await ExpectDeskAsync(contributor, id, "已退回", history, unread: 2, listed: true);
        await Expect(contributor.Page.GetByTestId("history").Locator(".comment")).ToContainTextAsync([$"意见：{ReturnComment}"]);
        await contributor.Page.GetByTestId("notifications-link").ClickAsync();
        await Expect(contributor.Page.GetByTestId("notifications").Locator("li").First)
            .ToContainTextAsync($"稿件《{Title}》被编辑退回修改。意见：{ReturnComment}");

        // 4. The contributor fixes it (a second revision) and resubmits: it goes straight back to the editors.
        page = contributor.Page;
        await page.GotoAsync($"/submissions/{id}");
        await page.GetByTestId("edit").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改稿件");
        var body = page.GetByLabel("正文");
        await Expect(body).ToHaveValueAsync(string.Join('\n', Paragraph1, Paragraph2, Paragraph3));
        await body.FillAsync(string.Join('\n', Paragraph1.Replace("集团召开", "集团" + Inserted + "召开"), Paragraph2.Replace(Deleted, ""), Paragraph3));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已保存稿件《{Title}》（第 3 版）。");
        await Expect(page.GetByTestId("revisions").Locator("li")).ToContainTextAsync(["第 1 版 · 林小禾 · 初稿", "第 2 版 · 林小禾 · 作者添加图片 1 张", "第 3 版 · 林小禾 · 作者修改"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已报送：《{Title}》，当前状态“待编辑处理”。");
        history.Add("林小禾 报送（已退回 → 待编辑处理）");
        await ExpectDeskAsync(contributor, id, "待编辑处理", history, unread: 2, listed: false);
        await ExpectDeskAsync(reviewer, id, "待编辑处理", history, unread: 1, listed: false);
        await ExpectDeskAsync(editor, id, "待编辑处理", history, unread: 2, listed: true);

        // Each sees the difference: the writer and the editor compare revision 2 (the photo added) with revision 3 (the fix).
        await ExpectDifferenceAsync(contributor.Page, id);
        await ExpectDifferenceAsync(editor.Page, id);
        await ScreenshotAsync(editor.Page, "submission-diff.png");

        // 5. The editor adopts it into 国企动态.
        page = editor.Page;
        await page.GotoAsync($"/submissions/{id}");
        await page.GetByLabel("采用到栏目").SelectOptionAsync(new SelectOptionValue { Label = "国资简讯 · 国企动态" });
        await page.GetByRole(AriaRole.Button, new() { Name = "采用", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已采用：《{Title}》，当前状态“已采用”。");
        history.Add("周文澜 采用（待编辑处理 → 已采用）");
        await ExpectDeskAsync(editor, id, "已采用", history, unread: 2, listed: false);
        await ExpectDeskAsync(reviewer, id, "已采用", history, unread: 1, listed: false);
        await ExpectDeskAsync(contributor, id, "已采用", history, unread: 3, listed: false);
        foreach (var desk in new[] { contributor, reviewer, editor })
        {
            await Expect(desk.Page.Locator(".article-head")).ToContainTextAsync("采用栏目：国企动态");
        }
        await Expect(contributor.Page.GetByTestId("actions")).ToHaveCountAsync(0);
        await Expect(contributor.Page.GetByTestId("edit")).ToHaveCountAsync(0);
        await contributor.Page.GetByTestId("notifications-link").ClickAsync();
        await Expect(contributor.Page.GetByTestId("notifications").Locator("li").First).ToContainTextAsync($"稿件《{Title}》已被采用。");
    }

    [SkippableFact]
    public async Task ArticleUrl_OpenedByContributorOfAnotherUnit_ShowsChinese404Page()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        const string title = "城投集团组织防汛应急救援演练";

        var contributor = await LogInAsync(browser, "contributor", "panel-drafts", "panel-returned");
        var page = contributor.Page;
        await page.GotoAsync("/submissions/write");
        await page.GetByLabel("标题").FillAsync(title);
        await page.GetByLabel("正文").FillAsync("城投集团在云澜河沿线组织防汛应急救援演练，检验队伍快速反应能力。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DetailsUrl());
        await page.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("待单位审核");
        var url = page.Url;

        var other = await LogInAsync(browser, "contributor2", "panel-drafts", "panel-returned");
        var response = await other.Page.GotoAsync(url);
        Assert.Equal(404, response?.Status);
        await Expect(other.Page.Locator("h1")).ToHaveTextAsync("找不到页面");
        await Expect(other.Page.Locator(".error-page")).ToContainTextAsync("您要找的内容不存在，或者您无权查看。");
        await Expect(other.Page.GetByText(title)).ToHaveCountAsync(0);
        Assert.Equal("找不到页面 - 简讯", await other.Page.TitleAsync());
    }

    /// <summary>
    /// One person at their own browser (a context of its own: own cookies), logged in through the login form, and the work
    /// lists of their home page the article waits in when it waits for them.
    /// </summary>
    private sealed record Desk(string UserName, IPage Page, string[] Panels)
    {
        public ILocator PanelsOf(IPage page) => page.Locator(string.Join(", ", Panels.Select(p => $"[data-testid={p}]")));
    }

    private async Task<Desk> LogInAsync(IBrowser browser, string userName, params string[] panels)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByTestId(panels[0])).ToBeVisibleAsync();
        return new Desk(userName, page, panels);
    }

    /// <summary>Starts from a clean bell, so the counts below are exactly what this workflow sent.</summary>
    private static async Task MarkAllReadAsync(Desk desk)
    {
        await desk.Page.GotoAsync("/notifications");
        var button = desk.Page.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" });
        if (await button.CountAsync() > 0)
        {
            await button.ClickAsync();
        }
        await ExpectUnreadAsync(desk.Page, 0);
    }

    /// <summary>The bell in the top bar: 通知 and the number of unread notifications, no badge when there are none.</summary>
    private static async Task ExpectUnreadAsync(IPage page, int count)
    {
        var bell = page.GetByTestId("notifications-link");
        await Expect(bell).ToHaveTextAsync(new Regex(count == 0 ? "^通知$" : $"^通知\\s*{count}$"));
        var badge = bell.GetByTestId("unread");
        if (count == 0)
        {
            await Expect(badge).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(badge).ToHaveTextAsync(count.ToString());
        }
    }

    /// <summary>
    /// What one user sees: the bell, whether the article waits in their home panel (opened from there when it does),
    /// and on the article page the state badge and the whole history.
    /// </summary>
    private static async Task ExpectDeskAsync(Desk desk, int id, string status, IReadOnlyList<string> history, int unread, bool listed)
    {
        var page = desk.Page;
        await page.GotoAsync("/");
        await ExpectUnreadAsync(page, unread);
        var link = desk.PanelsOf(page).GetByRole(AriaRole.Link, new() { Name = Title, Exact = true });
        if (listed)
        {
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/submissions/{id}$"));
        }
        else
        {
            await Expect(link).ToHaveCountAsync(0);
            await page.GotoAsync($"/submissions/{id}");
        }
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(status);
        var entries = page.GetByTestId("history").Locator("li");
        await Expect(entries).ToHaveCountAsync(history.Count);
        await Expect(entries).ToContainTextAsync(history);
    }

    /// <summary>The print preview shows the uploaded photo, really decoded by the browser, with its caption.</summary>
    private static async Task ExpectPhotoShownAsync(IPage page)
    {
        var image = page.GetByTestId("preview").GetByRole(AriaRole.Img, new() { Name = Caption });
        await image.ScrollIntoViewIfNeededAsync();
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", PhotoWidth);
        await Expect(page.GetByTestId("preview").Locator("figcaption")).ToHaveTextAsync(Caption);
    }

    /// <summary>Opens the comparison through the compare form (the last two revisions, 2 against 3, are the default) and checks the marks.</summary>
    private static async Task ExpectDifferenceAsync(IPage page, int id)
    {
        await page.GotoAsync($"/submissions/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看差异" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/submissions/{id}/diff\\?from=2&to=3$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改对比");
        await Expect(page.GetByText("删去 11 字，增加 5 字。")).ToBeVisibleAsync();
        var sides = page.GetByTestId("diff").Locator(".diff-side");
        await Expect(sides).ToHaveCountAsync(2);
        await Expect(sides.Nth(0).Locator("h2")).ToContainTextAsync("第 2 版 · 林小禾 · 作者添加图片 1 张");
        await Expect(sides.Nth(1).Locator("h2")).ToContainTextAsync("第 3 版 · 林小禾 · 作者修改");
        await Expect(page.GetByTestId("photo-changes")).ToContainTextAsync("两版的图片相同。");
        await Expect(sides.Nth(0).Locator("del")).ToHaveTextAsync([Deleted]);
        await Expect(sides.Nth(0).Locator("ins")).ToHaveCountAsync(0);
        await Expect(sides.Nth(1).Locator("ins")).ToHaveTextAsync([Inserted]);
        await Expect(sides.Nth(1).Locator("del")).ToHaveCountAsync(0);
        await Expect(sides.Nth(1).Locator("p").First).ToHaveTextAsync(Paragraph1.Replace("集团召开", "集团" + Inserted + "召开"));
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = true });
        }
    }

    [GeneratedRegex(@"/submissions/(\d+)$")]
    private static partial Regex DetailsUrl();
}
