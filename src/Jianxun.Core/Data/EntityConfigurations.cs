using System.Text.Json;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Issues;
using Jianxun.Core.Notifications;
using Jianxun.Core.Organisation;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianxun.Core.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.ShortName).HasMaxLength(30);
        b.Property(u => u.PeerGroup).HasMaxLength(50);
        b.HasIndex(u => u.Name).IsUnique();
        b.HasIndex(u => u.ShortName).IsUnique();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> b)
    {
        b.Property(s => s.Name).HasMaxLength(50);
        b.Property(s => s.Issuer).HasMaxLength(100);
        b.Property(s => s.DistributionBao).HasMaxLength(500);
        b.Property(s => s.DistributionSong).HasMaxLength(500);
        b.Property(s => s.DistributionFa).HasMaxLength(500);
        b.Property(s => s.Typesetting).HasMaxLength(4000);
        b.HasIndex(s => s.Name).IsUnique();
        b.HasMany(s => s.Columns).WithOne().HasForeignKey(c => c.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SeriesColumnConfiguration : IEntityTypeConfiguration<SeriesColumn>
{
    public void Configure(EntityTypeBuilder<SeriesColumn> b)
    {
        b.Property(c => c.Name).HasMaxLength(30);
        b.HasIndex(c => new { c.SeriesId, c.Name }).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.Property(s => s.Title).HasMaxLength(SubmissionHandlers.MaxTitleLength);
        b.Property(s => s.ContactPhone).HasMaxLength(SubmissionHandlers.MaxContactPhoneLength);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.ReturnedBy).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SeriesColumn>().WithMany().HasForeignKey(s => s.ColumnHintId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SeriesColumn>().WithMany().HasForeignKey(s => s.AdoptedColumnId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CallForContributions>().WithMany().HasForeignKey(s => s.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Units).WithOne().HasForeignKey(u => u.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Photos).WithOne().HasForeignKey(p => p.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Revisions).WithOne().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Events).WithOne().HasForeignKey(e => e.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.Status, s.SubmittedAt });
        b.HasIndex(s => new { s.UnitId, s.Status });
        b.HasIndex(s => s.CreatedById);
    }
}

internal sealed class SubmissionUnitConfiguration : IEntityTypeConfiguration<SubmissionUnit>
{
    public void Configure(EntityTypeBuilder<SubmissionUnit> b)
    {
        b.HasKey(u => new { u.SubmissionId, u.UnitId });
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.UnitId);
    }
}

internal sealed class SubmissionPhotoConfiguration : IEntityTypeConfiguration<SubmissionPhoto>
{
    public void Configure(EntityTypeBuilder<SubmissionPhoto> b)
    {
        b.Property(p => p.StoredName).HasMaxLength(200);
        b.Property(p => p.ContentType).HasMaxLength(50);
        b.Property(p => p.OriginalName).HasMaxLength(200);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.Caption).HasMaxLength(SubmissionHandlers.MaxCaptionLength);
    }
}

internal sealed class SubmissionRevisionConfiguration : IEntityTypeConfiguration<SubmissionRevision>
{
    private static readonly JsonSerializerOptions RevisionPhotoJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Configure(EntityTypeBuilder<SubmissionRevision> b)
    {
        b.Property(r => r.UserName).HasMaxLength(256);
        b.Property(r => r.Title).HasMaxLength(SubmissionHandlers.MaxTitleLength);
        b.Property(r => r.Note).HasMaxLength(100);
        // The photo list as JSON text on both providers (a revision is written once and read whole): null = not recorded.
        b.Property(r => r.Photos).HasConversion(
            v => v == null ? null : JsonSerializer.Serialize(v, RevisionPhotoJson),
            v => v == null ? null : JsonSerializer.Deserialize<List<RevisionPhoto>>(v, RevisionPhotoJson),
            new ValueComparer<List<RevisionPhoto>?>(
                (a, c) => a == null ? c == null : c != null && a.SequenceEqual(c),
                v => v == null ? 0 : v.Aggregate(0, (h, p) => HashCode.Combine(h, p.GetHashCode())),
                v => v == null ? null : v.ToList()));
        b.HasIndex(r => new { r.SubmissionId, r.Number }).IsUnique();
    }
}

internal sealed class SubmissionEventConfiguration : IEntityTypeConfiguration<SubmissionEvent>
{
    public void Configure(EntityTypeBuilder<SubmissionEvent> b)
    {
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.From).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.To).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Comment).HasMaxLength(2000);
    }
}

