using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// The daily work without friction (issue 17, ADR-023), through the API on each database: photos of published articles for
/// the issue's readers, the issue's history and 撤回送签, the signer's part ending at the signature, restoring or deleting a
/// withdrawn article, and every move a page offers being one the server makes.
/// </summary>
public abstract class DailyFlowTests(JianxunApplicationFactory app)
{
    private const string Agreed = "同意印发。";

    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => await (await api.PostAsJsonAsync(path, body)).JsonAsync(expected);

    private static async Task<Dictionary<string, int>> UnitsAsync(HttpClient api)
        => (await api.GetJsonAsync("/api/units")).EnumerateArray()
            .ToDictionary(u => u.GetProperty("shortName").GetString()!, u => u.GetProperty("id").GetInt32(), StringComparer.Ordinal);

    /// <summary>A 城投集团 article written by contributor and approved by its unit: with the editors.</summary>
    private async Task<int> SubmittedArticleAsync(string title)
    {
        using var contributor = await app.ApiClientAsync("contributor");
        using var reviewer = await app.ApiClientAsync("reviewer");
        var id = (await PostAsync(contributor, "/api/submissions", new { title, paragraphs = new[] { "城投集团召开安全生产工作会议，部署本年度重点任务。" } },
            HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await PostAsync(contributor, $"/api/submissions/{id}/submit", new { });
        await PostAsync(reviewer, $"/api/submissions/{id}/unit-approve", new { });
        return id;
    }

    /// <summary>A new issue of the first series holding only <paramref name="articleId"/> (adopted here), for <paramref name="readers"/>.</summary>
    private static async Task<int> IssueWithAsync(HttpClient editor, int articleId, int[] readers)
    {
        var series = (await editor.GetJsonAsync("/api/series"))[0];
        await PostAsync(editor, $"/api/submissions/{articleId}/adopt", new { columnId = series.GetProperty("columns")[0].GetProperty("id").GetInt32() });
        var issue = await PostAsync(editor, "/api/issues", new { seriesId = series.GetProperty("id").GetInt32() }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        var sections = new[] { new { sectionId = issue.GetProperty("sections")[0].GetProperty("id").GetInt32(), items = new[] { new { submissionId = articleId } } } };
        await (await editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections, readerUnitIds = readers })).JsonAsync();
        return id;
    }

    private static List<string> Allowed(JsonElement dto) => [.. dto.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!)];

