using Jianxun.Core.Common;
using Jianxun.Core.Notifications;
using Jianxun.Core.Submissions;
using Jianxun.Text;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Features.Submissions;

internal static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/submissions").WithTags("Submissions").RequireAuthorization();
        api.MapGet("/", ListSubmissions).WithName(nameof(ListSubmissions));
        api.MapPost("/", CreateSubmission).WithName(nameof(CreateSubmission));
        api.MapGet("/{id:int}", GetSubmission).WithName(nameof(GetSubmission));
        api.MapPut("/{id:int}", UpdateSubmission).WithName(nameof(UpdateSubmission));
        api.MapDelete("/{id:int}", DeleteSubmission).WithName(nameof(DeleteSubmission));
        foreach (var (route, action) in Moves)
        {
            api.MapPost($"/{{id:int}}/{route}", (int id, MoveRequest? request, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
                    => Move(id, action, request, http, handler, ct))
                .WithName("Submission" + action);
        }
        // Programs upload with a bearer token; people upload through the page's form, which carries an anti-forgery token.
        api.MapPost("/{id:int}/photos", AddPhoto).WithName(nameof(AddPhoto)).DisableAntiforgery()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme })
            .WithMetadata(new RequestSizeLimitAttribute(60 * 1024 * 1024));
        api.MapPut("/{id:int}/photos/{photoId:int}", ReplacePhoto).WithName(nameof(ReplacePhoto)).DisableAntiforgery()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme })
            .WithMetadata(new RequestSizeLimitAttribute(60 * 1024 * 1024));
        api.MapPatch("/{id:int}/photos/{photoId:int}", UpdatePhoto).WithName(nameof(UpdatePhoto));
        api.MapDelete("/{id:int}/photos/{photoId:int}", RemovePhoto).WithName(nameof(RemovePhoto));
        api.MapPut("/{id:int}/photos/order", ReorderPhotos).WithName(nameof(ReorderPhotos));
        // A proposed draft from a Word/WPS/text document (issue 22, ADR-030): nothing is saved.
        api.MapPost("/from-document", ProposeFromDocument).WithName(nameof(ProposeFromDocument)).DisableAntiforgery()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme })
            .WithMetadata(new RequestSizeLimitAttribute(MaxDocumentRequestBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxDocumentRequestBytes });
        api.MapGet("/{id:int}/photos/{photoId:int}", GetPhoto).WithName(nameof(GetPhoto));
        api.MapGet("/{id:int}/diff", DiffRevisions).WithName(nameof(DiffRevisions));

        var calls = app.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization();
        calls.MapGet("/", ListCalls).WithName(nameof(ListCalls));
        calls.MapGet("/{id:int}", GetCall).WithName(nameof(GetCall));
        calls.MapPost("/", CreateCall).RequireAuthorization(Policies.Editor).WithName(nameof(CreateCall));
        calls.MapPost("/{id:int}/close", CloseCall).RequireAuthorization(Policies.Editor).WithName(nameof(CloseCall));

        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", ListNotifications).WithName(nameof(ListNotifications));
        notifications.MapPost("/read", MarkNotificationsRead).WithName(nameof(MarkNotificationsRead));
        return app;
    }

    internal static readonly (string Route, WorkflowAction Action)[] Moves =
    [
        ("submit", WorkflowAction.Submit),
        ("unit-approve", WorkflowAction.UnitApprove),
        ("unit-return", WorkflowAction.UnitReturn),
        ("adopt", WorkflowAction.Adopt),
        ("return", WorkflowAction.Return),
        ("decline", WorkflowAction.Decline),
        ("withdraw", WorkflowAction.Withdraw),
        ("restore", WorkflowAction.Restore),
    ];

    internal static async Task<Ok<SubmissionPageDto>> ListSubmissions(HttpContext http, SubmissionHandlers handler, CancellationToken ct,
        string? status = null, int? unitId = null, int? columnId = null, DateOnly? from = null, DateOnly? to = null, bool mine = false, int page = 1)
    {
        SubmissionStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            parsed = Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw ValidationException.For("status", $"未知状态“{status}”。可用：{string.Join("、", Enum.GetNames<SubmissionStatus>())}。");
        }
        return TypedResults.Ok(await handler.ListAsync(http.User.ToActor(), new SubmissionFilter(parsed, unitId, columnId, from, to, mine, page), ct));
    }

    internal static async Task<Created<SubmissionDto>> CreateSubmission(SaveSubmissionRequest request, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
    {
        var created = await handler.CreateAsync(http.User.ToActor(), request, ct);
        return TypedResults.Created($"/api/submissions/{created.Id}", created);
    }

    internal static async Task<Ok<SubmissionDto>> GetSubmission(int id, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetAsync(http.User.ToActor(), id, ct));

    internal static async Task<Ok<SubmissionDto>> UpdateSubmission(int id, SaveSubmissionRequest request, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UpdateAsync(http.User.ToActor(), id, request, ct));

    internal static async Task<NoContent> DeleteSubmission(int id, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
    {
        await handler.DeleteAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<SubmissionDto>> Move(int id, WorkflowAction action, MoveRequest? request, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.MoveAsync(http.User.ToActor(), id, action, request ?? new MoveRequest(), ct));

    /// <summary>
    /// Several photos at once: repeat the form field <c>file</c>, and <c>caption</c> in the same order (a missing caption is
    /// empty). One bad file and none is saved; the 400 names each bad file and the limit it broke.
    /// </summary>
    internal static async Task<Created<IReadOnlyList<PhotoDto>>> AddPhoto(int id, IFormFileCollection file, HttpContext http,
        SubmissionHandlers handler, CancellationToken ct)
    {
        var uploads = await PhotoUploads.ReadAsync(file, PhotoUploads.Captions(http.Request.Form), ct);
        var photos = await handler.AddPhotosAsync(http.User.ToActor(), id, uploads, ct);
        return TypedResults.Created($"/api/submissions/{id}/photos/{photos[0].Id}", photos);
    }

    /// <summary>A new file for a photo (form field <c>file</c>; <c>caption</c> optional): the photo keeps its place and, without a new one, its caption.</summary>
    internal static async Task<Ok<PhotoDto>> ReplacePhoto(int id, int photoId, IFormFileCollection file, HttpContext http,
        SubmissionHandlers handler, CancellationToken ct)
    {
        var uploads = await PhotoUploads.ReadAsync(file, PhotoUploads.Captions(http.Request.Form), ct);
        if (uploads.Count != 1)
        {
            throw ValidationException.For("file", "更换图片时请在表单字段 file 中上传一张图片。");
        }
        return TypedResults.Ok(await handler.ReplacePhotoAsync(http.User.ToActor(), id, photoId, uploads[0], ct));
    }

    internal static async Task<Ok<PhotoDto>> UpdatePhoto(int id, int photoId, PhotoChangeRequest request, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UpdatePhotoAsync(http.User.ToActor(), id, photoId, request, ct));

    internal static async Task<NoContent> RemovePhoto(int id, int photoId, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
    {
        await handler.RemovePhotoAsync(http.User.ToActor(), id, photoId, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<PhotoDto>>> ReorderPhotos(int id, PhotoOrderRequest request, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.ReorderPhotosAsync(http.User.ToActor(), id, request, ct));

    /// <summary>The document limit plus room for the form's own fields.</summary>
    internal const long MaxDocumentRequestBytes = UserFileLimits.MaxArticleDocumentBytes + (1024 * 1024);

    internal static async Task<Ok<DocumentDraftDto>> ProposeFromDocument(IFormFile? file, HttpContext http, DocumentDrafts drafts, CancellationToken ct)
        => TypedResults.Ok(await drafts.ProposeAsync(http.User.ToActor(), file?.FileName, await ReadDocumentAsync(file, ct), ct));

    /// <summary>The uploaded document's bytes, refused before reading when it is missing or over the limit.</summary>
    internal static async Task<byte[]> ReadDocumentAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw ValidationException.For("file", "请选择要导入的 Word、WPS 或文本文件（表单字段 file）。");
        }
        if (file.Length > UserFileLimits.MaxArticleDocumentBytes)
        {
            throw ValidationException.For("file", $"文档不能超过 {UserFileLimits.Megabytes(UserFileLimits.MaxArticleDocumentBytes)}（这份是 {UserFileLimits.Megabytes(file.Length)}）。");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    internal static async Task<FileStreamHttpResult> GetPhoto(int id, int photoId, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
    {
        var (content, contentType) = await handler.OpenPhotoAsync(http.User.ToActor(), id, photoId, ct);
        return TypedResults.File(content, contentType);
    }

    internal static async Task<Ok<RevisionDiffDto>> DiffRevisions(int id, int from, int to, HttpContext http, SubmissionHandlers handler, CancellationToken ct)
    {
        var (older, newer) = await handler.GetRevisionsAsync(http.User.ToActor(), id, from, to, ct);
        return TypedResults.Ok(RevisionDiff.Compare(older, newer));
    }

    internal static async Task<Ok<IReadOnlyList<CallDto>>> ListCalls(HttpContext http, CallHandlers handler, CancellationToken ct, bool openOnly = false)
        => TypedResults.Ok(await handler.ListAsync(http.User.ToActor(), openOnly, ct));

    internal static async Task<Ok<CallDto>> GetCall(int id, HttpContext http, CallHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetAsync(http.User.ToActor(), id, ct));

    internal static async Task<Created<CallDto>> CreateCall(SaveCallRequest request, HttpContext http, CallHandlers handler, CancellationToken ct)
    {
        var call = await handler.CreateAsync(http.User.ToActor(), request, ct);
        return TypedResults.Created($"/api/calls/{call.Id}", call);
    }

    internal static async Task<NoContent> CloseCall(int id, HttpContext http, CallHandlers handler, CancellationToken ct)
    {
        await handler.CloseAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<NotificationDto>>> ListNotifications(HttpContext http, Notifier notifier, CancellationToken ct, bool unreadOnly = false)
        => TypedResults.Ok(await notifier.ListAsync(http.User.ToActor(), unreadOnly, ct));

    internal static async Task<NoContent> MarkNotificationsRead(HttpContext http, Notifier notifier, CancellationToken ct)
    {
        await notifier.MarkAllReadAsync(http.User.ToActor(), ct);
        return TypedResults.NoContent();
    }
}
