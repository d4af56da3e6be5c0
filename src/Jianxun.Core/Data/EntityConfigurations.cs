using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Submissions;
using Microsoft.EntityFrameworkCore;
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
        b.Property(s => s.Title).HasMaxLength(100);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.Status, s.SubmittedAt });
        b.HasIndex(s => new { s.UnitId, s.Status });
    }
}

internal sealed class IssueConfiguration : IEntityTypeConfiguration<Issue>
{
    public void Configure(EntityTypeBuilder<Issue> b)
    {
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
        b.Ignore(i => i.Label);
        b.HasOne(i => i.Series).WithMany().HasForeignKey(i => i.SeriesId).OnDelete(DeleteBehavior.Restrict);
        // Numbers are assigned without gaps or duplicates: the database refuses a second issue with the same number.
        b.HasIndex(i => new { i.SeriesId, i.Year, i.Number }).IsUnique();
        b.HasIndex(i => new { i.SeriesId, i.TotalNumber }).IsUnique();
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
