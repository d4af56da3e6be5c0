using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Submissions.Pages;

public sealed class WriteModel(SubmissionHandlers handler, UnitHandlers units, SeriesHandlers series, CallHandlers calls) : PageModel, IRedisplayOnRefusal
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
            : await handler.CreateAsync(actor, request, ct, await PhotoUploads.ReadAsync(Photos, null, ct));
        TempData["Message"] = $"已保存稿件《{saved.Title}》（第 {saved.Revisions.Count} 版）。";
        return Redirect($"/submissions/{saved.Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    /// <summary>A conflict (someone saved a newer version) shows above the form with the link to the latest.</summary>
    void IRedisplayOnRefusal.ShowConflict(ModelStateDictionary modelState, ConflictException conflict) => Conflict = conflict.Message;

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(includeInactive: false, ct);
        Columns = [.. (await series.ListAsync(includeInactive: false, ct)).SelectMany(s => s.Columns)];
        Calls = await calls.ListAsync(User.ToActor(), openOnly: true, ct);
    }
}
