using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Issues;

/// <summary>
/// Who may read a published issue (ADR-007). An issue's <see cref="Issue.ReaderUnitIds"/> empty: everyone signed in.
/// Otherwise a user reads it when the user's unit, or a unit above it, is in the list or is credited with one of its
/// articles; the office (editors, signers, administrators) reads everything. Whoever may not read an issue is told it
/// does not exist (404), and lists and search leave it out.
/// </summary>
public sealed class ReadingScope(AppDbContext db)
{
    /// <summary>The office: sees every issue, drafts included.</summary>
    public static bool SeesEverything(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.Editor) || actor.IsInRole(Roles.Signer) || actor.IsAdmin;
    }

    /// <summary>The actor's unit and every unit above it (a reading scope that names a unit covers its sub-units).</summary>
    public async Task<List<int>> UnitChainAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.UnitId is int unitId ? Chain(unitId, await ParentsAsync(ct)) : [];
    }

    private async Task<Dictionary<int, int?>> ParentsAsync(CancellationToken ct)
        => await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);

    private static List<int> Chain(int unitId, Dictionary<int, int?> parents)
    {
        var chain = new List<int>();
        int? cursor = unitId;
        // The registry refuses loops; the guard only keeps a damaged table from hanging a request.
        while (cursor is int c && !chain.Contains(c) && parents.ContainsKey(c))
        {
            chain.Add(c);
            cursor = parents[c];
        }
        return chain;
    }

    /// <summary>
    /// The active users holding the reader role whose unit may read the published issue (the rule of <see cref="CanRead"/>):
    /// whom its publication is announced to. Pass the issue with its sections and items.
    /// </summary>
    public async Task<List<int>> ReadersOfAsync(Issue issue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var readers = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == Roles.Reader && u.IsActive
                             select new { u.Id, u.UnitId }).Distinct().ToListAsync(ct);
        var parents = await ParentsAsync(ct);
        int[] readerUnits = [.. issue.ReaderUnitIds];
        int[] credited = [.. issue.Sections.SelectMany(s => s.Items).SelectMany(i => i.UnitIds).Distinct()];
        return [.. readers.Where(u => CanRead(readerUnits, credited, u.UnitId is int unit ? Chain(unit, parents) : [])).Select(u => u.Id).Order()];
    }

    /// <summary>
    /// The rule for one issue, in memory (the search catalog): readable when the scope is empty, or names a unit of the
    /// reader's chain, or one of the chain's units is credited with an article of the issue. <see cref="FilterAsync"/>
    /// is the same rule in SQL.
    /// </summary>
    public static bool CanRead(ReadOnlySpan<int> readerUnits, ReadOnlySpan<int> creditedUnits, IReadOnlyList<int> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (readerUnits.IsEmpty)
        {
            return true;
        }
        foreach (var u in chain)
        {
            if (readerUnits.Contains(u) || creditedUnits.Contains(u))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The issues of <paramref name="issues"/> the actor may read; call it on published issues (drafts are the office's anyway).</summary>
    public async Task<IQueryable<Issue>> FilterAsync(IQueryable<Issue> issues, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (SeesEverything(actor))
        {
            return issues;
        }
        var units = await UnitChainAsync(actor, ct);
        if (units.Count == 0)
        {
            return issues.Where(i => i.ReaderUnitIds.Count == 0);
        }
        return issues.Where(i => i.ReaderUnitIds.Count == 0
                                 || i.ReaderUnitIds.Any(u => units.Contains(u))
                                 || db.IssueItems.Any(x => x.IssueId == i.Id && x.UnitIds.Any(u => units.Contains(u))));
    }

    /// <summary>Checks a unit list (every id an existing unit) and returns it without duplicates, in id order.</summary>
    public async Task<List<int>> CleanUnitIdsAsync(Validator v, IReadOnlyList<int> unitIds, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(unitIds);
        Validator.ThrowIfTooMany(unitIds.Count, field, "阅读范围中的单位");
        var ids = unitIds.Distinct().Order().ToList();
        if (ids.Count == 0)
        {
            return ids;
        }
        var known = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var unknown = ids.Except(known).ToList();
        v.Check(unknown.Count == 0, field, $"阅读范围中的单位 {string.Join("、", unknown)} 不存在。");
        return ids;
    }

    /// <summary>The scope in words: 全部单位, or the units' short names.</summary>
    public async Task<string> DescribeAsync(IReadOnlyList<int> unitIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        if (unitIds.Count == 0)
        {
            return "全部单位";
        }
        var ids = unitIds.ToList();
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.ShortName, ct);
        return string.Join("、", ids.Select(id => names.GetValueOrDefault(id) ?? $"单位{id}"));
    }
}
