using Jianxun.Core.Organisation;

namespace Jianxun.Core.Issues;

public enum IssueStatus
{
    Draft = 0,
    AwaitingSignOff = 1,
    SignedOff = 2,
    Published = 3,
}

/// <summary>
/// One numbered issue of a series (2026年第5期, 总第123期). The publishing issue grows it with
/// its columns, articles and rendered files; imported issues from old PDFs are issues too.
/// </summary>
public sealed class Issue
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public Series? Series { get; set; }

    public int Year { get; set; }

    /// <summary>Number within the year (第N期).</summary>
    public int Number { get; set; }

    /// <summary>Running total across years (总第N期).</summary>
    public int TotalNumber { get; set; }

    public DateOnly Date { get; set; }
    public IssueStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    public string Label => $"{Year}年第{Number}期";
}
