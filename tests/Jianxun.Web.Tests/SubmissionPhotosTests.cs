using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Core.Submissions;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// Photos managed like files people know (issue 22 point 4, ADR-031), through the API and the 写稿 form on each database:
/// several at once, with the first save, replace, remove, caption, reorder; each a revision whose photo changes the diff
/// names; the draft rule and the edit rule for every operation; the photos of an issue sent for sign-off stay as signed.
/// </summary>
public abstract class SubmissionPhotosTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<int> DraftAsync(HttpClient api, string title = "城投集团开展汛前安全检查")
        => (await (await api.PostAsJsonAsync("/api/submissions", new { title, paragraphs = new[] { "城投集团组织开展汛前安全隐患排查，覆盖在建项目。" } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static MultipartFormDataContent Photos(params (byte[] Content, string Name, string? Caption)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (content, name, caption) in files)
        {
            form.Add(new ByteArrayContent(content), "file", name);
            form.Add(new StringContent(caption ?? ""), "caption");
        }
        return form;
    }

    private static async Task<List<JsonElement>> AddAsync(HttpClient api, int id, params (byte[] Content, string Name, string? Caption)[] files)
    {
        using var form = Photos(files);
        return [.. (await (await api.PostAsync($"/api/submissions/{id}/photos", form)).JsonAsync(HttpStatusCode.Created)).EnumerateArray()];
    }

    private static async Task<List<(int Id, string Caption, string Name)>> PhotoListAsync(HttpClient api, int id)
        => [.. (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("photos").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetInt32(), p.GetProperty("caption").GetString()!, p.GetProperty("originalName").GetString()!))];

    private static async Task<List<string>> RevisionNotesAsync(HttpClient api, int id)
        => [.. (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("note").GetString()!)];

    /// <summary>The photo changes the diff of the last two revisions names.</summary>
    private static async Task<List<string>> LastPhotoChangesAsync(HttpClient api, int id)
    {
        var count = (await RevisionNotesAsync(api, id)).Count;
        var diff = await api.GetJsonAsync($"/api/submissions/{id}/diff?from={count - 1}&to={count}");
        return [.. diff.GetProperty("photos").EnumerateArray().Select(p => p.GetString()!)];
    }

    [SkippableFact]
    public async Task AddPhotos_SeveralFilesAtOnce_AreStoredInOrderWithTheirCaptions_InOneRevision()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);

        var added = await AddAsync(api, id, (TestImages.Png(64, 48), "一.png", "检查组查看排水设施"), (TestImages.Png(48, 64), "二.png", null),
            (TestImages.Png(80, 40), "三.png", "检查组走访居民"));

        Assert.Equal(["一.png", "二.png", "三.png"], added.Select(p => p.GetProperty("originalName").GetString()));
        Assert.Equal([64, 48, 80], added.Select(p => p.GetProperty("width").GetInt32()));
        Assert.Equal(["检查组查看排水设施", "", "检查组走访居民"], (await PhotoListAsync(api, id)).Select(p => p.Caption));
        Assert.Equal(["初稿", "作者添加图片 3 张"], await RevisionNotesAsync(api, id));
        Assert.Equal(["添加图片：第 1 张（检查组查看排水设施）", "添加图片：第 2 张（二.png）", "添加图片：第 3 张（检查组走访居民）"],
            await LastPhotoChangesAsync(api, id));
    }

    [SkippableFact]
    public async Task AddPhotos_OneBadFileInTheBatch_Returns400NamingThatFile_AndSavesNoneOfTheBatch()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        using var form = Photos((TestImages.Png(64, 48), "好的.png", null), ("这不是图片"u8.ToArray(), "坏的.jpg", null), (HostileFiles.HugePng(), "太大.png", null));

        var problem = await (await api.PostAsync($"/api/submissions/{id}/photos", form)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal("“坏的.jpg”：只能上传 JPEG 或 PNG 图片（按文件内容检查，不看扩展名）。", errors[0]);
        Assert.StartsWith("“太大.png”：图片尺寸超过上限：每边不超过 10000 像素", errors[1]);
        Assert.Equal("本次选择的 3 张图片都没有保存，请去掉或更换上面的文件后重新上传。", errors[2]);
        Assert.DoesNotContain(errors, e => e.Contains("好的.png", StringComparison.Ordinal));
        Assert.Empty(await PhotoListAsync(api, id));
        Assert.Equal(["初稿"], await RevisionNotesAsync(api, id));
    }

    [SkippableFact]
    public async Task AddPhotos_PastTwentyOnOneArticle_Returns400NamingTheLimit()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        await AddAsync(api, id, [.. Enumerable.Range(1, 19).Select(i => (TestImages.Png(8, 8), $"{i}.png", (string?)null))]);
        using var form = Photos((TestImages.Png(8, 8), "20.png", null), (TestImages.Png(8, 8), "21.png", null));

        var problem = await (await api.PostAsync($"/api/submissions/{id}/photos", form)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("每篇稿件最多 20 张图片（已有 19 张，本次选择了 2 张）。", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(19, (await PhotoListAsync(api, id)).Count);
    }

    [SkippableFact]
    public async Task ReorderPhotos_NewOrder_IsKept_AndTheDiffSaysWhichMoved()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var ids = (await AddAsync(api, id, (TestImages.Png(8, 8), "甲.png", "甲图"), (TestImages.Png(8, 8), "乙.png", "乙图"), (TestImages.Png(8, 8), "丙.png", "丙图")))
            .Select(p => p.GetProperty("id").GetInt32()).ToArray();

        var reordered = await (await api.PutAsJsonAsync($"/api/submissions/{id}/photos/order", new { photoIds = new[] { ids[2], ids[0], ids[1] } })).JsonAsync();

        Assert.Equal(["丙图", "甲图", "乙图"], reordered.EnumerateArray().Select(p => p.GetProperty("caption").GetString()));
        Assert.Equal(["丙图", "甲图", "乙图"], (await PhotoListAsync(api, id)).Select(p => p.Caption));
        Assert.Equal("作者调整图片顺序", (await RevisionNotesAsync(api, id))[^1]);
        Assert.Equal(["调整顺序：“丙图”从第 3 张移到第 1 张", "调整顺序：“甲图”从第 1 张移到第 2 张", "调整顺序：“乙图”从第 2 张移到第 3 张"],
            await LastPhotoChangesAsync(api, id));

        // The same order again changes nothing and makes no revision; a list that is not the article's photos is refused.
        await (await api.PutAsJsonAsync($"/api/submissions/{id}/photos/order", new { photoIds = new[] { ids[2], ids[0], ids[1] } })).JsonAsync();
        Assert.Equal(3, (await RevisionNotesAsync(api, id)).Count);
        var problem = await (await api.PutAsJsonAsync($"/api/submissions/{id}/photos/order", new { photoIds = new[] { ids[0], ids[0], ids[1] } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请按新顺序列出本稿件的全部 3 张图片，每张一次。", problem.GetProperty("errors").GetProperty("photoIds")[0].GetString());
    }

    [SkippableFact]
    public async Task PatchPhoto_CaptionAndPosition_AreChanged_AndTheDiffNamesBoth()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var ids = (await AddAsync(api, id, (TestImages.Png(8, 8), "甲.png", "甲图"), (TestImages.Png(8, 8), "乙.png", "乙图")))
            .Select(p => p.GetProperty("id").GetInt32()).ToArray();

        var changed = await (await api.PatchAsJsonAsync($"/api/submissions/{id}/photos/{ids[1]}", new { caption = "  检查组在泵站  ", position = 1 })).JsonAsync();

        Assert.Equal("检查组在泵站", changed.GetProperty("caption").GetString());
        Assert.Equal([(ids[1], "检查组在泵站"), (ids[0], "甲图")], (await PhotoListAsync(api, id)).Select(p => (p.Id, p.Caption)));
        Assert.Equal("作者修改图片说明、调整图片顺序", (await RevisionNotesAsync(api, id))[^1]);
        Assert.Equal(["修改图片说明：第 1 张由“乙图”改为“检查组在泵站”", "调整顺序：“检查组在泵站”从第 2 张移到第 1 张", "调整顺序：“甲图”从第 1 张移到第 2 张"],
            await LastPhotoChangesAsync(api, id));

        var problem = await (await api.PatchAsJsonAsync($"/api/submissions/{id}/photos/{ids[1]}", new { position = 3 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("图片位置应在 1 到 2 之间。", problem.GetProperty("errors").GetProperty("position")[0].GetString());
    }

    [SkippableFact]
    public async Task ReplacePhoto_NewFile_KeepsItsPlaceIdAndCaption_AndTheDiffSaysReplaced()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var ids = (await AddAsync(api, id, (TestImages.Png(64, 48), "旧.png", "检查组现场"), (TestImages.Png(8, 8), "乙.png", "乙图")))
            .Select(p => p.GetProperty("id").GetInt32()).ToArray();
        var before = await api.GetByteArrayAsync($"/api/submissions/{id}/photos/{ids[0]}");

        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(120, 90)), "file", "新.png" } };
        var replaced = await (await api.PutAsync($"/api/submissions/{id}/photos/{ids[0]}", form)).JsonAsync();

        Assert.Equal(ids[0], replaced.GetProperty("id").GetInt32());
        Assert.Equal(120, replaced.GetProperty("width").GetInt32());
        Assert.Equal([(ids[0], "检查组现场", "新.png"), (ids[1], "乙图", "乙.png")], await PhotoListAsync(api, id));
        var after = await api.GetByteArrayAsync($"/api/submissions/{id}/photos/{ids[0]}");
        Assert.NotEqual(before, after);
        Assert.Equal(new Jianxun.Publishing.ImageInfo(120, 90, "image/png"), Jianxun.Publishing.ImageInfo.Read(after));
        Assert.Equal(["更换图片：第 1 张由“旧.png”换为“新.png”"], await LastPhotoChangesAsync(api, id));

        using var bad = new MultipartFormDataContent { { new ByteArrayContent("不是图片"u8.ToArray()), "file", "坏.png" } };
        await (await api.PutAsync($"/api/submissions/{id}/photos/{ids[0]}", bad)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(after, await api.GetByteArrayAsync($"/api/submissions/{id}/photos/{ids[0]}"));
    }

    [SkippableFact]
    public async Task RemovePhoto_IsGoneFromArticleAndServer_TheOthersCloseUp_AndTheDiffSaysRemoved()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var ids = (await AddAsync(api, id, (TestImages.Png(8, 8), "甲.png", "甲图"), (TestImages.Png(8, 8), "乙.png", "乙图")))
            .Select(p => p.GetProperty("id").GetInt32()).ToArray();

        using var removed = await api.DeleteAsync($"/api/submissions/{id}/photos/{ids[0]}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal([(ids[1], "乙图", "乙.png")], await PhotoListAsync(api, id));
        await (await api.GetAsync($"/api/submissions/{id}/photos/{ids[0]}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("作者删除图片", (await RevisionNotesAsync(api, id))[^1]);
        // 乙图 moved from 2nd to 1st only because 甲图 left: the diff names the removal, not a move.
        Assert.Equal(["删除图片：原第 1 张（甲图）"], await LastPhotoChangesAsync(api, id));
        await (await api.DeleteAsync($"/api/submissions/{id}/photos/{ids[0]}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task PhotoOperations_ByAnotherUnit_Are404_AndOutsideTheEditRule_Are409()
    {
        RequireDatabase();
        using var writer = await app.ApiClientAsync("contributor");
        using var stranger = await app.ApiClientAsync("contributor2");
        using var editor = await app.ApiClientAsync("editor");
        var id = await DraftAsync(writer);
        var photo = (await AddAsync(writer, id, (TestImages.Png(8, 8), "甲.png", "甲图")))[0].GetProperty("id").GetInt32();
        var path = $"/api/submissions/{id}/photos/{photo}";

        foreach (var client in new[] { stranger, editor })
        {
            using var form = Photos((TestImages.Png(8, 8), "x.png", null));
            await (await client.PutAsync(path, form)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PatchAsJsonAsync(path, new { caption = "改" })).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PutAsJsonAsync($"/api/submissions/{id}/photos/order", new { photoIds = new[] { photo } })).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // Submitted to the unit's reviewer: the writer may no longer change the photos (409), the reviewer may.
        await (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).JsonAsync();
        var refused = await (await writer.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("稿件当前状态为“待单位审核”，您不能删除图片。", refused.GetProperty("detail").GetString());
        using var reviewer = await app.ApiClientAsync("reviewer");
        await (await reviewer.PatchAsJsonAsync(path, new { caption = "审核改的说明" })).JsonAsync();
        Assert.Equal("单位审核修改图片说明", (await RevisionNotesAsync(writer, id))[^1]);
        Assert.Single(await PhotoListAsync(writer, id));
    }

    [SkippableFact]
    public async Task PhotoChange_OfAnArticleInAnIssueSentForSignOff_Is409_AndThePublishedIssueKeepsThePhoto()
    {
        RequireDatabase();
        using var writer = await app.ApiClientAsync("contributor");
        using var reviewer = await app.ApiClientAsync("reviewer");
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        var id = await DraftAsync(writer, "城投集团完成泵站汛前检修");
        var photo = (await AddAsync(writer, id, (TestImages.Png(160, 120), "泵站.png", "检修后的泵站")))[0].GetProperty("id").GetInt32();
        await (await writer.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).JsonAsync();
        await (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/unit-approve", new { })).JsonAsync();
        var series = (await editor.GetJsonAsync("/api/series"))[0];
        await (await editor.PostAsJsonAsync($"/api/submissions/{id}/adopt", new { columnId = series.GetProperty("columns")[0].GetProperty("id").GetInt32() })).JsonAsync();
        var issue = await (await editor.PostAsJsonAsync("/api/issues", new { seriesId = series.GetProperty("id").GetInt32() })).JsonAsync(HttpStatusCode.Created);
        var issueId = issue.GetProperty("id").GetInt32();
        var sections = new[] { new { sectionId = issue.GetProperty("sections")[0].GetProperty("id").GetInt32(), items = new[] { new { submissionId = id } } } };
        await (await editor.PutAsJsonAsync($"/api/issues/{issueId}", new { version = issue.GetProperty("version").GetInt32(), sections, readerUnitIds = Array.Empty<int>() })).JsonAsync();
        var path = $"/api/submissions/{id}/photos/{photo}";

        // While the issue is compiled the editor may still change the adopted article's photos.
        await (await editor.PatchAsJsonAsync(path, new { caption = "检修完成的泵站" })).JsonAsync();
        await (await editor.PostAsJsonAsync($"/api/issues/{issueId}/submit", new { })).JsonAsync();
        var refused = await (await editor.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("待签发", refused.GetProperty("detail").GetString());
        Assert.Contains("不能再删除图片", refused.GetProperty("detail").GetString());
        await (await signer.PostAsJsonAsync($"/api/issues/{issueId}/sign-off", new { })).JsonAsync();
        await (await editor.PostAsJsonAsync($"/api/issues/{issueId}/publish", new { })).JsonAsync();

        // Published: the article cannot change at all, and the issue's files and web page keep the photo.
        await (await editor.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await PhotoListAsync(editor, id));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(path)).StatusCode);
        var html = await editor.GetStringAsync($"/api/issues/{issueId}/html");
        Assert.Contains("检修完成的泵站", html);
    }

    [SkippableFact]
    public async Task WriteForm_NewArticleWithTwoPhotos_SavesThemInTheFirstRevision_AndABadPhotoSavesNothing()
    {
        RequireDatabase();
        using var page = await app.LoginAsync("contributor");
        using var api = await app.ApiClientAsync("contributor");
        var token = await JianxunApplicationFactory.GetAntiforgeryTokenAsync(page, "/submissions/write");

        MultipartFormDataContent Form(string title, params (byte[] Content, string Name)[] photos)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(title), "Form.Title" },
                { new StringContent("城投集团开展防汛应急演练。\n演练检验了队伍的快速反应能力。"), "Form.Body" },
            };
            foreach (var (content, name) in photos)
            {
                form.Add(new ByteArrayContent(content), "Photos", name);
            }
            return form;
        }

        using (var bad = Form("城投集团防汛演练（坏图）", (TestImages.Png(8, 8), "好.png"), ("不是图片"u8.ToArray(), "坏.jpg")))
        {
            var refused = await page.PostAsync("/submissions/write", bad);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("“坏.jpg”：只能上传 JPEG 或 PNG 图片", html);
            Assert.Contains("城投集团防汛演练（坏图）", html);
        }
        var mine = await api.GetJsonAsync("/api/submissions?mine=true");
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "城投集团防汛演练（坏图）");

        using var good = Form("城投集团防汛演练", (TestImages.Png(64, 48), "演练一.png"), (TestImages.Png(48, 64), "演练二.png"));
        var saved = await page.PostAsync("/submissions/write", good);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["演练一.png", "演练二.png"], (await PhotoListAsync(api, id)).Select(p => p.Name));
        Assert.Equal(["初稿"], await RevisionNotesAsync(api, id));
    }
}

public sealed class SqliteSubmissionPhotosTests(SqliteApp app) : SubmissionPhotosTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSubmissionPhotosTests(PostgresApp app) : SubmissionPhotosTests(app), IClassFixture<PostgresApp>;

/// <summary>The photo part of the revision diff, on its own.</summary>
public sealed class RevisionPhotoDiffTests
{
    private static SubmissionRevision Revision(int number, params RevisionPhoto[]? photos)
        => new() { Number = number, UserName = "林小禾", Title = "标题", Photos = photos is null ? null : [.. photos] };

    [Fact]
    public void ComparePhotos_RevisionSavedBeforePhotosWereRecorded_SaysItCannotCompare()
    {
        var old = new SubmissionRevision { Number = 1, UserName = "林小禾", Title = "标题", Photos = null };
        Assert.Equal(["第 1 版保存时尚未记录图片，无法比较图片的变化。"], RevisionDiff.ComparePhotos(old, Revision(2)));
    }

    [Fact]
    public void ComparePhotos_SameList_HasNoChanges()
    {
        var photo = new RevisionPhoto(7, "uploads/a.png", "aa", "a.png", "说明", 1);
        Assert.Empty(RevisionDiff.ComparePhotos(Revision(1, photo), Revision(2, photo)));
    }

    [Fact]
    public void ComparePhotos_AddedAfterTheOthers_IsNotAMove()
    {
        var a = new RevisionPhoto(1, "uploads/a.png", "aa", "a.png", "甲", 1);
        var b = new RevisionPhoto(2, "uploads/b.png", "bb", "b.png", "", 1);
        Assert.Equal(["添加图片：第 1 张（b.png）"], RevisionDiff.ComparePhotos(Revision(1, a), Revision(2, b, a with { Order = 2 })));
    }
}
