using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jianxun.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jianxun.Web.Tests;

/// <summary>The callers of the authorization matrix: one demo user per role, and nobody.</summary>
public enum MatrixRole
{
    Anonymous,
    /// <summary>contributor, 城投集团: writes the 城投 articles of the matrix.</summary>
    Contributor,
    /// <summary>contributor2, 产发集团: another unit's contributor.</summary>
    OtherContributor,
    /// <summary>reviewer, 城投集团: unit reviewer and contributor, the writer's colleague.</summary>
    Reviewer,
    /// <summary>reader, 文旅集团.</summary>
    Reader,
    Editor,
    Signer,
    Admin,
}

/// <summary>
/// The objects the matrix acts on, made through the API before the first case: articles of the caller's unit in each
/// state, another unit's article, issues in each state (one readable only by 产发集团), calls, a throw-away user, unit,
/// series and rule set. Cases that change an object ask for a fresh one (<c>New…Async</c>).
/// </summary>
internal sealed class MatrixWorld : IAsyncDisposable
{
    public const int UnknownId = 987654;

    private readonly JianxunApplicationFactory _app;
    private readonly Dictionary<MatrixRole, HttpClient> _clients = [];
    private int _sequence;

    private MatrixWorld(JianxunApplicationFactory app) => _app = app;

    public HttpClient Client(MatrixRole role) => _clients[role];

    public int UnitC { get; private set; }
    public int UnitP { get; private set; }
    public int UnitW { get; private set; }
    public int SeriesId { get; private set; }
    public int ColumnId { get; private set; }

    /// <summary>A draft written by contributor (城投集团), with a photo: a colleague's draft for the reviewer.</summary>
    public int DraftC { get; private set; }
    public int DraftCPhoto { get; private set; }
    /// <summary>contributor's article waiting for 城投集团's unit review.</summary>
    public int AwaitingC { get; private set; }
    /// <summary>contributor's article approved by the unit, waiting for the editors.</summary>
    public int SubmittedC { get; private set; }
    /// <summary>contributor2's article (产发集团), with a photo, waiting for the editors.</summary>
    public int SubmittedP { get; private set; }
    public int SubmittedPPhoto { get; private set; }

    /// <summary>A 城投集团 article with a photo, printed in a published issue whose reading scope is 文旅集团 (the reader's unit).</summary>
    public int PrintedC { get; private set; }
    public int PrintedCPhoto { get; private set; }
    /// <summary>A published 城投集团 article with a higher adoption and an instruction with a scan.</summary>
    public int PublishedC { get; private set; }
    public int PublishedCInstruction { get; private set; }

    /// <summary>A published issue readable by everyone signed in (seeded).</summary>
    public int IssuePublished { get; private set; }
    /// <summary>An imported, published issue readable only by 产发集团 (and the office).</summary>
    public int IssueRestricted { get; private set; }
    /// <summary>An empty draft issue.</summary>
    public int IssueDraft { get; private set; }
    /// <summary>A draft issue with articles, moved along by the issue workflow cases.</summary>
    public int IssueChain { get; private set; }

    /// <summary>The seeded call, sent to 城投集团, 产发集团 and 文旅集团.</summary>
    public int CallAll { get; private set; }
    /// <summary>A call sent to 产发集团 only.</summary>
    public int CallP { get; private set; }

    public int ThrowawayUser { get; private set; }

    /// <summary>An open token session of <see cref="ThrowawayUser"/> (ADR-020): no one may end it through /api/me, an administrator may.</summary>
    public string ThrowawaySession { get; private set; } = "";
    public int ThrowawayUnit { get; private set; }
    public int ThrowawaySeries { get; private set; }
    public int SeededRuleSet { get; private set; }
    public int ThrowawayRuleSet { get; private set; }
    public JsonElement Rules { get; private set; }

