using Jianxun.Core.Common;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Scores.Pages;

/// <summary>
/// Where the article page's 上级采用与领导批示 forms post. A recorded or deleted event returns to the article; a form
/// with a problem comes back here, with the message and everything typed.
/// </summary>
public sealed class EventsModel(ScoreHandlers handler, SubmissionHandlers submissions) : PageModel, IRedisplayOnRefusal
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public HigherAdoptionForm Higher { get; set; } = new();
    [BindProperty] public InstructionForm Instruction { get; set; } = new();
    [BindProperty] public IFormFile? Scan { get; set; }

    public SubmissionDto Article { get; private set; } = null!;
    public ScoreEventsView Events { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostHigherAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        var recorded = await handler.RecordHigherAdoptionAsync(actor, Id,
            new RecordHigherAdoptionRequest(ScoresApi.Date(Higher.Date), Higher.Kind, Higher.Body, Higher.Publication, Higher.Note), ct);
        return $"已记录上级采用：{recorded.Body}{recorded.Publication}（{recorded.KindName}）。";
    });

    public Task<IActionResult> OnPostInstructionAsync(CancellationToken ct) => ActAsync(async actor =>
    {
        var recorded = await handler.RecordInstructionAsync(actor, Id,
            new RecordInstructionRequest(ScoresApi.Date(Instruction.Date), Instruction.Level, Instruction.LeaderName, Instruction.Text),
            await ScoresApi.ReadScanAsync(Scan, ct), ct);
        return $"已记录领导批示：{recorded.LeaderName ?? "领导"}（{recorded.LevelName}）{(recorded.HasScan ? "，附扫描件" : "")}。";
    });

    public Task<IActionResult> OnPostDeleteHigherAsync(int hid, CancellationToken ct) => ActAsync(async actor =>
    {
        await handler.DeleteHigherAdoptionAsync(actor, Id, hid, ct);
        return "已删除这条上级采用记录。";
    });

    public Task<IActionResult> OnPostDeleteInstructionAsync(int iid, CancellationToken ct) => ActAsync(async actor =>
    {
        await handler.DeleteInstructionAsync(actor, Id, iid, ct);
        return "已删除这条领导批示记录。";
    });

    private async Task<IActionResult> ActAsync(Func<Actor, Task<string>> act)
    {
        TempData["Message"] = await act(User.ToActor());
        return Redirect($"/submissions/{Id}#score-events");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Article = await submissions.GetAsync(actor, Id, ct);
        Events = new ScoreEventsView
        {
            SubmissionId = Id,
            Events = await handler.EventsAsync(actor, Id, ct),
            CanRecord = ScoreEventsView.MayRecord(User, Article.Status),
            Today = handler.Today,
            Higher = Higher,
            Instruction = Instruction,
            Standalone = true,
        };
    }
}