internal sealed class IssueEventConfiguration : IEntityTypeConfiguration<IssueEvent>
{
    public void Configure(EntityTypeBuilder<IssueEvent> b)
    {
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.From).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.To).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Comment).HasMaxLength(2000);
    }
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<CallForContributions>
{
    public void Configure(EntityTypeBuilder<CallForContributions> b)
    {
        b.ToTable("Calls");
        b.Property(c => c.Topic).HasMaxLength(100);
        b.Property(c => c.Description).HasMaxLength(2000);
        b.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallUnitConfiguration : IEntityTypeConfiguration<CallUnit>
{
    public void Configure(EntityTypeBuilder<CallUnit> b)
    {
        b.HasKey(u => new { u.CallId, u.UnitId });
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Text).HasMaxLength(500);
        b.Property(n => n.Link).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

internal sealed class IssueConfiguration : IEntityTypeConfiguration<Issue>
{
    public void Configure(EntityTypeBuilder<Issue> b)
    {
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.EditorsNote).HasMaxLength(2000);
        b.Property(i => i.DistributionBao).HasMaxLength(500);
        b.Property(i => i.DistributionSong).HasMaxLength(500);
        b.Property(i => i.DistributionFa).HasMaxLength(500);
        b.Property(i => i.Erratum).HasMaxLength(500);
        b.Property(i => i.SourceFileName).HasMaxLength(260);
        b.Property(i => i.SourceSha256).HasMaxLength(64);
        b.Property(i => i.SourceStoredName).HasMaxLength(200);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.Label);
        b.HasOne(i => i.Series).WithMany().HasForeignKey(i => i.SeriesId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Sections).WithOne().HasForeignKey(s => s.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Files).WithOne().HasForeignKey(f => f.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.IssueId).OnDelete(DeleteBehavior.Cascade);
        // Numbers are assigned without gaps or duplicates: the database refuses a second issue with the same number.
        b.HasIndex(i => new { i.SeriesId, i.Year, i.Number }).IsUnique();
        b.HasIndex(i => new { i.SeriesId, i.TotalNumber }).IsUnique();
        b.HasIndex(i => i.SourceSha256);
        b.HasIndex(i => new { i.Status, i.Date });
    }
}

internal sealed class IssueSectionConfiguration : IEntityTypeConfiguration<IssueSection>
{
    public void Configure(EntityTypeBuilder<IssueSection> b)
    {
        b.Property(s => s.Name).HasMaxLength(50);
        b.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SeriesColumn>().WithMany().HasForeignKey(s => s.ColumnId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssueItemConfiguration : IEntityTypeConfiguration<IssueItem>
{
    public void Configure(EntityTypeBuilder<IssueItem> b)
    {
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.CreditLine).HasMaxLength(300);
        // Items go with their section (cascade); this second path to the issue must not block that.
        b.HasOne<Issue>().WithMany().HasForeignKey(i => i.IssueId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Submission>().WithMany().HasForeignKey(i => i.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.SubmissionId);
    }
}

internal sealed class IssueFileConfiguration : IEntityTypeConfiguration<IssueFile>
{
    public void Configure(EntityTypeBuilder<IssueFile> b)
    {
        b.Property(f => f.Format).HasMaxLength(10);
        b.Property(f => f.StoredName).HasMaxLength(200);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.HasIndex(f => new { f.IssueId, f.Revision, f.Format }).IsUnique();
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.UserAgent).HasMaxLength(UserSessions.MaxUserAgentLength);
        b.Property(s => s.ClientAddress).HasMaxLength(64);
        b.Property(s => s.EndReason).HasMaxLength(20);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

internal sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> b)
    {
        // The roles are part of the schema, not of the data: every database has them from its first migration.
        b.HasData(Roles.All.Select((r, i) => new AppRole(r)
        {
            Id = i + 1,
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = $"role-{i + 1}",
        }));
    }
}

internal sealed class ScoreRuleSetConfiguration : IEntityTypeConfiguration<ScoreRuleSet>
{
    public void Configure(EntityTypeBuilder<ScoreRuleSet> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Note).HasMaxLength(1000);
        b.Property(r => r.Definition).HasMaxLength(100_000);
        b.HasIndex(r => r.EffectiveFrom);
    }
}

internal sealed class ScoreMonthPinConfiguration : IEntityTypeConfiguration<ScoreMonthPin>
{
    public void Configure(EntityTypeBuilder<ScoreMonthPin> b)
    {
        b.HasIndex(p => new { p.Year, p.Month }).IsUnique();
        b.HasOne<ScoreRuleSet>().WithMany().HasForeignKey(p => p.RuleSetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScorePublicationConfiguration : IEntityTypeConfiguration<ScorePublication>
{
    public void Configure(EntityTypeBuilder<ScorePublication> b)
    {
        b.Property(p => p.Period).HasMaxLength(10);
        b.HasIndex(p => p.Period).IsUnique();
    }
}

internal sealed class HigherAdoptionConfiguration : IEntityTypeConfiguration<HigherAdoption>
{
    public void Configure(EntityTypeBuilder<HigherAdoption> b)
    {
        b.Property(h => h.Kind).HasMaxLength(50);
        b.Property(h => h.Body).HasMaxLength(100);
        b.Property(h => h.Publication).HasMaxLength(100);
        b.Property(h => h.Note).HasMaxLength(500);
        b.Property(h => h.RecordedByName).HasMaxLength(256);
        b.HasOne(h => h.Submission).WithMany().HasForeignKey(h => h.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => h.Date);
    }
}

internal sealed class LeaderInstructionConfiguration : IEntityTypeConfiguration<LeaderInstruction>
{
    public void Configure(EntityTypeBuilder<LeaderInstruction> b)
    {
        b.Property(i => i.Level).HasMaxLength(50);
        b.Property(i => i.LeaderName).HasMaxLength(50);
        b.Property(i => i.Text).HasMaxLength(2000);
        b.Property(i => i.ScanStoredName).HasMaxLength(200);
        b.Property(i => i.ScanContentType).HasMaxLength(100);
        b.Property(i => i.ScanOriginalName).HasMaxLength(260);
        b.Property(i => i.RecordedByName).HasMaxLength(256);
        b.HasOne(i => i.Submission).WithMany().HasForeignKey(i => i.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.Date);
    }
}
