using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Archive.Pages;

/// <summary>
/// The structure read from one pending upload beside its source lines. Each correction posts back and is kept
/// with the pending upload (server-side), so nothing is lost between steps; committing writes the issue.
/// </summary>
[Authorize(Roles = "Editor,Admin")]
public sealed class PreviewModel(ImportHandlers handler, PendingImports pending, SeriesHandlers series) : PageModel, IRedisplayOnRefusal
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";

    /// <summary>The selected article, "section.article" (0-based), whose source lines are highlighted.</summary>
    [BindProperty(SupportsGet = true)] public string? Sel { get; set; }

    [BindProperty] public int S { get; set; }
    [BindProperty] public int A { get; set; }
    [BindProperty] public int P { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Units { get; set; }
    [BindProperty] public string? Authors { get; set; }
    [BindProperty] public string? Persons { get; set; }
    [BindProperty] public int? SeriesId { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? Number { get; set; }
    [BindProperty] public int? TotalNumber { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }

    public ImportPreviewDto Draft { get; private set; } = null!;
    public IReadOnlyList<SeriesDto> Series { get; private set; } = [];
    public (int Start, int End)? Highlight { get; private set; }

    /// <summary>Source lines a warning points at, marked in the source beside the structure.</summary>
    public IReadOnlySet<int> WarnedLines { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostArticleAsync(CancellationToken ct) => ChangeAsync(d => ImportCorrections.Update(d, S, A, a => a with
    {
        Title = Title?.Trim(),
        CreditUnits = ImportCorrections.SplitList(Units),
        CreditAuthors = ImportCorrections.SplitList(Authors),
        Persons = ImportCorrections.ParsePersons(Persons),
    }), "已保存修改。", ct);

    public Task<IActionResult> OnPostMergeAsync(CancellationToken ct)
        => ChangeAsync(d => ImportCorrections.MergeIntoPrevious(d, S, A), "已并入上一篇。", ct, selectPrevious: true);

    public Task<IActionResult> OnPostSplitAsync(CancellationToken ct)
        => ChangeAsync(d => ImportCorrections.Split(d, S, A, P), "已拆分为两篇，请检查新文章的标题。", ct);

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var draft = await pending.LoadDraftAsync(actor, Token, ct) ?? throw new NotFoundException("找不到待导入的文件，请重新上传。");
        // Keep what was typed even when the commit is refused.
        draft = draft with { SeriesId = SeriesId, Year = Year, Number = Number, TotalNumber = TotalNumber, Date = Date };
        await pending.SaveDraftAsync(actor, Token, draft, ct);
        var result = await handler.CommitAsync(actor, new ImportCommitRequest(Token, SeriesId, Year, Number, TotalNumber, Date, draft.Sections), ct);
        TempData["Message"] = result.AlreadyImported
            ? $"这个文件已经导入过（{result.Series} {result.Label}），未作改动。"
            : $"已导入 {result.Series} {result.Label}，共 {result.Articles} 篇。";
        return Redirect($"/archive/{result.IssueId}");
    }

    public IActionResult OnPostDiscard()
    {
        pending.Delete(Token);
        TempData["Message"] = "已放弃这次导入。";
        return Redirect("/archive/import");
    }

    private async Task<IActionResult> ChangeAsync(Func<ImportPreviewDto, ImportPreviewDto> change, string message, CancellationToken ct, bool selectPrevious = false)
    {
        var actor = User.ToActor();
        var draft = await pending.LoadDraftAsync(actor, Token, ct) ?? throw new NotFoundException("找不到待导入的文件，请重新上传。");
        // The structure warnings follow each correction: a title typed in removes its warning, a split article gets its own.
        await pending.SaveDraftAsync(actor, Token, ImportWarnings.Refresh(change(draft)), ct);
        TempData["Message"] = message;
        return Redirect($"/archive/import/{Token}?sel={S}.{(selectPrevious ? A - 1 : A)}#article-{S}-{(selectPrevious ? A - 1 : A)}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Draft = await pending.LoadDraftAsync(User.ToActor(), Token, ct) ?? throw new NotFoundException("找不到待导入的文件，请重新上传。");
        Series = await series.ListAsync(includeInactive: false, ct);
        WarnedLines = Draft.Warnings.Select(w => w.SourceLine).OfType<int>().ToHashSet();
        if (Sel?.Split('.') is [var s, var a] && int.TryParse(s, out var si) && int.TryParse(a, out var ai)
            && si >= 0 && si < Draft.Sections.Count && ai >= 0 && ai < Draft.Sections[si].Articles.Count
            && Draft.Sections[si].Articles[ai] is { SourceLineStart: int start } article)
        {
            Highlight = (start, article.SourceLineEnd ?? start);
        }
    }
}
