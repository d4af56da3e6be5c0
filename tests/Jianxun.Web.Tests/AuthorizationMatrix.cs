using System.Net.Http.Json;
using static Jianxun.Web.Tests.MatrixRole;

namespace Jianxun.Web.Tests;

/// <summary>
/// A rule the code does not keep yet: the case is run and reported, but a violation by these roles does not fail the test.
/// Remove the marker when the rule is enforced (the test output lists the markers that no longer find anything).
/// </summary>
internal sealed record KnownGapMarker(string Why, IReadOnlyList<MatrixRole> Roles);

/// <summary>
/// One object an operation acts on, and who may succeed on it. Everyone else must not get a 2xx (anonymous: 401);
/// when <see cref="Knows"/> is set, those outside it must not learn that the object exists: they get what an unknown id gets.
/// </summary>
internal sealed record MatrixCase(string Object, Func<MatrixWorld, Task<string>> Path, IReadOnlyList<MatrixRole> Allowed)
{
    /// <summary>Makes the body of one request (called per request, since content is consumed), given the resolved path.</summary>
    public Func<MatrixWorld, string, Task<HttpContent?>>? Body { get; init; }

    public IReadOnlyList<KnownGapMarker> Gaps { get; init; } = [];

    public IReadOnlyList<MatrixRole>? Knows { get; init; }

    /// <summary>
    /// Pages only: the denial is a page (200) that shows this marker instead of the object (an unpublished ranking is
    /// "not published yet"); such a page must not show <see cref="ShownMarker"/>, which marks the object itself.
    /// </summary>
    public (string DeniedMarker, string ShownMarker)? DeniedAsNotice { get; init; }

    public KnownGapMarker? GapFor(MatrixRole role) => Gaps.FirstOrDefault(g => g.Roles.Contains(role));
}

/// <summary>An operation of the OpenAPI document (method and route template as the document writes them) and its cases.</summary>
internal sealed record MatrixOperation(string Method, string Route, IReadOnlyList<MatrixCase> Cases)
{
    public string Key => $"{Method} {Route}";
}

/// <summary>
/// The expectation table of the authorization matrix (issue 15): every operation of <c>/openapi/v1.json</c>, the objects it
/// is tried on, and who may succeed. Drafts follow the one rule for drafts (issue 15 §8): a draft is seen and changed only by
/// its writer until submitted, then by its unit's reviewer, then by the office once it reaches them. The order is the order of
/// execution: a case that changes its object works on a fresh one, and the search rebuild comes last.
/// </summary>
internal static class AuthorizationMatrix
{
    private static readonly MatrixRole[] Everyone = [Anonymous, Contributor, OtherContributor, Reviewer, Reader, Editor, Signer, Admin];
    private static readonly MatrixRole[] SignedIn = [Contributor, OtherContributor, Reviewer, Reader, Editor, Signer, Admin];
    private static readonly MatrixRole[] Office = [Editor, Signer, Admin];
    private static readonly MatrixRole[] EditorAdmin = [Editor, Admin];
    private static readonly MatrixRole[] UnitC = [Contributor, Reviewer];
    private static readonly MatrixRole[] UnitCAndOffice = [Contributor, Reviewer, Editor, Signer, Admin];
    private static readonly MatrixRole[] UnitPAndOffice = [OtherContributor, Editor, Signer, Admin];
    private static readonly MatrixRole[] Nobody = [];

    /// <summary>The explicit marker of a rule the code breaks (none today: every gap the matrix found is closed); see <see cref="KnownGapMarker"/>.</summary>
    private static KnownGapMarker KnownGap(string why, params MatrixRole[] roles) => new(why, roles);

    private static MatrixCase On(string @object, Func<MatrixWorld, string> path, params MatrixRole[] allowed)
        => new(@object, w => Task.FromResult(path(w)), allowed);

    /// <summary>A case on an object made (or brought into the right state) for it alone.</summary>
    private static MatrixCase OnFresh(string @object, Func<MatrixWorld, Task<string>> path, params MatrixRole[] allowed) => new(@object, path, allowed);

