using System.Net;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// No technical or English words where an office clerk reads (issue 17, point 9): downloads named as the office names an
/// issue, no hash on a reader's page, search operators and scoring categories in Chinese. On each database.
/// </summary>
public abstract class PlainWordsTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    [SkippableFact]
    public async Task Download_PublishedIssue_IsNamedLikeTheIssueInEveryFormat()
    {
        RequireDatabase();
        using var reader = await app.ApiClientAsync("reader");
        var issue = (await reader.GetJsonAsync("/api/issues")).EnumerateArray().First();
        var id = issue.GetProperty("id").GetInt32();
        var name = issue.GetProperty("series").GetString() + issue.GetProperty("label").GetString();
        Assert.Matches(@"^国资简讯\d{4}年第\d+期$", name);

        foreach (var (format, disposition) in new[] { ("pdf", "attachment"), ("docx", "attachment"), ("html", "inline") })
        {
            using var response = await reader.GetAsync($"/api/issues/{id}/{format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var header = response.Content.Headers.ContentDisposition!;
            Assert.Equal(disposition, header.DispositionType);
            // filename* carries the Chinese name in UTF-8 (RFC 6266); .NET reads it back decoded.
            Assert.Equal($"{name}.{format}", header.FileNameStar);
            Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Pages_ForAReader_ShowNoHashAndSearchExplainsItsWordsInChinese()
    {
        RequireDatabase();
        using var reader = await app.LoginAsync("reader");
        using var api = await app.ApiClientAsync("reader");
        var id = (await api.GetJsonAsync("/api/issues")).EnumerateArray().First().GetProperty("id").GetInt32();

        var page = await reader.GetStringAsync($"/issues/{id}");
        Assert.DoesNotContain("SHA-256", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"checksum\"", page, StringComparison.Ordinal);
        Assert.Contains("PDF 文件", page, StringComparison.Ordinal);
        Assert.Contains("Word 文件", page, StringComparison.Ordinal);

        var search = await reader.GetStringAsync("/search");
        Assert.DoesNotContain("OR", search.Split("<main")[1], StringComparison.Ordinal);
        Assert.Contains("用“或”隔开表示任选其一", search, StringComparison.Ordinal);

        using var admin = await app.LoginAsync("admin");
        Assert.Contains("data-testid=\"checksum\"", await admin.GetStringAsync($"/issues/{id}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RulesPage_ShowsCategoryNamesNotCodes()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        var html = await admin.GetStringAsync("/scores/rules");
        var shown = System.Text.RegularExpressions.Regex.Replace(html, "<input type=\"hidden\"[^>]*>", "");
        Assert.DoesNotContain("district-", shown, StringComparison.Ordinal);
        Assert.Contains("type=\"hidden\" name=\"Form.Higher[0].Key\" value=\"district-", html, StringComparison.Ordinal);
    }
}

public sealed class SqlitePlainWordsTests(SqliteApp app) : PlainWordsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPlainWordsTests(PostgresApp app) : PlainWordsTests(app), IClassFixture<PostgresApp>;
