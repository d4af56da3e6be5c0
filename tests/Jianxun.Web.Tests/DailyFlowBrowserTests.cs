using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 17 §1, 2, 3, 11 in Chromium: photos in a published issue for its readers, nothing typed lost without asking,
/// confirmation before what cannot be undone, a withdrawn article restored or deleted, and each user's buttons exactly
/// what the server allows. Objects are prepared through the API (bearer tokens); everything checked is done in the pages.
/// </summary>
public sealed partial class DailyFlowBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> LogInAsync(IBrowser browser, string userName)
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
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        return page;
    }

    /// <summary>A program's client of the running server (Kestrel): bearer token from <c>POST /api/auth/token</c>.</summary>
    private async Task<HttpClient> ApiAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl + "/") };
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName, password = JianxunApplicationFactory.DemoPassword })).JsonAsync();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync(path, body)).JsonAsync(expected);

    private async Task<int> ArticleAsync(string title, params (string User, string Route)[] steps)
    {
        using var contributor = await ApiAsync("contributor");
        var id = (await PostAsync(contributor, "/api/submissions", new { title, paragraphs = new[] { "城投集团召开工作会议，部署重点任务。" } }, HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        var columnId = (await contributor.GetJsonAsync("/api/series"))[0].GetProperty("columns")[0].GetProperty("id").GetInt32();
        foreach (var (user, route) in steps)
        {
            using var client = await ApiAsync(user);
            await PostAsync(client, $"/api/submissions/{id}/{route}", new { comment = "测试意见。", columnId });
        }
        return id;
    }

    private static readonly (string, string)[] ToEditors = [("contributor", "submit"), ("reviewer", "unit-approve")];

    /// <summary>An issue holding one new adopted article (with a photo when asked), for <paramref name="readers"/>, moved along <paramref name="routes"/>.</summary>
    private async Task<(int Issue, int Article)> IssueAsync(string title, int[] readers, bool photo, params string[] routes)
    {
        using var editor = await ApiAsync("editor");
        using var signer = await ApiAsync("signer");
        var article = await ArticleAsync(title, ToEditors);
        if (photo)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(320, 200)), "file", "现场.png" }, { new StringContent("会议现场"), "caption" } };
            await (await editor.PostAsync($"/api/submissions/{article}/photos", form)).JsonAsync(HttpStatusCode.Created);
        }
        var series = (await editor.GetJsonAsync("/api/series"))[0];
        await PostAsync(editor, $"/api/submissions/{article}/adopt", new { columnId = series.GetProperty("columns")[1].GetProperty("id").GetInt32() });
        var issue = await PostAsync(editor, "/api/issues", new { seriesId = series.GetProperty("id").GetInt32() }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        var sections = new[] { new { sectionId = issue.GetProperty("sections")[1].GetProperty("id").GetInt32(), items = new[] { new { submissionId = article } } } };
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections, readerUnitIds = readers })).JsonAsync();
        foreach (var route in routes)
        {
            await PostAsync(route == "sign-off" ? signer : editor, $"/api/issues/{id}/{route}", new { });
        }
        return (id, article);
    }

    [SkippableFact]
    public async Task PublishedIssueWithAPhoto_ReaderOfAnotherUnit_SeesThePhotoInTheWebPage()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        var (issue, _) = await IssueAsync("城投集团开展防汛应急演练", [], photo: true, "submit", "sign-off", "publish");

        // The reader (文旅集团) is no writer of the article: before issue 17 the photo answered 404 and showed broken.
        var reader = await LogInAsync(browser, "reader");
        // The web page for reading, and the 版面预览 on the issue's page.
        await reader.GotoAsync($"/issues/{issue}/preview?read=true");
        await ExpectPhotoAsync(reader.GetByRole(AriaRole.Img, new() { Name = "会议现场" }));
        await reader.GotoAsync($"/issues/{issue}");
        await ExpectPhotoAsync(reader.FrameLocator("[data-testid=preview]").GetByRole(AriaRole.Img, new() { Name = "会议现场" }));
    }

    /// <summary>The photo really decoded by the browser (a 404 leaves naturalWidth at 0).</summary>
    private static async Task ExpectPhotoAsync(ILocator image)
    {
        await image.ScrollIntoViewIfNeededAsync();
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 320);
    }

    [SkippableFact]
    public async Task WithdrawnArticle_WriterConfirmsTheWithdrawal_RestoresItAndLaterDeletesIt()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        const string title = "城投集团组织消防安全培训";
        var id = await ArticleAsync(title, ("contributor", "submit"));

        // The reviewer, a colleague, is offered no 撤回 on the writer's article (issue 17 §11).
        var reviewer = await LogInAsync(browser, "reviewer");
        await reviewer.GotoAsync($"/submissions/{id}");
        await Expect(reviewer.GetByTestId("actions").GetByRole(AriaRole.Button)).ToHaveTextAsync(["单位审核通过", "单位审核退回"]);

        var page = await LogInAsync(browser, "contributor");
        await page.GotoAsync($"/submissions/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "请确认" });
        await Expect(dialog).ToContainTextAsync("撤回后审核人和编辑不再处理这篇稿件");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定撤回" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已撤回");

        // No dead end: the writer restores it to a draft…
        await Expect(page.GetByTestId("actions").GetByRole(AriaRole.Button)).ToHaveTextAsync(["恢复为草稿", "删除"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "恢复为草稿" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("草稿");
        await Expect(page.GetByTestId("history").Locator("li").Last).ToContainTextAsync("林小禾 恢复为草稿（已撤回 → 草稿）");
        await Expect(page.GetByTestId("edit")).ToBeVisibleAsync();

        // …or, withdrawn again, deletes it after confirming; it is gone for good.
        await page.GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定撤回" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已撤回");
        await page.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("删除后稿件、图片和修改记录都不能恢复");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定删除" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/submissions$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已删除第 {id} 号稿件。");
        var gone = await page.GotoAsync($"/submissions/{id}");
        Assert.Equal(404, gone!.Status);
    }

    [SkippableFact]
    public async Task UnsavedChanges_LeavingThePageOrSendingAnotherForm_AsksFirst_AndKeepsWhatWasTyped()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        var (issue, _) = await IssueAsync("城投集团召开党建工作会议", [], photo: false);

        // Leaving the compile page with a typed 编者按: the browser asks (beforeunload); staying keeps the text.
        var editor = await LogInAsync(browser, "editor");
        await editor.GotoAsync($"/issues/{issue}");
        var note = editor.GetByLabel("编者按（可不填）");
        await note.FillAsync("本期关注党建工作。");
        var asked = new List<string>();
        var firstQuestion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        editor.Dialog += async (_, d) =>
        {
            asked.Add(d.Type);
            firstQuestion.TrySetResult(d.Type);
            await d.DismissAsync();
        };
        await editor.Locator(".crumbs").GetByRole(AriaRole.Link, new() { Name = "刊物" }).ClickAsync();
        Assert.Equal("beforeunload", await firstQuestion.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.EndsWith($"/issues/{issue}", editor.Url);
        await Expect(note).ToHaveValueAsync("本期关注党建工作。");

        // A saved page leaves without a question.
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存并刷新预览" }).ClickAsync();
        await Expect(editor.Locator(".flash")).ToContainTextAsync("已保存");
        await editor.Locator(".crumbs").GetByRole(AriaRole.Link, new() { Name = "刊物" }).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex("/issues$"));
        Assert.Single(asked);

        // On an article page, a photo chosen but not uploaded when 报送 is pressed: the page asks before dropping it.
        using var photoDirectory = new TempDirectory();
        var photoPath = Path.Combine(photoDirectory.Path, "现场.png");
        await File.WriteAllBytesAsync(photoPath, TestImages.Png(64, 48));
        var id = await ArticleAsync("城投集团开展安全生产月活动");
        var contributor = await LogInAsync(browser, "contributor");
        await contributor.GotoAsync($"/submissions/{id}");
        await contributor.GetByLabel("添加图片").SetInputFilesAsync(photoPath);
        await contributor.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        var dialog = contributor.GetByRole(AriaRole.Dialog, new() { Name = "请确认" });
        await Expect(dialog).ToContainTextAsync("本页还有未保存的修改");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(contributor.GetByTestId("status")).ToHaveTextAsync("草稿");
        await Expect(contributor.GetByLabel("添加图片")).ToHaveJSPropertyAsync("files.length", 1);
    }

    /// <summary>
    /// Each user on each page: the move buttons shown are exactly the moves the server offers that user (the API's
    /// allowedActions, which DailyFlowTests checks against what the server does), and the named cases of issue 17 hold.
    /// </summary>
    [SkippableFact]
    public async Task EachUser_OnArticleAndIssuePages_SeesExactlyTheButtonsTheServerAllows()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        var articles = new[]
        {
            await ArticleAsync("按钮测试：草稿"),
            await ArticleAsync("按钮测试：待单位审核", ("contributor", "submit")),
            await ArticleAsync("按钮测试：待编辑处理", ToEditors),
            await ArticleAsync("按钮测试：已退回", [.. ToEditors, ("editor", "return")]),
            await ArticleAsync("按钮测试：已撤回", ("contributor", "submit"), ("contributor", "withdraw")),
        };
        var issues = new[]
        {
            (await IssueAsync("按钮测试：编辑中的刊物", [], photo: false)).Issue,
            (await IssueAsync("按钮测试：待签发的刊物", [], photo: false, "submit")).Issue,
            (await IssueAsync("按钮测试：已签发的刊物", [], photo: false, "submit", "sign-off")).Issue,
            (await IssueAsync("按钮测试：已印发的刊物", [], photo: false, "submit", "sign-off", "publish")).Issue,
        };
        var shown = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var user in new[] { "contributor", "reviewer", "contributor2", "editor", "signer", "reader" })
        {
            using var api = await ApiAsync(user);
            var page = await LogInAsync(browser, user);
            foreach (var (kind, ids) in new[] { ("submissions", articles), ("issues", issues) })
            {
                foreach (var id in ids)
                {
                    using var response = await api.GetAsync($"/api/{kind}/{id}");
                    var visit = await page.GotoAsync($"/{kind}/{id}");
                    Assert.Equal((int)response.StatusCode, visit!.Status);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }
                    var allowed = (await response.JsonAsync()).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToList();
                    var buttons = new List<string>();
                    foreach (var button in await page.Locator("button[name=Action]").AllAsync())
                    {
                        buttons.Add((await button.GetAttributeAsync("value"))!);
                    }
                    // 更正 has its own form on a published issue: it is shown exactly when the server allows it.
                    if (await page.GetByRole(AriaRole.Button, new() { Name = "发布更正版" }).CountAsync() > 0)
                    {
                        buttons.Add("Correct");
                    }
                    Assert.True(allowed.Order().SequenceEqual(buttons.Order()),
                        $"{user} on /{kind}/{id}: buttons [{string.Join(", ", buttons)}], server allows [{string.Join(", ", allowed)}]");
                    shown[$"{user} {kind}/{Array.IndexOf(ids, id)}"] = buttons;
                }
            }
            await page.Context.CloseAsync();
        }
        // The cases issue 17 names: no 撤回 for a colleague, no 印发 for the signer, restore and delete for the writer only.
        Assert.Equal(["UnitApprove", "UnitReturn"], shown["reviewer submissions/1"]);
        Assert.Equal(["Withdraw"], shown["contributor submissions/1"]);
        Assert.Empty(shown["reviewer submissions/4"]);
        Assert.Equal(["Restore", "Delete"], shown["contributor submissions/4"]);
        Assert.Empty(shown["signer issues/2"]);
        Assert.Equal(["Publish"], shown["editor issues/2"]);
        Assert.Equal(["Recall"], shown["editor issues/1"]);
        Assert.Equal(["SignOff", "SendBack"], shown["signer issues/1"]);
        Assert.Equal(["Correct"], shown["editor issues/3"]);
        Assert.Empty(shown["reader issues/3"]);
    }
}
