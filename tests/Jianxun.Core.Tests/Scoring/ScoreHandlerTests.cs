using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Demo;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Tests.Scoring;

/// <summary>A clock the test moves by hand: which months have ended decides which rules they keep.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The scoring handlers over the seeded demo database: rule versions, pins, recompute, access and recorded events.</summary>
public abstract class ScoreHandlerTests(DatabaseKind kind)
{
    private static readonly Actor Admin = new(1, "admin", 1, new HashSet<string> { Roles.Admin });
    private static readonly Actor Editor = new(2, "editor", 1, new HashSet<string> { Roles.Editor });
    private static readonly Actor Signer = new(3, "signer", 1, new HashSet<string> { Roles.Signer });

    /// <summary>10:00 on 10 May 2030 in Beijing: April 2030 has ended, May is open.</summary>
    private static readonly DateTimeOffset May2030 = new(2030, 5, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly ScorePeriod April = ScorePeriod.ForMonth(2030, 4);
    private static readonly ScorePeriod May = ScorePeriod.ForMonth(2030, 5);

    private static async Task<(CoreHarness Harness, SettableClock Clock)> StartAsync(DatabaseKind kind)
    {
        var clock = new SettableClock(May2030);
        var h = await CoreHarness.StartAsync(kind, configure: s => s.UseClock(clock));
        return (h, clock);
    }

    private static async Task<Actor> UnitActorAsync(CoreHarness h, string userName, params string[] roles)
    {
        var user = await h.RunAsync<AppDbContext, AppUser>(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));
        return new Actor(user.Id, userName, user.UnitId, roles.ToHashSet(StringComparer.Ordinal), user.DisplayName);
    }

