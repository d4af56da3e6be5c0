using static Jianxun.Web.Tests.MatrixRole;

namespace Jianxun.Web.Tests;

/// <summary>
/// The page-level half of the authorization matrix: every route a browser can GET outside <c>/api</c> (read from the app's
/// endpoint data sources, so a new page without an entry fails), the objects it is tried on, and who may see it. The rules
/// are the API's (<see cref="AuthorizationMatrix"/>): a page shows what its API operation returns. Pages are asked with the
/// session cookie, as a browser does.
/// </summary>
internal static class PageMatrix
{
    private static readonly MatrixRole[] Everyone = [Anonymous, Contributor, OtherContributor, Reviewer, Reader, Editor, Signer, Admin];
    private static readonly MatrixRole[] SignedIn = [Contributor, OtherContributor, Reviewer, Reader, Editor, Signer, Admin];
    private static readonly MatrixRole[] Office = [Editor, Signer, Admin];
    private static readonly MatrixRole[] EditorAdmin = [Editor, Admin];
    private static readonly MatrixRole[] Writers = [Contributor, OtherContributor, Reviewer];
    private static readonly MatrixRole[] UnitC = [Contributor, Reviewer];
    private static readonly MatrixRole[] UnitCAndOffice = [Contributor, Reviewer, Editor, Signer, Admin];
    private static readonly MatrixRole[] UnitPAndOffice = [OtherContributor, Editor, Signer, Admin];

    private static MatrixCase On(string @object, Func<MatrixWorld, string> path, params MatrixRole[] allowed)
        => new(@object, w => Task.FromResult(path(w)), allowed);

