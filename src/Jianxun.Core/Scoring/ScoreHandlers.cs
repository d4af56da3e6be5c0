using System.Globalization;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Storage;
using Jianxun.Core.Submissions;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Scoring;

/// <summary>
/// 信息工作考核: records higher adoptions and instructions, keeps the versioned rule sets, computes rankings and
/// explained breakdowns, publishes rankings to the units and recomputes past periods. The arithmetic is in
/// <see cref="ScoreEngine"/>; this class gathers the facts and decides who may see what.
/// </summary>
public sealed class ScoreHandlers(AppDbContext db, AuditLog audit, FileStore files, TimeProvider clock, IOptions<JianxunOptions> options)
{
    /// <summary>Assessment dates are office dates (<see cref="OfficeClock"/>), whatever the server's zone.</summary>
    public DateOnly Today => clock.OfficeToday();

    /// <summary>The refusal of an instruction scan over <see cref="UserFileLimits.MaxScanBytes"/>, naming the limit.</summary>
    public static readonly string ScanTooLarge = $"批示扫描件不能超过 {UserFileLimits.Megabytes(UserFileLimits.MaxScanBytes)}。";

    /// <summary>
    /// Refuses a scan over the limit by its declared length, so the page and the API refuse it before reading it into
    /// memory; <see cref="RecordInstructionAsync"/> checks the bytes again with the same message.
    /// </summary>
    public static void RefuseOversizedScan(long length)
    {
        if (length > UserFileLimits.MaxScanBytes)
        {
            throw ValidationException.For("scan", ScanTooLarge);
        }
    }

    private static bool IsOffice(Actor actor) =>
        actor.IsAdmin || actor.IsInRole(Roles.Editor) || actor.IsInRole(Roles.Signer);

    // ---------------------------------------------------------------- rankings

    public async Task<RankingDto> RankingAsync(Actor actor, ScorePeriod period, string? group, CancellationToken ct)
    {
        var publication = await PublicationAsync(period, ct);
        if (!IsOffice(actor) && publication is null)
        {
            throw new ForbiddenException($"{period.Label}的排名尚未发布。");
        }
        var (result, groups) = await ComputeAsync(period, string.IsNullOrWhiteSpace(group) ? null : group.Trim(), ct);
        return new RankingDto(period.Key, period.Label, result.Group, groups, publication is not null, publication?.PublishedAt,
            period.To < Today, [.. result.Units.Select(ToRow)], RuleSetUses(period, result, await RulesByMonthAsync(period, ct)));
    }

    public async Task<UnitBreakdownDto> UnitAsync(Actor actor, int unitId, ScorePeriod period, CancellationToken ct)
    {
        if (!IsOffice(actor) && actor.UnitId != unitId)
        {
            throw new ForbiddenException("只能查看本单位的得分明细。");
        }
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("找不到该单位。");
        if (unit.PeerGroup is null)
        {
            throw new NotFoundException($"{unit.ShortName}不参加信息工作考核（未设排名分组）。");
        }

        // The whole year is loaded once: the period's figures and the monthly trend come from the same facts.
        var year = ScorePeriod.ForYear(period.Year);
        var inputs = await LoadInputsAsync(year.From, year.To, ct);
        var rules = await RulesByMonthAsync(year, ct);
        var today = Today;
        var result = ScoreEngine.Compute(period, inputs, rules, today, unit.PeerGroup);
        var score = result.Units.First(u => u.UnitId == unitId);

        // Units see their rank only once the office has published the ranking.
        var showRank = IsOffice(actor) || await PublicationAsync(period, ct) is not null;
        var trend = new List<MonthPointDto>();
        foreach (var (y, m) in year.Months)
        {
            var month = ScorePeriod.ForMonth(y, m);
            var monthScore = ScoreEngine.Compute(month, inputs with { Units = [.. inputs.Units.Where(u => u.Id == unitId)] }, rules, today).Units[0];
            trend.Add(new MonthPointDto(month.Key, m, monthScore.Points, monthScore.Adopted, monthScore.Sent));
        }
        return new UnitBreakdownDto(unitId, unit.ShortName, period.Key, period.Label, ToRow(score),
            showRank ? score.Rank : null, showRank ? result.Units.Count : null,
            [.. score.Lines.Select(l => new ScoreLineDto(l.Date, ScoreText.Category(l.Category), l.Item, l.Rule, l.Points, l.RuleSetId, l.Link))],
            trend);
    }

