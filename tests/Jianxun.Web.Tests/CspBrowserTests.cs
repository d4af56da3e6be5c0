using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>
/// The main flows in Chromium under the Content-Security-Policy (ADR-018): every page works and the browser reports no
/// violation, neither as a <c>securitypolicyviolation</c> event (in any frame) nor on the console.
/// </summary>
public sealed partial class CspBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Title = "城投集团开展汛前安全隐患排查";
    private readonly ConcurrentQueue<string> _violations = new();

    [SkippableFact]
    public async Task MainFlows_UnderTheContentSecurityPolicy_NoViolations()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        using var files = new TempDirectory();
        var photoPath = Path.Combine(files.Path, "排查现场.png");
        await File.WriteAllBytesAsync(photoPath, TestImages.Png(320, 200));

        // The policy is enforced and the watch sees it: an injected inline script is refused and reported.
        var contributor = await LogInAsync(browser, "contributor");
        await contributor.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        await Expect(contributor.Locator("body")).ToBeVisibleAsync();
        Assert.Null(await contributor.EvaluateAsync<int?>("() => window.injected ?? null"));
        await WaitForAsync(() => !_violations.IsEmpty);
        Assert.Contains(_violations, v => v.Contains("script-src", StringComparison.Ordinal));
        _violations.Clear();

        // Write, photo, submit.
        await contributor.GotoAsync("/submissions/write");
        await contributor.GetByLabel("标题").FillAsync(Title);
        await contributor.GetByLabel("正文").FillAsync("城投集团组织开展汛前安全隐患排查。\n排查覆盖在建项目和老旧小区。");
        await contributor.GetByLabel("建议栏目").SelectOptionAsync(new SelectOptionValue { Label = "国企动态" });
        await contributor.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(contributor).ToHaveURLAsync(DetailsUrl());
        var id = DetailsUrl().Match(contributor.Url).Groups[1].Value;
        await contributor.GetByLabel("添加图片").SetInputFilesAsync(photoPath);
        await contributor.GetByLabel("图片说明").FillAsync("排查现场");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "上传图片" }).ClickAsync();
        await Expect(contributor.GetByRole(AriaRole.Status)).ToHaveTextAsync("已上传图片。");
        var photo = contributor.GetByTestId("preview").GetByRole(AriaRole.Img, new() { Name = "排查现场" });
        await Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 320);
        await contributor.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Expect(contributor.GetByTestId("status")).ToHaveTextAsync("待单位审核");
        await VisitAsync(contributor, "/", "/submissions", "/calls", "/notifications", "/scores");

        // The unit's review.
        var reviewer = await LogInAsync(browser, "reviewer");
        await reviewer.GotoAsync($"/submissions/{id}");
        await reviewer.GetByLabel("意见").FillAsync("同意报送。");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "单位审核通过" }).ClickAsync();
        await Expect(reviewer.GetByTestId("status")).ToHaveTextAsync("待编辑处理");

        // The editor adopts it and compiles an issue: add, ↑ ↓, drag and drop, live preview in its frame.
        var editor = await LogInAsync(browser, "editor");
        await editor.GotoAsync($"/submissions/{id}");
        await editor.GetByLabel("采用到栏目").SelectOptionAsync(new SelectOptionValue { Label = "国资简讯 · 国企动态" });
        await editor.GetByRole(AriaRole.Button, new() { Name = "采用", Exact = true }).ClickAsync();
        await Expect(editor.GetByTestId("status")).ToHaveTextAsync("已采用");
        await editor.GotoAsync("/issues");
        await editor.GetByTestId("create-next").ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex(@"/issues/\d+$"));
        var issueUrl = editor.Url;
        var column = editor.Locator("[data-testid='section-国企动态']");
        var items = column.Locator("ol.items li");
        for (var n = 1; n <= 2; n++)
        {
            var select = column.Locator("select[name^='Add']");
            await select.SelectOptionAsync((await select.Locator("option").Nth(1).GetAttributeAsync("value"))!);
            await column.GetByRole(AriaRole.Button, new() { Name = "加入" }).ClickAsync();
            await Expect(items).ToHaveCountAsync(n);
        }
        var first = await items.Nth(0).InnerTextAsync();
        await items.Nth(0).GetByRole(AriaRole.Button, new() { Name = "下移" }).ClickAsync();
        await Expect(items.Nth(1)).ToContainTextAsync(first[..6]);
        await items.Nth(1).GetByRole(AriaRole.Button, new() { Name = "上移" }).ClickAsync();
        await Expect(items.Nth(0)).ToContainTextAsync(first[..6]);
        // compile.js moves the dragged article and saves the form.
        await items.Nth(1).DragToAsync(items.Nth(0));
        await Expect(items.Nth(1)).ToContainTextAsync(first[..6]);
        await editor.GetByLabel("编者按（可不填）").FillAsync("本期关注汛前安全。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存并刷新预览" }).ClickAsync();
        await Expect(editor.Locator(".flash")).ToContainTextAsync("已保存");
        var preview = editor.FrameLocator("[data-testid=preview]");
        await Expect(preview.Locator(".jx-editors-note")).ToContainTextAsync("本期关注汛前安全。");
        await Expect(preview.GetByRole(AriaRole.Img, new() { Name = "排查现场" })).ToHaveJSPropertyAsync("naturalWidth", 320);

        // A published issue: its page with the preview, the reading page (the print button is shown by script).
        await editor.GotoAsync("/issues");
        await editor.Locator("[data-testid=issues] a[href^='/issues/']").Last.ClickAsync();
        await Expect(editor.FrameLocator("[data-testid=preview]").Locator(".jx-series")).ToHaveTextAsync("国资简讯");
        await editor.GetByTestId("read").ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "打印" })).ToBeVisibleAsync();
        await editor.GotoAsync(issueUrl);
        await VisitAsync(editor, "/search?q=安全生产", "/search?q=城投集团", "/scores", "/scores/rules", "/archive", "/people/" + Uri.EscapeDataString("宋怀远"));
        await editor.GotoAsync("/scores");
        await Expect(editor.Locator("svg").First).ToBeVisibleAsync();

        // The import page, through to its preview with the source beside the structure.
        await editor.GotoAsync("/archive/import");
        await editor.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "2023年第42期.txt", MimeType = "text/plain", Buffer = ArchiveBulletins.Text(42, 342, "宋怀远") });
        await editor.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex("/archive/import/[0-9a-f]{32}"));
        await editor.GetByTestId("select-0-0").ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex("sel=0\\.0"));

        // The administrator's pages, and an error page.
        var admin = await LogInAsync(browser, "admin");
        await VisitAsync(admin, "/admin/units", "/admin/users", "/admin/series", "/admin/search", "/admin/audit", "/no/such/page");
        await admin.Locator("nav a[href='/admin/users']").ClickAsync();
        await admin.Locator("a[href^='/admin/users/']").First.ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/admin/users/\d+$"));

        // Reports come asynchronously: give the last ones a moment.
        await Task.Delay(500);
        Assert.True(_violations.IsEmpty, "CSP violations:\n" + string.Join('\n', _violations));
    }

    private async Task VisitAsync(IPage page, params string[] paths)
    {
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>A browser context of one user, watched for CSP reports in every frame and on the console.</summary>
    private async Task<IPage> LogInAsync(IBrowser browser, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await context.ExposeFunctionAsync("__jxCspViolation", (string report) => _violations.Enqueue(report));
        // Playwright's init script is not itself subject to the page's policy.
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.__jxCspViolation(" +
            "`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));");
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _violations.Enqueue($"console on {page.Url}: {message.Text}");
            }
        };
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        return page;
    }

    [GeneratedRegex(@"/submissions/(\d+)$")]
    private static partial Regex DetailsUrl();
}
