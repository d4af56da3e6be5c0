using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Submissions.Pages;

/// <summary>What the 从 Word 文档导入 box needs: where to send the document, and whether legacy formats can be converted.</summary>
public sealed record FromDocumentBox(string Url, bool ConverterAvailable);

// A new article may carry the photos of the document it came from (ADR-030): at most 20 at the stored size, plus the text.
[RequestSizeLimit(SubmissionsApi.MaxDocumentRequestBytes * 2)]
[RequestFormLimits(MultipartBodyLengthLimit = SubmissionsApi.MaxDocumentRequestBytes * 2)]
public sealed class WriteModel(SubmissionHandlers handler, UnitHandlers units, SeriesHandlers series, CallHandlers calls, DocumentDrafts drafts) : PageModel, IRedisplayOnRefusal
{
    public sealed class ArticleForm
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public DateOnly? EventDate { get; set; }
        public string? Authors { get; set; }
        public string? ContactPhone { get; set; }
        public List<int> UnitIds { get; set; } = [];
        public int? ColumnHint { get; set; }
        public int? CallId { get; set; }
        public int? Version { get; set; }

        /// <summary>Photos proposed from a document, saved with a new article; captions in the same order.</summary>
        public List<IFormFile> Photos { get; set; } = [];

        public List<string?> PhotoCaptions { get; set; } = [];
    }

    private static readonly char[] AuthorSeparators = [' ', '　', '、', ',', '，', ';', '；'];

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public ArticleForm Form { get; set; } = new();

    /// <summary>Photos chosen while writing a new article, saved with it (ADR-031).</summary>
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public IReadOnlyList<UnitDto> Units { get; private set; } = [];
    public IReadOnlyList<ColumnDto> Columns { get; private set; } = [];
    public IReadOnlyList<CallDto> Calls { get; private set; } = [];
    public string? Conflict { get; private set; }

    public FromDocumentBox FromDocument => new("/submissions/write?handler=FromDocument", drafts.ConverterAvailable);

    /// <summary>Reads an uploaded document into a proposed draft for the page's script (JSON); saves nothing.</summary>
    public async Task<IActionResult> OnPostFromDocumentAsync(IFormFile? document, CancellationToken ct)
    {
        try
        {
            var bytes = await SubmissionsApi.ReadDocumentAsync(document, ct);
            return new JsonResult(await drafts.ProposeAsync(User.ToActor(), document?.FileName, bytes, ct));
        }
        catch (ValidationException e)
        {
            return new JsonResult(new { errors = e.Errors.SelectMany(x => x.Value) }) { StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    public async Task<IActionResult> OnGetAsync(int? call, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (Id is int id)
        {
            var s = await handler.GetAsync(actor, id, ct);
            if (!s.CanEdit)
            {
                return Redirect($"/submissions/{id}");
            }
            Form = new ArticleForm
            {
                Title = s.Title,
                Body = string.Join('\n', s.Paragraphs),
                EventDate = s.EventDate,
                Authors = string.Join(' ', s.Authors),
                ContactPhone = s.ContactPhone,
                UnitIds = [.. s.Units.Select(u => u.Id)],
                ColumnHint = s.ColumnHint?.Id,
                CallId = s.CallId,
                Version = s.Version,
            };
        }
        else
        {
            actor.RequireRole(Core.Accounts.Roles.Contributor);
            Form.UnitIds = actor.UnitId is int own ? [own] : [];
            Form.CallId = call;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var request = new SaveSubmissionRequest(
            Form.Title,
            (Form.Body ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Form.EventDate,
            Form.UnitIds,
            (Form.Authors ?? "").Split(AuthorSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Form.ColumnHint,
            Form.ContactPhone,
            Form.CallId,
            Form.Version);
        var saved = Id is int id
            ? await handler.UpdateAsync(actor, id, request, ct)
            : await handler.CreateAsync(actor, request, ct, await NewPhotosAsync(ct));
        TempData["Message"] = $"已保存稿件《{saved.Title}》（第 {saved.Revisions.Count} 版）。";
        return Redirect($"/submissions/{saved.Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    /// <summary>A conflict (someone saved a newer version) shows above the form with the link to the latest.</summary>
    void IRedisplayOnRefusal.ShowConflict(ModelStateDictionary modelState, ConflictException conflict) => Conflict = conflict.Message;

    /// <summary>
    /// The photos a new article is saved with: those taken from its document (ADR-030, with their captions), then those
    /// chosen on the form (ADR-031).
    /// </summary>
    private Task<IReadOnlyList<PhotoUpload>> NewPhotosAsync(CancellationToken ct)
    {
        var captions = Enumerable.Range(0, Form.Photos.Count).Select(i => i < Form.PhotoCaptions.Count ? Form.PhotoCaptions[i] : null);
        return PhotoUploads.ReadAsync([.. Form.Photos, .. Photos ?? []], [.. captions], ct);
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(includeInactive: false, ct);
        Columns = [.. (await series.ListAsync(includeInactive: false, ct)).SelectMany(s => s.Columns)];
        Calls = await calls.ListAsync(User.ToActor(), openOnly: true, ct);
    }
}