    /// <summary>A period whose ranking is published to the units; <see cref="UnpublishedPeriod"/> is not.</summary>
    public const string PublishedPeriod = "2026-05";
    public const string UnpublishedPeriod = "2025-01";
    /// <summary>The period the publish, unpublish and recompute cases act on.</summary>
    public const string ScratchPeriod = "2025-02";

    public static async Task<MatrixWorld> CreateAsync(JianxunApplicationFactory app)
    {
        var world = new MatrixWorld(app);
        world._clients[MatrixRole.Anonymous] = app.NewClient(handleCookies: false);
        foreach (var (role, user) in Users)
        {
            world._clients[role] = await app.ApiClientAsync(user);
        }
        await world.SeedAsync();
        return world;
    }

    public static readonly IReadOnlyList<(MatrixRole Role, string User)> Users =
    [
        (MatrixRole.Contributor, "contributor"),
        (MatrixRole.OtherContributor, "contributor2"),
        (MatrixRole.Reviewer, "reviewer"),
        (MatrixRole.Reader, "reader"),
        (MatrixRole.Editor, "editor"),
        (MatrixRole.Signer, "signer"),
        (MatrixRole.Admin, "admin"),
    ];

    private HttpClient Editor => _clients[MatrixRole.Editor];
    private HttpClient Admin => _clients[MatrixRole.Admin];

