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
}

/// <summary>
/// An article sent by a member unit. The foundation defines what the home page lists need;
/// the workflow issue grows it (paragraphs as rows, writers, photos, revisions).
/// </summary>
public sealed class Submission
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public SubmissionStatus Status { get; set; }

    /// <summary>The unit that sent the article (the first unit of a joint submission).</summary>
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }

    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Optimistic concurrency: a save based on an older version is refused.</summary>
    public int Version { get; set; } = 1;
}
