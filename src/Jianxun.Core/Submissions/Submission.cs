using Jianxun.Core.Organisation;

namespace Jianxun.Core.Submissions;

/// <summary>Where an article (稿件) stands in the review workflow.</summary>
public enum SubmissionStatus
{
    Draft = 0,
    AwaitingUnitReview = 1,
    Submitted = 2,
    Adopted = 3,
    Returned = 4,
    Declined = 5,
    Withdrawn = 6,
    Published = 7,

    /// <summary>Where <see cref="WorkflowAction.Delete"/> leads: never stored, the article is removed (the audit log keeps the record).</summary>
    Deleted = 8,
}

/// <summary>Who sent an article back, so that the fixed article goes back to the same desk.</summary>
public enum ReturnStage
{
    None = 0,
    UnitReview = 1,
    Editor = 2,
}

/// <summary>An article sent by one or more member units, with its photos, revisions and history.</summary>
public sealed class Submission
{
    public int Id { get; set; }
    public required string Title { get; set; }

    /// <summary>The body as plain-text paragraphs, in order (no HTML).</summary>
    public List<string> Paragraphs { get; set; } = [];

    public DateOnly? EventDate { get; set; }

    /// <summary>The writers, in credit-line order (【供稿：单位 作者】).</summary>
    public List<string> Authors { get; set; } = [];

    public string? ContactPhone { get; set; }

    public SubmissionStatus Status { get; set; }
    public ReturnStage ReturnedBy { get; set; }

    /// <summary>The first contributing unit; all of them (joint submissions) are in <see cref="Units"/>.</summary>
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public List<SubmissionUnit> Units { get; set; } = [];

    /// <summary>The column the contributor suggests, and the one the editor adopted it into.</summary>
    public int? ColumnHintId { get; set; }
    public int? AdoptedColumnId { get; set; }

    /// <summary>The call for contributions (约稿) this article answers, if any.</summary>
    public int? CallId { get; set; }

    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Optimistic concurrency: a save based on an older version is refused.</summary>
    public int Version { get; set; } = 1;

    public List<SubmissionPhoto> Photos { get; set; } = [];
    public List<SubmissionRevision> Revisions { get; set; } = [];
    public List<SubmissionEvent> Events { get; set; } = [];
}

public sealed class SubmissionUnit
{
    public int SubmissionId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int Order { get; set; }
}

/// <summary>A photo of an article, stored under the data directory and checked by its content.</summary>
public sealed class SubmissionPhoto
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public required string OriginalName { get; set; }
    public long Size { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string Sha256 { get; set; }
    public string Caption { get; set; } = "";
    public int Order { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>A snapshot of the article after one save by anyone; numbered from 1.</summary>
public sealed class SubmissionRevision
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public int Number { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Title { get; set; }
    public List<string> Paragraphs { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public DateOnly? EventDate { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// The photos as they stood after this save, in order (ADR-031); null for revisions saved before photos were recorded,
    /// whose photo list is unknown (the diff says so rather than guessing).
    /// </summary>
    public List<RevisionPhoto>? Photos { get; set; }
}

/// <summary>
/// One photo in a revision: <see cref="PhotoId"/> follows the photo through moves, caption edits and replacement (which
/// keeps the photo's place and id but changes <see cref="Sha256"/>); <see cref="Order"/> is its position, from 1.
/// </summary>
public sealed record RevisionPhoto(int PhotoId, string StoredName, string Sha256, string OriginalName, string Caption, int Order);

/// <summary>One workflow move (who, when, from, to, comment): the article's visible history.</summary>
public sealed class SubmissionEvent
{
    public long Id { get; set; }
    public int SubmissionId { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public WorkflowAction Action { get; set; }
    public SubmissionStatus From { get; set; }
    public SubmissionStatus To { get; set; }
    public string? Comment { get; set; }
}