    private async Task SeedAsync()
    {
        var units = (await Editor.GetJsonAsync("/api/units")).EnumerateArray()
            .ToDictionary(u => u.GetProperty("shortName").GetString()!, u => u.GetProperty("id").GetInt32(), StringComparer.Ordinal);
        (UnitC, UnitP, UnitW) = (units["城投集团"], units["产发集团"], units["文旅集团"]);
        var series = (await Editor.GetJsonAsync("/api/series"))[0];
        SeriesId = series.GetProperty("id").GetInt32();
        ColumnId = series.GetProperty("columns")[0].GetProperty("id").GetInt32();

        DraftC = await NewDraftAsync(MatrixRole.Contributor);
        DraftCPhoto = await AddPhotoAsync(MatrixRole.Contributor, DraftC);
        AwaitingC = await NewAwaitingAsync();
        SubmittedC = await NewSubmittedAsync();
        SubmittedP = await NewDraftAsync(MatrixRole.OtherContributor);
        SubmittedPPhoto = await AddPhotoAsync(MatrixRole.OtherContributor, SubmittedP);
        await PostOkAsync(MatrixRole.OtherContributor, $"/api/submissions/{SubmittedP}/submit", new { });

        var published = await Editor.GetJsonAsync($"/api/submissions?status=Published&unitId={UnitC}");
        PublishedC = published.GetProperty("items")[0].GetProperty("id").GetInt32();
        await NewHigherAdoptionAsync();
        using (var form = InstructionForm(withScan: true))
        {
            PublishedCInstruction = (await (await Editor.PostAsync($"/api/submissions/{PublishedC}/instructions/upload", form)).JsonAsync(HttpStatusCode.Created))
                .GetProperty("id").GetInt32();
        }

        IssuePublished = (await Editor.GetJsonAsync("/api/issues?status=Published")).EnumerateArray()
            .First(i => i.GetProperty("source").GetString() == "Compiled").GetProperty("id").GetInt32();
        IssueRestricted = await ImportRestrictedAsync();
        (PrintedC, PrintedCPhoto) = await PublishWithPhotoAsync([UnitW]);
        IssueDraft = (await PostJsonAsync(MatrixRole.Editor, "/api/issues", new { seriesId = SeriesId }, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        IssueChain = await CompileAsync();

        CallAll = (await Editor.GetJsonAsync("/api/calls")).EnumerateArray().Last().GetProperty("id").GetInt32();
        CallP = await NewCallAsync([UnitP]);

        ThrowawayUser = (await PostJsonAsync(MatrixRole.Admin, "/api/users",
            new { userName = "matrix-user", displayName = "矩阵测试", unitId = UnitP, roles = new[] { "Contributor" }, password = JianxunApplicationFactory.DemoPassword },
            HttpStatusCode.Created)).GetProperty("id").GetInt32();
        using (var throwaway = await _app.ApiClientAsync("matrix-user"))
        {
            ThrowawaySession = (await throwaway.GetJsonAsync("/api/me/sessions"))[0].GetProperty("id").GetString()!;
        }
        ThrowawayUnit = (await PostJsonAsync(MatrixRole.Admin, "/api/units", UnitBody("矩阵测试单位"), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        ThrowawaySeries = (await PostJsonAsync(MatrixRole.Admin, "/api/series", SeriesBody("矩阵测试简报"), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var ruleSet = (await Admin.GetJsonAsync("/api/scores/rule-sets"))[0];
        SeededRuleSet = ruleSet.GetProperty("id").GetInt32();
        Rules = ruleSet.GetProperty("rules").Clone();
        ThrowawayRuleSet = (await PostJsonAsync(MatrixRole.Admin, "/api/scores/rule-sets", RuleSetBody("2030-01-01"), HttpStatusCode.Created))
            .GetProperty("id").GetInt32();

        await PostOkAsync(MatrixRole.Editor, $"/api/scores/publish?period={PublishedPeriod}", new { });
    }

    /// <summary>A number not used before in this world, for names that must be unique.</summary>
    public int Next() => Interlocked.Increment(ref _sequence);

    // ------------------------------------------------------------------ bodies

    public static object SubmissionBody(string title, int? callId = null, int? version = null)
        => new { title, paragraphs = new[] { "矩阵测试正文。" }, callId, version };

    public static object UnitBody(string name) => new { name, shortName = name, requiresUnitReview = false };

    public static object SeriesBody(string name) => new
    {
        name,
        issuer = "云澜区国资委办公室",
        firstTotalNumber = 1,
        defaultCopies = 10,
        columns = new[] { new { id = (int?)null, name = "动态", isBriefs = false } },
    };

    public object RuleSetBody(string effectiveFrom) => new { name = "矩阵测试规则", effectiveFrom, note = "矩阵测试", rules = Rules };

    public static object HigherAdoptionBody => new { kind = "district-daily", body = "区委办公室", publication = "《每日要情》" };

    public static object InstructionBody => new { level = "district-principal", leaderName = "区长", text = "矩阵测试批示。" };

    public static MultipartFormDataContent InstructionForm(bool withScan)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("district-principal"), "level" },
            { new StringContent("矩阵测试批示。"), "text" },
        };
        if (withScan)
        {
            form.Add(new ByteArrayContent(TestImages.Png(8, 8)), "scan", "scan.png");
        }
        return form;
    }

    public static MultipartFormDataContent DocumentForm() => new()
    {
        { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("矩阵测试标题\n矩阵测试正文，用于检查谁可以从文档生成草稿。\n")), "file", "矩阵.txt" },
    };

    public static MultipartFormDataContent PhotoForm()
        => new() { { new ByteArrayContent(TestImages.Png(8, 8)), "file", "photo.png" }, { new StringContent("矩阵测试图片"), "caption" } };

    public static MultipartFormDataContent BulletinForm(string text)
        => new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "matrix.txt" } };

    /// <summary>An old bulletin crediting 产发集团 only, so that the other units are outside its reading scope.</summary>
    public const string RestrictedBulletin = """
        ● 国资简讯

        2022年第7期（总第207期）

        [国企动态]

        产发集团召开季度经营分析会

        3月8日，产发集团召开季度经营分析会，部署下一阶段重点工作。

        【供稿：产发集团】

        """;

    // ------------------------------------------------------------------ fresh objects

    public async Task<int> NewDraftAsync(MatrixRole writer, int? callId = null)
        => (await PostJsonAsync(writer, "/api/submissions", SubmissionBody($"矩阵测试稿件{Next()}", callId), HttpStatusCode.Created)).GetProperty("id").GetInt32();

