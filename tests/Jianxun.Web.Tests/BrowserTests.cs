using Jianxun.Testing;
using Microsoft.Playwright;

namespace Jianxun.Web.Tests;

/// <summary>Jianxun on a real Kestrel port, driven by Debian's Chromium through Playwright (never a downloaded browser; Playwright gives each launch a fresh profile).</summary>
public sealed class BrowserApp : JianxunApplicationFactory
{
    public BrowserApp() : base(DatabaseKind.Sqlite)
    {
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every browser and API client of these tests signs in from 127.0.0.1, a whole office behind one address: the
        // per-address sign-in rate (60 a minute by default, SignInThrottleTests test it) is raised so a class that signs
        // in as each user in turn is not refused with 429 when the machine is fast.
        builder.UseSetting("Jianxun:SignIn:RequestsPerMinutePerAddress", "1000");
    }

    public string BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }
}

public sealed class BrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    public const string ChromiumPath = "/usr/bin/chromium";

    internal static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        Requirements.SkipUnless(Requirements.Chromium, File.Exists(ChromiumPath), $"Browser tests are skipped: {ChromiumPath} is missing (apt-get install chromium; .ci/run installs it).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }

    [SkippableFact]
    public async Task Editor_LogsIn_SeesHomePageWithEditorInbox()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(app.BaseUrl + "/");
        Assert.EndsWith("/account/login?ReturnUrl=%2F", page.Url);
        await page.GetByLabel("用户名").FillAsync("editor");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl + "/");
        Assert.Equal("周文澜，您好", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("[data-testid=panel-to-adopt]").IsVisibleAsync());
        Assert.Equal("周文澜", await page.Locator("[data-testid=display-name]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("a[href='/admin/units']").CountAsync());

        // The stylesheet is self-hosted and applied: the top bar carries the red rule.
        var border = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.topbar')).borderBottomColor");
        Assert.Equal("rgb(192, 0, 0)", border);

        if (Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "home-editor.png") });
        }
    }
}
