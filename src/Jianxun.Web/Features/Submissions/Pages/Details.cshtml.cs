using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Submissions.Pages;

public sealed record ColumnChoice(int Id, string Name, string Series);

public sealed class DetailsModel(SubmissionHandlers handler, SeriesHandlers series) : PageModel, IRedisplayOnRefusal
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public int? ColumnId { get; set; }
    [BindProperty] public WorkflowAction? Action { get; set; }
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];
    [BindProperty] public string? Caption { get; set; }
    [BindProperty] public int PhotoId { get; set; }
    [BindProperty] public int? Position { get; set; }
    [BindProperty] public IFormFile? Replacement { get; set; }

    public SubmissionDto Article { get; private set; } = null!;
    public IReadOnlyList<ColumnChoice> Columns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct)
    {
        if (Action is not { } action)
        {
            throw ValidationException.For("action", "请选择要执行的操作。");
        }
        if (action == WorkflowAction.Delete)
        {
            await handler.DeleteAsync(User.ToActor(), Id, ct);
            TempData["Message"] = $"已删除第 {Id} 号稿件。";
            return Redirect("/submissions");
        }
        var moved = await handler.MoveAsync(User.ToActor(), Id, action, new MoveRequest(Comment, ColumnId), ct);
        TempData["Message"] = $"已{Workflow.DisplayName(action)}：《{moved.Title}》，当前状态“{moved.StatusName}”。";
        return Redirect($"/submissions/{Id}");
    }

    /// <summary>Adds the chosen photos (several at once); the caption goes to the first.</summary>
    public Task<IActionResult> OnPostPhotoAsync(CancellationToken ct) => PhotoChangeAsync(async () =>
    {
        var uploads = await PhotoUploads.ReadAsync(Photos, [Caption], ct);
        var added = await handler.AddPhotosAsync(User.ToActor(), Id, uploads, ct);
        return added.Count == 1 ? "已上传图片。" : $"已上传 {added.Count} 张图片。";
    }, ct);

    public Task<IActionResult> OnPostPhotoCaptionAsync(CancellationToken ct) => PhotoChangeAsync(async () =>
    {
        await handler.UpdatePhotoAsync(User.ToActor(), Id, PhotoId, new PhotoChangeRequest(Caption ?? ""), ct);
        return "已修改图片说明。";
    }, ct);

    public Task<IActionResult> OnPostPhotoMoveAsync(CancellationToken ct) => PhotoChangeAsync(async () =>
    {
        await handler.UpdatePhotoAsync(User.ToActor(), Id, PhotoId, new PhotoChangeRequest(Position: Position), ct);
        return "已调整图片顺序。";
    }, ct);

    public Task<IActionResult> OnPostPhotoReplaceAsync(CancellationToken ct) => PhotoChangeAsync(async () =>
    {
        var uploads = await PhotoUploads.ReadAsync(Replacement is null ? [] : [Replacement], null, ct);
        if (uploads.Count == 0)
        {
            throw ValidationException.For("file", "请选择用来更换的图片。");
        }
        await handler.ReplacePhotoAsync(User.ToActor(), Id, PhotoId, uploads[0], ct);
        return "已更换图片。";
    }, ct);

    public Task<IActionResult> OnPostPhotoRemoveAsync(CancellationToken ct) => PhotoChangeAsync(async () =>
    {
        await handler.RemovePhotoAsync(User.ToActor(), Id, PhotoId, ct);
        return "已删除图片。";
    }, ct);

    /// <summary>One photo change: done, its message shown on the article; refused, the page again with the reason.</summary>
    private async Task<IActionResult> PhotoChangeAsync(Func<Task<string>> change, CancellationToken ct)
    {
        TempData["Message"] = await change();
        return Redirect($"/submissions/{Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Article = await handler.GetAsync(User.ToActor(), Id, ct);
        Columns = [.. (await series.ListAsync(includeInactive: false, ct)).SelectMany(s => s.Columns.Select(c => new ColumnChoice(c.Id, c.Name, s.Name)))];
    }
}