    /// <summary>A 城投集团 article by contributor, waiting for unit review.</summary>
    public async Task<int> NewAwaitingAsync()
    {
        var id = await NewDraftAsync(MatrixRole.Contributor);
        await PostOkAsync(MatrixRole.Contributor, $"/api/submissions/{id}/submit", new { });
        return id;
    }

    /// <summary>A 城投集团 article by contributor, approved by its unit: with the editors.</summary>
    public async Task<int> NewSubmittedAsync()
    {
        var id = await NewAwaitingAsync();
        await PostOkAsync(MatrixRole.Reviewer, $"/api/submissions/{id}/unit-approve", new { });
        return id;
    }

    /// <summary>A 产发集团 article by contributor2, with the editors.</summary>
    public async Task<int> NewForeignSubmittedAsync()
    {
        var id = await NewDraftAsync(MatrixRole.OtherContributor);
        await PostOkAsync(MatrixRole.OtherContributor, $"/api/submissions/{id}/submit", new { });
        return id;
    }

    /// <summary>A 城投集团 article in unit review, withdrawn by its writer (never at the editors').</summary>
    public async Task<int> NewWithdrawnAsync()
    {
        var id = await NewAwaitingAsync();
        await PostOkAsync(MatrixRole.Contributor, $"/api/submissions/{id}/withdraw", new { });
        return id;
    }

    /// <summary>A 产发集团 article withdrawn by its writer after it reached the editors.</summary>
    public async Task<int> NewForeignWithdrawnAsync()
    {
        var id = await NewForeignSubmittedAsync();
        await PostOkAsync(MatrixRole.OtherContributor, $"/api/submissions/{id}/withdraw", new { });
        return id;
    }