    private static Func<MatrixWorld, string, Task<HttpContent?>> Json(Func<MatrixWorld, object> body)
        => (w, _) => Task.FromResult<HttpContent?>(JsonContent.Create(body(w)));

    private static Func<MatrixWorld, string, Task<HttpContent?>> Json(object body) => Json(_ => body);

    private static Func<MatrixWorld, string, Task<HttpContent?>> Form(Func<MultipartFormDataContent> form)
        => (_, _) => Task.FromResult<HttpContent?>(form());

    /// <summary>The article's current version, so that a permitted edit is not refused as stale.</summary>
    private static readonly Func<MatrixWorld, string, Task<HttpContent?>> SubmissionEdit = async (w, path) =>
        JsonContent.Create(MatrixWorld.SubmissionBody("矩阵测试修改", version: await w.SubmissionVersionAsync(IdOf(path))));

    private static readonly Func<MatrixWorld, string, Task<HttpContent?>> IssueEdit = async (w, path) =>
        JsonContent.Create(new { version = await w.IssueVersionAsync(IdOf(path)) });

    /// <summary>
    /// A change to one photo, by the article's edit rule (issue 22, ADR-031): the writer on their draft, the unit's reviewer in
    /// unit review, an editor once it is with the editors; each case on a fresh article holding one photo.
    /// </summary>
    private static MatrixCase[] PhotoChanges(Func<MatrixWorld, string, Task<HttpContent?>>? body) =>
    [
        OnFresh("a photo of contributor's draft", w => w.NewPhotoPathAsync(() => w.NewDraftAsync(Contributor), Contributor), Contributor)
            with { Body = body, Knows = [Contributor] },
        OnFresh("a photo of 城投集团's article in unit review", w => w.NewPhotoPathAsync(w.NewAwaitingAsync, Reviewer), Reviewer)
            with { Body = body, Knows = UnitC },
        OnFresh("a photo of 产发集团's article with the editors", w => w.NewPhotoPathAsync(w.NewForeignSubmittedAsync, Editor), Editor)
            with { Body = body, Knows = UnitPAndOffice },
    ];

    private static string OrderPathOf(string photoPath) => photoPath[..photoPath.LastIndexOf('/')] + "/order";

    private static int IdOf(string path) => int.Parse(path.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);

    private static readonly object Move = new { comment = "矩阵测试意见。" };

    public static IReadOnlyList<MatrixOperation> Operations { get; } = Build();

