using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Jianxun.Testing;
using UglyToad.PdfPig;

namespace Jianxun.Web.Tests;

/// <summary>
/// Issue 15, item 4 (ADR-017): control and bidi characters are refused at the boundary, rows that already hold them are
/// published without them (PDF, DOCX and HTML read back), and a rendering that fails is a Chinese 409, never a 500.
/// </summary>
public abstract class ControlCharacterPublishTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync(path, body)).JsonAsync(expected);

    /// <summary>An article written by contributor2 (no unit review), sent and adopted into 国企动态; its id.</summary>
    private async Task<int> AdoptedArticleAsync(string title, bool withPhoto = false)
    {
        using var writer = await app.ApiClientAsync("contributor2");
        using var editor = await app.ApiClientAsync("editor");
        var column = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("columns").EnumerateArray()
            .First(c => c.GetProperty("name").GetString() == "国企动态").GetProperty("id").GetInt32();
        var id = (await PostAsync(writer, "/api/submissions", new { title, paragraphs = new[] { "产发集团召开专题会议，部署下一阶段工作。", "会议要求抓好落实。" } },
            HttpStatusCode.Created)).GetProperty("id").GetInt32();
        if (withPhoto)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestImages.Png(40, 30));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "photo.png");
            (await writer.PostAsync($"/api/submissions/{id}/photos", form)).EnsureSuccessStatusCode();
        }
        await PostAsync(writer, $"/api/submissions/{id}/submit", new { });
        await PostAsync(editor, $"/api/submissions/{id}/adopt", new { columnId = column });
        return id;
    }

    /// <summary>A new draft issue holding only that article, submitted and signed off; its id.</summary>
    private async Task<int> SignedOffIssueWithAsync(int submissionId)
    {
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await PostAsync(editor, "/api/issues", new { seriesId }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        var sections = issue.GetProperty("sections").EnumerateArray().Select(s => new
        {
            sectionId = s.GetProperty("id").GetInt32(),
            items = s.GetProperty("name").GetString() == "国企动态" ? new[] { new { submissionId } } : [],
        }).ToArray();
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections })).JsonAsync();
        await PostAsync(editor, $"/api/issues/{id}/submit", new { });
        await PostAsync(signer, $"/api/issues/{id}/sign-off", new { });
        return id;
    }

    [SkippableTheory]
    [InlineData("\u0000")]
    [InlineData("\u202E")]
    [InlineData("\u001B")]
    [InlineData("\u0085")]
    [InlineData("\u2066")]
    public async Task Create_TitleWithControlOrBidiCharacter_Returns400NamingTheTitleInChinese(string bad)
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsJsonAsync("/api/submissions", new { title = "城投集团" + bad + "召开会议", paragraphs = new[] { "正文。" } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("title")[0].GetString()!;
        Assert.Contains("“标题”", message, StringComparison.Ordinal);
        Assert.Contains($"U+{(int)bad[0]:X4}", message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Create_ParagraphWithNewlineAndTab_IsAccepted()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        using var response = await api.PostAsJsonAsync("/api/submissions", new { title = "城投集团召开会议", paragraphs = new[] { "第一行\t说明。" } });
        await response.JsonAsync(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task Publish_StoredTitleWithControlCharacters_PublishesPdfDocxAndHtmlWithoutThem()
    {
        RequireDatabase();
        var id = await AdoptedArticleAsync("产发集团召开专题会议");
        // PostgreSQL cannot store U+0000 in text at all; SQLite can, and older rows may hold it.
        var nul = app.Kind == DatabaseKind.Sqlite ? "\u0000" : "";
        await app.PlantStoredTextAsync(id, $"产发集团{nul}召开\u202E专题\u001B会议", $"产发集团召开专题会议{nul}\u0007，部署\u2066下一阶段工作。");
        var issueId = await SignedOffIssueWithAsync(id);

        using var editor = await app.ApiClientAsync("editor");
        var published = await PostAsync(editor, $"/api/issues/{issueId}/publish", new { });
        Assert.Equal("Published", published.GetProperty("status").GetString());

        var pdf = await editor.GetByteArrayAsync($"/api/issues/{issueId}/pdf");
        using (var doc = PdfDocument.Open(pdf))
        {
            var text = string.Concat(doc.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
            Assert.Contains("产发集团召开专题会议", text, StringComparison.Ordinal);
            Assert.DoesNotContain(text, Publishing.UnsafeText.IsUnsafe);
        }
        var docx = await editor.GetByteArrayAsync($"/api/issues/{issueId}/docx");
        using (var stream = new MemoryStream(docx))
        using (var word = WordprocessingDocument.Open(stream, false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("产发集团召开专题会议", text, StringComparison.Ordinal);
            Assert.Contains("部署下一阶段工作。", text, StringComparison.Ordinal);
            Assert.DoesNotContain(text, Publishing.UnsafeText.IsUnsafe);
        }
        var html = await editor.GetStringAsync($"/api/issues/{issueId}/html");
        Assert.Contains("产发集团召开专题会议", html, StringComparison.Ordinal);
        Assert.DoesNotContain(html, Publishing.UnsafeText.IsUnsafe);
    }

    [SkippableFact]
    public async Task Publish_RenderingFails_Returns409InChineseAndTheIssueStaysSignedOffWithoutFiles()
    {
        RequireDatabase();
        var id = await AdoptedArticleAsync("产发集团开展安全检查", withPhoto: true);
        var issueId = await SignedOffIssueWithAsync(id);
        await app.LoseStoredPhotosAsync(id);

        using var editor = await app.ApiClientAsync("editor");
        using var response = await editor.PostAsJsonAsync($"/api/issues/{issueId}/publish", new { });
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("没有保存任何文件", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var issue = await editor.GetJsonAsync($"/api/issues/{issueId}");
        Assert.Equal("SignedOff", issue.GetProperty("status").GetString());
        Assert.Equal(0, issue.GetProperty("files").GetArrayLength());
    }
}

public sealed class SqliteControlCharacterPublishTests(SqliteApp app) : ControlCharacterPublishTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresControlCharacterPublishTests(PostgresApp app) : ControlCharacterPublishTests(app), IClassFixture<PostgresApp>;
