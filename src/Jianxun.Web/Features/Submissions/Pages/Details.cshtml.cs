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
    [BindProperty] public IFormFile? Photo { get; set; }
    [BindProperty] public string? Caption { get; set; }

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

    public async Task<IActionResult> OnPostPhotoAsync(CancellationToken ct)
    {
        if (Photo is null || Photo.Length == 0)
        {
            throw ValidationException.For("file", "请选择图片文件。");
        }
        // Refused before the upload is read into memory.
        SubmissionHandlers.RefuseOversizedPhoto(Photo.Length);
        using var buffer = new MemoryStream();
        await Photo.CopyToAsync(buffer, ct);
        await handler.AddPhotoAsync(User.ToActor(), Id, buffer.ToArray(), Photo.FileName, Caption, ct);
        TempData["Message"] = "已上传图片。";
        return Redirect($"/submissions/{Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Article = await handler.GetAsync(User.ToActor(), Id, ct);
        Columns = [.. (await series.ListAsync(includeInactive: false, ct)).SelectMany(s => s.Columns.Select(c => new ColumnChoice(c.Id, c.Name, s.Name)))];
    }
}