    private static List<MatrixOperation> Build()
    {
        var ops = new List<MatrixOperation>
        {
            // ------------------------------------------------------------ accounts
            new("POST", "/api/auth/token", [On("a user's own password", _ => "/api/auth/token", Everyone)
                with { Body = Json(new { userName = "reader", password = JianxunApplicationFactory.DemoPassword }) }]),
            new("GET", "/api/me", [On("oneself", _ => "/api/me", SignedIn)]),
            new("GET", "/api/users", [On("all accounts", _ => "/api/users", Admin)]),
            new("GET", "/api/users/{id}", [On("another account", w => $"/api/users/{w.ThrowawayUser}", Admin)]),
            new("POST", "/api/users", [On("a new account", _ => "/api/users", Admin) with
            {
                Body = Json(w => new { userName = $"matrix-new-{w.Next()}", displayName = "矩阵新用户", unitId = w.UnitW, roles = new[] { "Reader" },
                    password = JianxunApplicationFactory.DemoPassword }),
            }]),
            // Sessions (ADR-020): another user's session cannot be ended through /api/me (404, like an unknown one).
            new("GET", "/api/me/sessions", [On("one's own sessions", _ => "/api/me/sessions", SignedIn)]),
            new("DELETE", "/api/me/sessions/{sid}", [On("another account's session", w => $"/api/me/sessions/{w.ThrowawaySession}", Nobody)]),
            new("GET", "/api/users/{id}/sessions", [On("another account's sessions", w => $"/api/users/{w.ThrowawayUser}/sessions", Admin)]),
            new("DELETE", "/api/users/{id}/sessions/{sid}",
                [On("another account's session", w => $"/api/users/{w.ThrowawayUser}/sessions/{w.ThrowawaySession}", Admin)]),
            new("PUT", "/api/users/{id}", [On("another account", w => $"/api/users/{w.ThrowawayUser}", Admin) with
            {
                Body = Json(w => new { displayName = "矩阵测试", unitId = w.UnitP, roles = new[] { "Contributor" }, isActive = true }),
            }]),
            new("POST", "/api/users/{id}/password", [On("another account", w => $"/api/users/{w.ThrowawayUser}/password", Admin)
                with { Body = Json(new { password = JianxunApplicationFactory.DemoPassword }) }]),
            new("POST", "/api/users/{id}/unlock", [On("another account", w => $"/api/users/{w.ThrowawayUser}/unlock", Admin)]),
            new("POST", "/api/users/{id}/end-sessions", [On("another account", w => $"/api/users/{w.ThrowawayUser}/end-sessions", Admin)]),
            // A wrong current password: a permitted caller gets 400 and keeps the password the matrix signs in with.
            new("POST", "/api/me/password", [On("one's own password", _ => "/api/me/password", SignedIn)
                with { Body = Json(new { currentPassword = "not-the-password", newPassword = "Matrix-new-2026" }) }]),
            new("GET", "/api/audit", [On("the audit log", _ => "/api/audit", Admin)]),

            // ------------------------------------------------------------ organisation
            new("GET", "/api/units", [On("the registry", _ => "/api/units", SignedIn)]),
            new("GET", "/api/units/{id}", [On("城投集团", w => $"/api/units/{w.UnitC}", SignedIn)]),
            new("POST", "/api/units", [On("a new unit", _ => "/api/units", Admin) with { Body = Json(w => MatrixWorld.UnitBody($"矩阵新单位{w.Next()}")) }]),
            new("PUT", "/api/units/{id}", [On("a unit", w => $"/api/units/{w.ThrowawayUnit}", Admin) with { Body = Json(MatrixWorld.UnitBody("矩阵测试单位")) }]),
            new("GET", "/api/series", [On("all series", _ => "/api/series", SignedIn)]),
            new("GET", "/api/series/{id}", [On("国资简讯", w => $"/api/series/{w.SeriesId}", SignedIn)]),
            new("POST", "/api/series", [On("a new series", _ => "/api/series", Admin) with { Body = Json(w => MatrixWorld.SeriesBody($"矩阵新简报{w.Next()}")) }]),
            new("PUT", "/api/series/{id}", [On("a series", w => $"/api/series/{w.ThrowawaySeries}", Admin) with { Body = Json(MatrixWorld.SeriesBody("矩阵测试简报")) }]),

            // ------------------------------------------------------------ submissions: reads
            new("GET", "/api/submissions", [On("the caller's list", _ => "/api/submissions", SignedIn)]),
            new("GET", "/api/submissions/{id}", SubmissionReads(id => $"/api/submissions/{id}")),
            new("GET", "/api/submissions/{id}/diff", SubmissionReads(id => $"/api/submissions/{id}/diff?from=1&to=1")),
            new("GET", "/api/submissions/{id}/photos/{photoId}",
            [
                On("the photo of contributor's draft", w => $"/api/submissions/{w.DraftC}/photos/{w.DraftCPhoto}", Contributor)
                    with { Knows = [Contributor] },
                On("the photo of 产发集团's article", w => $"/api/submissions/{w.SubmittedP}/photos/{w.SubmittedPPhoto}", UnitPAndOffice) with { Knows = UnitPAndOffice },
                // Printed in an issue for 文旅集团: its readers see the photo in the issue's web page; 产发集团 is outside the scope (ADR-023).
                On("the photo of a 城投集团 article printed in an issue for 文旅集团", w => $"/api/submissions/{w.PrintedC}/photos/{w.PrintedCPhoto}",
                    Contributor, Reviewer, Reader, Editor, Signer, Admin) with { Knows = [Contributor, Reviewer, Reader, Editor, Signer, Admin] },
            ]),
            new("GET", "/api/submissions/{id}/score-events",
            [
                On("contributor's draft", w => $"/api/submissions/{w.DraftC}/score-events", Contributor) with { Knows = [Contributor] },
                On("a published 城投集团 article", w => $"/api/submissions/{w.PublishedC}/score-events", UnitCAndOffice) with { Knows = UnitCAndOffice },
                On("产发集团's article", w => $"/api/submissions/{w.SubmittedP}/score-events", UnitPAndOffice) with { Knows = UnitPAndOffice },
            ]),
            new("GET", "/api/submissions/{id}/instructions/{iid}/scan",
            [
                On("a published 城投集团 article's scan", w => $"/api/submissions/{w.PublishedC}/instructions/{w.PublishedCInstruction}/scan", UnitCAndOffice)
                    with { Knows = UnitCAndOffice },
            ]),

            // ------------------------------------------------------------ submissions: changes, each on a fresh article
            new("POST", "/api/submissions",
            [
                On("a new article of the caller's unit", _ => "/api/submissions", Contributor, OtherContributor, Reviewer)
                    with { Body = Json(w => MatrixWorld.SubmissionBody($"矩阵新稿件{w.Next()}")) },
                On("an answer to a call sent to 产发集团 only", _ => "/api/submissions", OtherContributor)
                    with { Body = Json(w => MatrixWorld.SubmissionBody($"矩阵约稿回复{w.Next()}", w.CallP)) },
            ]),
            new("DELETE", "/api/submissions/{id}",
            [
                OnFresh("contributor's withdrawn article", async w => $"/api/submissions/{await w.NewWithdrawnAsync()}", Contributor) with { Knows = UnitC },
                OnFresh("产发集团's withdrawn article", async w => $"/api/submissions/{await w.NewForeignWithdrawnAsync()}", OtherContributor)
                    with { Knows = UnitPAndOffice },
            ]),
            new("PUT", "/api/submissions/{id}",
            [
                OnFresh("contributor's draft", async w => $"/api/submissions/{await w.NewDraftAsync(Contributor)}", Contributor)
                    with { Body = SubmissionEdit, Knows = [Contributor] },
                OnFresh("城投集团's article in unit review", async w => $"/api/submissions/{await w.NewAwaitingAsync()}", Reviewer)
                    with { Body = SubmissionEdit, Knows = UnitC },
                OnFresh("城投集团's article with the editors", async w => $"/api/submissions/{await w.NewSubmittedAsync()}", Editor)
                    with { Body = SubmissionEdit, Knows = UnitCAndOffice },
                OnFresh("产发集团's article with the editors", async w => $"/api/submissions/{await w.NewForeignSubmittedAsync()}", Editor)
                    with { Body = SubmissionEdit, Knows = UnitPAndOffice },
            ]),
        };
        ops.AddRange(SubmissionMoves());
        ops.AddRange(
        [
            new("POST", "/api/submissions/{id}/photos",
            [
                OnFresh("contributor's draft", async w => $"/api/submissions/{await w.NewDraftAsync(Contributor)}/photos", Contributor)
                    with { Body = Form(MatrixWorld.PhotoForm), Knows = [Contributor] },
                OnFresh("城投集团's article in unit review", async w => $"/api/submissions/{await w.NewAwaitingAsync()}/photos", Reviewer)
                    with { Body = Form(MatrixWorld.PhotoForm), Knows = UnitC },
                On("产发集团's article with the editors", w => $"/api/submissions/{w.SubmittedP}/photos", Editor)
                    with { Body = Form(MatrixWorld.PhotoForm), Knows = UnitPAndOffice },
            ]),
            new("PUT", "/api/submissions/{id}/photos/{photoId}", PhotoChanges(Form(MatrixWorld.PhotoForm))),
            new("PATCH", "/api/submissions/{id}/photos/{photoId}", PhotoChanges(Json(new { caption = "矩阵测试新说明" }))),
            new("DELETE", "/api/submissions/{id}/photos/{photoId}", PhotoChanges(null)),
            new("PUT", "/api/submissions/{id}/photos/order",
                [.. PhotoChanges((w, path) => Task.FromResult<HttpContent?>(JsonContent.Create(new { photoIds = new[] { w.PhotoOf(IdOf(path)) } })))
                    .Select(c => c with { Path = async w => OrderPathOf(await c.Path(w)) })]),

            // A proposed draft from a document (issue 22): saves nothing; for those who write articles (contributors, the demo reviewer who is one too, and editors for the office's own pieces).
            new("POST", "/api/submissions/from-document",
                [On("one's own document", _ => "/api/submissions/from-document", Contributor, OtherContributor, Reviewer, Editor) with { Body = Form(MatrixWorld.DocumentForm) }]),

            // ------------------------------------------------------------ scoring records on an article
            new("POST", "/api/submissions/{id}/higher-adoptions",
            [
                On("a published 城投集团 article", w => $"/api/submissions/{w.PublishedC}/higher-adoptions", EditorAdmin) with { Body = Json(MatrixWorld.HigherAdoptionBody) },
                On("contributor's draft", w => $"/api/submissions/{w.DraftC}/higher-adoptions", Nobody) with { Body = Json(MatrixWorld.HigherAdoptionBody) },
            ]),
            new("DELETE", "/api/submissions/{id}/higher-adoptions/{hid}",
                [OnFresh("a recorded higher adoption", async w => $"/api/submissions/{w.PublishedC}/higher-adoptions/{await w.NewHigherAdoptionAsync()}", EditorAdmin)]),
            new("POST", "/api/submissions/{id}/instructions",
                [On("a published 城投集团 article", w => $"/api/submissions/{w.PublishedC}/instructions", EditorAdmin) with { Body = Json(MatrixWorld.InstructionBody) }]),
            new("POST", "/api/submissions/{id}/instructions/upload",
            [
                On("a published 城投集团 article", w => $"/api/submissions/{w.PublishedC}/instructions/upload", EditorAdmin)
                    with { Body = Form(() => MatrixWorld.InstructionForm(withScan: true)) },
            ]),
            new("DELETE", "/api/submissions/{id}/instructions/{iid}",
                [OnFresh("a recorded instruction", async w => $"/api/submissions/{w.PublishedC}/instructions/{await w.NewInstructionAsync()}", EditorAdmin)]),

            // ------------------------------------------------------------ calls and notifications
            new("GET", "/api/calls", [On("the caller's calls", _ => "/api/calls", SignedIn)]),
            new("GET", "/api/calls/{id}",
            [
                // REVIEW: the signer is office but not in the calls' audience (CallHandlers lets editors and admins see every call).
                On("a call sent to 城投集团, 产发集团 and 文旅集团", w => $"/api/calls/{w.CallAll}", Contributor, OtherContributor, Reviewer, Reader, Editor, Admin)
                    with { Knows = [Contributor, OtherContributor, Reviewer, Reader, Editor, Admin] },
                On("a call sent to 产发集团 only", w => $"/api/calls/{w.CallP}", OtherContributor, Editor, Admin) with { Knows = [OtherContributor, Editor, Admin] },
            ]),
            new("POST", "/api/calls", [On("a new call", _ => "/api/calls", Editor) with
            {
                Body = Json(w => new { topic = $"矩阵新约稿{w.Next()}", description = "矩阵测试。", deadline = JianxunApplicationFactory.Today.AddDays(10), unitIds = new[] { w.UnitP } }),
            }]),
            new("POST", "/api/calls/{id}/close", [OnFresh("an open call", async w => $"/api/calls/{await w.NewCallAsync([w.UnitP])}/close", Editor)]),
            new("GET", "/api/notifications", [On("the caller's notifications", _ => "/api/notifications", SignedIn)]),
            new("POST", "/api/notifications/read", [On("the caller's notifications", _ => "/api/notifications/read", SignedIn)]),

            // ------------------------------------------------------------ issues
            new("GET", "/api/issues", [On("the issues one may read", _ => "/api/issues", SignedIn)]),
            new("GET", "/api/issues/{id}", IssueReads(id => $"/api/issues/{id}")),
            new("GET", "/api/issues/{id}/pdf", IssueReads(id => $"/api/issues/{id}/pdf")),
            new("GET", "/api/issues/{id}/docx", IssueReads(id => $"/api/issues/{id}/docx")),
            new("GET", "/api/issues/{id}/html", IssueReads(id => $"/api/issues/{id}/html")),
            new("GET", "/api/issues/available-articles", [On("the adopted articles", _ => "/api/issues/available-articles", Editor)]),
            new("POST", "/api/issues", [On("a new issue", _ => "/api/issues", Editor) with { Body = Json(w => new { seriesId = w.SeriesId }) }]),
            new("PUT", "/api/issues/{id}",
            [
                On("a draft issue", w => $"/api/issues/{w.IssueDraft}", Editor) with { Body = IssueEdit, Knows = Office },
                On("an issue for 产发集团", w => $"/api/issues/{w.IssueRestricted}", Nobody) with { Body = IssueEdit, Knows = UnitPAndOffice },
            ]),
            new("POST", "/api/issues/{id}/submit",
            [
                On("an empty draft issue", w => $"/api/issues/{w.IssueDraft}/submit", Editor) with { Body = Json(new { }), Knows = Office },
                On("an issue for 产发集团", w => $"/api/issues/{w.IssueRestricted}/submit", Nobody)
                    with { Body = Json(new { }), Knows = UnitPAndOffice },
            ]),
            new("POST", "/api/issues/{id}/send-back", [IssueChain("AwaitingSignOff", "send-back", Signer)]),
            new("POST", "/api/issues/{id}/recall", [IssueChain("AwaitingSignOff", "recall", Editor)]),
            new("POST", "/api/issues/{id}/sign-off", [IssueChain("AwaitingSignOff", "sign-off", Signer)]),
            // The signer signs; printing and sending (印发) is the editors' (ADR-023).
            new("POST", "/api/issues/{id}/publish", [IssueChain("SignedOff", "publish", Editor)]),
            new("POST", "/api/issues/{id}/correct",
            [
                // An item that is not in the issue: the editor gets 400 before anything is rendered again.
                On("a published issue", w => $"/api/issues/{w.IssuePublished}/correct", Editor)
                    with { Body = Json(new { erratum = "矩阵测试更正。", items = new[] { new { itemId = 0 } } }) },
                On("an issue for 产发集团", w => $"/api/issues/{w.IssueRestricted}/correct", Nobody)
                    with { Body = Json(new { erratum = "矩阵测试更正。" }), Knows = UnitPAndOffice },
            ]),

            // ------------------------------------------------------------ archive and import
            new("GET", "/api/archive", [On("the archive one may read", _ => "/api/archive", SignedIn)]),
            new("GET", "/api/archive/{id}",
            [
                On("a published issue", w => $"/api/archive/{w.IssuePublished}", SignedIn),
                On("an imported issue for 产发集团", w => $"/api/archive/{w.IssueRestricted}", UnitPAndOffice) with { Knows = UnitPAndOffice },
            ]),
            new("GET", "/api/archive/{id}/source",
            [
                On("a compiled issue (no source file)", w => $"/api/archive/{w.IssuePublished}/source", SignedIn),
                On("an imported issue for 产发集团", w => $"/api/archive/{w.IssueRestricted}/source", UnitPAndOffice) with { Knows = UnitPAndOffice },
            ]),
            new("GET", "/api/people/{name}", [On("a person named in the archive", _ => "/api/people/" + Uri.EscapeDataString("区长"), SignedIn)]),
            new("POST", "/api/imports/preview",
                [On("an old bulletin", _ => "/api/imports/preview", EditorAdmin) with { Body = Form(() => MatrixWorld.BulletinForm(MatrixWorld.RestrictedBulletin)) }]),
            new("POST", "/api/imports", [On("an unknown pending import", _ => "/api/imports", EditorAdmin) with { Body = Json(new { pendingToken = "matrix-unknown" }) }]),

            // ------------------------------------------------------------ scores
            new("GET", "/api/scores", Rankings("/api/scores")),
            new("GET", "/api/scores/export.xlsx", Rankings("/api/scores/export.xlsx")),
            new("GET", "/api/scores/report.pdf", Rankings("/api/scores/report.pdf")),
            new("GET", "/api/scores/units/{id}", UnitScores(id => $"/api/scores/units/{id}")),
            new("GET", "/api/scores/units/{id}/export.xlsx", UnitScores(id => $"/api/scores/units/{id}/export.xlsx")),
            new("POST", "/api/scores/publish", [On("a period's ranking", _ => $"/api/scores/publish?period={MatrixWorld.ScratchPeriod}", EditorAdmin)]),
            new("POST", "/api/scores/unpublish", [On("a period's ranking", _ => $"/api/scores/unpublish?period={MatrixWorld.ScratchPeriod}", EditorAdmin)]),
            new("POST", "/api/scores/recompute", [On("a period's ranking", _ => $"/api/scores/recompute?period={MatrixWorld.ScratchPeriod}", Admin)]),
            new("GET", "/api/scores/rule-sets", [On("the rule sets", _ => "/api/scores/rule-sets", Office)]),
            new("GET", "/api/scores/rule-sets/{id}", [On("the rule set in force", w => $"/api/scores/rule-sets/{w.SeededRuleSet}", Office)]),
            new("POST", "/api/scores/rule-sets", [On("a new rule set", _ => "/api/scores/rule-sets", Admin) with { Body = Json(w => w.RuleSetBody("2031-01-01")) }]),
            new("POST", "/api/scores/rule-sets/{id}/revise",
                [On("a future rule set", w => $"/api/scores/rule-sets/{w.ThrowawayRuleSet}/revise", Admin) with { Body = Json(w => w.RuleSetBody("2030-01-01")) }]),

            // ------------------------------------------------------------ search (the rebuild last: searches wait for it)
            new("GET", "/api/search", [On("a query", _ => "/api/search?q=" + Uri.EscapeDataString("城投"), SignedIn)]),
            new("GET", "/api/units/{id}/page", [On("城投集团's page", w => $"/api/units/{w.UnitC}/page", SignedIn)]),
            new("GET", "/api/admin/search/reindex", [On("the rebuild's status", _ => "/api/admin/search/reindex", Admin)]),
            new("POST", "/api/admin/search/reindex", [On("a rebuild", _ => "/api/admin/search/reindex", Admin)]),

            // ------------------------------------------------------------ last of all: each caller ends its own sessions
            new("POST", "/api/me/sign-out-everywhere", [On("one's own sessions", _ => "/api/me/sign-out-everywhere", SignedIn)]),
        ]);
        return ops;
    }

