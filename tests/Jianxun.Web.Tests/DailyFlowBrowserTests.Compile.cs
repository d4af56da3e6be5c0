using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Jianxun.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 17 §8 and §12 in Chromium (ADR-026): on the compile page a move, a removal or an addition happens without a
/// reload (the address, a marker set in the page and the scroll position survive), the real PDF is drawn page by page
/// by the self-hosted pdf.js with its page count, an issue longer than the series' page budget is warned about, and the
/// keyboard shortcuts move the focused article.
/// </summary>
public sealed partial class DailyFlowBrowserTests
{
    /// <summary>A fact of the same length each time: long enough to fill a third of a page per paragraph.</summary>
    private const string LongParagraph =
        "城投集团围绕年度重点任务，逐项细化责任分工，明确时间节点，压实工作责任，推动各项工作落地见效。集团班子成员分赴基层项目现场，"
        + "面对面听取一线职工意见建议，现场协调解决施工组织、要素保障和安全管理等方面的具体问题，形成问题清单、责任清单和整改清单，"
        + "做到件件有回音、事事有着落，为完成全年目标任务打下坚实基础。";

    /// <summary>
    /// A draft issue whose second column holds <paramref name="titles"/>, each with <paramref name="paragraphs"/> paragraphs;
    /// with the names of the series' columns.
    /// </summary>
    private async Task<(int Issue, string[] Columns)> CompiledIssueAsync(string[] titles, int paragraphs)
    {
        using var contributor = await ApiAsync("contributor");
        using var reviewer = await ApiAsync("reviewer");
        using var editor = await ApiAsync("editor");
        var series = (await editor.GetJsonAsync("/api/series"))[0];
        var columnId = series.GetProperty("columns")[1].GetProperty("id").GetInt32();
        var ids = new List<int>();
        foreach (var title in titles)
        {
            var body = Enumerable.Repeat(LongParagraph, paragraphs).ToArray();
            var id = (await PostAsync(contributor, "/api/submissions", new { title, paragraphs = body }, HttpStatusCode.Created)).GetProperty("id").GetInt32();
            await PostAsync(contributor, $"/api/submissions/{id}/submit", new { });
            await PostAsync(reviewer, $"/api/submissions/{id}/unit-approve", new { comment = "同意报送。" });
            await PostAsync(editor, $"/api/submissions/{id}/adopt", new { columnId });
            ids.Add(id);
        }
        var issue = await PostAsync(editor, "/api/issues", new { seriesId = series.GetProperty("id").GetInt32() }, HttpStatusCode.Created);
        var issueId = issue.GetProperty("id").GetInt32();
        var sections = new[] { new { sectionId = issue.GetProperty("sections")[1].GetProperty("id").GetInt32(), items = ids.Select(i => new { submissionId = i }).ToArray() } };
        await (await editor.PutAsJsonAsync($"/api/issues/{issueId}", new { version = issue.GetProperty("version").GetInt32(), sections })).JsonAsync();
        return (issueId, [.. series.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)]);
    }

    /// <summary>The PDF pages drawn by pdf.js: as many canvases as the page count says, each with ink on it.</summary>
    private static async Task ExpectPdfPagesAsync(IPage page, int pages)
    {
        var container = page.GetByTestId("pdf-pages");
        await Expect(container).ToHaveAttributeAsync("data-rendered-pages", pages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(container.Locator("canvas")).ToHaveCountAsync(pages);
        // Not a blank canvas: the masthead and the text left dark pixels on the first page.
        var inked = await container.Locator("canvas").First.EvaluateAsync<int>(
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] < 600) n++; } return n; }");
        Assert.True(inked > 1000, $"the first PDF page has only {inked} dark pixels");
    }

    /// <summary>The page count the compile page states (共 N 页).</summary>
    private static async Task<int> PageCountAsync(IPage page)
    {
        var text = await page.GetByTestId("page-count").InnerTextAsync();
        return int.Parse(Regex.Match(text, @"共 (\d+) 页").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task CompilePage_MovesRemovesAndAdds_WithoutReload_KeepsScroll_AndRedrawsThePdfPages()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(20_000);
        string[] titles = ["城投集团推进城市更新项目", "城投集团开展安全生产大检查", "城投集团召开职工代表大会"];
        var (issue, columns) = await CompiledIssueAsync(titles, paragraphs: 1);
        var (here, there) = (columns[1], columns[0]);

        var editor = await LogInAsync(browser, "editor");
        await editor.SetViewportSizeAsync(1280, 600);
        var violations = new List<string>();
        editor.Console += (_, m) =>
        {
            if (m.Type == "error") { violations.Add(m.Text); }
        };
        await editor.GotoAsync($"/issues/{issue}");
        var pages = await PageCountAsync(editor);
        Assert.InRange(pages, 1, 4);
        await Expect(editor.GetByTestId("page-count")).ToContainTextAsync($"共 {pages} 页，刊物版面 4 页");
        await Expect(editor.GetByTestId("layout-warning")).ToHaveCountAsync(0);
        await ExpectPdfPagesAsync(editor, pages);

        var url = editor.Url;
        var items = editor.Locator($"[data-testid='section-{here}'] ol.items li");
        await Expect(items).ToHaveCountAsync(3);
        await items.Nth(1).ScrollIntoViewIfNeededAsync();
        await editor.EvaluateAsync("() => { window.scrollBy(0, 120); window.noReload = 'still here'; }");
        var scroll = await editor.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(scroll > 100, $"the page did not scroll ({scroll})");

        async Task ExpectSamePageAsync()
        {
            Assert.Equal(url, editor.Url);
            Assert.Equal("still here", await editor.EvaluateAsync<string?>("() => window.noReload ?? null"));
            Assert.Equal(scroll, await editor.EvaluateAsync<double>("() => window.scrollY"));
        }

        // ↓ on the first article: saved, re-rendered in place, the preview redrawn.
        await items.Nth(0).GetByRole(AriaRole.Button, new() { Name = "下移" }).ClickAsync();
        await Expect(items.Nth(1)).ToContainTextAsync(titles[0]);
        await Expect(editor.Locator(".flash")).ToContainTextAsync("已保存");
        await ExpectSamePageAsync();
        await ExpectPdfPagesAsync(editor, pages);

        // Alt+↑ on the focused article moves it back; the focus stays on it, so the key can be pressed again.
        await items.Nth(1).GetByRole(AriaRole.Button, new() { Name = "上移" }).FocusAsync();
        await editor.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(items.Nth(0)).ToContainTextAsync(titles[0]);
        await Expect(items.Nth(0).GetByRole(AriaRole.Button, new() { Name = "上移" })).ToBeFocusedAsync();
        await ExpectSamePageAsync();

        // Remove it (✕), then add it back from the list of adopted articles.
        await items.Nth(0).GetByRole(AriaRole.Button, new() { Name = "移出本期" }).ClickAsync();
        await Expect(items).ToHaveCountAsync(2);
        await ExpectSamePageAsync();
        var column = editor.Locator($"[data-testid='section-{here}']");
        await column.Locator("select[name^='Add']").SelectOptionAsync(new SelectOptionValue { Label = $"★ {titles[0]}（城投集团）" });
        await column.GetByRole(AriaRole.Button, new() { Name = "加入" }).ClickAsync();
        await Expect(items).ToHaveCountAsync(3);
        await Expect(items.Nth(2)).ToContainTextAsync(titles[0]);
        await ExpectSamePageAsync();

        // Into another column with 移动 (the select names the column), without a reload either.
        await items.Nth(2).Locator("select[name^='MoveTo']").SelectOptionAsync(new SelectOptionValue { Label = there });
        await items.Nth(2).GetByRole(AriaRole.Button, new() { Name = "移动" }).ClickAsync();
        await Expect(editor.Locator($"[data-testid='section-{there}'] ol.items li")).ToContainTextAsync([titles[0]]);
        await Expect(items).ToHaveCountAsync(2);
        await ExpectSamePageAsync();

        // ? shows the shortcut box; the page's list is the one on /help.
        await editor.Locator("body").ClickAsync(new() { Position = new Position { X = 5, Y = 5 } });
        await editor.Keyboard.PressAsync("?");
        var box = editor.GetByTestId("shortcuts");
        await Expect(box).ToHaveAttributeAsync("open", "");
        await Expect(box).ToContainTextAsync("把当前稿件上移、下移一位");
        await editor.Keyboard.PressAsync("Escape");
        await Expect(box).Not.ToHaveAttributeAsync("open", "");
        await editor.GotoAsync("/help");
        await Expect(editor.GetByTestId("help-shortcuts")).ToContainTextAsync("把当前稿件移到上一个、下一个栏目");

        Assert.Empty(violations);
        await editor.GotoAsync($"/issues/{issue}");
        await Expect(editor.Locator($"[data-testid='section-{there}'] ol.items li")).ToContainTextAsync([titles[0]]);
    }

    [SkippableFact]
    public async Task CompilePage_IssuePastThePageBudget_ShowsItsPagesAndWarns()
    {
        var (playwright, browser) = await BrowserTests.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(30_000);
        var (issue, _) = await CompiledIssueAsync(["城投集团全面推进年度重点工作", "城投集团深化国企改革提升行动"], paragraphs: 14);

        var editor = await LogInAsync(browser, "editor");
        await editor.GotoAsync($"/issues/{issue}");
        var pages = await PageCountAsync(editor);
        Assert.True(pages > 4, $"{pages} pages");
        await Expect(editor.GetByTestId("layout-warning").First).ToContainTextAsync($"本期共 {pages} 页，超出刊物版面（4 页）{pages - 4} 页");
        await ExpectPdfPagesAsync(editor, pages);
    }
}