    /// <summary>The engine's result for a period (for exports and the benchmark); no access check.</summary>
    public async Task<(ScoreResult Result, IReadOnlyList<string> Groups)> ComputeAsync(ScorePeriod period, string? group, CancellationToken ct)
    {
        var inputs = await LoadInputsAsync(period.From, period.To, ct, quarterOf: period);
        var rules = await RulesByMonthAsync(period, ct);
        var groups = inputs.Units.Select(u => u.PeerGroup!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return (ScoreEngine.Compute(period, inputs, rules, Today, group), groups);
    }

    private static RankingRowDto ToRow(UnitScore s) => new(s.UnitId, s.Name, s.PeerGroup, s.Rank, s.Points, s.Sent, s.Adopted,
        s.AdoptionRate, s.HigherAdopted, s.Instructions, s.QuotaPeriodsMet, s.QuotaPeriods, s.CallsAnswered, s.CallsAsked,
        s.ByCategory.OrderBy(c => c.Key).ToDictionary(c => ScoreText.Category(c.Key), c => c.Value, StringComparer.Ordinal));

    // The months each rule set actually scored (a pin or the set in force), not every month after its start:
    // two versions of one rule set share a start date, and a later set takes over the months from its own.
    private static List<RuleSetUseDto> RuleSetUses(ScorePeriod period, ScoreResult result, Dictionary<(int Year, int Month), AppliedRuleSet> rules) =>
        [.. result.RuleSets.Select(r => new RuleSetUseDto(r.Id, r.Name, r.EffectiveFrom,
            [.. period.Months.Where(m => rules.TryGetValue(m, out var used) && used.Id == r.Id).Select(m => ScorePeriod.ForMonth(m.Year, m.Month).Label)]))];

    /// <summary>Loads the facts dated within [from, to] (a quarter's quota in a month period needs the whole quarter).</summary>
    public async Task<ScoreInputs> LoadInputsAsync(DateOnly start, DateOnly end, CancellationToken ct, ScorePeriod? quarterOf = null)
    {
        if (quarterOf is { Kind: ScorePeriodKind.Month } m && m.Index % 3 == 0)
        {
            start = ScorePeriod.ForQuarter(m.Year, m.Index / 3).From;
        }

        var units = await db.Units.AsNoTracking().Where(u => u.IsActive && u.PeerGroup != null)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new ScoreUnit(u.Id, u.ShortName, u.PeerGroup, u.SortOrder)).ToListAsync(ct);

        var printed = await (from item in db.IssueItems.AsNoTracking()
                             join issue in db.Issues on item.IssueId equals issue.Id
                             join section in db.IssueSections on item.SectionId equals section.Id
                             join series in db.Series on issue.SeriesId equals series.Id
                             where issue.Status == IssueStatus.Published && issue.Date >= start && issue.Date <= end
                             select new
                             {
                                 item.Id,
                                 issue.Date,
                                 Column = section.Name,
                                 section.IsBriefs,
                                 item.IsCombined,
                                 item.UnitIds,
                                 item.Title,
                                 item.Number,
                                 IssueId = issue.Id,
                                 issue.Year,
                                 IssueNumber = issue.Number,
                                 issue.TotalNumber,
                                 Series = series.Name,
                                 item.SubmissionId,
                             }).ToListAsync(ct);
        var briefIds = printed.Where(p => p.Title is null).Select(p => p.Id).ToList();
        var briefText = new Dictionary<int, string>();
        foreach (var chunk in briefIds.Chunk(500))
        {
            var rows = await db.IssueItems.AsNoTracking().Where(i => chunk.Contains(i.Id)).Select(i => new { i.Id, i.Paragraphs }).ToListAsync(ct);
            foreach (var row in rows)
            {
                var text = row.Paragraphs.FirstOrDefault() ?? "";
                briefText[row.Id] = text.Length > 24 ? text[..24] + "…" : text;
            }
        }
        var adopted = printed.Select(p => new AdoptedItem(p.Id, p.Date, p.Column,
                p.IsCombined ? AdoptionKind.Combined : p.IsBriefs ? AdoptionKind.Brief : AdoptionKind.Full,
                p.UnitIds, p.Title ?? briefText.GetValueOrDefault(p.Id, ""),
                p.Series + IssueNumberText(p.Year, p.IssueNumber, p.TotalNumber),
                p.IssueId, p.SubmissionId))
            .ToList();

        var articleUnits = await ArticleFactsAsync(start, end, ct);

        var higher = (await db.HigherAdoptions.AsNoTracking().Where(h => h.Date >= start && h.Date <= end).ToListAsync(ct))
            .Select(h => articleUnits.TryGetValue(h.SubmissionId, out var a)
                ? new HigherItem(h.Id, h.Date, h.Kind, h.Body, h.Publication, a.Title, a.Column, a.Units, h.SubmissionId)
                : null)
            .OfType<HigherItem>().ToList();
        var instructions = (await db.LeaderInstructions.AsNoTracking().Where(i => i.Date >= start && i.Date <= end).ToListAsync(ct))
            .Select(i => articleUnits.TryGetValue(i.SubmissionId, out var a)
                ? new InstructionItem(i.Id, i.Date, i.Level, i.LeaderName, a.Title, a.Column, a.Units, i.SubmissionId)
                : null)
            .OfType<InstructionItem>().ToList();

        // Sent: every article that left its unit (submitted), dated by the office's calendar.
        var fromUtc = clock.OfficeDayStartUtc(start);
        var toUtc = clock.OfficeDayStartUtc(end.AddDays(1));
        var sentRows = await db.Submissions.AsNoTracking()
            .Where(s => s.SubmittedAt != null && s.SubmittedAt >= fromUtc && s.SubmittedAt < toUtc)
            .Select(s => new { s.Id, s.SubmittedAt, Units = s.Units.Select(u => u.UnitId).ToList() })
            .ToListAsync(ct);
        var sent = sentRows.Select(s => new SentItem(s.Id, OfficeDate(s.SubmittedAt!.Value), s.Units)).ToList();

        var callRows = await db.Calls.AsNoTracking().Where(c => c.Deadline >= start && c.Deadline <= end)
            .Select(c => new { c.Id, c.Topic, c.Deadline, Units = c.Units.Select(u => u.UnitId).ToList() }).ToListAsync(ct);
        var callIds = callRows.Select(c => c.Id).ToList();
        var answers = await (from su in db.Set<SubmissionUnit>()
                             join s in db.Submissions on su.SubmissionId equals s.Id
                             where s.CallId != null && callIds.Contains(s.CallId.Value) && s.SubmittedAt != null
                             select new { CallId = s.CallId!.Value, su.UnitId, SubmittedAt = s.SubmittedAt!.Value }).AsNoTracking().ToListAsync(ct);
        var calls = callRows.Select(c => new CallItem(c.Id, c.Topic, c.Deadline, c.Units,
                answers.Where(a => a.CallId == c.Id).GroupBy(a => a.UnitId).ToDictionary(g => g.Key, g => OfficeDate(g.Min(a => a.SubmittedAt)))))
            .ToList();

        return new ScoreInputs(units, adopted, higher, instructions, sent, calls);
    }

