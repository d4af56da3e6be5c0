using System.Globalization;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests.Scores;

/// <summary>
/// The assessment in Chromium: an editor records a higher adoption and an instruction on a published article through
/// the article page's forms, the ranking shows the unit's new points, and the Excel export holds what the page shows.
/// </summary>
public sealed class ScoresBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task Editor_RecordsHigherAdoptionAndInstruction_RankingGainsTheRulePoints_ExcelHoldsTheSameFigures()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(15_000);
        var baseUrl = app.BaseUrl;
        using (var admin = await ScoreTestData.ApiClientAsync(baseUrl, "admin"))
        {
            await ScoreTestData.EnsureRuleSetAsync(admin);
        }
        using var api = await ScoreTestData.ApiClientAsync(baseUrl, "editor");
        var article = await ScoreTestData.PublishedArticleAsync(api);
        var events = await api.GetJsonAsync($"/api/submissions/{article.Id}/score-events");
        var higherPoints = ScoreTestData.RulePoints(events, "higherKinds", ScoreTestData.HigherKind);
        var instructionPoints = ScoreTestData.RulePoints(events, "instructionLevels", ScoreTestData.InstructionLevel);
        using var files = new TempDirectory();
        var scanPath = Path.Combine(files.Path, "批示扫描件.png");
        await File.WriteAllBytesAsync(scanPath, TestImages.Png(200, 280));

        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "zh-CN",
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("editor");
        await page.GetByLabel("密码").FillAsync(JianxunApplicationFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        // The ranking of the current month, before.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "信息考核" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("信息工作考核");
        var row = page.Locator($"[data-testid=ranking] tr[data-unit='{article.Unit}']");
        var before = decimal.Parse(await row.Locator("[data-field=points]").InnerTextAsync(), CultureInfo.InvariantCulture);
        var higherBefore = int.Parse(await row.Locator("[data-field=higher]").InnerTextAsync(), CultureInfo.InvariantCulture);
        var instructionsBefore = int.Parse(await row.Locator("[data-field=instructions]").InnerTextAsync(), CultureInfo.InvariantCulture);

        // 上级采用, through the article page's form.
        await page.GotoAsync($"/submissions/{article.Id}");
        var section = page.GetByTestId("score-events");
        await Expect(section.Locator("h2")).ToHaveTextAsync("上级采用与领导批示");
        await section.Locator("summary", new() { HasText = "记录上级采用" }).ClickAsync();
        var higherForm = section.GetByTestId("higher-form");
        await higherForm.GetByLabel("采用类别").SelectOptionAsync(ScoreTestData.HigherKind);
        await higherForm.GetByLabel("采用单位").FillAsync("区委办公室");
        await higherForm.GetByLabel("刊物名称").FillAsync("《每日要情》");
        await higherForm.GetByLabel("备注").FillAsync("全文采用");
        await higherForm.GetByRole(AriaRole.Button, new() { Name = "记录上级采用" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已记录上级采用：区委办公室《每日要情》");
        await Expect(section.GetByTestId("higher-adoptions")).ToContainTextAsync("被区委办公室《每日要情》采用");

        // 领导批示, with a scan.
        await section.Locator("summary", new() { HasText = "记录领导批示" }).ClickAsync();
        var instructionForm = section.GetByTestId("instruction-form");
        await instructionForm.GetByLabel("领导级别").SelectOptionAsync(ScoreTestData.InstructionLevel);
        await instructionForm.GetByLabel("批示领导").FillAsync("区长");
        await instructionForm.GetByLabel("批示内容").FillAsync("经验做法很好，请区国资委总结推广。");
        await instructionForm.GetByLabel("批示扫描件").SetInputFilesAsync(scanPath);
        await instructionForm.GetByRole(AriaRole.Button, new() { Name = "记录领导批示" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已记录领导批示：区长");
        await Expect(section.GetByTestId("instructions")).ToContainTextAsync("区长批示");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = "批示扫描件" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "score-events.png");

        // The ranking shows the unit's new points: exactly the two rules' points more.
        await page.GotoAsync("/scores");
        await Expect(row.Locator("[data-field=points]")).ToHaveTextAsync(ScoreTestData.Points(before + higherPoints + instructionPoints));
        await Expect(row.Locator("[data-field=higher]")).ToHaveTextAsync((higherBefore + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(row.Locator("[data-field=instructions]")).ToHaveTextAsync((instructionsBefore + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("ranking-chart")).ToContainTextAsync(article.Unit);
        await ScreenshotAsync(page, "scores.png");

        // The Excel export holds the figures the page shows, row by row.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var sheet = ScoresApiTests.Sheet(await File.ReadAllBytesAsync(await download.PathAsync()), "排名");
        var rows = page.Locator("[data-testid=ranking] tbody tr");
        Assert.Equal(await rows.CountAsync(), sheet.Count);
        for (var i = 0; i < sheet.Count; i++)
        {
            var shown = rows.Nth(i);
            async Task<string> Cell(string field) => await shown.Locator($"[data-field={field}]").InnerTextAsync();
            Assert.Equal(await shown.GetAttributeAsync("data-unit"), sheet[i]["单位"]);
            Assert.Equal(await Cell("rank"), Text(sheet[i]["排名"]));
            Assert.Equal(await Cell("sent"), Text(sheet[i]["报送"]));
            Assert.Equal(await Cell("adopted"), Text(sheet[i]["采用"]));
            Assert.Equal(await Cell("rate"), sheet[i]["采用率"]);
            Assert.Equal(await Cell("higher"), Text(sheet[i]["上级采用"]));
            Assert.Equal(await Cell("instructions"), Text(sheet[i]["领导批示"]));
            Assert.Equal(await Cell("quota"), sheet[i]["定额完成"]);
            Assert.Equal(await Cell("calls"), sheet[i]["约稿响应"]);
            Assert.Equal(await Cell("points"), Text(sheet[i]["得分"]));
        }
        Assert.Contains(sheet, r => (string?)r["单位"] == article.Unit && Text(r["得分"]) == ScoreTestData.Points(before + higherPoints + instructionPoints));

        // The unit's page explains the new points.
        await row.GetByRole(AriaRole.Link, new() { Name = article.Unit }).ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(article.Unit);
        var lines = page.GetByTestId("score-lines");
        await Expect(lines).ToContainTextAsync($"《{article.Title}》被区委办公室《每日要情》采用");
        await Expect(lines).ToContainTextAsync($"《{article.Title}》获区长批示");
        await Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "scores-unit.png");

        // The rules behind the points, for the editor to read.
        await page.GotoAsync("/scores/rules");
        await Expect(page.GetByTestId("rule-sets")).ToContainTextAsync("现行");
        await Expect(page.GetByTestId("rules-higher").Locator($"input[value='{ScoreTestData.HigherKind}']")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "scores-rules.png");
    }

    private static string Text(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture);

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("JIANXUN_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = true });
        }
    }
}
