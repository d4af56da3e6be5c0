using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Core.Scoring;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Scores.Pages;

/// <summary>
/// The assessment rules (考核细则): every version with its start, and a form that saves a new rule set or a new version
/// of one (administrators; editors and signers read). Saving never changes a version: months already scored keep theirs.
/// </summary>
public sealed class RulesModel(ScoreHandlers handler, UnitHandlers units, SeriesHandlers series) : PageModel, IRedisplayOnRefusal
{
    /// <summary>The version shown in the form; an administrator saving it makes a new version that supersedes it.</summary>
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    /// <summary>A new rule set starting from empty lists instead of a copy of the rules in force.</summary>
    [BindProperty(SupportsGet = true)] public bool Blank { get; set; }

    [BindProperty] public RuleSetForm Form { get; set; } = new();

    public IReadOnlyList<RuleSetDto> Sets { get; private set; } = [];
    public RuleSetDto? Selected { get; private set; }
    public IReadOnlyList<string> PeerGroups { get; private set; } = [];
    public IReadOnlyList<string> Columns { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>Superseded versions are kept as they were; only the latest version of a rule set can be revised.</summary>
    public bool CanSave => IsAdmin && Selected?.SupersededById is null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Selected is null && !IsAdmin)
        {
            // Editors and signers read the rules in force (or the latest) when no version is chosen.
            Selected = Sets.FirstOrDefault(s => s.InForce) ?? (Sets.Count > 0 ? Sets[0] : null);
        }
        if (Selected is { } set)
        {
            Form = RuleSetForm.From(set.Name, set.EffectiveFrom, set.Note, set.Rules);
        }
        else
        {
            // A new rule set starts as a copy of the rules in force (the usual case: next year's rules), from next month.
            var current = Blank ? null : Sets.FirstOrDefault(s => s.InForce);
            var today = handler.Today;
            var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            Form = RuleSetForm.From(null, next, null, current?.Rules ?? new ScoreRules());
        }
        if (CanSave)
        {
            Form.WithBlankRows();
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        var effective = Form.EffectiveFrom(problems);
        var rules = Form.ToRules(problems);
        if (problems.Count > 0)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["rules"] = [.. problems] });
        }
        var saved = await handler.SaveRuleSetAsync(User.ToActor(), Id, new SaveRuleSetRequest(Form.Name, effective, Form.Note, rules), ct);
        TempData["Message"] = Id is null
            ? $"已保存考核规则“{saved.Name}”，自 {saved.EffectiveFrom:yyyy年M月} 起施行。"
            : $"已保存考核规则“{saved.Name}”的新版本，自 {saved.EffectiveFrom:yyyy年M月} 起施行；已结束的月份仍按原规则计分。";
        return Redirect($"/scores/rules?id={saved.Id}");
    }

    /// <summary>More empty rows, keeping everything typed so far (works without script).</summary>
    public async Task<IActionResult> OnPostMoreRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Form.WithBlankRows();
        return Page();
    }

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Sets = await handler.ListRuleSetsAsync(User.ToActor(), includeSuperseded: true, ct);
        Selected = Id is int id ? Sets.FirstOrDefault(s => s.Id == id) ?? throw new NotFoundException("找不到该考核规则。") : null;
        PeerGroups = [.. (await units.ListAsync(includeInactive: false, ct)).Select(u => u.PeerGroup).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Columns = [.. (await series.ListAsync(includeInactive: false, ct)).SelectMany(s => s.Columns.Select(c => c.Name)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>How a version stands: in force, waiting for its start, replaced by a later version, or followed by a later rule set.</summary>
    public string StatusOf(RuleSetDto set)
    {
        if (set.SupersededById is int by)
        {
            return $"已修改为第 {by} 版";
        }
        if (set.InForce)
        {
            return "现行";
        }
        return set.EffectiveFrom > handler.Today ? "尚未生效" : "已被后来的规则取代";
    }
}