    private static string IssueNumberText(int? year, int? number, int? total) =>
        year is int y && number is int n ? string.Create(CultureInfo.InvariantCulture, $"{y}年第{n}期")
        : total is int t ? string.Create(CultureInfo.InvariantCulture, $"总第{t}期") : "";

    private DateOnly OfficeDate(DateTime utc) => clock.OfficeDate(utc);

    /// <summary>Title, adopted column and units of the articles that have higher adoptions or instructions in the range.</summary>
    private async Task<Dictionary<int, (string Title, string? Column, IReadOnlyList<int> Units)>> ArticleFactsAsync(DateOnly start, DateOnly end, CancellationToken ct)
    {
        var ids = await db.HigherAdoptions.Where(h => h.Date >= start && h.Date <= end).Select(h => h.SubmissionId)
            .Union(db.LeaderInstructions.Where(i => i.Date >= start && i.Date <= end).Select(i => i.SubmissionId))
            .ToListAsync(ct);
        var result = new Dictionary<int, (string, string?, IReadOnlyList<int>)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Submissions.AsNoTracking().Where(s => chunk.Contains(s.Id))
                .Select(s => new
                {
                    s.Id,
                    s.Title,
                    Column = db.SeriesColumns.Where(c => c.Id == s.AdoptedColumnId).Select(c => c.Name).FirstOrDefault(),
                    Units = s.Units.OrderBy(u => u.Order).Select(u => u.UnitId).ToList(),
                })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                result[row.Id] = (row.Title, row.Column, row.Units);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- rule sets

    /// <summary>The rule set in force for each month of the period: the month's pin if it has one, else the latest by date.</summary>
    public async Task<Dictionary<(int Year, int Month), AppliedRuleSet>> RulesByMonthAsync(ScorePeriod period, CancellationToken ct)
    {
        var sets = await db.ScoreRuleSets.AsNoTracking().ToListAsync(ct);
        var pins = await db.ScoreMonthPins.AsNoTracking()
            .Where(p => p.Year >= period.From.Year && p.Year <= period.To.Year).ToListAsync(ct);
        var parsed = sets.ToDictionary(s => s.Id, s => new AppliedRuleSet(s.Id, s.Name, s.EffectiveFrom, ScoreRules.FromJson(s.Definition)));
        var result = new Dictionary<(int, int), AppliedRuleSet>();
        foreach (var (year, month) in period.Months)
        {
            var pin = pins.FirstOrDefault(p => p.Year == year && p.Month == month);
            var id = pin?.RuleSetId ?? InForce(sets, new DateOnly(year, month, 1))?.Id;
            if (id is int ruleSetId)
            {
                result[(year, month)] = parsed[ruleSetId];
            }
        }
        return result;
    }

    /// <summary>The current (not superseded) rule set with the latest start on or before the date.</summary>
    private static ScoreRuleSet? InForce(IEnumerable<ScoreRuleSet> sets, DateOnly date) =>
        sets.Where(s => s.SupersededById is null && s.EffectiveFrom <= date).OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.Id).FirstOrDefault();

