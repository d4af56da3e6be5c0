using Jianxun.Core.Organisation;

namespace Jianxun.Core.Issues;

public enum IssueStatus
{
    Draft = 0,
    AwaitingSignOff = 1,
    SignedOff = 2,
    Published = 3,
}

/// <summary>Where an issue came from: compiled and published here, or read back from an old bulletin.</summary>
public enum IssueSource
{
    Compiled = 0,
    Imported = 1,
}

/// <summary>
/// One numbered issue of a series (2026年第5期, 总第123期): compiled here from adopted articles, or
/// imported from an old PDF, text or DOCX. Published and imported issues together form the archive.
/// </summary>
public sealed class Issue
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public Series? Series { get; set; }

    public IssueSource Source { get; set; }
    public IssueStatus Status { get; set; }

    /// <summary>The year of the numbering (第N期 restarts every year); null when an import could not tell.</summary>
    public int? Year { get; set; }

    /// <summary>Number within the year (第N期).</summary>
    public int? Number { get; set; }

    /// <summary>Running total across years (总第N期).</summary>
    public int? TotalNumber { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>编者按, printed before the first column.</summary>
    public string? EditorsNote { get; set; }

    public string? DistributionBao { get; set; }
    public string? DistributionSong { get; set; }
    public string? DistributionFa { get; set; }
    public int? Copies { get; set; }

    /// <summary>
    /// The units whose readers may read the issue once published (发 list), copied from the series; empty means
    /// every signed-in user. The office's editors, signers and administrators always read everything.
    /// </summary>
    public List<int> ReaderUnitIds { get; set; } = [];

    /// <summary>The published revision: 1 at first publication, then one more per correction.</summary>
    public int Revision { get; set; }

    /// <summary>The correction line of the latest revision (更正：…).</summary>
    public string? Erratum { get; set; }

    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int? SignedOffById { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>For imports: the source file's name, SHA-256 (importing the same file twice changes nothing) and stored copy.</summary>
    public string? SourceFileName { get; set; }
    public string? SourceSha256 { get; set; }
    public string? SourceStoredName { get; set; }

    /// <summary>Optimistic concurrency for edits by several editors.</summary>
    public int Version { get; set; } = 1;

    public List<IssueSection> Sections { get; set; } = [];
    public List<IssueFile> Files { get; set; } = [];

    /// <summary>Every move of the issue (created, 送签, 签发, 退回, 撤回送签, 印发, 更正): its visible history.</summary>
    public List<IssueEvent> Events { get; set; } = [];

    public string Label => Year is int y && Number is int n ? $"{y}年第{n}期" : TotalNumber is int t ? $"总第{t}期" : Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A column as printed in one issue (its name is kept even if the series later renames the column).</summary>
public sealed class IssueSection
{
    public int Id { get; set; }
    public int IssueId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public bool IsBriefs { get; set; }

    /// <summary>The series column it was compiled from; null for imported sections that match none.</summary>
    public int? ColumnId { get; set; }

    public List<IssueItem> Items { get; set; } = [];
}

/// <summary>One article (or numbered brief) in an issue, as printed.</summary>
public sealed class IssueItem
{
    public int Id { get; set; }
    public int IssueId { get; set; }
    public int SectionId { get; set; }
    public int Order { get; set; }

    /// <summary>The adopted article it came from; null for imported items.</summary>
    public int? SubmissionId { get; set; }

    /// <summary>综合采用: the item merges several units' articles into one combined piece (scored as such).</summary>
    public bool IsCombined { get; set; }

    /// <summary>The headline; null for a brief.</summary>
    public string? Title { get; set; }

    /// <summary>The brief's number (1、2、3、) in a briefs column.</summary>
    public int? Number { get; set; }

    public List<string> Paragraphs { get; set; } = [];

    /// <summary>The credit line as printed, e.g. 【供稿：城投集团 林小禾】; editable per issue.</summary>
    public string? CreditLine { get; set; }

    public List<string> CreditUnits { get; set; } = [];
    public List<string> CreditAuthors { get; set; } = [];

    /// <summary>Units of the registry credited with the item (for rankings and unit pages).</summary>
    public List<int> UnitIds { get; set; } = [];

    /// <summary>Dates mentioned in the body (M月D日 as written), people with their titles (JSON), organisations: for the archive.</summary>
    public List<string> Dates { get; set; } = [];
    public string? PersonsJson { get; set; }
    public List<string> Organizations { get; set; } = [];

    /// <summary>First and last source line of an imported item, for highlighting the source.</summary>
    public int? SourceLineStart { get; set; }
    public int? SourceLineEnd { get; set; }
}

/// <summary>A rendered file of a published issue revision, never overwritten.</summary>
public sealed class IssueFile
{
    public int Id { get; set; }
    public int IssueId { get; set; }
    public int Revision { get; set; }

    /// <summary>pdf, docx or html.</summary>
    public required string Format { get; set; }

    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One move of an issue (who, when, from, to, comment), like <see cref="Submissions.SubmissionEvent"/> for articles.</summary>
public sealed class IssueEvent
{
    public long Id { get; set; }
    public int IssueId { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public IssueAction Action { get; set; }
    public IssueStatus From { get; set; }
    public IssueStatus To { get; set; }
    public string? Comment { get; set; }
}