    [SkippableFact]
    public async Task ArticlePhoto_PrintedInAPublishedIssue_IsServedToTheIssueReaders_AndStaysHiddenFromOthers()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        using var reader = await app.ApiClientAsync("reader");
        using var otherUnit = await app.ApiClientAsync("contributor2");
        var units = await UnitsAsync(editor);
        var article = await SubmittedArticleAsync("城投集团开展安全生产大检查");
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(120, 80)), "file", "检查现场.png" }, { new StringContent("检查现场"), "caption" } })
        {
            await (await editor.PostAsync($"/api/submissions/{article}/photos", form)).JsonAsync(HttpStatusCode.Created);
        }
        var photo = (await editor.GetJsonAsync($"/api/submissions/{article}")).GetProperty("photos")[0].GetProperty("id").GetInt32();
        var path = $"/api/submissions/{article}/photos/{photo}";
        var issue = await IssueWithAsync(editor, article, [units["文旅集团"]]);

        // Until the issue is published the draft rule alone decides: the reader of another unit does not see the photo.
        await (await reader.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await PostAsync(editor, $"/api/issues/{issue}/submit", new { });
        await PostAsync(signer, $"/api/issues/{issue}/sign-off", new { });
        await (await reader.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await PostAsync(editor, $"/api/issues/{issue}/publish", new { });

        // Published for 文旅集团: its reader gets the very photo; 产发集团 is outside the scope and is told it does not exist.
        using var served = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await editor.GetByteArrayAsync(path), await served.Content.ReadAsByteArrayAsync());
        await (await otherUnit.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        // Only the photos of the printed article: another photo id under it is still unknown.
        await (await reader.GetAsync($"/api/submissions/{article}/photos/{photo + 100_000}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task IssueHistory_RecordsEveryMoveWithWhoWhenAndComment_AndTheEditorRecallsBeforeSignOff()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        using var signer = await app.ApiClientAsync("signer");
        var issue = await IssueWithAsync(editor, await SubmittedArticleAsync("城投集团举办职工技能大赛"), []);

        await PostAsync(editor, $"/api/issues/{issue}/submit", new { });
        // The signer cannot recall: the move is the editor's.
        await (await signer.PostAsJsonAsync($"/api/issues/{issue}/recall", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Recall", Allowed(await editor.GetJsonAsync($"/api/issues/{issue}")));
        var recalled = await PostAsync(editor, $"/api/issues/{issue}/recall", new { });
        Assert.Equal("Draft", recalled.GetProperty("status").GetString());

        await PostAsync(editor, $"/api/issues/{issue}/submit", new { });
        await PostAsync(signer, $"/api/issues/{issue}/send-back", new { comment = "请补充图片说明。" });
        Assert.Equal("请补充图片说明。", (await editor.GetJsonAsync($"/api/issues/{issue}")).GetProperty("lastComment").GetString());
        await PostAsync(editor, $"/api/issues/{issue}/submit", new { });
        await PostAsync(signer, $"/api/issues/{issue}/sign-off", new { comment = Agreed });
        // Signed: too late to recall.
        await (await editor.PostAsJsonAsync($"/api/issues/{issue}/recall", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        await PostAsync(editor, $"/api/issues/{issue}/publish", new { });
        var corrected = await PostAsync(editor, $"/api/issues/{issue}/correct", new { erratum = "第1页“技能大赛”应为“职工技能大赛”。" });

        var history = corrected.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Create", "SubmitForSignOff", "Recall", "SubmitForSignOff", "SendBack", "SubmitForSignOff", "SignOff", "Publish", "Correct"],
            history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(["周文澜", "周文澜", "周文澜", "周文澜", "陈立衡", "周文澜", "陈立衡", "周文澜", "周文澜"], history.Select(h => h.GetProperty("userName").GetString()));
        var signOff = history[6];
        Assert.Equal("签发", signOff.GetProperty("actionName").GetString());
        Assert.Equal(("待签发", "已签发"), (signOff.GetProperty("from").GetString(), signOff.GetProperty("to").GetString()));
        Assert.Equal(Agreed, signOff.GetProperty("comment").GetString());
        Assert.Equal("请补充图片说明。", history[4].GetProperty("comment").GetString());
        Assert.Contains("职工技能大赛", history[8].GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, corrected.GetProperty("lastComment").ValueKind);
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.GetProperty("at").GetDateTime() <= p.Second.GetProperty("at").GetDateTime()));

        // Each move is audited in the same transaction, the signer's comment with it.
        using var admin = await app.ApiClientAsync("admin");
        var audit = (await admin.GetJsonAsync($"/api/audit?entityType=Issue&entityId={issue}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "issue.recall");
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "issue.signoff" && a.GetProperty("details").GetString()!.EndsWith(Agreed, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task WithdrawnArticle_ItsWriterRestoresOrDeletesIt_AColleagueCannot()
    {
        RequireDatabase();
        using var contributor = await app.ApiClientAsync("contributor");
        using var reviewer = await app.ApiClientAsync("reviewer");
        using var admin = await app.ApiClientAsync("admin");
        var id = (await PostAsync(contributor, "/api/submissions", new { title = "城投集团召开年度工作会议", paragraphs = new[] { "会议总结上年工作。" } },
            HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await PostAsync(contributor, $"/api/submissions/{id}/submit", new { });
        var withdrawn = await PostAsync(contributor, $"/api/submissions/{id}/withdraw", new { });
        Assert.Equal(["Restore", "Delete"], Allowed(withdrawn));

        // The unit's reviewer (a contributor too) sees the article but may neither restore nor delete a colleague's.
        Assert.Empty(Allowed(await reviewer.GetJsonAsync($"/api/submissions/{id}")));
        await (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/restore", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reviewer.DeleteAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var restored = await PostAsync(contributor, $"/api/submissions/{id}/restore", new { });
        Assert.Equal("Draft", restored.GetProperty("status").GetString());
        Assert.True(restored.GetProperty("canEdit").GetBoolean());
        Assert.Equal("恢复为草稿", restored.GetProperty("history").EnumerateArray().Last().GetProperty("actionName").GetString());
        // Only a withdrawn article is deleted: a draft answers 409.
        await (await contributor.DeleteAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);

        await PostAsync(contributor, $"/api/submissions/{id}/withdraw", new { });
        using (var deleted = await contributor.DeleteAsync($"/api/submissions/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        await (await contributor.GetAsync($"/api/submissions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var audit = (await admin.GetJsonAsync($"/api/audit?entityType=Submission&entityId={id}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "submission.delete" && a.GetProperty("details").GetString()!.Contains("城投集团召开年度工作会议"));
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "submission.restore");
    }

    private static readonly string[] ArticleUsers = ["contributor", "contributor2", "reviewer", "reader", "editor", "signer", "admin"];

    private static readonly (string Route, string Action)[] ArticleMoves =
    [
        ("submit", "Submit"), ("unit-approve", "UnitApprove"), ("unit-return", "UnitReturn"), ("adopt", "Adopt"), ("return", "Return"),
        ("decline", "Decline"), ("withdraw", "Withdraw"), ("restore", "Restore"), ("DELETE", "Delete"),
    ];

    /// <summary>
    /// Every article state × every user × every move: what the article offers the user (the buttons the page draws from
    /// <c>allowedActions</c>) is exactly what the server lets the user do. A button the server would refuse, or a move the
    /// server allows without a button, fails. Refused moves leave the article as it was; each allowed one runs on a fresh article.
    /// </summary>
    [SkippableFact]
    public async Task ArticleButtons_ForEveryUserAndState_AreExactlyTheMovesTheServerAllows()
    {
        RequireDatabase();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var user in ArticleUsers)
        {
            clients[user] = await app.ApiClientAsync(user);
        }
        try
        {
            var columnId = (await clients["editor"].GetJsonAsync("/api/series"))[0].GetProperty("columns")[0].GetProperty("id").GetInt32();
            var states = new (string Name, Func<Task<int>> Make)[]
            {
                ("Draft", () => NewArticleAsync(clients, columnId, "Draft")),
                ("AwaitingUnitReview", () => NewArticleAsync(clients, columnId, "AwaitingUnitReview")),
                ("Submitted", () => NewArticleAsync(clients, columnId, "Submitted")),
                ("Adopted", () => NewArticleAsync(clients, columnId, "Adopted")),
                ("Returned", () => NewArticleAsync(clients, columnId, "Returned")),
                ("Withdrawn", () => NewArticleAsync(clients, columnId, "Withdrawn")),
            };
            var mismatches = new List<string>();
            foreach (var (state, make) in states)
            {
                foreach (var user in ArticleUsers)
                {
                    var id = await make();
                    using var view = await clients[user].GetAsync($"/api/submissions/{id}");
                    var offered = view.StatusCode == HttpStatusCode.OK ? Allowed(await view.JsonAsync()) : [];
                    foreach (var (route, action) in ArticleMoves.Where(m => !offered.Contains(m.Action)))
                    {
                        using var refused = await SendMoveAsync(clients[user], id, route, columnId);
                        if (refused.IsSuccessStatusCode)
                        {
                            mismatches.Add($"{user} on {state}: {action} has no button but the server did it");
                        }
                    }
                    foreach (var (route, action) in ArticleMoves.Where(m => offered.Contains(m.Action)))
                    {
                        using var done = await SendMoveAsync(clients[user], await make(), route, columnId);
                        if (!done.IsSuccessStatusCode)
                        {
                            mismatches.Add($"{user} on {state}: the {action} button is refused ({(int)done.StatusCode})");
                        }
                    }
                }
            }
            Assert.Empty(mismatches);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendMoveAsync(HttpClient client, int id, string route, int columnId)
        => route == "DELETE"
            ? await client.DeleteAsync($"/api/submissions/{id}")
            : await client.PostAsJsonAsync($"/api/submissions/{id}/{route}", new { comment = "按钮测试意见。", columnId });

    private static async Task<int> NewArticleAsync(Dictionary<string, HttpClient> c, int columnId, string state)
    {
        var id = (await PostAsync(c["contributor"], "/api/submissions", new { title = "城投集团按钮测试稿件", paragraphs = new[] { "按钮测试正文。" } }, HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        var steps = state switch
        {
            "Draft" => [],
            "AwaitingUnitReview" => [("contributor", "submit")],
            "Submitted" => [("contributor", "submit"), ("reviewer", "unit-approve")],
            "Adopted" => [("contributor", "submit"), ("reviewer", "unit-approve"), ("editor", "adopt")],
            "Returned" => [("contributor", "submit"), ("reviewer", "unit-approve"), ("editor", "return")],
            "Withdrawn" => new[] { ("contributor", "submit"), ("contributor", "withdraw") },
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        foreach (var (user, route) in steps)
        {
            await PostAsync(c[user], $"/api/submissions/{id}/{route}", new { comment = "按钮测试意见。", columnId });
        }
        return id;
    }

    /// <summary>
    /// The issue's moves for each office user in each state: offered exactly when the server makes them (the signer is
    /// not offered 印发, and the server refuses it). Refused moves are tried on one issue; each allowed one on a fresh issue.
    /// </summary>
    [SkippableFact]
    public async Task IssueButtons_ForEveryUserAndState_AreExactlyTheMovesTheServerAllows()
    {
        RequireDatabase();
        var users = new[] { "editor", "signer", "admin", "reader" };
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            clients[user] = await app.ApiClientAsync(user);
        }
        try
        {
            var issue = await IssueWithAsync(clients["editor"], await SubmittedArticleAsync("城投集团签发按钮测试"), []);
            var moves = new (string Route, string Action)[] { ("submit", "SubmitForSignOff"), ("recall", "Recall"), ("send-back", "SendBack"), ("sign-off", "SignOff"), ("publish", "Publish") };
            var mismatches = new List<string>();
            var offeredTo = new Dictionary<(string, string), List<string>>();
            foreach (var state in new[] { "Draft", "AwaitingSignOff", "SignedOff" })
            {
                foreach (var user in users)
                {
                    await BringIssueToAsync(clients, issue, state);
                    using var view = await clients[user].GetAsync($"/api/issues/{issue}");
                    var offered = view.StatusCode == HttpStatusCode.OK ? Allowed(await view.JsonAsync()) : [];
                    offeredTo[(state, user)] = offered;
                    foreach (var (route, action) in moves.Where(m => !offered.Contains(m.Action)))
                    {
                        using var refused = await clients[user].PostAsJsonAsync($"/api/issues/{issue}/{route}", new { comment = "按钮测试意见。" });
                        if (refused.IsSuccessStatusCode)
                        {
                            mismatches.Add($"{user} on {state}: {action} has no button but the server did it");
                        }
                    }
                    foreach (var (route, action) in moves.Where(m => offered.Contains(m.Action)))
                    {
                        var fresh = await IssueWithAsync(clients["editor"], await SubmittedArticleAsync("城投集团签发按钮测试"), []);
                        await BringIssueToAsync(clients, fresh, state);
                        using var done = await clients[user].PostAsJsonAsync($"/api/issues/{fresh}/{route}", new { comment = "按钮测试意见。" });
                        if (!done.IsSuccessStatusCode)
                        {
                            mismatches.Add($"{user} on {state}: the {action} button is refused ({(int)done.StatusCode})");
                        }
                    }
                }
            }
            Assert.Empty(mismatches);
            Assert.Equal(["SignOff", "SendBack"], offeredTo[("AwaitingSignOff", "signer")]);
            Assert.Empty(offeredTo[("SignedOff", "signer")]);
            Assert.Equal(["Publish"], offeredTo[("SignedOff", "editor")]);
            Assert.Equal(["Recall"], offeredTo[("AwaitingSignOff", "editor")]);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static async Task BringIssueToAsync(Dictionary<string, HttpClient> c, int issue, string state)
    {
        for (var i = 0; i < 4; i++)
        {
            var current = (await c["editor"].GetJsonAsync($"/api/issues/{issue}")).GetProperty("status").GetString();
            if (current == state)
            {
                return;
            }
            var (user, route) = current switch
            {
                "Draft" => ("editor", "submit"),
                "AwaitingSignOff" => ("signer", "sign-off"),
                _ => throw new InvalidOperationException($"The issue is {current}; it cannot go back to {state}."),
            };
            await PostAsync(c[user], $"/api/issues/{issue}/{route}", new { });
        }
    }
}

public sealed class SqliteDailyFlowTests(SqliteApp app) : DailyFlowTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDailyFlowTests(PostgresApp app) : DailyFlowTests(app), IClassFixture<PostgresApp>;
