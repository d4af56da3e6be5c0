using System.Text.RegularExpressions;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>Issue 22 in Chromium: a contributor uploads the Word document they wrote, corrects one field, saves and submits.</summary>
public sealed partial class FromDocumentBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task WritePage_UploadDocumentCorrectTitleSaveSubmit_ArticleKeepsTextAndPhotos()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(20_000);
        var (truth, docx) = ArticleFixtures.Documents().Single(d => d.Truth.Name == "soft-breaks-two-photos");
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "消防演练.docx");
        await File.WriteAllBytesAsync(path, docx);
        var errors = new List<string>();

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("contributor");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/submissions/write");

        // Upload: the form fills, the photos wait with their captions, the original shows what each line became.
        await page.GetByTestId("document-file").SetInputFilesAsync(path);
        await page.GetByTestId("read-document").ClickAsync();
        await Expect(page.GetByTestId("document-status")).ToContainTextAsync("已识别");
        await Expect(page.GetByLabel("标题（不超过 100 字）")).ToHaveValueAsync(truth.Title);
        await Expect(page.GetByLabel("正文")).ToHaveValueAsync(string.Join('\n', truth.Paragraphs));
        await Expect(page.GetByLabel("作者")).ToHaveValueAsync("赵磊");
        await Expect(page.GetByLabel("联系电话")).ToHaveValueAsync("13800138000");
        await Expect(page.GetByTestId("pending-photo")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("图片 2 的说明")).ToHaveValueAsync(truth.Captions[1]);
        await Expect(page.GetByTestId("document-source").Locator("li.fd-title")).ToHaveTextAsync(truth.Title);
        await Expect(page.GetByTestId("document-source").Locator("li.fd-caption")).ToHaveCountAsync(2);

        // Correct one field, save: the article and both photos are stored at once.
        const string corrected = "华兴物流公司开展仓储区冬季消防应急演练";
        await page.GetByLabel("标题（不超过 100 字）").FillAsync(corrected);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DetailsUrl());
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已保存稿件《{corrected}》（第 1 版）。");
        await Expect(page.Locator("figure img, .photos img")).ToHaveCountAsync(2);
        foreach (var caption in truth.Captions)
        {
            await Expect(page.GetByText(caption).First).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"已报送：《{corrected}》");
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"/submissions/(\d+)$")]
    private static partial Regex DetailsUrl();
}