    public static IReadOnlyList<MatrixOperation> Pages { get; } =
    [
        // ------------------------------------------------------------ anonymous
        new("GET", "/account/login", [On("the login page", _ => "/account/login", Everyone)]),
        new("GET", "/account/logout", [On("the sign-out page (GET only goes home)", _ => "/account/logout", Everyone)]),
        new("GET", "/error/{code:int}", [On("the error page", _ => "/error/404", Everyone)]),
        new("GET", "/healthz", [On("the health check", _ => "/healthz", Everyone)]),
        new("GET", "/help", [On("the help page (open before sign-in)", _ => "/help", Everyone)]),

        // ------------------------------------------------------------ everyone signed in
        new("GET", "/", [On("the home page", _ => "/", SignedIn)]),
        new("GET", "/account", [On("one's own account", _ => "/account", SignedIn)]),
        new("GET", "/notifications", [On("one's notifications", _ => "/notifications", SignedIn)]),
        new("GET", "/search", [On("a query", _ => "/search?q=" + Uri.EscapeDataString("城投"), SignedIn)]),
        new("GET", "/units/{id:int}", [On("城投集团's page", w => $"/units/{w.UnitC}", SignedIn)]),
        new("GET", "/people/{name}", [On("a person named in the archive", _ => "/people/" + Uri.EscapeDataString("区长"), SignedIn)]),

        // ------------------------------------------------------------ administration
        new("GET", "/admin/users", [On("all accounts", _ => "/admin/users", Admin)]),
        new("GET", "/admin/users/{id:int}", [On("another account", w => $"/admin/users/{w.ThrowawayUser}", Admin)]),
        new("GET", "/admin/audit", [On("the audit log", _ => "/admin/audit", Admin)]),
        new("GET", "/admin/units", [On("the registry", _ => "/admin/units", Admin)]),
        new("GET", "/admin/series", [On("the series", _ => "/admin/series", Admin)]),
        new("GET", "/admin/search", [On("the search index", _ => "/admin/search", Admin)]),
        new("GET", "/admin/backups", [On("the last backup", _ => "/admin/backups", Admin)]),

        // ------------------------------------------------------------ submissions
        new("GET", "/submissions", [On("the caller's list", _ => "/submissions", SignedIn)]),
        new("GET", "/submissions/write/{id:int?}",
        [
            On("a new article", _ => "/submissions/write", Writers),
            // Who may see an article but not change it is sent to its page (a redirect): allowed, and nothing shown.
            On("contributor's draft", w => $"/submissions/write/{w.DraftC}", Contributor) with { Knows = [Contributor] },
            On("产发集团's article with the editors", w => $"/submissions/write/{w.SubmittedP}", UnitPAndOffice) with { Knows = UnitPAndOffice },
        ]),
        new("GET", "/submissions/{id:int}", SubmissionReads(id => $"/submissions/{id}")),
        new("GET", "/submissions/{id:int}/diff", SubmissionReads(id => $"/submissions/{id}/diff?from=1&to=1")),
        new("GET", "/submissions/{id:int}/score-events",
        [
            On("contributor's draft", w => $"/submissions/{w.DraftC}/score-events", Contributor) with { Knows = [Contributor] },
            On("a published 城投集团 article", w => $"/submissions/{w.PublishedC}/score-events", UnitCAndOffice) with { Knows = UnitCAndOffice },
            On("产发集团's article", w => $"/submissions/{w.SubmittedP}/score-events", UnitPAndOffice) with { Knows = UnitPAndOffice },
        ]),

        // ------------------------------------------------------------ calls
        new("GET", "/calls", [On("the caller's calls", _ => "/calls", SignedIn)]),
        new("GET", "/calls/{id:int}",
        [
            On("a call sent to 城投集团, 产发集团 and 文旅集团", w => $"/calls/{w.CallAll}", Contributor, OtherContributor, Reviewer, Reader, Editor, Admin)
                with { Knows = [Contributor, OtherContributor, Reviewer, Reader, Editor, Admin] },
            On("a call sent to 产发集团 only", w => $"/calls/{w.CallP}", OtherContributor, Editor, Admin) with { Knows = [OtherContributor, Editor, Admin] },
        ]),

        // ------------------------------------------------------------ issues
        new("GET", "/issues", [On("the issues one may read", _ => "/issues", SignedIn)]),
        new("GET", "/issues/{id:int}", IssueReads(id => $"/issues/{id}")),
        new("GET", "/issues/{id:int}/preview", IssueReads(id => $"/issues/{id}/preview")),

        // ------------------------------------------------------------ archive and import
        new("GET", "/archive", [On("the archive one may read", _ => "/archive", SignedIn)]),
        new("GET", "/archive/{id:int}",
        [
            On("a published issue", w => $"/archive/{w.IssuePublished}", SignedIn),
            On("an imported issue for 产发集团", w => $"/archive/{w.IssueRestricted}", UnitPAndOffice) with { Knows = UnitPAndOffice },
        ]),
        // A compiled issue has no source file and an unknown id none either: both a Chinese 404 for everyone, never a 500.
        new("GET", "/archive/{id:int}/source",
        [
            On("a compiled issue (no source file)", w => $"/archive/{w.IssuePublished}/source", SignedIn),
            On("an imported issue for 产发集团", w => $"/archive/{w.IssueRestricted}/source", UnitPAndOffice) with { Knows = UnitPAndOffice },
        ]),
        new("GET", "/archive/import", [On("the import form", _ => "/archive/import", EditorAdmin)]),
        new("GET", "/archive/import/{token}", [On("an unknown pending import", _ => "/archive/import/0123456789abcdef0123456789abcdef", EditorAdmin)]),

        // ------------------------------------------------------------ scores
        new("GET", "/scores",
        [
            On("a published ranking", _ => $"/scores?period={MatrixWorld.PublishedPeriod}", SignedIn),
            On("an unpublished ranking", _ => $"/scores?period={MatrixWorld.UnpublishedPeriod}", Office)
                with { DeniedAsNotice = ("data-testid=\"not-published\"", "data-testid=\"publication\"") },
        ]),
        new("GET", "/scores/units/{id:int}",
        [
            On("城投集团's breakdown", w => $"/scores/units/{w.UnitC}?period={MatrixWorld.PublishedPeriod}", UnitCAndOffice),
            On("文旅集团's breakdown", w => $"/scores/units/{w.UnitW}?period={MatrixWorld.PublishedPeriod}", Reader, Editor, Signer, Admin),
        ]),
        new("GET", "/scores/rules", [On("the rules", _ => "/scores/rules", Office)]),
    ];

    private static MatrixCase[] SubmissionReads(Func<int, string> path) =>
    [
        On("contributor's draft", w => path(w.DraftC), Contributor) with { Knows = [Contributor] },
        On("城投集团's article in unit review", w => path(w.AwaitingC), UnitC) with { Knows = UnitC },
        On("城投集团's article with the editors", w => path(w.SubmittedC), UnitCAndOffice) with { Knows = UnitCAndOffice },
        On("产发集团's article with the editors", w => path(w.SubmittedP), UnitPAndOffice) with { Knows = UnitPAndOffice },
    ];

    private static MatrixCase[] IssueReads(Func<int, string> path) =>
    [
        On("a published issue", w => path(w.IssuePublished), SignedIn),
        On("an imported issue for 产发集团", w => path(w.IssueRestricted), UnitPAndOffice) with { Knows = UnitPAndOffice },
        On("a draft issue", w => path(w.IssueDraft), Office) with { Knows = Office },
    ];
}
