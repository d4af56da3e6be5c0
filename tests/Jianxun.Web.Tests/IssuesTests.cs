using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;
using UglyToad.PdfPig;

namespace Jianxun.Web.Tests;

/// <summary>Issues through the API: compile, sign off, publish, download, correct; on each database.</summary>
public abstract class IssuesTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync(path, body)).JsonAsync(expected);

    /// <summary>A new draft with every available adopted article placed into its column.</summary>
    private static async Task<JsonElement> CompileAsync(HttpClient editor)
    {
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await PostAsync(editor, "/api/issues", new { seriesId }, HttpStatusCode.Created);
        var available = (await editor.GetJsonAsync("/api/issues/available-articles")).EnumerateArray().ToList();
        var sections = issue.GetProperty("sections").EnumerateArray().Select(s => new
        {
            sectionId = s.GetProperty("id").GetInt32(),
            items = available.Where(a => a.GetProperty("columnId").ValueKind == JsonValueKind.Number && a.GetProperty("columnId").GetInt32() == s.GetProperty("columnId").GetInt32())
                .Select(a => new { submissionId = a.GetProperty("submissionId").GetInt32() }).ToArray(),
        }).ToArray();
        var id = issue.GetProperty("id").GetInt32();
        return await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), editorsNote = "本期按语。", copies = 70, sections }))
            .JsonAsync();
    }

    [SkippableFact]
    public async Task CreateIssue_ReturnsNextNumbersFromTheSeries()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var existing = (await editor.GetJsonAsync("/api/issues")).EnumerateArray().Select(i => i.GetProperty("totalNumber").GetInt32()).ToList();
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await PostAsync(editor, "/api/issues", new { seriesId }, HttpStatusCode.Created);
        Assert.Equal(existing.Max() + 1, issue.GetProperty("totalNumber").GetInt32());
        Assert.Equal("Draft", issue.GetProperty("status").GetString());
        Assert.Equal(["领导关注", "国资动态", "国企动态", "简讯"], issue.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [SkippableFact]
    public async Task FullIssue_CompileSignOffPublish_ReaderDownloadsTheStoredPdf()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        using var reader = await app.ApiClientAsync("reader");
        var issue = await CompileAsync(editor);
        var id = issue.GetProperty("id").GetInt32();
        Assert.True(issue.GetProperty("sections").EnumerateArray().Sum(s => s.GetProperty("items").GetArrayLength()) > 0);

        // Drafts render from their current state, for editors only.
        var draftPdf = await editor.GetByteArrayAsync($"/api/issues/{id}/pdf");
        Assert.Equal("%PDF"u8.ToArray(), draftPdf[..4]);
        await (await reader.GetAsync($"/api/issues/{id}/pdf")).AssertProblemAsync(HttpStatusCode.NotFound);

        await PostAsync(editor, $"/api/issues/{id}/submit", new { });
        await (await editor.PostAsJsonAsync($"/api/issues/{id}/sign-off", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await PostAsync(signer, $"/api/issues/{id}/sign-off", new { });
        var published = await PostAsync(editor, $"/api/issues/{id}/publish", new { });
        Assert.Equal("Published", published.GetProperty("status").GetString());

        var pdf = await reader.GetByteArrayAsync($"/api/issues/{id}/pdf");
        Assert.Equal(published.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("format").GetString() == "pdf").GetProperty("sha256").GetString(),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        using (var doc = PdfDocument.Open(pdf))
        {
            var text = string.Concat(doc.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
            Assert.Contains("国资简讯", text);
            Assert.Contains("本期按语。", text);
            Assert.Contains("共印70份", text);
        }
        using var docx = await reader.GetAsync($"/api/issues/{id}/docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".docx", docx.Content.Headers.ContentDisposition!.FileNameStar ?? docx.Content.Headers.ContentDisposition.FileName);
        var html = await reader.GetStringAsync($"/api/issues/{id}/html");
        Assert.Contains("jx-masthead", html);

        // Published: it never changes; a correction is a new revision.
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = published.GetProperty("version").GetInt32() })).AssertProblemAsync(HttpStatusCode.Conflict);
        var corrected = await PostAsync(editor, $"/api/issues/{id}/correct", new { erratum = "本期第2页“二〇二六”应为“2026”。" });
        Assert.Equal(2, corrected.GetProperty("revision").GetInt32());
        Assert.Equal(pdf, await reader.GetByteArrayAsync($"/api/issues/{id}/pdf?revision=1"));
        Assert.NotEqual(pdf, await reader.GetByteArrayAsync($"/api/issues/{id}/pdf"));

        var notes = await (await app.ApiClientAsync("contributor2")).GetJsonAsync("/api/notifications");
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("已印发", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task SendBack_WithoutComment_Returns400_WithComment_ReturnsToDraft()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        var seriesId = (await editor.GetJsonAsync("/api/series"))[0].GetProperty("id").GetInt32();
        var issue = await PostAsync(editor, "/api/issues", new { seriesId }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        // An empty issue cannot go to sign-off.
        await (await editor.PostAsJsonAsync($"/api/issues/{id}/submit", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var demo = (await editor.GetJsonAsync("/api/issues?status=Published")).EnumerateArray().First().GetProperty("id").GetInt32();
        await (await signer.PostAsJsonAsync($"/api/issues/{demo}/send-back", new { comment = "x" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Contributor_CannotCreateOrCompileIssues()
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor");
        await (await contributor.PostAsJsonAsync("/api/issues", new { seriesId = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await contributor.GetAsync("/api/issues/available-articles")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var published = (await contributor.GetJsonAsync("/api/issues")).EnumerateArray().ToList();
        Assert.All(published, i => Assert.Equal("Published", i.GetProperty("status").GetString()));
        Assert.True(published.Count >= 2);
    }

    [SkippableFact]
    public async Task Download_UnknownFormat_IsNotFound()
    {
        RequireDatabase();
        using var reader = await app.ApiClientAsync("reader");
        var id = (await reader.GetJsonAsync("/api/issues")).EnumerateArray().First().GetProperty("id").GetInt32();
        using var response = await reader.GetAsync($"/api/issues/{id}/odt");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await (await reader.GetAsync($"/api/issues/{id}/pdf?revision=9")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteIssuesTests(SqliteApp app) : IssuesTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIssuesTests(PostgresApp app) : IssuesTests(app), IClassFixture<PostgresApp>;