    /// <summary>Reads of an article: the writer's draft, an article in unit review, one with the editors, another unit's.</summary>
    private static MatrixCase[] SubmissionReads(Func<int, string> path) =>
    [
        On("contributor's draft", w => path(w.DraftC), Contributor) with { Knows = [Contributor] },
        On("城投集团's article in unit review", w => path(w.AwaitingC), UnitC) with { Knows = UnitC },
        On("城投集团's article with the editors", w => path(w.SubmittedC), UnitCAndOffice) with { Knows = UnitCAndOffice },
        On("产发集团's article with the editors", w => path(w.SubmittedP), UnitPAndOffice) with { Knows = UnitPAndOffice },
    ];

    /// <summary>The workflow moves, each on a fresh article in the state the move starts from, plus another unit's article.</summary>
    private static IEnumerable<MatrixOperation> SubmissionMoves()
    {
        static MatrixCase Draft(string route)
        {
            var @case = OnFresh("contributor's draft", async w => $"/api/submissions/{await w.NewDraftAsync(Contributor)}/{route}", Contributor);
            return @case with { Body = Json(Move), Knows = [Contributor] };
        }

        static MatrixCase Awaiting(string route)
        {
            var @case = OnFresh("城投集团's article in unit review", async w => $"/api/submissions/{await w.NewAwaitingAsync()}/{route}", Reviewer);
            return @case with { Body = Json(Move), Knows = UnitC };
        }

        static MatrixCase Submitted(string route, params MatrixRole[] allowed)
        {
            var @case = OnFresh("城投集团's article with the editors", async w => $"/api/submissions/{await w.NewSubmittedAsync()}/{route}", allowed);
            return @case with { Body = Json(w => new { comment = "矩阵测试意见。", columnId = w.ColumnId }), Knows = UnitCAndOffice };
        }

        static MatrixCase Foreign(string route, params MatrixRole[] allowed)
        {
            var @case = OnFresh("产发集团's article with the editors", async w => $"/api/submissions/{await w.NewForeignSubmittedAsync()}/{route}", allowed);
            return @case with { Body = Json(w => new { comment = "矩阵测试意见。", columnId = w.ColumnId }), Knows = UnitPAndOffice };
        }

        yield return new("POST", "/api/submissions/{id}/submit", [Draft("submit"), Foreign("submit")]);
        yield return new("POST", "/api/submissions/{id}/unit-approve", [Awaiting("unit-approve")]);
        yield return new("POST", "/api/submissions/{id}/unit-return", [Awaiting("unit-return")]);
        foreach (var route in new[] { "adopt", "return", "decline" })
        {
            yield return new("POST", $"/api/submissions/{{id}}/{route}", [Submitted(route, Editor), Foreign(route, Editor)]);
        }
        yield return new("POST", "/api/submissions/{id}/restore",
        [
            OnFresh("contributor's withdrawn article", async w => $"/api/submissions/{await w.NewWithdrawnAsync()}/restore", Contributor)
                with { Body = Json(Move), Knows = UnitC },
            OnFresh("产发集团's withdrawn article", async w => $"/api/submissions/{await w.NewForeignWithdrawnAsync()}/restore", OtherContributor)
                with { Body = Json(Move), Knows = UnitPAndOffice },
        ]);
        yield return new("POST", "/api/submissions/{id}/withdraw",
        [
            Draft("withdraw"),
            Submitted("withdraw", Contributor),
            Foreign("withdraw", OtherContributor),
        ]);
    }