    /// <summary>A new 城投集团 article with a photo, adopted and published alone in an issue for <paramref name="readerUnitIds"/>.</summary>
    public async Task<(int Article, int Photo)> PublishWithPhotoAsync(int[] readerUnitIds)
    {
        var article = await NewSubmittedAsync();
        var photo = await AddPhotoAsync(MatrixRole.Editor, article);
        await PostOkAsync(MatrixRole.Editor, $"/api/submissions/{article}/adopt", new { columnId = ColumnId });
        var issue = await PostJsonAsync(MatrixRole.Editor, "/api/issues", new { seriesId = SeriesId }, HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt32();
        var sections = new[] { new { sectionId = issue.GetProperty("sections")[0].GetProperty("id").GetInt32(), items = new[] { new { submissionId = article } } } };
        await (await Editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections, readerUnitIds })).JsonAsync();
        await PostOkAsync(MatrixRole.Editor, $"/api/issues/{id}/submit", new { });
        await PostOkAsync(MatrixRole.Signer, $"/api/issues/{id}/sign-off", new { });
        await PostOkAsync(MatrixRole.Editor, $"/api/issues/{id}/publish", new { });
        return (article, photo);
    }

    public async Task<int> AddPhotoAsync(MatrixRole role, int submissionId)
    {
        using var form = PhotoForm();
        return (await (await _clients[role].PostAsync($"/api/submissions/{submissionId}/photos", form)).JsonAsync(HttpStatusCode.Created))[0].GetProperty("id").GetInt32();
    }

    private readonly Dictionary<int, int> _photoOf = [];

    /// <summary>A fresh article (made by <paramref name="article"/>) with one photo added by <paramref name="addedBy"/>: the photo's path.</summary>
    public async Task<string> NewPhotoPathAsync(Func<Task<int>> article, MatrixRole addedBy)
    {
        var id = await article();
        var photo = await AddPhotoAsync(addedBy, id);
        _photoOf[id] = photo;
        return $"/api/submissions/{id}/photos/{photo}";
    }

    /// <summary>The photo <see cref="NewPhotoPathAsync"/> added to an article; 0 for any other article.</summary>
    public int PhotoOf(int submissionId) => _photoOf.GetValueOrDefault(submissionId);

    public async Task<int> NewHigherAdoptionAsync()
        => (await PostJsonAsync(MatrixRole.Editor, $"/api/submissions/{PublishedC}/higher-adoptions", HigherAdoptionBody, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    public async Task<int> NewInstructionAsync()
        => (await PostJsonAsync(MatrixRole.Editor, $"/api/submissions/{PublishedC}/instructions", InstructionBody, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    public async Task<int> NewCallAsync(int[] unitIds)
        => (await PostJsonAsync(MatrixRole.Editor, "/api/calls",
            new { topic = $"矩阵测试约稿{Next()}", description = "矩阵测试。", deadline = JianxunApplicationFactory.Today.AddDays(10), unitIds }, HttpStatusCode.Created))
            .GetProperty("id").GetInt32();

    /// <summary>The current version of an article, as the editor sees it.</summary>
    public async Task<int> SubmissionVersionAsync(int id) => await VersionAsync($"/api/submissions/{id}");

    public async Task<int> IssueVersionAsync(int id) => await VersionAsync($"/api/issues/{id}");

    /// <summary>The version the editor sees; 1 for an unknown id (the matrix sends the same body to an unknown object).</summary>
    private async Task<int> VersionAsync(string path)
    {
        using var response = await Editor.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound ? 1 : (await response.JsonAsync()).GetProperty("version").GetInt32();
    }

    /// <summary>Moves <see cref="IssueChain"/> to the wanted state with the editor's and signer's own moves.</summary>
    public async Task EnsureChainAsync(string status)
    {
        for (var i = 0; i < 4; i++)
        {
            var current = (await Editor.GetJsonAsync($"/api/issues/{IssueChain}")).GetProperty("status").GetString();
            if (current == status)
            {
                return;
            }
            var (role, route) = current switch
            {
                "Draft" => (MatrixRole.Editor, "submit"),
                "AwaitingSignOff" => (MatrixRole.Signer, "sign-off"),
                _ => throw new InvalidOperationException($"The chain issue is {current}; the matrix cannot bring it to {status}."),
            };
            await PostOkAsync(role, $"/api/issues/{IssueChain}/{route}", new { });
        }
    }

    private async Task<int> CompileAsync()
    {
        var issue = await PostJsonAsync(MatrixRole.Editor, "/api/issues", new { seriesId = SeriesId }, HttpStatusCode.Created);
        var available = (await Editor.GetJsonAsync("/api/issues/available-articles")).EnumerateArray().ToList();
        var sections = issue.GetProperty("sections").EnumerateArray().Select(s => new
        {
            sectionId = s.GetProperty("id").GetInt32(),
            items = available.Where(a => a.GetProperty("columnId").ValueKind == JsonValueKind.Number
                                         && a.GetProperty("columnId").GetInt32() == s.GetProperty("columnId").GetInt32())
                .Select(a => new { submissionId = a.GetProperty("submissionId").GetInt32() }).ToArray(),
        }).ToArray();
        Assert.Contains(sections, s => s.items.Length > 0);
        var id = issue.GetProperty("id").GetInt32();
        await (await Editor.PutAsJsonAsync($"/api/issues/{id}", new { version = issue.GetProperty("version").GetInt32(), sections })).JsonAsync();
        return id;
    }

    private async Task<int> ImportRestrictedAsync()
    {
        using var form = BulletinForm(RestrictedBulletin);
        var preview = await (await Editor.PostAsync("/api/imports/preview", form)).JsonAsync();
        using var commit = await JianxunApplicationFactory.CommitImportAsync(Editor, preview, readerUnitIds: [UnitP]);
        var created = await commit.JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("issueId").GetInt32();
    }

    private async Task<JsonElement> PostJsonAsync(MatrixRole role, string path, object body, HttpStatusCode expected)
        => await (await _clients[role].PostAsJsonAsync(path, body)).JsonAsync(expected);

    private async Task PostOkAsync(MatrixRole role, string path, object body)
    {
        using var response = await _clients[role].PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{role} POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