    /// <summary>Publishes an issue dated 15 April 2030 with every adopted demo article in its column.</summary>
    private static async Task<IssueDto> PublishAprilIssueAsync(CoreHarness h)
    {
        var seriesId = (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0].Id;
        var issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.CreateNextAsync(Editor, new CreateIssueRequest(seriesId, new DateOnly(2030, 4, 15)), default));
        var available = await h.RunAsync<IssueHandlers, IReadOnlyList<AvailableArticleDto>>(x => x.AvailableArticlesAsync(Editor, default));
        Assert.NotEmpty(available);
        var sections = issue.Sections.Select(s => new PlaceSectionRequest(s.Id,
            [.. available.Where(a => a.ColumnId == s.ColumnId).Select(a => new PlaceItemRequest(SubmissionId: a.SubmissionId))])).ToList();
        issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.UpdateAsync(Editor, issue.Id, new UpdateIssueRequest(issue.Version, Sections: sections), default));
        foreach (var (actor, action) in new[] { (Editor, IssueAction.SubmitForSignOff), (Signer, IssueAction.SignOff), (Editor, IssueAction.Publish) })
        {
            issue = await h.RunAsync<IssueHandlers, IssueDto>(x => x.ActAsync(actor, issue.Id, action, new IssueActionRequest(), default));
        }
        return issue;
    }

    private static Task<List<AuditEntry>> AuditAsync(CoreHarness h) =>
        h.RunAsync<AppDbContext, List<AuditEntry>>(db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("score.")).ToListAsync());

    private static Task<RankingDto> RankingAsync(CoreHarness h, Actor actor, ScorePeriod period, string? group = null) =>
        h.RunAsync<ScoreHandlers, RankingDto>(x => x.RankingAsync(actor, period, group, default));

    private static Dictionary<int, decimal> Points(RankingDto ranking) => ranking.Rows.ToDictionary(r => r.UnitId, r => r.Points);

    private static ScoreRules Generous => DemoScoring.Rules with
    {
        OwnAdoption = [new OwnAdoptionRule(null, AdoptionKind.Full, 10), new OwnAdoptionRule(null, AdoptionKind.Brief, 4), new OwnAdoptionRule(null, AdoptionKind.Combined, 6)],
    };

    [SkippableFact]
    public async Task NewRuleSet_ReachingBackIntoAnEndedMonth_LeavesThatMonthAlone_UntilAnAdministratorRecomputes()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        var issue = await PublishAprilIssueAsync(h);
        var before = await RankingAsync(h, Editor, April);
        var items = issue.Sections.SelectMany(s => s.Items).Count();
        Assert.Equal(items, before.Rows.Sum(r => r.Adopted) - JointExtras(issue));
        Assert.Contains(before.RuleSets, r => r.Name == DemoScoring.RuleSetName);

        // A new rule set starting in January 2030 would rescore April: April is pinned to the old rules first.
        await h.RunAsync<ScoreHandlers, RuleSetDto>(x => x.SaveRuleSetAsync(Admin, null, new SaveRuleSetRequest("2030 年细则", new DateOnly(2030, 1, 1), null, Generous), default));
        var afterNewRules = await RankingAsync(h, Editor, April);
        Assert.Equal(Points(before), Points(afterNewRules));
        Assert.Contains(afterNewRules.RuleSets, r => r.Name == DemoScoring.RuleSetName);
        // The open month already follows the new rules.
        Assert.Contains((await RankingAsync(h, Editor, May)).RuleSets, r => r.Name == "2030 年细则");

        var recomputed = await h.RunAsync<ScoreHandlers, RankingDto>(x => x.RecomputeAsync(Admin, April, default));
        Assert.Contains(recomputed.RuleSets, r => r.Name == "2030 年细则");
        var full = before.Rows.Where(r => r.Points != 0).ToList();
        Assert.NotEmpty(full);
        Assert.All(recomputed.Rows.Where(r => r.Adopted > 0), r => Assert.True(r.Points > before.Rows.Single(b => b.UnitId == r.UnitId).Points,
            $"{r.Unit}: {r.Points} should exceed {before.Rows.Single(b => b.UnitId == r.UnitId).Points} under the generous rules"));

        // Recompute is idempotent: the second run changes nothing and says so.
        var again = await h.RunAsync<ScoreHandlers, RankingDto>(x => x.RecomputeAsync(Admin, April, default));
        Assert.Equal(Points(recomputed), Points(again));

        var audit = await AuditAsync(h);
        Assert.Contains(audit, a => a.Action == "score.months.pinned" && a.Details!.Contains("2030-04", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "score.rules.created" && a.Details!.Contains("2030 年细则", StringComparison.Ordinal));
        var recomputes = audit.Where(a => a.Action == "score.recomputed").ToList();
        Assert.Equal(2, recomputes.Count);
        Assert.Contains(recomputes, a => a.Details!.Contains("得分不变", StringComparison.Ordinal));
        Assert.Contains(recomputes, a => a.Details!.Contains("得分变化", StringComparison.Ordinal));
    }

    /// <summary>Joint articles count once for each of their units in the per-unit "adopted" figure.</summary>
    private static int JointExtras(IssueDto issue) => issue.Sections.SelectMany(s => s.Items).Sum(i => Math.Max(0, i.CreditUnits.Count - 1));

    [SkippableFact]
    public async Task RevisingARuleSet_KeepsTheOldVersion_AndRefusesToReviseItTwice()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        var current = (await h.RunAsync<ScoreHandlers, IReadOnlyList<RuleSetDto>>(x => x.ListRuleSetsAsync(Admin, false, default))).Single();
        var revised = await h.RunAsync<ScoreHandlers, RuleSetDto>(x => x.SaveRuleSetAsync(Admin, current.Id,
            new SaveRuleSetRequest(current.Name, current.EffectiveFrom, "提高全文采用分值", Generous), default));

        var all = await h.RunAsync<ScoreHandlers, IReadOnlyList<RuleSetDto>>(x => x.ListRuleSetsAsync(Admin, true, default));
        Assert.Equal(revised.Id, all.Single(s => s.Id == current.Id).SupersededById);
        Assert.True(all.Single(s => s.Id == revised.Id).InForce);
        Assert.Equal(10, revised.Rules.OwnAdoption.Single(r => r.Kind == AdoptionKind.Full).Points);

        var twice = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<ScoreHandlers, RuleSetDto>(x => x.SaveRuleSetAsync(Admin, current.Id,
            new SaveRuleSetRequest(current.Name, current.EffectiveFrom, null, Generous), default)));
        Assert.Contains("最新一版", string.Join(' ', twice.Errors.SelectMany(e => e.Value)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SaveRuleSet_BadInput_GivesReadableMessages_AndSavesNothing()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        var bad = DemoScoring.Rules with { Quotas = [new QuotaRule(null, QuotaPeriod.Month, 0, 1, 1)], Multipliers = [new MultiplierRule("调研", "", 2)] };
        var error = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<ScoreHandlers, RuleSetDto>(x => x.SaveRuleSetAsync(Admin, null,
            new SaveRuleSetRequest("", new DateOnly(2030, 3, 15), null, bad), default)));
        var messages = string.Join(' ', error.Errors.SelectMany(e => e.Value));
        Assert.Contains("请填写规则名称", messages, StringComparison.Ordinal);
        Assert.Contains("某月 1 日", messages, StringComparison.Ordinal);
        Assert.Contains("定额篇数", messages, StringComparison.Ordinal);
        Assert.Contains("加权系数", messages, StringComparison.Ordinal);
        Assert.Single(await h.RunAsync<ScoreHandlers, IReadOnlyList<RuleSetDto>>(x => x.ListRuleSetsAsync(Admin, true, default)));

        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<ScoreHandlers, RuleSetDto>(x => x.SaveRuleSetAsync(Editor, null,
            new SaveRuleSetRequest("编辑不能改规则", new DateOnly(2030, 3, 1), null, DemoScoring.Rules), default)));
    }

    [SkippableFact]
    public async Task HigherAdoptionAndInstruction_AddTheirPointsToTheArticlesUnits_ExplainedAndAudited()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        var article = await h.RunAsync<AppDbContext, Submission>(db => db.Submissions.AsNoTracking().Include(s => s.Units)
            .Where(s => s.Status == SubmissionStatus.Published).OrderBy(s => s.Id).FirstAsync());
        var column = await h.RunAsync<AppDbContext, string>(db => db.SeriesColumns.Where(c => c.Id == article.AdoptedColumnId).Select(c => c.Name).SingleAsync());
        var before = Points(await RankingAsync(h, Editor, May));

        await h.RunAsync<ScoreHandlers, HigherAdoptionDto>(x => x.RecordHigherAdoptionAsync(Editor, article.Id,
            new RecordHigherAdoptionRequest(new DateOnly(2030, 5, 6), "city", "市委办公厅", "《信息快报》", null), default));
        await h.RunAsync<ScoreHandlers, InstructionDto>(x => x.RecordInstructionAsync(Editor, article.Id,
            new RecordInstructionRequest(new DateOnly(2030, 5, 8), "district-principal", "区长", "请总结推广。"), null, default));

        var after = await RankingAsync(h, Editor, May);
        // city 20 + district-principal 10 = 30, × 1.5 in 领导关注, shared evenly between the article's units.
        var factor = column == "领导关注" ? 1.5m : 1m;
        var units = article.Units.Select(u => u.UnitId).Distinct().ToList();
        foreach (var unitId in units.Where(before.ContainsKey))
        {
            var expected = Math.Round(20 * factor / units.Count, 2, MidpointRounding.AwayFromZero) + Math.Round(10 * factor / units.Count, 2, MidpointRounding.AwayFromZero);
            Assert.Equal(before[unitId] + expected, Points(after)[unitId]);
            var breakdown = await h.RunAsync<ScoreHandlers, UnitBreakdownDto>(x => x.UnitAsync(Editor, unitId, May, default));
            Assert.Equal(breakdown.Score.Points, breakdown.Lines.Sum(l => l.Points));
            Assert.Contains(breakdown.Lines, l => l.Category == "上级采用" && l.Item.Contains("市委办公厅《信息快报》", StringComparison.Ordinal) && l.Rule.Contains("20 分", StringComparison.Ordinal));
            Assert.Contains(breakdown.Lines, l => l.Category == "领导批示" && l.Item.Contains("区长", StringComparison.Ordinal));
            Assert.Equal(1, breakdown.Score.HigherAdopted);
            Assert.Equal(1, breakdown.Score.Instructions);
        }
        foreach (var unitId in before.Keys.Except(units))
        {
            Assert.Equal(before[unitId], Points(after)[unitId]);
        }

        var events = await h.RunAsync<ScoreHandlers, SubmissionScoreEventsDto>(x => x.EventsAsync(Editor, article.Id, default));
        // The demo already recorded events on this article; ours are the ones dated 2030.
        var higher = Assert.Single(events.HigherAdoptions, e => e.Date.Year == 2030);
        var instruction = Assert.Single(events.Instructions, e => e.Date.Year == 2030);
        Assert.Equal("市委市政府信息刊物采用", higher.KindName);
        Assert.Equal("区级主要领导", instruction.LevelName);
        var audit = await AuditAsync(h);
        Assert.Contains(audit, a => a.Action == "score.higher.recorded");
        Assert.Contains(audit, a => a.Action == "score.instruction.recorded");

        // Deleting the record takes the points away again, and is audited too.
        await h.RunAsync<ScoreHandlers>(x => x.DeleteHigherAdoptionAsync(Editor, article.Id, higher.Id, default));
        await h.RunAsync<ScoreHandlers>(x => x.DeleteInstructionAsync(Editor, article.Id, instruction.Id, default));
        Assert.Equal(before, Points(await RankingAsync(h, Editor, May)));
        audit = await AuditAsync(h);
        Assert.Contains(audit, a => a.Action == "score.higher.deleted");
    }

    [SkippableFact]
    public async Task RecordingEvents_BadInputAndWrongPeople_AreRefused()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        var contributor = await UnitActorAsync(h, "contributor", Roles.Contributor);
        var published = await h.RunAsync<AppDbContext, int>(db => db.Submissions.Where(s => s.Status == SubmissionStatus.Published).Select(s => s.Id).FirstAsync());
        var draft = await h.RunAsync<AppDbContext, int>(db => db.Submissions.Where(s => s.Status == SubmissionStatus.Draft).Select(s => s.Id).FirstAsync());

        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<ScoreHandlers, HigherAdoptionDto>(x => x.RecordHigherAdoptionAsync(contributor, published,
            new RecordHigherAdoptionRequest(null, "city", "市委办公厅", "《信息快报》", null), default)));
        await Assert.ThrowsAsync<ConflictException>(() => h.RunAsync<ScoreHandlers, HigherAdoptionDto>(x => x.RecordHigherAdoptionAsync(Editor, draft,
            new RecordHigherAdoptionRequest(null, "city", "市委办公厅", "《信息快报》", null), default)));
        var unknownKind = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<ScoreHandlers, HigherAdoptionDto>(x => x.RecordHigherAdoptionAsync(Editor, published,
            new RecordHigherAdoptionRequest(new DateOnly(2031, 1, 1), "moon", "", "《信息快报》", null), default)));
        Assert.Contains("body", unknownKind.Errors.Keys);
        Assert.Contains("date", unknownKind.Errors.Keys);
        var badScan = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<ScoreHandlers, InstructionDto>(x => x.RecordInstructionAsync(Editor, published,
            new RecordInstructionRequest(null, "district-principal", null, "同意。"), ("not a scan"u8.ToArray(), "scan.exe"), default)));
        Assert.Contains("PDF、JPEG 或 PNG", badScan.Errors["scan"][0], StringComparison.Ordinal);
        Assert.DoesNotContain((await h.RunAsync<ScoreHandlers, SubmissionScoreEventsDto>(x => x.EventsAsync(Editor, published, default))).Instructions,
            i => i.Text == "同意。");
    }

    [SkippableFact]
    public async Task Contributor_SeesOnlyTheirUnitsBreakdown_AndTheRankingOnlyOncePublished()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        var contributor = await UnitActorAsync(h, "contributor", Roles.Contributor);
        var other = await h.RunAsync<AppDbContext, int>(db => db.Units.Where(u => u.ShortName == "产发集团").Select(u => u.Id).SingleAsync());

        var own = await h.RunAsync<ScoreHandlers, UnitBreakdownDto>(x => x.UnitAsync(contributor, contributor.UnitId!.Value, April, default));
        Assert.Null(own.RankInGroup); // not published yet: figures, but no rank
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<ScoreHandlers, UnitBreakdownDto>(x => x.UnitAsync(contributor, other, April, default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => RankingAsync(h, contributor, April));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<ScoreHandlers>(x => x.PublishAsync(contributor, April, default)));

        await h.RunAsync<ScoreHandlers>(x => x.PublishAsync(Editor, April, default));
        var ranking = await RankingAsync(h, contributor, April);
        Assert.True(ranking.IsPublished);
        Assert.NotNull((await h.RunAsync<ScoreHandlers, UnitBreakdownDto>(x => x.UnitAsync(contributor, contributor.UnitId!.Value, April, default))).RankInGroup);
        // Publishing the ranking does not open other units' breakdowns.
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<ScoreHandlers, UnitBreakdownDto>(x => x.UnitAsync(contributor, other, April, default)));

        var quarter = ScorePeriod.ForQuarter(2030, 2);
        await Assert.ThrowsAsync<ForbiddenException>(() => RankingAsync(h, contributor, quarter));
        await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<ScoreHandlers>(x => x.PublishAsync(Editor, ScorePeriod.ForMonth(2030, 7), default)));
    }

    [SkippableFact]
    public async Task Ranking_WithinAPeerGroup_RanksOnlyThatGroup_AndQuotaPenalisesAnEmptyMonth()
    {
        var (h, _) = await StartAsync(kind);
        await using var _h = h;
        // March 2030 has no adopted items at all: every 区属国企 unit misses its monthly quota of one item.
        var ranking = await RankingAsync(h, Editor, ScorePeriod.ForMonth(2030, 3), "区属国企");
        Assert.Equal("区属国企", ranking.Group);
        Assert.Contains("委机关", ranking.Groups);
        Assert.All(ranking.Rows, r =>
        {
            Assert.Equal("区属国企", r.PeerGroup);
            Assert.Equal(-1m, r.Points);
            Assert.Equal(1, r.Rank); // all tied
            Assert.Equal(0, r.QuotaPeriodsMet);
            Assert.Equal(1, r.QuotaPeriods);
        });
    }
}

public sealed class SqliteScoreHandlerTests() : ScoreHandlerTests(DatabaseKind.Sqlite);

public sealed class PostgresScoreHandlerTests() : ScoreHandlerTests(DatabaseKind.Postgres);
