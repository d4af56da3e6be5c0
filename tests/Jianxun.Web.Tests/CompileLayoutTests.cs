using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Jianxun.Testing;
using UglyToad.PdfPig;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 17 §8 on the server (ADR-026), on each database: the compile page states the PDF's page count against the
/// series' page budget and warns past it; the budget is a setting of the series (checked, audited); 新建下一期 names
/// the number it will create.
/// </summary>
public abstract class CompileLayoutTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static readonly HtmlParser Parser = new();

    /// <summary>Saves the first series with <paramref name="budget"/> as its page budget (everything else as it is).</summary>
    private static async Task<HttpResponseMessage> SaveBudgetAsync(HttpClient admin, int? budget)
    {
        var series = (await admin.GetJsonAsync("/api/series"))[0];
        var columns = series.GetProperty("columns").EnumerateArray()
            .Select(c => new { id = c.GetProperty("id").GetInt32(), name = c.GetProperty("name").GetString(), isBriefs = c.GetProperty("isBriefs").GetBoolean() }).ToArray();
        return await admin.PutAsJsonAsync($"/api/series/{series.GetProperty("id").GetInt32()}", new
        {
            name = series.GetProperty("name").GetString(),
            issuer = series.GetProperty("issuer").GetString(),
            firstTotalNumber = series.GetProperty("firstTotalNumber").GetInt32(),
            defaultCopies = series.GetProperty("defaultCopies").GetInt32(),
            columns,
            pageBudget = budget,
        });
    }

    /// <summary>A draft holding every adopted article of the demo data in its column.</summary>
    private static async Task<int> CompileAsync(HttpClient editor)
    {
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await (await editor.PostAsJsonAsync("/api/issues", new { seriesId })).JsonAsync(HttpStatusCode.Created);
        var available = (await editor.GetJsonAsync("/api/issues/available-articles")).EnumerateArray().ToList();
        var sections = issue.GetProperty("sections").EnumerateArray().Select(s => new
        {
            sectionId = s.GetProperty("id").GetInt32(),
            items = available.Where(a => a.GetProperty("columnId").ValueKind == JsonValueKind.Number && a.GetProperty("columnId").GetInt32() == s.GetProperty("columnId").GetInt32())
                .Select(a => new { submissionId = a.GetProperty("submissionId").GetInt32() }).ToArray(),
        }).ToArray();
        var id = issue.GetProperty("id").GetInt32();
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections })).JsonAsync();
        return id;
    }

    [SkippableFact]
    public async Task CompilePage_StatesThePdfsPageCount_AndWarnsOnlyPastTheSeriesBudget()
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var api = await app.ApiClientAsync("editor");
        using var editor = await app.LoginAsync("editor");
        var id = await CompileAsync(api);
        using (var pdf = PdfDocument.Open(await api.GetByteArrayAsync($"/api/issues/{id}/pdf")))
        {
            var pages = pdf.NumberOfPages;
            Assert.True(pages >= 2, $"the demo articles fill {pages} page(s)");

            // Within the default budget (4 pages): the count, no warning about the budget.
            var page = await Parser.ParseDocumentAsync(await editor.GetStringAsync($"/issues/{id}"));
            Assert.StartsWith($"共 {pages} 页，刊物版面 4 页；最后一页用了约 ", page.QuerySelector("[data-testid=page-count]")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(page.QuerySelectorAll("[data-testid=layout-warning]"), w => w.TextContent.Contains("超出", StringComparison.Ordinal));
            Assert.Equal($"/api/issues/{id}/pdf", page.QuerySelector("[data-testid=pdf-pages] a")!.GetAttribute("href"));

            // A budget of one page: the page says by how much the issue runs over.
            (await SaveBudgetAsync(admin, 1)).EnsureSuccessStatusCode();
            page = await Parser.ParseDocumentAsync(await editor.GetStringAsync($"/issues/{id}"));
            Assert.Contains(page.QuerySelectorAll("[data-testid=layout-warning]"),
                w => w.TextContent == $"本期共 {pages} 页，超出刊物版面（1 页）{pages - 1} 页：请删减或移出部分稿件。");
        }

        // Left out of a save, the budget stays; the change is in the audit log.
        (await SaveBudgetAsync(admin, null)).EnsureSuccessStatusCode();
        Assert.Equal(1, (await admin.GetJsonAsync("/api/series"))[0].GetProperty("pageBudget").GetInt32());
        (await SaveBudgetAsync(admin, 4)).EnsureSuccessStatusCode();
        Assert.Equal(4, (await admin.GetJsonAsync("/api/series"))[0].GetProperty("pageBudget").GetInt32());
        var audit = await admin.GetStringAsync("/api/audit?entityType=Series");
        Assert.Contains("版面：1 页 → 4 页", audit, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(65)]
    public async Task SaveSeries_PageBudgetOutOfRange_Returns400InChinese(int budget)
    {
        RequireDatabase();
        using var admin = await app.ApiClientAsync("admin");
        using var response = await SaveBudgetAsync(admin, budget);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("版面页数必须在 1 到 64 之间。", problem.GetProperty("errors").GetProperty("pageBudget")[0].GetString());
    }

    [SkippableFact]
    public async Task IssuesPage_NewIssueButton_NamesTheNumberItCreates()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        using var editor = await app.LoginAsync("editor");
        var page = await Parser.ParseDocumentAsync(await editor.GetStringAsync("/issues"));
        var said = page.QuerySelector("[data-testid=create-next]")!.TextContent;

        var seriesId = (await api.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await (await api.PostAsJsonAsync("/api/issues", new { seriesId })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"新建 {issue.GetProperty("label").GetString()}（总第{issue.GetProperty("totalNumber").GetInt32()}期）", said);
        var option = page.QuerySelector($"select[name=SeriesId] option[value='{seriesId}']")!;
        Assert.Equal(issue.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), option.GetAttribute("data-number"));

        // The next one moves on by one.
        page = await Parser.ParseDocumentAsync(await editor.GetStringAsync("/issues"));
        Assert.Contains($"总第{issue.GetProperty("totalNumber").GetInt32() + 1}期", page.QuerySelector("[data-testid=create-next]")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class SqliteCompileLayoutTests(SqliteApp app) : CompileLayoutTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCompileLayoutTests(PostgresApp app) : CompileLayoutTests(app), IClassFixture<PostgresApp>;
