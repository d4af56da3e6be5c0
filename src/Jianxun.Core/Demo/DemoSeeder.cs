using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Demo;

/// <summary>
/// Fills an empty database with an invented district state-owned-assets office (云澜区国资委), its
/// member groups, one series and the demo accounts. Every name here is made up.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, AuditLog audit, SubmissionHandlers submissions, CallHandlers calls,
    Issues.IssueHandlers issues, Scoring.ScoreHandlers scores, TimeProvider clock)
{
    public const string DemoPassword = "Jianxun-demo-2026";

    public static IReadOnlyList<(string Name, string ShortName, string[] Aliases, bool RequiresReview)> MemberUnits { get; } =
    [
        ("云澜区城市建设投资集团有限公司", "城投集团", ["区城投集团", "云澜城投"], true),
        ("云澜区产业发展集团有限公司", "产发集团", ["区产发集团"], false),
        ("云澜区文化旅游发展集团有限公司", "文旅集团", ["区文旅集团"], false),
        ("云澜区交通运输集团有限公司", "交运集团", ["区交运集团"], false),
        ("云澜区水务环境集团有限公司", "水务集团", ["区水务集团"], false),
        ("云澜区安居住房建设集团有限公司", "安居集团", ["区安居集团", "住房集团"], false),
        ("云澜区金融控股集团有限公司", "金控集团", ["区金控集团"], false),
    ];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Units.AnyAsync(ct) || await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var office = new Unit { Name = "云澜区国有资产监督管理委员会", ShortName = "区国资委", Aliases = ["云澜区国资委"], PeerGroup = "委机关", SortOrder = 0 };
        db.Units.Add(office);
        db.Units.Add(new Unit { Name = "云澜区国资委办公室", ShortName = "区国资委办公室", Parent = office, PeerGroup = "委机关", SortOrder = 1 });
        var members = new List<Unit>();
        var order = 10;
        foreach (var (name, shortName, aliases, review) in MemberUnits)
        {
            var unit = new Unit { Name = name, ShortName = shortName, Aliases = [.. aliases], PeerGroup = "区属国企", RequiresUnitReview = review, SortOrder = order++ };
            members.Add(unit);
            db.Units.Add(unit);
        }
        // A subsidiary, so that unit trees and "with its sub-units" filters have something to show.
        db.Units.Add(new Unit { Name = "云澜城投置业有限公司", ShortName = "城投置业", Parent = members[0], PeerGroup = "区属国企", SortOrder = 100 });

        db.Series.Add(new Series
        {
            Name = "国资简讯",
            Issuer = "云澜区国资委办公室",
            FirstTotalNumber = 101,
            DistributionBao = "区委、区人大、区政府、区政协主要领导，分管副区长",
            DistributionSong = "区委办、区政府办、区发展改革局、区财政局",
            DistributionFa = "委机关各科室，各区属国有企业",
            DefaultCopies = 60,
            Columns =
            [
                new SeriesColumn { Name = "领导关注", SortOrder = 1 },
                new SeriesColumn { Name = "国资动态", SortOrder = 2 },
                new SeriesColumn { Name = "国企动态", SortOrder = 3 },
                new SeriesColumn { Name = "简讯", SortOrder = 4, IsBriefs = true },
            ],
        });
        await db.SaveChangesAsync(ct);

        await AddUserAsync("admin", "系统管理员", office, Roles.Admin);
        await AddUserAsync("editor", "周文澜", office, Roles.Editor, Roles.Reader);
        await AddUserAsync("signer", "陈立衡", office, Roles.Signer, Roles.Reader);
        await AddUserAsync("reviewer", "许明远", members[0], Roles.UnitReviewer, Roles.Contributor);
        await AddUserAsync("contributor", "林小禾", members[0], Roles.Contributor);
        await AddUserAsync("contributor2", "孙嘉禾", members[1], Roles.Contributor);
        await AddUserAsync("reader", "高思远", members[2], Roles.Reader);

        await SeedArticlesAsync(ct);

        audit.Record(Actor.System, "demo.seeded", "Database", null, "写入演示数据：云澜区国资委及 7 家区属国企");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Invented articles in every workflow state, made through the real handlers so that history and revisions are true.</summary>
    private async Task SeedArticlesAsync(CancellationToken ct)
    {
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var name in new[] { "editor", "signer", "reviewer", "contributor", "contributor2" })
        {
            var user = await users.FindByNameAsync(name) ?? throw new InvalidOperationException(name);
            actors[name] = new Actor(user.Id, user.UserName!, user.UnitId, (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal), user.DisplayName);
        }
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.ShortName, u => u.Id, StringComparer.Ordinal, ct);
        var columns = await db.SeriesColumns.AsNoTracking().ToDictionaryAsync(c => c.Name, c => c.Id, StringComparer.Ordinal, ct);
        var today = clock.OfficeToday();
        var editor = actors["editor"];

        var call = await calls.CreateAsync(editor, new SaveCallRequest("“国企开放日”系列活动报道", "请各单位围绕“国企开放日”活动报送稿件，图文并茂为佳。",
            today.AddDays(14), [units["城投集团"], units["产发集团"], units["文旅集团"]]), ct);

        foreach (var a in DemoArticles.All)
        {
            var author = actors[a.Author];
            var unitIds = a.JointUnits is null ? null : a.JointUnits.Select(u => units[u]).ToList();
            var s = await submissions.CreateAsync(author, new SaveSubmissionRequest(a.Title, a.Paragraphs, today.AddDays(-a.DaysAgo), unitIds, a.Writers,
                columns[a.Column], "0871-6500" + a.DaysAgo.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                a.JointUnits is null ? null : call.Id), ct);
            if (a.Target == SubmissionStatus.Draft)
            {
                continue;
            }
            if (a.Target == SubmissionStatus.Withdrawn)
            {
                await submissions.MoveAsync(author, s.Id, WorkflowAction.Withdraw, new MoveRequest(), ct);
                continue;
            }
            s = await submissions.MoveAsync(author, s.Id, WorkflowAction.Submit, new MoveRequest(), ct);
            if (a.Target == SubmissionStatus.AwaitingUnitReview)
            {
                continue;
            }
            if (s.Status == nameof(SubmissionStatus.AwaitingUnitReview))
            {
                s = await submissions.MoveAsync(actors["reviewer"], s.Id, WorkflowAction.UnitApprove, new MoveRequest("同意报送。"), ct);
            }
            switch (a.Target)
            {
                case SubmissionStatus.Adopted:
                    // The editor tightens the first sentence before adopting: the writer sees the change.
                    var edited = a.Paragraphs.ToArray();
                    edited[0] = edited[0].Replace("近日，", "", StringComparison.Ordinal).Replace("日前，", "", StringComparison.Ordinal);
                    s = await submissions.UpdateAsync(editor, s.Id, new SaveSubmissionRequest(a.Title, edited, today.AddDays(-a.DaysAgo), null, a.Writers,
                        columns[a.Column], Version: s.Version), ct);
                    await submissions.MoveAsync(editor, s.Id, WorkflowAction.Adopt, new MoveRequest(null, columns[a.Column]), ct);
                    break;
                case SubmissionStatus.Returned:
                    await submissions.MoveAsync(editor, s.Id, WorkflowAction.Return, new MoveRequest(a.Comment), ct);
                    break;
                case SubmissionStatus.Declined:
                    await submissions.MoveAsync(editor, s.Id, WorkflowAction.Decline, new MoveRequest(a.Comment), ct);
                    break;
                case SubmissionStatus.Draft:
                case SubmissionStatus.AwaitingUnitReview:
                case SubmissionStatus.Submitted:
                case SubmissionStatus.Withdrawn:
                case SubmissionStatus.Published:
                    break;
            }
        }

        // Two published issues from the articles adopted longest ago; the rest wait for the next issue.
        await PublishIssueAsync(editor, actors["signer"], today.AddDays(-20), minDaysAgo: 21, ct);
        await PublishIssueAsync(editor, actors["signer"], today.AddDays(-8), minDaysAgo: 9, ct);

        await SeedScoringAsync(editor, today, ct);
    }

    /// <summary>The assessment rules from last month on, and a higher adoption and an instruction on published articles.</summary>
    private async Task SeedScoringAsync(Actor editor, DateOnly today, CancellationToken ct)
    {
        var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("admin");
        var adminActor = new Actor(admin.Id, admin.UserName!, admin.UnitId, new HashSet<string>(StringComparer.Ordinal) { Roles.Admin }, admin.DisplayName);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        await scores.SaveRuleSetAsync(adminActor, null, new Scoring.SaveRuleSetRequest(DemoScoring.RuleSetName, from,
            "演示规则：本刊采用 1–3 分，上级采用 5–50 分，领导批示 5–100 分；区属国企每月定额 1 篇。", DemoScoring.Rules), ct);

        var published = await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.Published)
            .OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(ct);
        if (published.Count > 0)
        {
            await scores.RecordHigherAdoptionAsync(editor, published[0], new Scoring.RecordHigherAdoptionRequest(today.AddDays(-5),
                "district-daily", "区委办公室", "《每日要情》", "全文采用"), ct);
        }
        if (published.Count > 1)
        {
            await scores.RecordInstructionAsync(editor, published[1], new Scoring.RecordInstructionRequest(today.AddDays(-3),
                "district-principal", "区长", "经验做法很好，请区国资委总结推广。"), null, ct);
        }
    }

    private async Task PublishIssueAsync(Actor editor, Actor signer, DateOnly date, int minDaysAgo, CancellationToken ct)
    {
        var seriesId = await db.Series.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        var issue = await issues.CreateNextAsync(editor, new Issues.CreateIssueRequest(seriesId, date), ct);
        var available = (await issues.AvailableArticlesAsync(editor, ct)).Where(a => a.EventDate <= date.AddDays(-1) && a.EventDate >= date.AddDays(-(minDaysAgo + 10)))
            .ToList();
        var sections = issue.Sections.Select(s => new Issues.PlaceSectionRequest(s.Id,
            [.. available.Where(a => a.ColumnId == s.ColumnId).Select(a => new Issues.PlaceItemRequest(SubmissionId: a.SubmissionId))])).ToList();
        issue = await issues.UpdateAsync(editor, issue.Id, new Issues.UpdateIssueRequest(issue.Version, date,
            issue.Number == 1 ? "本期刊发国资国企改革推进情况，请各单位结合实际抓好落实。" : null,
            issue.DistributionBao, issue.DistributionSong, issue.DistributionFa, issue.Copies, sections), ct);
        await issues.ActAsync(editor, issue.Id, Issues.IssueAction.SubmitForSignOff, new Issues.IssueActionRequest(), ct);
        await issues.ActAsync(signer, issue.Id, Issues.IssueAction.SignOff, new Issues.IssueActionRequest(), ct);
        await issues.ActAsync(editor, issue.Id, Issues.IssueAction.Publish, new Issues.IssueActionRequest(), ct);
    }

    private async Task AddUserAsync(string userName, string displayName, Unit unit, params string[] userRoles)
    {
        var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unit.Id, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, DemoPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRolesAsync(user, userRoles);
    }
}
