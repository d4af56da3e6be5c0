using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Demo;
using Jianxun.Core.Organisation;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Tests;

/// <summary>The registry's rules, on each database (PostgreSQL only where configured).</summary>
public abstract class OrganisationHandlerTests(DatabaseKind kind)
{
    private static readonly Actor Admin = Actor.System;
    private static readonly Actor Contributor = new(5, "contributor", 3, new HashSet<string> { Roles.Contributor });

    [SkippableFact]
    public async Task Seed_EmptyDatabase_CreatesDemoOrganisation()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var units = await h.RunAsync<UnitHandlers, IReadOnlyList<UnitDto>>(x => x.ListAsync(false, default));
        var series = await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default));
        var users = await h.RunAsync<UserHandlers, IReadOnlyList<UserDto>>(x => x.ListAsync(Admin, default));

        Assert.True(units.Count(u => u.PeerGroup == "区属国企" && u.ParentId is null) >= 6);
        var s = Assert.Single(series);
        Assert.Equal(["领导关注", "国资动态", "国企动态", "简讯"], s.Columns.Select(c => c.Name));
        Assert.Equal("简讯", Assert.Single(s.Columns, c => c.IsBriefs).Name);
        Assert.Equal(["admin", "editor", "signer", "reviewer", "contributor", "contributor2", "reader"], users.Select(u => u.UserName).Take(7));
        var reviewer = users.Single(u => u.UserName == "reviewer");
        var contributor = users.Single(u => u.UserName == "contributor");
        var contributor2 = users.Single(u => u.UserName == "contributor2");
        Assert.Equal(reviewer.UnitId, contributor.UnitId);
        Assert.NotEqual(contributor.UnitId, contributor2.UnitId);
        Assert.True(units.Single(u => u.Id == contributor.UnitId).RequiresUnitReview);
    }

    [SkippableFact]
    public async Task Seed_DatabaseWithData_DoesNothing()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        Assert.False(await h.RunAsync<DemoSeeder, bool>(s => s.SeedIfEmptyAsync(default)));
    }

    [SkippableFact]
    public async Task CreateUnit_DuplicateShortName_IsRefusedWithChineseMessage()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<UnitHandlers, UnitDto>(x =>
            x.CreateAsync(Admin, new SaveUnitRequest("另一个城投", "城投集团", null, null, null, false), default)));
        Assert.Contains("已有简称为“城投集团”的单位。", e.Errors["shortName"]);
    }

    [SkippableFact]
    public async Task UpdateUnit_ParentIsOwnDescendant_IsRefused()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var parent = await h.RunAsync<UnitHandlers, UnitDto>(x => x.CreateAsync(Admin, new SaveUnitRequest("测试集团", "测试集团", ["测集"], null, "区属国企", false), default));
        var child = await h.RunAsync<UnitHandlers, UnitDto>(x => x.CreateAsync(Admin, new SaveUnitRequest("测试子公司", "测试子公司", null, parent.Id, "区属国企", false), default));

        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<UnitHandlers, UnitDto>(x =>
            x.UpdateAsync(Admin, parent.Id, new SaveUnitRequest("测试集团", "测试集团", null, child.Id, null, false), default)));
        Assert.Contains("上级单位不能是本单位或其下级单位。", e.Errors["parentId"]);
        Assert.Equal(["测集"], (await h.RunAsync<UnitHandlers, UnitDto>(x => x.GetAsync(parent.Id, default))).Aliases);
    }

    [SkippableFact]
    public async Task CreateUnit_ByContributor_IsForbidden()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<UnitHandlers, UnitDto>(x =>
            x.CreateAsync(Contributor, new SaveUnitRequest("甲", "甲", null, null, null, false), default)));
    }

    [SkippableFact]
    public async Task SaveSeries_TwoBriefsColumns_IsRefused()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<SeriesHandlers, SeriesDto>(x =>
            x.CreateAsync(Admin, new SaveSeriesRequest("工作简报", "办公室", 1, null, null, null, 10,
                [new(null, "要闻", false), new(null, "短讯一", true), new(null, "短讯二", true)]), default)));
        Assert.Contains("每个刊物最多只能有一个简讯（编号短讯）栏目。", e.Errors["columns"]);
    }

    [SkippableFact]
    public async Task UpdateSeries_ReorderAndDropColumn_KeepsIdsAndHidesDropped()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var s = (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0];
        var byName = s.Columns.ToDictionary(c => c.Name, c => c.Id);

        var updated = await h.RunAsync<SeriesHandlers, SeriesDto>(x => x.UpdateAsync(Admin, s.Id,
            new SaveSeriesRequest(s.Name, s.Issuer, s.FirstTotalNumber, s.DistributionBao, s.DistributionSong, "各区属国企", s.DefaultCopies,
                [new(byName["国企动态"], "国企动态", false), new(byName["领导关注"], "领导关注", false), new(null, "基层声音", false), new(byName["简讯"], "简讯", true)]),
            default));

        Assert.Equal(["国企动态", "领导关注", "基层声音", "简讯"], updated.Columns.Select(c => c.Name));
        Assert.Equal(byName["国企动态"], updated.Columns[0].Id);
        Assert.Equal("各区属国企", updated.DistributionFa);
        Assert.DoesNotContain(updated.Columns, c => c.Name == "国资动态");
    }

    [SkippableFact]
    public async Task CreateUser_ContributorWithoutUnit_IsRefused()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<UserHandlers, UserDto>(x =>
            x.CreateAsync(Admin, new CreateUserRequest("nobody", "无名", null, ["报送员"], "Password-123"), default)));
        Assert.Contains("报送员和单位审核必须属于一个单位。", e.Errors["unitId"]);
    }

    [SkippableFact]
    public async Task CreateUser_ShortPasswordAndUnknownRole_ReportsBoth()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var e = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<UserHandlers, UserDto>(x =>
            x.CreateAsync(Admin, new CreateUserRequest("new.user", "新用户", null, ["Boss"], "abc"), default)));
        Assert.Contains(e.Errors["roles"], m => m.StartsWith("未知角色“Boss”", StringComparison.Ordinal));

        var weak = await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<UserHandlers, UserDto>(x =>
            x.CreateAsync(Admin, new CreateUserRequest("new.user", "新用户", null, ["Reader"], "abc"), default)));
        Assert.Contains("密码至少需要 8 个字符。", weak.Errors["password"]);
        Assert.DoesNotContain(await h.RunAsync<UserHandlers, IReadOnlyList<UserDto>>(x => x.ListAsync(Admin, default)), u => u.UserName == "new.user");
    }

    [SkippableFact]
    public async Task UpdateUser_RolesAndUnit_AreReplacedAndAudited()
    {
        await using var h = await CoreHarness.StartAsync(kind);
        var units = await h.RunAsync<UnitHandlers, IReadOnlyList<UnitDto>>(x => x.ListAsync(false, default));
        var created = await h.RunAsync<UserHandlers, UserDto>(x =>
            x.CreateAsync(Admin, new CreateUserRequest("writer9", "写稿人", units[3].Id, ["Contributor"], "Password-123"), default));

        var updated = await h.RunAsync<UserHandlers, UserDto>(x =>
            x.UpdateAsync(Admin, created.Id, new UpdateUserRequest("写稿人", units[4].Id, ["UnitReviewer", "Reader"], true), default));

        Assert.Equal([Roles.UnitReviewer, Roles.Reader], updated.Roles);
        Assert.Equal(units[4].Id, updated.UnitId);
        var id = created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audited = await h.RunAsync<AppDbContext, List<AuditEntry>>(db =>
            db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(AppUser) && a.EntityId == id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["user.created", "user.updated"], audited.Select(a => a.Action));
        var change = audited[1];
        Assert.Equal((Admin.UserId, Admin.UserName), (change.UserId, change.UserName));
        Assert.Contains("writer9", change.Details, StringComparison.Ordinal);
        Assert.Equal(TestClock.Shared.GetUtcNow().UtcDateTime, change.At, TimeSpan.FromMinutes(5));
    }
}

public sealed class SqliteOrganisationHandlerTests() : OrganisationHandlerTests(DatabaseKind.Sqlite);

public sealed class PostgresOrganisationHandlerTests() : OrganisationHandlerTests(DatabaseKind.Postgres);
