using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Issues;
using Jianxun.Core.Notifications;
using Jianxun.Core.Organisation;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jianxun.Core.Data;

/// <summary>The one DbContext of Jianxun, for both SQLite and PostgreSQL (each with its own migrations assembly).</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, int>(options)
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Series> Series => Set<Series>();
    public DbSet<SeriesColumn> SeriesColumns => Set<SeriesColumn>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Issue> Issues => Set<Issue>();
    public DbSet<IssueSection> IssueSections => Set<IssueSection>();
    public DbSet<IssueItem> IssueItems => Set<IssueItem>();
    public DbSet<IssueFile> IssueFiles => Set<IssueFile>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CallForContributions> Calls => Set<CallForContributions>();
    public DbSet<ScoreRuleSet> ScoreRuleSets => Set<ScoreRuleSet>();
    public DbSet<ScoreMonthPin> ScoreMonthPins => Set<ScoreMonthPin>();
    public DbSet<ScorePublication> ScorePublications => Set<ScorePublication>();
    public DbSet<HigherAdoption> HigherAdoptions => Set<HigherAdoption>();
    public DbSet<LeaderInstruction> LeaderInstructions => Set<LeaderInstruction>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All instants are stored as UTC. SQLite hands DateTime back as Unspecified; PostgreSQL's
        // timestamptz refuses anything but Utc. The converter makes both say Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
