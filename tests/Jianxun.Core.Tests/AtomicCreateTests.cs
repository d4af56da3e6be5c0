using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Tests;

/// <summary>
/// A change and its audit entry are saved together or not at all (ADR-003): each create fails its audit write, as a crash
/// between two saves would, and must leave no entity behind. Each database (PostgreSQL only where configured).
/// </summary>
public abstract class AtomicCreateTests(DatabaseKind kind)
{
    private static readonly Actor Admin = Actor.System;
    private static readonly Actor Editor = new(2, "editor", 1, new HashSet<string> { Roles.Editor });
    private static readonly Actor Contributor = new(5, "contributor", 3, new HashSet<string> { Roles.Contributor });

    private sealed class AuditWriteFailedException() : Exception("测试：写入操作日志失败。");

    /// <summary>Refuses every save that adds an audit entry, before anything of that save reaches the database.</summary>
    private sealed class FailingAuditWrites : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
            => eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
                ? throw new AuditWriteFailedException()
                : ValueTask.FromResult(result);
    }

    private Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(kind,
        configure: s => s.ConfigureDbContext<AppDbContext>((_, o) => o.AddInterceptors(new FailingAuditWrites())));

    /// <summary>Runs <paramref name="create"/>, which must fail on its audit write, and returns how many rows <paramref name="count"/> saw before and after.</summary>
    private static async Task<(int Before, int After)> FailedCreateAsync<THandler>(CoreHarness h, Func<AppDbContext, Task<int>> count, Func<THandler, Task> create)
        where THandler : notnull
    {
        var before = await h.RunAsync(count);
        await Assert.ThrowsAsync<AuditWriteFailedException>(() => h.RunAsync(create));
        return (before, await h.RunAsync(count));
    }

    [SkippableFact]
    public async Task CreateUnit_WhenTheAuditWriteFails_LeavesNoUnit()
    {
        await using var h = await StartAsync();
        var (before, after) = await FailedCreateAsync<UnitHandlers>(h, db => db.Units.CountAsync(),
            x => x.CreateAsync(Admin, new SaveUnitRequest("原子测试集团", "原子测试", null, null, "区属国企", false), default));
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task CreateSeries_WhenTheAuditWriteFails_LeavesNoSeries()
    {
        await using var h = await StartAsync();
        var (before, after) = await FailedCreateAsync<SeriesHandlers>(h, db => db.Series.CountAsync(),
            x => x.CreateAsync(Admin, new SaveSeriesRequest("原子测试简报", "办公室", 1, null, null, null, 10, [new(null, "要闻", false)]), default));
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task CreateSubmission_WhenTheAuditWriteFails_LeavesNoSubmission()
    {
        await using var h = await StartAsync();
        var (before, after) = await FailedCreateAsync<SubmissionHandlers>(h, db => db.Submissions.CountAsync(),
            x => x.CreateAsync(Contributor, new SaveSubmissionRequest("原子测试稿件", ["一段正文。"], TestClock.OfficeToday, [3], ["林小禾"], null), default));
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task CreateCall_WhenTheAuditWriteFails_LeavesNoCallAndNoNotification()
    {
        await using var h = await StartAsync();
        var notifications = await h.RunAsync<AppDbContext, int>(db => db.Notifications.CountAsync());
        var (before, after) = await FailedCreateAsync<CallHandlers>(h, db => db.Set<CallForContributions>().CountAsync(),
            x => x.CreateAsync(Editor, new SaveCallRequest("原子测试约稿", null, TestClock.OfficeToday.AddDays(7), [3]), default));
        Assert.Equal(before, after);
        Assert.Equal(notifications, await h.RunAsync<AppDbContext, int>(db => db.Notifications.CountAsync()));
    }

    [SkippableFact]
    public async Task CreateIssue_WhenTheAuditWriteFails_LeavesNoIssue()
    {
        await using var h = await StartAsync();
        var seriesId = (await h.RunAsync<SeriesHandlers, IReadOnlyList<SeriesDto>>(x => x.ListAsync(false, default)))[0].Id;
        var (before, after) = await FailedCreateAsync<IssueHandlers>(h, db => db.Issues.CountAsync(),
            x => x.CreateNextAsync(Editor, new CreateIssueRequest(seriesId, TestClock.OfficeToday), default));
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task RecordHigherAdoption_WhenTheAuditWriteFails_LeavesNoRecord()
    {
        await using var h = await StartAsync();
        var article = await PublishedArticleAsync(h);
        var (before, after) = await FailedCreateAsync<ScoreHandlers>(h, db => db.HigherAdoptions.CountAsync(),
            x => x.RecordHigherAdoptionAsync(Editor, article, new RecordHigherAdoptionRequest(null, "city", "市委办公厅", "《信息快报》", null), default));
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task RecordInstruction_WhenTheAuditWriteFails_LeavesNoRecord()
    {
        await using var h = await StartAsync();
        var article = await PublishedArticleAsync(h);
        var (before, after) = await FailedCreateAsync<ScoreHandlers>(h, db => db.LeaderInstructions.CountAsync(),
            x => x.RecordInstructionAsync(Editor, article, new RecordInstructionRequest(null, "district-principal", "区长", "请总结推广。"), null, default));
        Assert.Equal(before, after);
    }

    private static Task<int> PublishedArticleAsync(CoreHarness h) => h.RunAsync<AppDbContext, int>(db =>
        db.Submissions.Where(s => s.Status == SubmissionStatus.Published).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
}

public sealed class SqliteAtomicCreateTests() : AtomicCreateTests(DatabaseKind.Sqlite);

public sealed class PostgresAtomicCreateTests() : AtomicCreateTests(DatabaseKind.Postgres);