    public async Task<IReadOnlyList<RuleSetDto>> ListRuleSetsAsync(Actor actor, bool includeSuperseded, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin, Roles.Editor, Roles.Signer);
        var sets = await db.ScoreRuleSets.AsNoTracking().OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.Id).ToListAsync(ct);
        var names = await UserNamesAsync(sets.Select(s => s.CreatedById), ct);
        var current = InForce(sets, Today);
        return [.. sets.Where(s => includeSuperseded || s.SupersededById is null)
            .Select(s => new RuleSetDto(s.Id, s.Name, s.EffectiveFrom, s.Note, s.CreatedAt, s.CreatedById is int u ? names.GetValueOrDefault(u) : null,
                s.SupersededById, s.SupersededAt, current?.Id == s.Id, ScoreRules.FromJson(s.Definition)))];
    }

    public async Task<RuleSetDto> GetRuleSetAsync(Actor actor, int id, CancellationToken ct) =>
        (await ListRuleSetsAsync(actor, includeSuperseded: true, ct)).FirstOrDefault(s => s.Id == id)
        ?? throw new NotFoundException("找不到该考核规则。");

    /// <summary>
    /// Saves a new rule set, or a new version of <paramref name="replacesId"/> (the old version is kept for the
    /// months pinned to it). Ended months whose rule set would change are pinned to their old one first.
    /// </summary>
    public async Task<RuleSetDto> SaveRuleSetAsync(Actor actor, int? replacesId, SaveRuleSetRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var v = new Validator()
            .Require(request.Name, "name", "规则名称", 100)
            .Optional(request.Note, "note", "说明", 1000);
        v.Check(request.EffectiveFrom is not null, "effectiveFrom", "请填写生效日期。");
        v.Check(request.EffectiveFrom is not { Day: not 1 }, "effectiveFrom", "生效日期须为某月 1 日：每个月只按一套规则计分。");
        v.Check(request.Rules is not null, "rules", "请填写考核规则。");
        foreach (var problem in request.Rules?.Validate() ?? [])
        {
            v.Add("rules", problem);
        }
        ScoreRuleSet? old = null;
        if (replacesId is int oldId)
        {
            old = await db.ScoreRuleSets.FirstOrDefaultAsync(s => s.Id == oldId, ct) ?? throw new NotFoundException("找不到该考核规则。");
            v.Check(old.SupersededById is null, "id", "这一版规则已被修改过，请在最新一版上修改。");
        }
        v.ThrowIfInvalid();

        var effective = request.EffectiveFrom!.Value;
        var earliest = old is null || old.EffectiveFrom > effective ? effective : old.EffectiveFrom;
        await PinEndedMonthsFromAsync(actor, earliest, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var set = new ScoreRuleSet
        {
            Name = request.Name!.Trim(),
            EffectiveFrom = effective,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            Definition = request.Rules!.ToJson(),
            CreatedById = actor.UserId,
            CreatedAt = now,
        };
        db.ScoreRuleSets.Add(set);
        await db.SaveChangesAsync(ct);
        if (old is not null)
        {
            old.SupersededById = set.Id;
            old.SupersededAt = now;
            audit.Record(actor, "score.rules.revised", nameof(ScoreRuleSet), set.Id,
                $"修改考核规则“{old.Name}”（第 {old.Id} 版 → 第 {set.Id} 版），自 {effective:yyyy年M月} 起生效");
        }
        else
        {
            audit.Record(actor, "score.rules.created", nameof(ScoreRuleSet), set.Id, $"新增考核规则“{set.Name}”，自 {effective:yyyy年M月} 起生效");
        }
        await db.SaveChangesAsync(ct);
        return await GetRuleSetAsync(actor, set.Id, ct);
    }

    /// <summary>Past periods keep the rules of their time: every ended month from <paramref name="from"/> gets a pin to its current rule set.</summary>
    private async Task PinEndedMonthsFromAsync(Actor actor, DateOnly from, CancellationToken ct)
    {
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        var sets = await db.ScoreRuleSets.AsNoTracking().ToListAsync(ct);
        var pinned = (await db.ScoreMonthPins.AsNoTracking().Select(p => new { p.Year, p.Month }).ToListAsync(ct))
            .Select(p => (p.Year, p.Month)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<string>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month < thisMonth; month = month.AddMonths(1))
        {
            if (pinned.Contains((month.Year, month.Month)) || InForce(sets, month) is not { } current)
            {
                continue;
            }
            db.ScoreMonthPins.Add(new ScoreMonthPin { Year = month.Year, Month = month.Month, RuleSetId = current.Id, PinnedAt = now, PinnedById = actor.UserId });
            added.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }
        if (added.Count > 0)
        {
            audit.Record(actor, "score.months.pinned", nameof(ScoreMonthPin), null, $"规则变更前固定已结束月份的计分规则：{string.Join("、", added)}");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Re-scores the ended months of a period with the rule sets in force by date today (audited with the totals
    /// before and after). Doing it twice changes nothing the second time.
    /// </summary>
    public async Task<RankingDto> RecomputeAsync(Actor actor, ScorePeriod period, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var before = (await ComputeAsync(period, null, ct)).Result;
        var sets = await db.ScoreRuleSets.AsNoTracking().ToListAsync(ct);
        var pins = await db.ScoreMonthPins.Where(p => p.Year >= period.From.Year && p.Year <= period.To.Year).ToListAsync(ct);
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = new List<string>();
        foreach (var (year, month) in period.Months)
        {
            var first = new DateOnly(year, month, 1);
            var current = InForce(sets, first);
            var pin = pins.FirstOrDefault(p => p.Year == year && p.Month == month);
            if (first >= thisMonth)
            {
                continue; // an open month always uses the rules in force: nothing to recompute
            }
            if (current is null)
            {
                if (pin is not null)
                {
                    db.ScoreMonthPins.Remove(pin);
                    changed.Add(ScorePeriod.ForMonth(year, month).Label);
                }
                continue;
            }
            if (pin is null)
            {
                db.ScoreMonthPins.Add(new ScoreMonthPin { Year = year, Month = month, RuleSetId = current.Id, PinnedAt = now, PinnedById = actor.UserId });
            }
            else if (pin.RuleSetId != current.Id)
            {
                pin.RuleSetId = current.Id;
                pin.PinnedAt = now;
                pin.PinnedById = actor.UserId;
                changed.Add(ScorePeriod.ForMonth(year, month).Label);
            }
        }
        await db.SaveChangesAsync(ct);
        var after = (await ComputeAsync(period, null, ct)).Result;
        var differences = after.Units
            .Select(a => (a.Name, Before: before.Units.FirstOrDefault(b => b.UnitId == a.UnitId)?.Points ?? 0, After: a.Points))
            .Where(d => d.Before != d.After)
            .Select(d => $"{d.Name} {ScoreText.Points(d.Before)}→{ScoreText.Points(d.After)}")
            .ToList();
        audit.Record(actor, "score.recomputed", "ScorePeriod", period.Key,
            Truncate($"按现行规则重新计算{period.Label}：{(changed.Count == 0 ? "规则未变" : "改用现行规则的月份 " + string.Join("、", changed))}；"
                     + (differences.Count == 0 ? "各单位得分不变" : "得分变化 " + string.Join("，", differences)), 2000));
        await db.SaveChangesAsync(ct);
        return await RankingAsync(actor, period, null, ct);
    }

    // ---------------------------------------------------------------- publication

    private Task<ScorePublication?> PublicationAsync(ScorePeriod period, CancellationToken ct) =>
        db.ScorePublications.AsNoTracking().FirstOrDefaultAsync(p => p.Period == period.Key, ct);

    public async Task<IReadOnlyList<string>> PublishedPeriodsAsync(CancellationToken ct) =>
        await db.ScorePublications.AsNoTracking().OrderByDescending(p => p.Period).Select(p => p.Period).ToListAsync(ct);

    public async Task PublishAsync(Actor actor, ScorePeriod period, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin, Roles.Editor);
        if (await PublicationAsync(period, ct) is not null)
        {
            return;
        }
        if (period.From > Today)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["period"] = [$"{period.Label}尚未开始，不能发布排名。"] });
        }
        db.ScorePublications.Add(new ScorePublication { Period = period.Key, PublishedAt = clock.GetUtcNow().UtcDateTime, PublishedById = actor.UserId });
        audit.Record(actor, "score.published", "ScorePeriod", period.Key, $"向各单位发布{period.Label}信息工作考核排名");
        await db.SaveChangesAsync(ct);
    }

    public async Task UnpublishAsync(Actor actor, ScorePeriod period, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin, Roles.Editor);
        var publication = await db.ScorePublications.FirstOrDefaultAsync(p => p.Period == period.Key, ct);
        if (publication is null)
        {
            return;
        }
        db.ScorePublications.Remove(publication);
        audit.Record(actor, "score.unpublished", "ScorePeriod", period.Key, $"撤回{period.Label}信息工作考核排名");
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- recorded events

    public async Task<SubmissionScoreEventsDto> EventsAsync(Actor actor, int submissionId, CancellationToken ct)
    {
        // The one rule for drafts: whoever may not see the article learns nothing of its points either.
        if (!await SubmissionHandlers.VisibleTo(db.Submissions, actor).AnyAsync(s => s.Id == submissionId, ct))
        {
            throw new NotFoundException("找不到该稿件。");
        }
        var rules = await RulesForDateAsync(Today, ct);
        var higher = await db.HigherAdoptions.AsNoTracking().Where(h => h.SubmissionId == submissionId).OrderBy(h => h.Date).ThenBy(h => h.Id).ToListAsync(ct);
        var instructions = await db.LeaderInstructions.AsNoTracking().Where(i => i.SubmissionId == submissionId).OrderBy(i => i.Date).ThenBy(i => i.Id).ToListAsync(ct);
        return new SubmissionScoreEventsDto(
            [.. higher.Select(h => ToDto(h, rules))],
            [.. instructions.Select(i => ToDto(i, rules))],
            rules?.HigherAdoption ?? [], rules?.Instructions ?? []);
    }

    private static HigherAdoptionDto ToDto(HigherAdoption h, ScoreRules? rules) => new(h.Id, h.SubmissionId, h.Date, h.Kind,
        rules?.HigherAdoption.FirstOrDefault(r => r.Key == h.Kind)?.Name ?? h.Kind, h.Body, h.Publication, h.Note, h.RecordedByName, h.RecordedAt);

    private static InstructionDto ToDto(LeaderInstruction i, ScoreRules? rules) => new(i.Id, i.SubmissionId, i.Date, i.Level,
        rules?.Instructions.FirstOrDefault(r => r.Key == i.Level)?.Name ?? i.Level, i.LeaderName, i.Text, i.ScanStoredName is not null,
        i.RecordedByName, i.RecordedAt);

    private async Task<ScoreRules?> RulesForDateAsync(DateOnly date, CancellationToken ct)
    {
        var set = InForce(await db.ScoreRuleSets.AsNoTracking().ToListAsync(ct), new DateOnly(date.Year, date.Month, 1));
        return set is null ? null : ScoreRules.FromJson(set.Definition);
    }

    private async Task<Submission> ScorableSubmissionAsync(Actor actor, int submissionId, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor, Roles.Admin);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == submissionId, ct) ?? throw new NotFoundException("找不到该稿件。");
        if (submission.Status is SubmissionStatus.Draft or SubmissionStatus.Withdrawn or SubmissionStatus.AwaitingUnitReview)
        {
            throw new ConflictException("这篇稿件尚未报送到编辑部，不能记录上级采用或领导批示。");
        }
        return submission;
    }

    public async Task<HigherAdoptionDto> RecordHigherAdoptionAsync(Actor actor, int submissionId, RecordHigherAdoptionRequest request, CancellationToken ct)
    {
        var submission = await ScorableSubmissionAsync(actor, submissionId, ct);
        var date = request.Date ?? Today;
        var rules = await RulesForDateAsync(date, ct);
        var v = new Validator()
            .Require(request.Kind, "kind", "采用类别", 50)
            .Require(request.Body, "body", "采用单位", 100)
            .Require(request.Publication, "publication", "刊物名称", 100)
            .Optional(request.Note, "note", "备注", 500);
        v.Check(date <= Today, "date", "采用日期不能晚于今天。");
        if (v.IsValid && rules is not null)
        {
            v.Check(rules.HigherAdoption.Any(r => r.Key == request.Kind!.Trim()), "kind",
                $"考核规则中没有这个采用类别。可选：{string.Join("、", rules.HigherAdoption.Select(r => r.Name))}。");
        }
        v.ThrowIfInvalid();
        var entity = new HigherAdoption
        {
            SubmissionId = submission.Id,
            Date = date,
            Kind = request.Kind!.Trim(),
            Body = request.Body!.Trim(),
            Publication = request.Publication!.Trim(),
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.HigherAdoptions.Add(entity);
        // The entry names the article, not the new row: one save writes both (ADR-003).
        audit.Record(actor, "score.higher.recorded", nameof(Submission), submission.Id,
            $"记录上级采用：《{submission.Title}》被{entity.Body}{entity.Publication}采用（{entity.Date:yyyy-MM-dd}，{entity.Kind}）");
        await db.SaveChangesAsync(ct);
        return ToDto(entity, rules);
    }

    public async Task DeleteHigherAdoptionAsync(Actor actor, int submissionId, int id, CancellationToken ct)
    {
        var submission = await ScorableSubmissionAsync(actor, submissionId, ct);
        var entity = await db.HigherAdoptions.FirstOrDefaultAsync(h => h.Id == id && h.SubmissionId == submissionId, ct)
                     ?? throw new NotFoundException("找不到这条上级采用记录。");
        db.HigherAdoptions.Remove(entity);
        audit.Record(actor, "score.higher.deleted", nameof(Submission), submission.Id,
            $"删除上级采用记录：《{submission.Title}》{entity.Body}{entity.Publication}（{entity.Date:yyyy-MM-dd}）");
        await db.SaveChangesAsync(ct);
    }

    public async Task<InstructionDto> RecordInstructionAsync(Actor actor, int submissionId, RecordInstructionRequest request,
        (byte[] Content, string FileName)? scan, CancellationToken ct)
    {
        var submission = await ScorableSubmissionAsync(actor, submissionId, ct);
        var date = request.Date ?? Today;
        var rules = await RulesForDateAsync(date, ct);
        var v = new Validator()
            .Require(request.Level, "level", "批示领导级别", 50)
            .Optional(request.LeaderName, "leaderName", "批示领导", 50)
            .Require(request.Text, "text", "批示内容", 2000);
        v.Check(date <= Today, "date", "批示日期不能晚于今天。");
        if (v.IsValid && rules is not null)
        {
            v.Check(rules.Instructions.Any(r => r.Key == request.Level!.Trim()), "level",
                $"考核规则中没有这个批示级别。可选：{string.Join("、", rules.Instructions.Select(r => r.Name))}。");
        }
        string? contentType = null;
        if (scan is { } s)
        {
            contentType = ScanType(s.Content);
            v.Check(contentType is not null, "scan", "批示扫描件只能是 PDF、JPEG 或 PNG 文件（按文件内容检查）。");
            v.Check(s.Content.Length <= UserFileLimits.MaxScanBytes, "scan", ScanTooLarge);
        }
        v.ThrowIfInvalid();
        string? stored = null;
        if (scan is { } file)
        {
            // Limits before storing (ADR-016): images by header, then kept at A4 size; PDFs opened under the import limits.
            var content = file.Content;
            if (contentType == "application/pdf")
            {
                try
                {
                    PdfBulletinReader.CheckPages(content, options.Value.PdfWorkerPath);
                }
                catch (BulletinImportException e)
                {
                    throw ValidationException.For("scan", e.Message);
                }
                catch (PdfWorkerMissingException)
                {
                    throw new ServiceUnavailableException(PdfWorker.MissingMessage);
                }
            }
            else
            {
                content = ImageIntake.Prepare(content, UserFileLimits.StoredScanMaxSide, "scan").Content;
            }
            stored = await files.SaveAsync("instructions", content, contentType == "application/pdf" ? ".pdf" : contentType == "image/png" ? ".png" : ".jpg", ct);
        }
        var entity = new LeaderInstruction
        {
            SubmissionId = submission.Id,
            Date = date,
            Level = request.Level!.Trim(),
            LeaderName = string.IsNullOrWhiteSpace(request.LeaderName) ? null : request.LeaderName.Trim(),
            Text = request.Text!.Trim(),
            ScanStoredName = stored,
            ScanContentType = contentType,
            ScanOriginalName = scan?.FileName is { } name ? Path.GetFileName(name) : null,
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.LeaderInstructions.Add(entity);
        audit.Record(actor, "score.instruction.recorded", nameof(Submission), submission.Id,
            $"记录领导批示：《{submission.Title}》获{entity.LeaderName ?? "领导"}批示（{entity.Date:yyyy-MM-dd}，{entity.Level}）");
        await db.SaveChangesAsync(ct);
        return ToDto(entity, rules);
    }

    public async Task DeleteInstructionAsync(Actor actor, int submissionId, int id, CancellationToken ct)
    {
        var submission = await ScorableSubmissionAsync(actor, submissionId, ct);
        var entity = await db.LeaderInstructions.FirstOrDefaultAsync(i => i.Id == id && i.SubmissionId == submissionId, ct)
                     ?? throw new NotFoundException("找不到这条批示记录。");
        db.LeaderInstructions.Remove(entity);
        audit.Record(actor, "score.instruction.deleted", nameof(Submission), submission.Id,
            $"删除领导批示记录：《{submission.Title}》（{entity.Date:yyyy-MM-dd}，{entity.Level}）");
        await db.SaveChangesAsync(ct);
    }

    public async Task<(Stream Content, string ContentType, string FileName)> OpenScanAsync(Actor actor, int submissionId, int id, CancellationToken ct)
    {
        await EventsAsync(actor, submissionId, ct); // same visibility as the article's events
        var entity = await db.LeaderInstructions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.SubmissionId == submissionId, ct);
        if (entity?.ScanStoredName is null)
        {
            throw new NotFoundException("这条批示没有扫描件。");
        }
        return (files.OpenRead(entity.ScanStoredName), entity.ScanContentType ?? "application/octet-stream", entity.ScanOriginalName ?? "批示扫描件");
    }

    private static string? ScanType(byte[] content)
    {
        if (content.Length > 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F')
        {
            return "application/pdf";
        }
        return Jianxun.Publishing.ImageInfo.TryRead(content, out var info) ? info.MimeType : null;
    }

    private async Task<Dictionary<int, string>> UserNamesAsync(IEnumerable<int?> ids, CancellationToken ct)
    {
        var list = ids.OfType<int>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
