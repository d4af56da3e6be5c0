using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jianxun.Web.Features.Issues;

internal static class IssuesApi
{
    public static IEndpointRouteBuilder MapIssues(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/issues").WithTags("Issues").RequireAuthorization();
        api.MapGet("/", ListIssues).WithName(nameof(ListIssues));
        api.MapPost("/", CreateIssue).RequireAuthorization(Policies.Editor).WithName(nameof(CreateIssue));
        api.MapGet("/{id:int}", GetIssue).WithName(nameof(GetIssue));
        api.MapPut("/{id:int}", UpdateIssue).RequireAuthorization(Policies.Editor).WithName(nameof(UpdateIssue));
        api.MapGet("/available-articles", AvailableArticles).RequireAuthorization(Policies.Editor).WithName(nameof(AvailableArticles));
        foreach (var (route, action) in Actions)
        {
            api.MapPost($"/{{id:int}}/{route}", (int id, IssueActionRequest? request, HttpContext http, IssueHandlers handler, CancellationToken ct)
                    => Act(id, action, request, http, handler, ct))
                .WithName("Issue" + action);
        }
        api.MapPost("/{id:int}/correct", CorrectIssue).RequireAuthorization(Policies.Editor).WithName(nameof(CorrectIssue));
        foreach (var format in IssueHandlers.Formats)
        {
            api.MapGet($"/{{id:int}}/{format}", (int id, int? revision, HttpContext http, IssueHandlers handler, CancellationToken ct)
                    => Download(id, format, revision, http, handler, ct))
                .WithName("IssueFile" + format);
        }
        return app;
    }

    internal static readonly (string Route, IssueAction Action)[] Actions =
    [
        ("submit", IssueAction.SubmitForSignOff),
        ("recall", IssueAction.Recall),
        ("sign-off", IssueAction.SignOff),
        ("send-back", IssueAction.SendBack),
        ("publish", IssueAction.Publish),
    ];

    internal static async Task<Ok<IReadOnlyList<IssueListItemDto>>> ListIssues(HttpContext http, IssueHandlers handler, CancellationToken ct, int? series = null, string? status = null)
    {
        IssueStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            parsed = Enum.TryParse<IssueStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw ValidationException.For("status", $"未知状态“{status}”。可用：{string.Join("、", Enum.GetNames<IssueStatus>())}。");
        }
        return TypedResults.Ok(await handler.ListAsync(http.User.ToActor(), series, parsed, ct));
    }

    internal static async Task<Created<IssueDto>> CreateIssue(CreateIssueRequest request, HttpContext http, IssueHandlers handler, CancellationToken ct)
    {
        var issue = await handler.CreateNextAsync(http.User.ToActor(), request, ct);
        return TypedResults.Created($"/api/issues/{issue.Id}", issue);
    }

    internal static async Task<Ok<IssueDto>> GetIssue(int id, HttpContext http, IssueHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetAsync(http.User.ToActor(), id, ct));

    internal static async Task<Ok<IssueDto>> UpdateIssue(int id, UpdateIssueRequest request, HttpContext http, IssueHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UpdateAsync(http.User.ToActor(), id, request, ct));

    internal static async Task<Ok<IReadOnlyList<AvailableArticleDto>>> AvailableArticles(HttpContext http, IssueHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.AvailableArticlesAsync(http.User.ToActor(), ct));

    internal static async Task<Ok<IssueDto>> Act(int id, IssueAction action, IssueActionRequest? request, HttpContext http, IssueHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.ActAsync(http.User.ToActor(), id, action, request ?? new IssueActionRequest(), ct));

    internal static async Task<Ok<IssueDto>> CorrectIssue(int id, CorrectionRequest request, HttpContext http, IssueHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.CorrectAsync(http.User.ToActor(), id, request, ct));

    internal static async Task<FileContentHttpResult> Download(int id, string format, int? revision, HttpContext http, IssueHandlers handler, CancellationToken ct)
    {
        var file = await handler.FileAsync(http.User.ToActor(), id, format, revision, ct);
        // PDF and DOCX download, HTML opens in the browser; all three are saved as 国资简讯2026年第3期.xxx (filename* in UTF-8).
        if (format != "html")
        {
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(file.Content, file.ContentType);
    }
}
