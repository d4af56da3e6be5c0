using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Jianxun.Web.Tests;

/// <summary>The publishing flow in a real browser: compile, sign off, publish, download.</summary>
public sealed class IssueBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task<IPage> LoginAsync(IBrowser browser, string baseUrl, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        return page;
    }

    [SkippableFact]
    public async Task EditorCompiles_SignerSignsOff_ReaderDownloadsThePdf()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseUrl;
        var shots = Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS");

        // The editor starts the next issue and adds adopted demo articles into their columns.
        var editor = await LoginAsync(browser, baseUrl, "editor");
        await editor.GotoAsync(baseUrl + "/issues");
        await editor.GetByTestId("create-next").ClickAsync();
        await editor.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/issues/\d+$"));
        var issueUrl = editor.Url;
        var title = (await editor.Locator("h1").InnerTextAsync()).Split(' ')[1];
        foreach (var column in new[] { "国资动态", "国企动态" })
        {
            var block = editor.Locator($"[data-testid='section-{column}']");
            var select = block.Locator("select[name^='Add']");
            // The articles adopted into this column are starred and listed first.
            var option = await select.Locator("option").Nth(1).GetAttributeAsync("value");
            await select.SelectOptionAsync(option!);
            await block.GetByRole(AriaRole.Button, new() { Name = "加入" }).ClickAsync();
            await Assertions.Expect(editor.Locator($"[data-testid='section-{column}'] ol.items li")).ToHaveCountAsync(1);
        }
        await editor.GetByLabel("编者按（可不填）").FillAsync("本期关注一季度国企经营亮点。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存并刷新预览" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash")).ToContainTextAsync("已保存");
        var preview = editor.FrameLocator("[data-testid=preview]");
        await Assertions.Expect(preview.Locator(".jx-series")).ToHaveTextAsync("国资简讯");
        await Assertions.Expect(preview.Locator(".jx-editors-note")).ToContainTextAsync("本期关注一季度国企经营亮点。");
        Assert.Equal(2, await preview.Locator("article.jx-article").CountAsync());
        if (shots is { Length: > 0 })
        {
            await Assertions.Expect(editor.Locator(".pdf-pages[data-rendered-pages]")).ToHaveCountAsync(1);
            await editor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "issue-compile.png"), FullPage = true });
        }
        // 印数 changed and 送签 pressed without saving: the change is saved first, not dropped (issue 17 §2).
        await editor.GetByLabel("印数（共印N份）").FillAsync("88");
        await editor.GetByRole(AriaRole.Button, new() { Name = "送签" }).ClickAsync();
        await Assertions.Expect(editor.Locator("[data-testid=issue-status]")).ToHaveTextAsync("待签发");
        await Assertions.Expect(editor.Locator(".flash")).ToContainTextAsync("已保存修改并送签");
        var proof = await editor.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=draft-pdf]").ClickAsync());
        using (var proofPdf = PdfDocument.Open(await proof.PathAsync()))
        {
            Assert.Contains("共印88份", string.Concat(proofPdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
        }

        // 撤回送签 before the signature, then 送签 again; the signer is offered neither 撤回送签 nor 印发.
        await editor.GetByRole(AriaRole.Button, new() { Name = "撤回送签" }).ClickAsync();
        await Assertions.Expect(editor.Locator("[data-testid=issue-status]")).ToHaveTextAsync("编辑中");
        await editor.GetByRole(AriaRole.Button, new() { Name = "送签" }).ClickAsync();
        await Assertions.Expect(editor.Locator("[data-testid=issue-status]")).ToHaveTextAsync("待签发");

        // The signer sees it as it will print and signs it off, with a comment, after confirming (issue 17 §3).
        var signer = await LoginAsync(browser, baseUrl, "signer");
        await Assertions.Expect(signer.Locator("[data-testid=panel-sign-off]")).ToContainTextAsync(title);
        await signer.GotoAsync(issueUrl);
        await Assertions.Expect(signer.FrameLocator("[data-testid=preview]").Locator(".jx-editors-note")).ToContainTextAsync("一季度");
        await Assertions.Expect(signer.GetByRole(AriaRole.Button, new() { Name = "撤回送签" })).ToHaveCountAsync(0);
        await signer.GetByLabel("意见").FillAsync("同意印发。");
        var signOff = signer.GetByRole(AriaRole.Button, new() { Name = "签发", Exact = true });
        await signOff.ClickAsync();
        var dialog = signer.GetByRole(AriaRole.Dialog, new() { Name = "请确认" });
        await Assertions.Expect(dialog).ToContainTextAsync("签发后本期即锁定");
        // 取消 (the focused, safe answer) changes nothing.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "取消" })).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(signer.Locator("[data-testid=issue-status]")).ToHaveTextAsync("待签发");
        await signOff.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定签发" }).ClickAsync();
        await Assertions.Expect(signer.Locator("[data-testid=issue-status]")).ToHaveTextAsync("已签发");
        await Assertions.Expect(signer.GetByRole(AriaRole.Button, new() { Name = "印发" })).ToHaveCountAsync(0);

        await editor.GotoAsync(issueUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "印发" }).ClickAsync();
        await editor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确定印发" }).ClickAsync();
        await Assertions.Expect(editor.Locator("[data-testid=issue-status]")).ToHaveTextAsync("已印发");

        // The issue's history: who, what, when and the signer's comment (issue 17 §5).
        var history = editor.Locator("[data-testid=issue-history] li");
        await Assertions.Expect(history).ToContainTextAsync(["周文澜 新建", "周文澜 送签（编辑中 → 待签发）", "周文澜 撤回送签（待签发 → 编辑中）",
            "周文澜 送签（编辑中 → 待签发）", "陈立衡 签发（待签发 → 已签发）意见：同意印发。", "周文澜 印发（已签发 → 已印发）"]);
        await Assertions.Expect(history).ToHaveCountAsync(6);

        // A reader finds it and downloads the PDF.
        var reader = await LoginAsync(browser, baseUrl, "reader");
        await reader.GotoAsync(baseUrl + "/issues");
        await reader.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        var download = await reader.RunAndWaitForDownloadAsync(() => reader.Locator("[data-testid=download-pdf-1]").ClickAsync());
        var path = await download.PathAsync();
        using var pdf = PdfDocument.Open(path);
        var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));
        Assert.Contains("国资简讯", text);
        Assert.Contains(title, text);
        if (shots is { Length: > 0 })
        {
            await reader.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "issue-published.png"), FullPage = true });
        }
    }
}