    /// <summary>Reads of an issue: published for everyone, imported for 产发集团 only, and a draft.</summary>
    private static MatrixCase[] IssueReads(Func<int, string> path) =>
    [
        On("a published issue", w => path(w.IssuePublished), SignedIn),
        On("an imported issue for 产发集团", w => path(w.IssueRestricted), UnitPAndOffice) with { Knows = UnitPAndOffice },
        On("a draft issue", w => path(w.IssueDraft), Office) with { Knows = Office },
    ];

    /// <summary>A move of the issue workflow on the issue with articles, brought first into the state the move starts from.</summary>
    private static MatrixCase IssueChain(string from, string route, params MatrixRole[] allowed)
    {
        var @case = OnFresh($"an issue {from}", async w =>
        {
            await w.EnsureChainAsync(from);
            return $"/api/issues/{w.IssueChain}/{route}";
        }, allowed);
        return @case with { Body = Json(new { comment = "矩阵测试意见。" }), Knows = Office };
    }

    /// <summary>A ranking: units see it once published, the office always.</summary>
    private static MatrixCase[] Rankings(string path) =>
    [
        On("a published ranking", _ => $"{path}?period={MatrixWorld.PublishedPeriod}", SignedIn),
        On("an unpublished ranking", _ => $"{path}?period={MatrixWorld.UnpublishedPeriod}", Office),
    ];

    /// <summary>A unit's breakdown: its own users and the office.</summary>
    private static MatrixCase[] UnitScores(Func<int, string> path) =>
    [
        On("城投集团's breakdown", w => $"{path(w.UnitC)}?period={MatrixWorld.PublishedPeriod}", UnitCAndOffice),
        On("文旅集团's breakdown", w => $"{path(w.UnitW)}?period={MatrixWorld.PublishedPeriod}", Reader, Editor, Signer, Admin),
    ];
}
