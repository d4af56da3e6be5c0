using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Archive.Pages;

/// <summary>Upload one or many old bulletins; each becomes a pending import with its own preview page.</summary>
[Authorize(Roles = "Editor,Admin")]
[RequestSizeLimit(ArchiveApi.MaxUploadBytes * 4)]
[RequestFormLimits(MultipartBodyLengthLimit = ArchiveApi.MaxUploadBytes * 4)]
public sealed class ImportModel(ImportHandlers handler, SeriesHandlers series) : PageModel
{
    public sealed record FileResult(string FileName, ImportPreviewDto? Preview, string? Error);

    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public int? SeriesId { get; set; }

    public IReadOnlyList<SeriesDto> Series { get; private set; } = [];
    public IReadOnlyList<FileResult> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Series = await series.ListAsync(includeInactive: false, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        if (Files.Count == 0)
        {
            ModelState.AddModelError("file", "请选择要导入的文件。");
        }
        var results = new List<FileResult>();
        foreach (var file in Files)
        {
            try
            {
                var content = await ArchiveApi.ReadUploadAsync(file, ct);
                results.Add(new FileResult(file.FileName, await handler.PreviewAndKeepAsync(actor, file.FileName, content, SeriesId, ct), null));
            }
            catch (ValidationException e)
            {
                results.Add(new FileResult(file.FileName, null, string.Join("；", e.Errors.SelectMany(x => x.Value))));
            }
            catch (ServiceUnavailableException e)
            {
                // A missing PDF reader (ADR-019) fails this PDF with the reason; the batch's Word and text files go on.
                results.Add(new FileResult(file.FileName, null, e.Message));
            }
        }
        if (results is [{ Preview.PendingToken: { } token }])
        {
            return Redirect($"/archive/import/{token}");
        }
        Results = results;
        Series = await series.ListAsync(includeInactive: false, ct);
        return Page();
    }
}
