using System.Net;
using Jianxun.Testing;

namespace Jianxun.Web.Tests.Scores;

/// <summary>The assessment pages as people use them (cookies and forms): who sees what, the rules form, the article's events; on each database.</summary>
public abstract class ScoresPagesTests(JianxunApplicationFactory app)
{
    private async Task RequireDatabaseAsync()
    {
        TestDatabase.SkipIfUnavailable(app.Kind);
        await ScoreTestData.EnsureRuleSetAsync(app);
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Contributor_SeesANoticeUntilPublished_OwnUnitExplained_OtherUnitRefusedInChinese()
    {
        await RequireDatabaseAsync();
        using var api = await app.ApiClientAsync("editor");
        var ranking = await api.GetJsonAsync("/api/scores");
        var own = ScoreTestData.Row(ranking, "城投集团").GetProperty("unitId").GetInt32();
        var other = ScoreTestData.Row(ranking, "产发集团").GetProperty("unitId").GetInt32();
        using var contributor = await app.LoginAsync("contributor");

        var (status, html) = await GetAsync(contributor, "/scores");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("本期排名尚未发布", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/scores/units/{own}?period=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"ranking\"", html, StringComparison.Ordinal);
        Assert.Contains(">信息考核</a>", html, StringComparison.Ordinal);

        // The month of the demo's newer issue has lines whatever the day; the current month may not have any yet.
        (status, html) = await GetAsync(contributor, $"/scores/units/{own}?period={ScoreTestData.DemoMonth}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("城投集团", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"trend-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"trend-chart-title\">城投集团", html, StringComparison.Ordinal);
        Assert.Contains("合计", html, StringComparison.Ordinal);

        (status, html) = await GetAsync(contributor, $"/scores/units/{other}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("只能查看本单位的得分明细。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("产发集团", html, StringComparison.Ordinal);

        (status, _) = await GetAsync(contributor, "/scores/rules");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [SkippableFact]
    public async Task Editor_PublishesWithTheButton_ThenTheReaderSeesTheRankingAndChart()
    {
        await RequireDatabaseAsync();
        using var editor = await app.LoginAsync("editor");
        var (status, html) = await GetAsync(editor, "/scores");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"ranking-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("发布排名", html, StringComparison.Ordinal);
        var period = System.Text.RegularExpressions.Regex.Match(html, "name=\"Period\" value=\"([^\"]+)\"").Groups[1].Value;

        using (var published = await JianxunApplicationFactory.PostFormAsync(editor, "/scores", new Dictionary<string, string> { ["Period"] = period }, "Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        try
        {
            using var reader = await app.LoginAsync("reader");
            (status, html) = await GetAsync(reader, $"/scores?period={period}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("data-testid=\"ranking\"", html, StringComparison.Ordinal);
            Assert.Contains("<tr data-unit=\"城投集团\">", html, StringComparison.Ordinal);
            Assert.Contains("已发布", html, StringComparison.Ordinal);
            Assert.DoesNotContain("撤回排名", html, StringComparison.Ordinal);
        }
        finally
        {
            using var withdrawn = await JianxunApplicationFactory.PostFormAsync(editor, "/scores", new Dictionary<string, string> { ["Period"] = period }, "Unpublish");
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }

        // Recomputing is the administrator's, and needs the confirmation.
        Assert.DoesNotContain("重新计算本期得分", html, StringComparison.Ordinal);
        using var admin = await app.LoginAsync("admin");
        using var unconfirmed = await JianxunApplicationFactory.PostFormAsync(admin, "/scores", new Dictionary<string, string> { ["Period"] = period }, "Recompute");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("请先勾选确认", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RulesForm_KeepsWhatWasTypedOnErrors_AndSavesANewVersion()
    {
        await RequireDatabaseAsync();
        using var api = await app.ApiClientAsync("admin");
        var current = (await api.GetJsonAsync("/api/scores/rule-sets")).EnumerateArray().First(s => s.GetProperty("inForce").GetBoolean());
        var id = current.GetProperty("id").GetInt32();
        var effective = current.GetProperty("effectiveFrom").GetString()![..7];
        using var admin = await app.LoginAsync("admin");
        var (status, html) = await GetAsync(admin, $"/scores/rules?id={id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("保存为新版本", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{ScoreTestData.HigherKind}\"", html, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Name"] = "修订后的考核细则",
            ["Form.EffectiveMonth"] = effective,
            ["Form.Note"] = "网页修订",
            ["Form.Own[0].Column"] = "",
            ["Form.Own[0].Kind"] = "Full",
            ["Form.Own[0].Points"] = "3",
            ["Form.Own[1].Column"] = "",
            ["Form.Own[1].Kind"] = "Brief",
            ["Form.Own[1].Points"] = "",
            ["Form.Higher[0].Key"] = ScoreTestData.HigherKind,
            ["Form.Higher[0].Name"] = "区委区政府信息刊物采用",
            ["Form.Higher[0].Points"] = "五分",
            ["Form.Levels[0].Key"] = ScoreTestData.InstructionLevel,
            ["Form.Levels[0].Name"] = "区级主要领导",
            ["Form.Levels[0].Points"] = "10",
            ["Form.Joint"] = "SplitEvenly",
            ["Form.LeadShare"] = "0.6",
            ["Form.Quotas[0].PeerGroup"] = "区属国企",
            ["Form.Quotas[0].Period"] = "Month",
            ["Form.Quotas[0].Items"] = "1",
            ["Form.Quotas[0].BaseScore"] = "2",
            ["Form.Quotas[0].Penalty"] = "1",
            ["Form.LatePenalty"] = "1",
            ["Form.MissingPenalty"] = "2",
            ["Form.Caps[0].Category"] = "Higher",
            ["Form.Caps[0].Period"] = "Year",
            ["Form.Caps[0].Max"] = "",
        };
        using (var invalid = await JianxunApplicationFactory.PostFormAsync(admin, "/scores/rules", fields, "Save"))
        {
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
            var page = await invalid.Content.ReadAsStringAsync();
            Assert.Contains("上级采用第 1 行的分值“五分”不是数字。", page, StringComparison.Ordinal);
            Assert.Contains("value=\"五分\"", page, StringComparison.Ordinal);
            Assert.Contains("value=\"修订后的考核细则\"", page, StringComparison.Ordinal);
        }

        // Two higher kinds with one key: the rules' own validation, in Chinese.
        fields["Form.Higher[0].Points"] = "6";
        fields["Form.Higher[1].Key"] = ScoreTestData.HigherKind;
        fields["Form.Higher[1].Name"] = "重复的类别";
        fields["Form.Higher[1].Points"] = "1";
        using (var duplicated = await JianxunApplicationFactory.PostFormAsync(admin, "/scores/rules", fields, "Save"))
        {
            Assert.Equal(HttpStatusCode.OK, duplicated.StatusCode);
            Assert.Contains($"上级采用类别“{ScoreTestData.HigherKind}”重复。", await duplicated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Empty rows are dropped; the old version stays, superseded.
        fields["Form.Higher[1].Key"] = "";
        fields["Form.Higher[1].Name"] = "";
        fields["Form.Higher[1].Points"] = "";
        fields["Form.Higher[0].Points"] = "5";
        using (var saved = await JianxunApplicationFactory.PostFormAsync(admin, "/scores/rules", fields, "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var sets = (await api.GetJsonAsync("/api/scores/rule-sets")).EnumerateArray().ToList();
        var revised = sets.Single(s => s.GetProperty("inForce").GetBoolean());
        Assert.Equal("修订后的考核细则", revised.GetProperty("name").GetString());
        Assert.Single(revised.GetProperty("rules").GetProperty("ownAdoption").EnumerateArray());
        Assert.Single(revised.GetProperty("rules").GetProperty("higherAdoption").EnumerateArray());
        Assert.Empty(revised.GetProperty("rules").GetProperty("caps").EnumerateArray());
        Assert.Equal(revised.GetProperty("id").GetInt32(), sets.Single(s => s.GetProperty("id").GetInt32() == id).GetProperty("supersededById").GetInt32());

        // Editors read the rules; the form is disabled for them.
        using var editor = await app.LoginAsync("editor");
        (status, html) = await GetAsync(editor, "/scores/rules");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("disabled=\"disabled\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("保存为新版本</button>", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ArticlePage_EditorRecordsThroughTheForms_ProblemsComeBackWithWhatWasTyped()
    {
        await RequireDatabaseAsync();
        using var api = await app.ApiClientAsync("editor");
        var article = await ScoreTestData.PublishedArticleAsync(api, "城投集团");
        using var editor = await app.LoginAsync("editor");
        var (status, html) = await GetAsync(editor, $"/submissions/{article.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("上级采用与领导批示", html, StringComparison.Ordinal);
        Assert.Contains("记录上级采用", html, StringComparison.Ordinal);

        var token = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(editor, $"/submissions/{article.Id}");
        using (var missing = await editor.PostAsync($"/submissions/{article.Id}/score-events?handler=Higher", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Higher.Kind"] = ScoreTestData.HigherKind,
            ["Higher.Body"] = "",
            ["Higher.Publication"] = "《每日要情》",
            ["__RequestVerificationToken"] = token,
        })))
        {
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            var page = await missing.Content.ReadAsStringAsync();
            Assert.Contains("请填写采用单位。", page, StringComparison.Ordinal);
            Assert.Contains("value=\"《每日要情》\"", page, StringComparison.Ordinal);
        }
        using (var recorded = await editor.PostAsync($"/submissions/{article.Id}/score-events?handler=Higher", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Higher.Kind"] = ScoreTestData.HigherKind,
            ["Higher.Body"] = "区委办公室",
            ["Higher.Publication"] = "《每日要情》",
            ["__RequestVerificationToken"] = token,
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
            Assert.Equal($"/submissions/{article.Id}#score-events", recorded.Headers.Location?.OriginalString);
        }
        (_, html) = await GetAsync(editor, $"/submissions/{article.Id}");
        Assert.Contains("被区委办公室《每日要情》采用", html, StringComparison.Ordinal);

        // The unit sees the record, without the forms.
        using var contributor = await app.LoginAsync("contributor");
        (_, html) = await GetAsync(contributor, $"/submissions/{article.Id}");
        Assert.Contains("被区委办公室《每日要情》采用", html, StringComparison.Ordinal);
        Assert.DoesNotContain("记录上级采用", html, StringComparison.Ordinal);
        using var refused = await contributor.PostAsync($"/submissions/{article.Id}/score-events?handler=Higher", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Higher.Kind"] = ScoreTestData.HigherKind,
            ["Higher.Body"] = "区委办公室",
            ["Higher.Publication"] = "《每日要情》",
            ["__RequestVerificationToken"] = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(contributor, $"/submissions/{article.Id}"),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var events = await api.GetJsonAsync($"/api/submissions/{article.Id}/score-events");
        foreach (var h in events.GetProperty("higherAdoptions").EnumerateArray())
        {
            using var deleted = await editor.PostAsync($"/submissions/{article.Id}/score-events?handler=DeleteHigher", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["hid"] = h.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        Assert.Empty((await api.GetJsonAsync($"/api/submissions/{article.Id}/score-events")).GetProperty("higherAdoptions").EnumerateArray());
    }
}

public sealed class SqliteScoresPagesTests(SqliteApp app) : ScoresPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresScoresPagesTests(PostgresApp app) : ScoresPagesTests(app), IClassFixture<PostgresApp>;
