using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jianxun.Web.Tests;

/// <summary>An editor reads an old bulletin back into the archive in a real browser (Debian's Chromium).</summary>
public sealed partial class ImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task Editor_UploadsFixesTitleCommits_IssueInArchiveAndOnPersonPage()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(app.BaseUrl + "/account/login");
        await page.GetByLabel("用户名").FillAsync("editor");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.Locator("nav a[href='/archive']").ClickAsync();
        await page.GetByTestId("import-link").ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "2023年第41期.txt",
            MimeType = "text/plain",
            Buffer = ArchiveBulletins.Text(41, 341, "宋怀远"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await page.WaitForURLAsync(PreviewUrl());

        // The structure beside the source: selecting an article highlights its source lines.
        Assert.Equal("城投集团召开安全生产工作会议", await page.GetByTestId("title-0-0").InputValueAsync());
        await page.GetByTestId("select-0-0").ClickAsync();
        await page.WaitForURLAsync(new Regex("sel=0\\.0"));
        Assert.Contains("城投集团召开安全生产工作会议", await page.Locator(".source-lines li.hl").First.InnerTextAsync());

        await page.GetByTestId("title-0-0").FillAsync("城投集团部署汛期安全生产工作");
        await page.GetByTestId("save-0-0").ClickAsync();
        await page.WaitForSelectorAsync(".flash");
        Assert.Equal("城投集团部署汛期安全生产工作", await page.GetByTestId("title-0-0").InputValueAsync());

        await page.GetByTestId("commit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/archive/\\d+$"));
        Assert.Contains("已导入 国资简讯 2023年第41期", await page.Locator(".flash").InnerTextAsync());
        Assert.Contains("城投集团部署汛期安全生产工作", await page.GetByTestId("archive-issue").InnerTextAsync());

        await page.GotoAsync(app.BaseUrl + "/archive");
        var row = page.Locator("[data-testid=archive-list] tr", new() { HasText = "2023年第41期" });
        Assert.Equal("导入", await row.Locator(".tag").InnerTextAsync());

        await page.GotoAsync(app.BaseUrl + "/people/" + Uri.EscapeDataString("宋怀远"));
        Assert.True(await page.GetByTestId("person-mentions").CountAsync() == 1, await page.ContentAsync());
        var mentions = await page.GetByTestId("person-mentions").InnerTextAsync();
        Assert.Contains("城投集团部署汛期安全生产工作", mentions);
        Assert.Contains("董事长", await page.GetByTestId("person-titles").InnerTextAsync());

        if (Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "person.png") });
        }
    }

    [GeneratedRegex("/archive/import/[0-9a-f]{32}")]
    private static partial Regex PreviewUrl();
}
