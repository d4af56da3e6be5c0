using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Issues.Pages;

public sealed class DetailsModel(IssueHandlers handler, UnitHandlers units) : PageModel, IRedisplayOnRefusal
{
    public sealed class RowForm
    {
        public string Key { get; set; } = "";
        public int SectionId { get; set; }
        public string? Credit { get; set; }

        /// <summary>综合采用: the item merges several units' articles into one piece.</summary>
        public bool IsCombined { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    /// <summary>The placed items in page order (the form's Rows.Index values keep the order; dragging reorders the page).</summary>
    [BindProperty] public List<RowForm> Rows { get; set; } = [];
    [BindProperty] public Dictionary<int, int?> Add { get; set; } = [];
    [BindProperty] public Dictionary<string, int> MoveTo { get; set; } = [];
    [BindProperty] public string? Op { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? EditorsNote { get; set; }
    [BindProperty] public string? Bao { get; set; }
    [BindProperty] public string? Song { get; set; }
    [BindProperty] public string? Fa { get; set; }
    [BindProperty] public int? Copies { get; set; }
    /// <summary>The reading scope: units whose readers may read the published issue; none ticked: every unit.</summary>
    [BindProperty] public List<int> ReaderUnitIds { get; set; } = [];
    [BindProperty] public IssueAction? Action { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? Erratum { get; set; }
    [BindProperty] public int? CorrectItemId { get; set; }
    [BindProperty] public string? CorrectBody { get; set; }

    public IssueDto Issue { get; private set; } = null!;
    public IReadOnlyList<AvailableArticleDto> Available { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Titles { get; private set; } = new Dictionary<int, string>();
    public bool CanOpenArticles { get; private set; }
    public IReadOnlyList<UnitDto> Units { get; private set; } = [];

    /// <summary>How the issue falls on the printed pages, before it is published (ADR-026); null once published.</summary>
    public IssueLayoutDto? Layout { get; private set; }

    /// <summary>The reading scope in words: 全部单位, or the units' short names.</summary>
    public string ReadersText => Issue.ReaderUnitIds.Count == 0 ? "全部单位"
        : string.Join("、", Issue.ReaderUnitIds.Select(id => Units.FirstOrDefault(u => u.Id == id)?.ShortName ?? $"单位{id}"));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Saves the compile form; the buttons (↑ ↓ move, remove, add) change the order first. Works without script.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await SaveCompileFormAsync(Op ?? "save", ct);
        TempData["Message"] = "已保存，预览已更新。";
        return Redirect($"/issues/{Id}");
    }

    /// <summary>
    /// A move of the issue. From the compile page the move's button sends the compile form with it: what the editor typed
    /// (印数, 编者按, order…) is saved first, and the move is made only when that save succeeded, so nothing typed is lost.
    /// </summary>
    public async Task<IActionResult> OnPostActAsync(CancellationToken ct)
    {
        if (Action is not { } action)
        {
            throw ValidationException.For("action", "请选择要执行的操作。");
        }
        var compiled = Request.HasFormContentType && Request.Form.ContainsKey(nameof(Version));
        if (compiled)
        {
            await SaveCompileFormAsync("save", ct);
        }
        var issue = await handler.ActAsync(User.ToActor(), Id, action, new IssueActionRequest(Comment), ct);
        TempData["Message"] = $"{issue.Label}：{(compiled ? "已保存修改并" : "已")}{IssueWorkflow.DisplayName(action)}，当前状态“{issue.StatusName}”。";
        return Redirect($"/issues/{Id}");
    }

    /// <summary>Saves the posted compile form after applying <paramref name="op"/>; a refusal is thrown (the page shows it, ADR-027).</summary>
    private async Task SaveCompileFormAsync(string op, CancellationToken ct)
    {
        var current = await handler.GetAsync(User.ToActor(), Id, ct);
        var rows = Rows.Where(r => r.Key.Length > 1).ToList();
        var (verb, arg) = op.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (op[..colon], op[(colon + 1)..]) : (op, "");
        var index = rows.FindIndex(r => r.Key == arg);
        switch (verb)
        {
            case "up" when index > 0 && rows[index - 1].SectionId == rows[index].SectionId:
                (rows[index - 1], rows[index]) = (rows[index], rows[index - 1]);
                break;
            case "down" when index >= 0 && index < rows.Count - 1 && rows[index + 1].SectionId == rows[index].SectionId:
                (rows[index + 1], rows[index]) = (rows[index], rows[index + 1]);
                break;
            case "move" when index >= 0 && MoveTo.TryGetValue(arg, out var target):
                var moved = rows[index];
                rows.RemoveAt(index);
                moved.SectionId = target;
                rows.Add(moved);
                break;
            case "remove" when index >= 0:
                rows.RemoveAt(index);
                break;
            case "add" when int.TryParse(arg, out var sectionId) && Add.GetValueOrDefault(sectionId) is int submissionId:
                rows.Add(new RowForm { Key = "s" + submissionId.ToString(System.Globalization.CultureInfo.InvariantCulture), SectionId = sectionId });
                break;
        }
        var sections = current.Sections.Select(s => new PlaceSectionRequest(s.Id,
            [.. rows.Where(r => r.SectionId == s.Id).Select(r => r.Key.StartsWith('i')
                ? new PlaceItemRequest(ItemId: int.Parse(r.Key[1..], System.Globalization.CultureInfo.InvariantCulture), CreditLine: r.Credit ?? "", IsCombined: r.IsCombined)
                : new PlaceItemRequest(SubmissionId: int.Parse(r.Key[1..], System.Globalization.CultureInfo.InvariantCulture), IsCombined: r.IsCombined))])).ToList();
        await handler.UpdateAsync(User.ToActor(), Id, new UpdateIssueRequest(Version, Date, EditorsNote ?? "", Bao ?? "", Song ?? "", Fa ?? "", Copies ?? 0, sections, ReaderUnitIds), ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        var items = CorrectItemId is int itemId && !string.IsNullOrWhiteSpace(CorrectBody)
            ? new[] { new CorrectItemRequest(itemId, Paragraphs: CorrectBody.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) }
            : [];
        var issue = await handler.CorrectAsync(User.ToActor(), Id, new CorrectionRequest(Erratum, items), ct);
        TempData["Message"] = $"已发布更正版（第 {issue.Revision} 版），旧版仍可下载。";
        return Redirect($"/issues/{Id}");
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Issue = await handler.GetAsync(actor, Id, ct);
        CanOpenArticles = actor.IsInRole(Roles.Editor) || actor.IsInRole(Roles.Signer) || actor.IsAdmin;
        Units = CanOpenArticles ? await units.ListAsync(includeInactive: true, ct) : [];
        if (Issue.CanEdit)
        {
            Available = await handler.AvailableArticlesAsync(actor, ct);
        }
        if (Issue.Status != nameof(IssueStatus.Published))
        {
            Layout = await handler.LayoutAsync(actor, Id, ct);
        }
    }
}
