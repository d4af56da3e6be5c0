using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;
using UglyToad.PdfPig;

namespace Jianxun.Web.Tests;

/// <summary>A series' fonts and sizes (版式) through the series API and page, and the 综合采用 flag of issue items; on each database.</summary>
public abstract class SeriesTypesettingApiTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync(path, body)).JsonAsync(expected);

    private static object Series(string name, object? typesetting) => new
    {
        name,
        issuer = "云澜区国资委办公室",
        firstTotalNumber = 1,
        defaultCopies = 10,
        columns = new[] { new { name = "工作动态", isBriefs = false } },
        typesetting,
    };

    [SkippableFact]
    public async Task SaveSeries_Typesetting_RoundTripsAndPrintsEveryIssueWithIt()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var editor = await app.ApiClientAsync("editor");

        var series = await PostAsync(admin, "/api/series", Series("专报", new { bodyFontSize = 18, bodyLineHeight = 32, titleFontFamily = "Noto Sans SC" }),
            HttpStatusCode.Created);
        var id = series.GetProperty("id").GetInt32();
        var typesetting = (await admin.GetJsonAsync($"/api/series/{id}")).GetProperty("typesetting");
        Assert.Equal(18, typesetting.GetProperty("bodyFontSize").GetDouble());
        Assert.Equal("Noto Sans SC", typesetting.GetProperty("titleFontFamily").GetString());
        Assert.Equal(JsonValueKind.Null, typesetting.GetProperty("mastheadFontFamily").ValueKind);

        var issue = await PostAsync(editor, "/api/issues", new { seriesId = id }, HttpStatusCode.Created);
        var issueId = issue.GetProperty("id").GetInt32();
        await (await editor.PutAsJsonAsync($"/api/issues/{issueId}", new { version = issue.GetProperty("version").GetInt32(), editorsNote = "请各单位结合实际抓好落实。" }))
            .JsonAsync();
        using (var pdf = PdfDocument.Open(await editor.GetByteArrayAsync($"/api/issues/{issueId}/pdf")))
        {
            // Characters of the note that nothing else on the page (masthead, issue line, issuer, date) uses.
            var note = pdf.GetPage(1).Letters.Where(l => "结合实际抓好落".Contains(l.Value, StringComparison.Ordinal)).ToList();
            Assert.Equal(8, note.Count);
            Assert.All(note, l => Assert.Equal(18, l.PointSize, 0.1));
        }
        using var page = await app.LoginAsync("editor");
        Assert.Contains("--jx-body-scale: 1.125", await page.GetStringAsync($"/issues/{issueId}/preview"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SaveSeries_UnknownFontFamily_Returns400ProblemListingTheFonts()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        var series = (await admin.GetJsonAsync("/api/series"))[0];
        var id = series.GetProperty("id").GetInt32();
        var columns = series.GetProperty("columns").EnumerateArray()
            .Select(c => new { id = c.GetProperty("id").GetInt32(), name = c.GetProperty("name").GetString(), isBriefs = c.GetProperty("isBriefs").GetBoolean() }).ToArray();

        using var response = await admin.PutAsJsonAsync($"/api/series/{id}", new
        {
            name = series.GetProperty("name").GetString(),
            issuer = series.GetProperty("issuer").GetString(),
            firstTotalNumber = series.GetProperty("firstTotalNumber").GetInt32(),
            defaultCopies = series.GetProperty("defaultCopies").GetInt32(),
            columns,
            typesetting = new { bodyFontFamily = "仿宋_GB2312", bodyFontSize = 40 },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        var font = errors.GetProperty("typesetting.bodyFontFamily")[0].GetString()!;
        Assert.Contains("正文字体“仿宋_GB2312”不在字体目录中", font, StringComparison.Ordinal);
        Assert.Contains("Noto Serif SC", font, StringComparison.Ordinal);
        Assert.Equal("正文字号应在 10.5 到 22 磅之间。", errors.GetProperty("typesetting.bodyFontSize")[0].GetString());
        Assert.Equal(JsonValueKind.Object, (await admin.GetJsonAsync($"/api/series/{id}")).GetProperty("typesetting").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await admin.GetJsonAsync($"/api/series/{id}")).GetProperty("typesetting").GetProperty("bodyFontFamily").ValueKind);
    }

    [SkippableFact]
    public async Task SeriesPage_ShowsDefaultsAsPlaceholders_AndRefusesAMissingFont()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        var page = await admin.GetStringAsync("/admin/series");
        Assert.Contains("name=\"Form.BodyFontFamily\" list=\"font-families\" maxlength=\"100\" placeholder=\"Noto Serif SC\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.BodyFontSize\" inputmode=\"decimal\" placeholder=\"16\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Noto Sans SC\"></option>", page, StringComparison.Ordinal);

        using var refused = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/series", new Dictionary<string, string>
        {
            ["Form.Name"] = "调研参考",
            ["Form.Issuer"] = "区国资委研究室",
            ["Form.FirstTotalNumber"] = "1",
            ["Form.Columns"] = "调研报告",
            ["Form.IsActive"] = "true",
            ["Form.TitleFontFamily"] = "方正小标宋简体",
            ["Form.BodyFontSize"] = "十六",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("正文字号“十六”不是数字", html, StringComparison.Ordinal);

        using var refusedFont = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/series", new Dictionary<string, string>
        {
            ["Form.Name"] = "调研参考",
            ["Form.Issuer"] = "区国资委研究室",
            ["Form.FirstTotalNumber"] = "1",
            ["Form.Columns"] = "调研报告",
            ["Form.IsActive"] = "true",
            ["Form.TitleFontFamily"] = "方正小标宋简体",
        });
        html = await refusedFont.Content.ReadAsStringAsync();
        Assert.Contains("标题字体“方正小标宋简体”不在字体目录中。可用字体：Noto Sans SC", html, StringComparison.Ordinal);
        Assert.Contains("value=\"方正小标宋简体\"", html, StringComparison.Ordinal);

        using var saved = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/series", new Dictionary<string, string>
        {
            ["Form.Name"] = "调研参考",
            ["Form.Issuer"] = "区国资委研究室",
            ["Form.FirstTotalNumber"] = "1",
            ["Form.Columns"] = "调研报告",
            ["Form.IsActive"] = "true",
            ["Form.TitleFontFamily"] = "Noto Sans SC",
            ["Form.BodyFontSize"] = "15",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("正文 Noto Serif SC 15 磅，标题 Noto Sans SC 18 磅", await admin.GetStringAsync("/admin/series"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UpdateIssue_IsCombined_RoundTripsAndLocksAfterSignOff()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await PostAsync(editor, "/api/issues", new { seriesId }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        var article = (await editor.GetJsonAsync("/api/issues/available-articles")).EnumerateArray()
            .First(a => a.GetProperty("columnId").ValueKind == JsonValueKind.Number);
        var sectionId = issue.GetProperty("sections").EnumerateArray()
            .First(s => s.GetProperty("columnId").GetInt32() == article.GetProperty("columnId").GetInt32()).GetProperty("id").GetInt32();

        var placed = await (await editor.PutAsJsonAsync($"/api/issues/{id}", new
        {
            version = issue.GetProperty("version").GetInt32(),
            sections = new[] { new { sectionId, items = new[] { new { submissionId = article.GetProperty("submissionId").GetInt32(), isCombined = true } } } },
        })).JsonAsync();
        var item = placed.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).Single();
        Assert.True(item.GetProperty("isCombined").GetBoolean());
        var itemId = item.GetProperty("id").GetInt32();

        // Left out, the flag stays; false clears it.
        var kept = await (await editor.PutAsJsonAsync($"/api/issues/{id}", new
        {
            version = placed.GetProperty("version").GetInt32(),
            sections = new[] { new { sectionId, items = new[] { new { itemId } } } },
        })).JsonAsync();
        Assert.True((await editor.GetJsonAsync($"/api/issues/{id}")).GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("items").EnumerateArray()).Single().GetProperty("isCombined").GetBoolean());
        var cleared = await (await editor.PutAsJsonAsync($"/api/issues/{id}", new
        {
            version = kept.GetProperty("version").GetInt32(),
            sections = new[] { new { sectionId, items = new[] { new { itemId, isCombined = false } } } },
        })).JsonAsync();
        Assert.False(cleared.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).Single().GetProperty("isCombined").GetBoolean());

        // The compile page's checkbox sets it, and the row shows it.
        using var page = await app.LoginAsync("editor");
        var key = $"i{itemId}";
        using var saved = await JianxunApplicationFactory.PostFormAsync(page, $"/issues/{id}", new Dictionary<string, string>
        {
            ["Version"] = cleared.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rows.Index"] = key,
            [$"Rows[{key}].Key"] = key,
            [$"Rows[{key}].SectionId"] = sectionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Rows[{key}].Credit"] = item.GetProperty("creditLine").GetString()!,
            [$"Rows[{key}].IsCombined"] = "true",
            ["Op"] = "save",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"name=\"Rows[{key}].IsCombined\" value=\"true\" checked=\"checked\"", await page.GetStringAsync($"/issues/{id}"), StringComparison.Ordinal);

        // Signed off means locked, the flag included.
        await PostAsync(editor, $"/api/issues/{id}/submit", new { });
        var signed = await PostAsync(signer, $"/api/issues/{id}/sign-off", new { });
        Assert.True(signed.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).Single().GetProperty("isCombined").GetBoolean());
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new
        {
            version = signed.GetProperty("version").GetInt32(),
            sections = new[] { new { sectionId, items = new[] { new { itemId, isCombined = false } } } },
        })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("data-testid=\"combined-tag\"", await page.GetStringAsync($"/issues/{id}"), StringComparison.Ordinal);
    }
}

public sealed class SqliteSeriesTypesettingApiTests(SqliteApp app) : SeriesTypesettingApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSeriesTypesettingApiTests(PostgresApp app) : SeriesTypesettingApiTests(app), IClassFixture<PostgresApp>;
