using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Jianxun.Web.Tests;

/// <summary>One doubt never loses a bulletin (ADR-028): warnings in the API preview and on the preview page, and the import.</summary>
public abstract partial class ArchiveTests
{
    /// <summary>[国企动态]'s second article has no title line; the file name carries no number.</summary>
    private static byte[] UntitledBulletin(int number, int total) => Encoding.UTF8.GetBytes($"""
        ● 国资简讯

        2023年第{number}期（总第{total}期）

        [国企动态]

        城投集团开展安全生产月活动

        6月3日，城投集团开展安全生产月活动，组织员工观看警示教育片。

        活动现场发放宣传资料两百余份。

        【供稿：城投集团 林小禾】

        6月5日，水务集团组织开展防汛应急演练，检验了抢险队伍的快速反应能力。

        演练结束后，参演人员对流程作了复盘。

        【供稿：城投集团 周一苇】

        """);

    [SkippableFact]
    public async Task PreviewApi_UntitledArticle_WarnsWithItsPlaceAndCommitImportsItUnderAStandInTitle()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");

        var preview = await PreviewAsync(editor, UntitledBulletin(51, 351));

        var warning = Assert.Single(preview.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "UntitledArticle");
        Assert.Equal((0, 1, "国企动态"), (warning.GetProperty("sectionIndex").GetInt32(), warning.GetProperty("articleIndex").GetInt32(), warning.GetProperty("column").GetString()));
        var line = warning.GetProperty("sourceLine").GetInt32();
        Assert.StartsWith("6月5日", preview.GetProperty("sourceLines")[line - 1].GetString()!.Trim(), StringComparison.Ordinal);
        Assert.Contains(warning.GetProperty("message").GetString(), preview.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));

        var created = await (await CommitAsync(editor, preview)).JsonAsync(HttpStatusCode.Created);

        var issue = await editor.GetJsonAsync($"/api/archive/{created.GetProperty("issueId").GetInt32()}");
        var items = issue.GetProperty("sections")[0].GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("6月5日，水务集团组织开展防汛应急演练，检验了抢…", items[1].GetProperty("title").GetString());
        Assert.EndsWith("演练结束后，参演人员对流程作了复盘。", items[1].GetProperty("paragraphs")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CommitApi_Strict_RefusesTheUntitledArticleAsBeforeAndSavesNothing()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var preview = await PreviewAsync(editor, UntitledBulletin(52, 352));
        var before = (await editor.GetJsonAsync("/api/archive")).GetArrayLength();

        using var response = await editor.PostAsJsonAsync("/api/imports", new
        {
            pendingToken = preview.GetProperty("pendingToken").GetString(),
            seriesId = preview.GetProperty("seriesId").GetInt32(),
            year = 2023,
            number = 52,
            totalNumber = 352,
            date = "2023-06-05",
            strict = true,
        });

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("请填写“国企动态”第 2 篇的标题", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, (await editor.GetJsonAsync("/api/archive")).GetArrayLength());
    }

    [SkippableFact]
    public async Task PreviewPage_UntitledArticle_WarningAtTheArticleAndItsLineGoneOnceTitledThenImported()
    {
        RequireDatabase();
        using var editor = await app.LoginAsync("editor");
        var token = await AntiforgeryAsync(editor, "/archive/import");
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(UntitledBulletin(53, 353)), "Files", "简讯.txt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        using var uploaded = await editor.PostAsync("/archive/import", upload);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewPath = uploaded.Headers.Location!.OriginalString;

        var html = await editor.GetStringAsync(previewPath);
        Assert.Contains("class=\"card import-article has-warning\" id=\"article-0-1\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"warning-0-1\" data-kind=\"UntitledArticle\">“国企动态”第 2 篇没有标题", html);
        Assert.Contains("href=\"?sel=0.1#article-0-1\"", html, StringComparison.Ordinal);
        var warned = System.Text.RegularExpressions.Regex.Match(html, "<li [^>]*class=\"warn\">[^<]*");
        Assert.True(warned.Value.Contains("6月5日", StringComparison.Ordinal), warned.Value + " / " + System.Text.RegularExpressions.Regex.Match(html, "<li id=\"L15\"[^\n]*").Value);

        await PostAsync(editor, previewPath, "Article", new() { ["S"] = "0", ["A"] = "1", ["Title"] = "水务集团开展防汛应急演练", ["Units"] = "城投集团", ["Authors"] = "周一苇" });
        html = await editor.GetStringAsync(previewPath);
        Assert.DoesNotContain("data-testid=\"warning-0-1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("has-warning\" id=\"article-0-1\"", html, StringComparison.Ordinal);

        using var committed = await PostAsync(editor, previewPath, "Commit", new()
        {
            ["SeriesId"] = "1",
            ["Year"] = "2023",
            ["Number"] = "53",
            ["TotalNumber"] = "353",
            ["Date"] = "2023-06-05",
        });
        var issueHtml = await editor.GetStringAsync(committed.Headers.Location!.OriginalString);
        Assert.Contains("水务集团开展防汛应急演练", issueHtml, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PreviewApi_NumberOnlyInTheFileName_TakenFromItWithAWarning()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var text = Encoding.UTF8.GetString(ArchiveBulletins.Text(54, 354, "岑文博")).Replace("2023年第54期（总第354期）", "", StringComparison.Ordinal);

        var preview = await PreviewAsync(editor, Encoding.UTF8.GetBytes(text), "国资简讯2023年第54期（总第354期）.txt");

        Assert.Equal((2023, 54, 354), (preview.GetProperty("year").GetInt32(), preview.GetProperty("number").GetInt32(), preview.GetProperty("totalNumber").GetInt32()));
        var warning = Assert.Single(preview.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "NumberingFromElsewhere");
        Assert.Contains("按文件名“国资简讯2023年第54期（总第354期）.txt”取为 年份 2023，期号 54，总期号 354", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(preview.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() is "NoIssueNumber" or "YearAssumed");

        // The document wins over the file name.
        var stated = await PreviewAsync(editor, ArchiveBulletins.Text(55, 355, "岑文博"), "2019-07.txt");
        Assert.Equal((2023, 55), (stated.GetProperty("year").GetInt32(), stated.GetProperty("number").GetInt32()));
        Assert.DoesNotContain(stated.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "NumberingFromElsewhere");
    }
}
