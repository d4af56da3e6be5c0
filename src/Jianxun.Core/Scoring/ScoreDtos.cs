namespace Jianxun.Core.Scoring;

public sealed record RuleSetDto(int Id, string Name, DateOnly EffectiveFrom, string? Note, DateTime CreatedAt, string? CreatedBy,
    int? SupersededById, DateTime? SupersededAt, bool InForce, ScoreRules Rules);

public sealed record SaveRuleSetRequest(string? Name, DateOnly? EffectiveFrom, string? Note, ScoreRules? Rules);

public sealed record RecordHigherAdoptionRequest(DateOnly? Date, string? Kind, string? Body, string? Publication, string? Note);

public sealed record RecordInstructionRequest(DateOnly? Date, string? Level, string? LeaderName, string? Text);

public sealed record HigherAdoptionDto(int Id, int SubmissionId, DateOnly Date, string Kind, string KindName, string Body,
    string Publication, string? Note, string RecordedBy, DateTime RecordedAt);

public sealed record InstructionDto(int Id, int SubmissionId, DateOnly Date, string Level, string LevelName, string? LeaderName,
    string Text, bool HasScan, string RecordedBy, DateTime RecordedAt);

/// <summary>What an article has earned beyond our own adoption, and the choices the rules in force offer for recording more.</summary>
public sealed record SubmissionScoreEventsDto(IReadOnlyList<HigherAdoptionDto> HigherAdoptions, IReadOnlyList<InstructionDto> Instructions,
    IReadOnlyList<HigherAdoptionRule> HigherKinds, IReadOnlyList<InstructionRule> InstructionLevels);

/// <summary>A ranking as the pages, the API and the exports show it.</summary>
public sealed record RankingDto(
    string Period,
    string PeriodLabel,
    string? Group,
    IReadOnlyList<string> Groups,
    bool IsPublished,
    DateTime? PublishedAt,
    bool IsFinal,
    IReadOnlyList<RankingRowDto> Rows,
    IReadOnlyList<RuleSetUseDto> RuleSets);

public sealed record RankingRowDto(int UnitId, string Unit, string? PeerGroup, int Rank, decimal Points, int Sent, int Adopted,
    double? AdoptionRate, int HigherAdopted, int Instructions, int QuotaPeriodsMet, int QuotaPeriods, int CallsAnswered, int CallsAsked,
    IReadOnlyDictionary<string, decimal> ByCategory);

public sealed record RuleSetUseDto(int Id, string Name, DateOnly EffectiveFrom, IReadOnlyList<string> Months);

/// <summary>One unit's score for a period opened into its lines, with its monthly trend over the period's year.</summary>
public sealed record UnitBreakdownDto(
    int UnitId,
    string Unit,
    string Period,
    string PeriodLabel,
    RankingRowDto Score,
    int? RankInGroup,
    int? GroupSize,
    IReadOnlyList<ScoreLineDto> Lines,
    IReadOnlyList<MonthPointDto> Trend);

public sealed record ScoreLineDto(DateOnly Date, string Category, string Item, string Rule, decimal Points, int? RuleSetId, string? Link);

public sealed record MonthPointDto(string Month, int MonthNumber, decimal Points, int Adopted, int Sent);
