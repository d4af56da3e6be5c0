using Jianxun.Core.Submissions;

namespace Jianxun.Core.Scoring;

/// <summary>
/// A version of the assessment rules (考核细则), in force from the first day of a month until a later
/// rule set starts. The rules themselves are JSON (<see cref="ScoreRules"/>) and never change once saved:
/// editing a rule set saves a new one that supersedes it, so that a month pinned to the old one keeps it.
/// </summary>
public sealed class ScoreRuleSet
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Always the first day of a month: a month is scored by one rule set.</summary>
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The rules as JSON (<see cref="ScoreRules"/>).</summary>
    public required string Definition { get; set; }

    public string? Note { get; set; }
    public int? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when an edit replaced this version; superseded versions still score the months pinned to them.</summary>
    public int? SupersededById { get; set; }
    public DateTime? SupersededAt { get; set; }
}

/// <summary>
/// Which rule set scores a month that has ended. Pinned before any rule change that would touch the month,
/// and re-pinned only by an administrator's recompute (audited): past periods keep the rules of their time.
/// </summary>
public sealed class ScoreMonthPin
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int RuleSetId { get; set; }
    public DateTime PinnedAt { get; set; }
    public int? PinnedById { get; set; }
}

/// <summary>A ranking the office has published to the units (a month, a quarter or a year).</summary>
public sealed class ScorePublication
{
    public int Id { get; set; }

    /// <summary>2026-03, 2026-Q1 or 2026.</summary>
    public required string Period { get; set; }

    public DateTime PublishedAt { get; set; }
    public int? PublishedById { get; set; }
}

/// <summary>上级采用: an article was also taken up by a higher body's publication.</summary>
public sealed class HigherAdoption
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The key of a <see cref="HigherAdoptionRule"/> (e.g. district-daily), kept as recorded.</summary>
    public required string Kind { get; set; }

    /// <summary>The body that adopted it (区委办公室) and its publication (《每日要情》).</summary>
    public required string Body { get; set; }

    public required string Publication { get; set; }
    public string? Note { get; set; }
    public int? RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>领导批示: a leader wrote an instruction on an article.</summary>
public sealed class LeaderInstruction
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The key of an <see cref="InstructionRule"/> (the leader's level, e.g. city-principal).</summary>
    public required string Level { get; set; }

    public string? LeaderName { get; set; }
    public required string Text { get; set; }

    /// <summary>An optional scan of the instruction, stored like photos.</summary>
    public string? ScanStoredName { get; set; }

    public string? ScanContentType { get; set; }
    public string? ScanOriginalName { get; set; }
    public int? RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTime RecordedAt { get; set; }
}
