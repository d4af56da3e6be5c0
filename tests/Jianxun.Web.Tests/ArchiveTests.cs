using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>Invented bulletins as extracted text; each test uses its own numbers and people, since a class shares one database.</summary>
internal static class ArchiveBulletins
{
    public static byte[] Text(int number, int total, string person, string firstTitle = "城投集团召开安全生产工作会议") => Encoding.UTF8.GetBytes($"""
        ● 国资简讯

        2023年第{number}期（总第{total}期）

        [国企动态]

        {firstTitle}

        3月5日，城投集团召开安全生产工作会议。城投集团党委书记、董事长{person}出席会议并讲话。

        会议要求各项目公司压实责任，确保安全形势平稳。

        【供稿：城投集团 林小禾】

        产发集团召开季度经营分析会

        3月8日，产发集团召开季度经营分析会。产发集团总经理{person}主持会议。

        【供稿：产发集团】

        [简讯]

        1、3月6日，文旅集团开展文明宣讲活动。

        2、3月7日，水务集团完成管网改造工程验收。

        """);

    public static MultipartFormDataContent Upload(byte[] content, string fileName = "bulletin.txt", string field = "file")
        => new() { { new ByteArrayContent(content), field, fileName } };
}

/// <summary>Import of old bulletins and the archive, through the API and the pages, on each database.</summary>
public abstract partial class ArchiveTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<JsonElement> PreviewAsync(HttpClient api, byte[] content, string fileName = "bulletin.txt")
    {
        using var form = ArchiveBulletins.Upload(content, fileName);
        return await (await api.PostAsync("/api/imports/preview", form)).JsonAsync();
    }

    private static Task<HttpResponseMessage> CommitAsync(HttpClient api, JsonElement preview, Func<JsonElement, object>? sections = null)
        => JianxunApplicationFactory.CommitImportAsync(api, preview, sections);

    [SkippableFact]
    public async Task PreviewThenCommit_CorrectedTitle_CreatesImportedIssueWithColumnsCreditsBriefsAndSource()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var bytes = ArchiveBulletins.Text(31, 331, "宋怀远");

        var preview = await PreviewAsync(editor, bytes, "2023-31.txt");

        Assert.Equal("国资简讯", preview.GetProperty("seriesName").GetString());
        Assert.Equal((2023, 31, 331), (preview.GetProperty("year").GetInt32(), preview.GetProperty("number").GetInt32(), preview.GetProperty("totalNumber").GetInt32()));
        Assert.Equal("2023-03-08", preview.GetProperty("date").GetString());
        Assert.Contains(preview.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("推定", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("existingIssueId").ValueKind);
        var lines = preview.GetProperty("sourceLines");
        var first = preview.GetProperty("sections")[0].GetProperty("articles")[0];
        Assert.Equal("城投集团召开安全生产工作会议", lines[first.GetProperty("sourceLineStart").GetInt32() - 1].GetString()!.Trim());

        using var response = await CommitAsync(editor, preview, sections =>
        {
            var list = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(sections.GetRawText())!;
            var articles = JsonSerializer.Deserialize<List<Dictionary<string, object?>>>(list[0]["articles"].GetRawText())!;
            articles[0]["title"] = "城投集团部署汛期安全生产工作";
            return new object[] { new { name = list[0]["name"].GetString(), isBriefs = false, articles }, list[1] };
        });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("issueId").GetInt32();
        Assert.Equal("2023年第31期", created.GetProperty("label").GetString());
        Assert.Equal(4, created.GetProperty("articles").GetInt32());

        var issue = await editor.GetJsonAsync($"/api/archive/{id}");
        Assert.Equal("Imported", issue.GetProperty("source").GetString());
        Assert.True(issue.GetProperty("hasSourceFile").GetBoolean());
        var columns = issue.GetProperty("sections");
        Assert.Equal(["国企动态", "简讯"], columns.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(columns.EnumerateArray(), s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("columnId").ValueKind));
        var article = columns[0].GetProperty("items")[0];
        Assert.Equal("城投集团部署汛期安全生产工作", article.GetProperty("title").GetString());
        Assert.Equal("【供稿：城投集团 林小禾】", article.GetProperty("creditLine").GetString());
        Assert.Equal("宋怀远", article.GetProperty("persons")[0].GetProperty("name").GetString());
        Assert.Equal([1, 2], columns[1].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32()));
        Assert.Equal(bytes, await editor.GetByteArrayAsync($"/api/archive/{id}/source"));

        var list2 = await editor.GetJsonAsync("/api/archive?source=Imported&year=2023");
        Assert.Contains(list2.EnumerateArray(), i => i.GetProperty("id").GetInt32() == id && i.GetProperty("sourceName").GetString() == "导入");

        using var admin = await app.ApiClientAsync("admin");
        var audit = await admin.GetJsonAsync("/api/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "issue.imported" && e.GetProperty("entityId").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Commit_SameFileAgain_ReturnsTheExistingIssueAndChangesNothing()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var bytes = ArchiveBulletins.Text(32, 332, "韩立新");
        var id = (await (await CommitAsync(editor, await PreviewAsync(editor, bytes))).JsonAsync(HttpStatusCode.Created)).GetProperty("issueId").GetInt32();
        var before = (await editor.GetJsonAsync("/api/archive")).GetArrayLength();

        var again = await PreviewAsync(editor, bytes, "renamed.txt");
        Assert.Equal(id, again.GetProperty("existingIssueId").GetInt32());
        var result = await (await CommitAsync(editor, again)).JsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("alreadyImported").GetBoolean());
        Assert.Equal(id, result.GetProperty("issueId").GetInt32());
        Assert.Equal(before, (await editor.GetJsonAsync("/api/archive")).GetArrayLength());
    }

    [SkippableFact]
    public async Task Commit_NumberOfAnotherIssue_Returns400InChineseAndSavesNothing()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        await (await CommitAsync(editor, await PreviewAsync(editor, ArchiveBulletins.Text(33, 333, "邹明德")))).JsonAsync(HttpStatusCode.Created);
        var before = (await editor.GetJsonAsync("/api/archive")).GetArrayLength();

        var other = await PreviewAsync(editor, ArchiveBulletins.Text(33, 334, "邹明德", "另一篇文章的标题"));
        var problem = await (await CommitAsync(editor, other)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("国资简讯 2023年第33期已存在", problem.GetProperty("errors").GetProperty("number")[0].GetString());
        Assert.Equal(before, (await editor.GetJsonAsync("/api/archive")).GetArrayLength());
    }

    [SkippableFact]
    public async Task Preview_EmptyOrBinaryFile_Returns400WithTheReason()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");

        using var empty = ArchiveBulletins.Upload([0x20], "empty.txt");
        var e1 = await (await editor.PostAsync("/api/imports/preview", empty)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("文件中没有文字。", e1.GetProperty("errors").GetProperty("file")[0].GetString());

        using var binary = ArchiveBulletins.Upload([.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 7))], "x.bin");
        var e2 = await (await editor.PostAsync("/api/imports/preview", binary)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("无法导入", e2.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [SkippableFact]
    public async Task Import_ReaderOrContributor_Forbidden_ButEveryoneSignedInReadsTheArchive()
    {
        RequireDatabase();
        foreach (var name in new[] { "reader", "contributor" })
        {
            using var client = await app.ApiClientAsync(name);
            using var form = ArchiveBulletins.Upload(ArchiveBulletins.Text(34, 334, "林晓"));
            await (await client.PostAsync("/api/imports/preview", form)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync("/api/imports", new { pendingToken = "0123456789abcdef0123456789abcdef" })).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(JsonValueKind.Array, (await client.GetJsonAsync("/api/archive")).ValueKind);
        }
        using var anonymous = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/archive")).StatusCode);
    }

    [SkippableFact]
    public async Task Commit_SomeoneElsesPendingToken_NotFound()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var preview = await PreviewAsync(editor, ArchiveBulletins.Text(35, 335, "秦海"));
        // A second editor of the same office holds a valid token of their own, and the first editor's pending token.
        using var admin = await app.ApiClientAsync("admin");
        (await admin.PostAsJsonAsync("/api/users", new { userName = "editor.two", displayName = "第二编辑", roles = new[] { "Editor" }, password = "Editor-two-2026" }))
            .EnsureSuccessStatusCode();
        using var otherEditor = await app.ApiClientAsync("editor.two", "Editor-two-2026");
        var foreign = await (await CommitAsync(otherEditor, preview)).AssertProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await otherEditor.PostAsJsonAsync("/api/imports", new { pendingToken = "0123456789abcdef0123456789abcdef" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        // Someone else's preview and one that never existed answer alike: a token reveals nothing.
        Assert.Equal(unknown.GetProperty("detail").GetString(), foreign.GetProperty("detail").GetString());
        using var signer = await app.ApiClientAsync("signer");
        await (await CommitAsync(signer, preview)).AssertProblemAsync(HttpStatusCode.Forbidden);
        // The owner's token still works after the others were refused.
        await (await CommitAsync(editor, preview)).JsonAsync(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task Person_InTwoArticles_ListsEachArticleTitlesByDateAndUnits()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        await (await CommitAsync(editor, await PreviewAsync(editor, ArchiveBulletins.Text(36, 336, "唐子谦")))).JsonAsync(HttpStatusCode.Created);
        using var reader = await app.ApiClientAsync("reader");

        var person = await reader.GetJsonAsync($"/api/people/{Uri.EscapeDataString("唐子谦")}");

        Assert.Equal(2, person.GetProperty("mentions").GetArrayLength());
        var titles = person.GetProperty("titles")[0];
        Assert.Equal("2023-03-08", titles.GetProperty("date").GetString());
        Assert.Equal(["城投集团党委书记", "董事长", "产发集团总经理"], titles.GetProperty("titles").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["产发集团", "城投集团"], person.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        await (await reader.GetAsync($"/api/people/{Uri.EscapeDataString("无此人")}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Pages_UploadFixSplitMergeCommit_IssueAndPersonPagesShowIt()
    {
        RequireDatabase();
        using var editor = await app.LoginAsync("editor");
        var token = await AntiforgeryAsync(editor, "/archive/import");
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(ArchiveBulletins.Text(37, 337, "柏振华")), "Files", "2023-37.txt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        using var uploaded = await editor.PostAsync("/archive/import", upload);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewPath = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/archive/import/[0-9a-f]{32}$", previewPath);

        var html = await editor.GetStringAsync(previewPath + "?sel=0.0");
        Assert.Contains("class=\"hl\"", html);
        Assert.Contains("城投集团召开安全生产工作会议", html);

        await PostAsync(editor, previewPath, "Article", new() { ["S"] = "0", ["A"] = "0", ["Title"] = "城投集团部署安全生产", ["Units"] = "城投集团", ["Authors"] = "林小禾", ["Persons"] = "柏振华：董事长" });
        await PostAsync(editor, previewPath, "Split", new() { ["S"] = "0", ["A"] = "0", ["P"] = "1" });
        html = await editor.GetStringAsync(previewPath);
        Assert.Contains("data-testid=\"article-0-2\"", html);
        await PostAsync(editor, previewPath, "Merge", new() { ["S"] = "0", ["A"] = "1" });
        html = await editor.GetStringAsync(previewPath);
        Assert.DoesNotContain("data-testid=\"article-0-2\"", html);

        using var committed = await PostAsync(editor, previewPath, "Commit", new()
        {
            ["SeriesId"] = "1",
            ["Year"] = "2023",
            ["Number"] = "37",
            ["TotalNumber"] = "337",
            ["Date"] = "2023-03-10",
        });
        var issuePath = committed.Headers.Location!.OriginalString;
        var issueHtml = await editor.GetStringAsync(issuePath);
        Assert.Contains("城投集团部署安全生产", issueHtml);
        Assert.Contains("会议要求各项目公司压实责任", issueHtml);
        Assert.Contains("下载原文件", issueHtml);

        using var reader = await app.LoginAsync("reader");
        Assert.Contains("2023年第37期", await reader.GetStringAsync("/archive"));
        var personHtml = await reader.GetStringAsync($"/people/{Uri.EscapeDataString("柏振华")}");
        Assert.Contains("城投集团部署安全生产", personHtml);
        Assert.Contains("董事长", personHtml);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/archive/import")).StatusCode);
    }

    private static async Task<string> AntiforgeryAsync(HttpClient client, string path)
        => WebUtility.HtmlDecode(TokenField().Match(await client.GetStringAsync(path)).Groups[1].Value);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryAsync(client, path);
        var response = await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed class SqliteArchiveTests(SqliteApp app) : ArchiveTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresArchiveTests(PostgresApp app) : ArchiveTests(app), IClassFixture<PostgresApp>;
