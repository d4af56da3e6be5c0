using Jianxun.Core.Accounts;
using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Text;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Features.Archive;

internal static class ArchiveApi
{
    /// <summary>Uploads up to the engine's limit, plus room for the multipart envelope.</summary>
    public const long MaxUploadBytes = UserFileLimits.MaxImportBytes + (1024 * 1024);

    private static readonly string EditorsAndAdmins = $"{Roles.Editor},{Roles.Admin}";

    public static IEndpointRouteBuilder MapArchive(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports").WithTags("Archive")
            .RequireAuthorization(new AuthorizeAttribute { Roles = EditorsAndAdmins });
        // Programs upload with a bearer token; people upload through the import page's form, which carries an anti-forgery token.
        imports.MapPost("/preview", PreviewImport).WithName(nameof(PreviewImport)).DisableAntiforgery()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme, Roles = EditorsAndAdmins })
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes });
        imports.MapPost("/", CommitImport).WithName(nameof(CommitImport));

        var archive = app.MapGroup("/api/archive").WithTags("Archive").RequireAuthorization();
        archive.MapGet("/", ListArchive).WithName(nameof(ListArchive));
        archive.MapGet("/{id:int}", GetArchiveIssue).WithName(nameof(GetArchiveIssue));
        archive.MapGet("/{id:int}/source", DownloadSource).WithName(nameof(DownloadSource));
        app.MapGet("/api/people/{name}", GetPerson).WithTags("Archive").RequireAuthorization().WithName(nameof(GetPerson));

        // The page link for the source file (cookie), outside /api so that it answers with the Chinese error pages.
        app.MapGet("/archive/{id:int}/source", DownloadSource).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    internal static async Task<Ok<ImportPreviewDto>> PreviewImport(IFormFile? file, [FromForm] int? seriesId, HttpContext http, ImportHandlers handler, CancellationToken ct)
    {
        var content = await ReadUploadAsync(file, ct);
        return TypedResults.Ok(await handler.PreviewAndKeepAsync(http.User.ToActor(), file!.FileName, content, seriesId, ct));
    }

    internal static async Task<Results<Created<ImportResultDto>, Ok<ImportResultDto>>> CommitImport(ImportCommitRequest request, HttpContext http,
        ImportHandlers handler, CancellationToken ct)
    {
        var result = await handler.CommitAsync(http.User.ToActor(), request, ct);
        return result.AlreadyImported ? TypedResults.Ok(result) : TypedResults.Created($"/api/archive/{result.IssueId}", result);
    }

    internal static async Task<Ok<IReadOnlyList<ArchiveListItemDto>>> ListArchive(HttpContext http, ArchiveQueries queries, CancellationToken ct,
        int? seriesId = null, int? year = null, string? source = null)
        => TypedResults.Ok(await queries.ListAsync(http.User.ToActor(), new ArchiveFilter(seriesId, year, source), ct));

    internal static async Task<Ok<ArchiveIssueDto>> GetArchiveIssue(int id, HttpContext http, ArchiveQueries queries, CancellationToken ct)
        => TypedResults.Ok(await queries.GetAsync(http.User.ToActor(), id, ct));

    internal static async Task<FileStreamHttpResult> DownloadSource(int id, HttpContext http, ArchiveQueries queries, CancellationToken ct)
    {
        var (content, fileName) = await queries.OpenSourceAsync(http.User.ToActor(), id, ct);
        return TypedResults.File(content, ContentType(fileName), fileName);
    }

    internal static async Task<Ok<PersonDto>> GetPerson(string name, HttpContext http, ArchiveQueries queries, CancellationToken ct)
        => TypedResults.Ok(await queries.PersonAsync(http.User.ToActor(), name, ct));

    /// <summary>Reads an uploaded file, refusing an oversized one before reading it.</summary>
    internal static async Task<byte[]> ReadUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw ValidationException.For("file", file is null ? "请在表单字段 file 中上传简讯文件。" : "文件为空。");
        }
        var max = new BulletinParseOptions().MaxFileBytes;
        if (file.Length > max)
        {
            throw ValidationException.For("file", $"文件超过了 {max / 1048576} MB 的上限。");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static string ContentType(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".TXT" => "text/plain",
        _ => "application/octet-stream",
    };
}
