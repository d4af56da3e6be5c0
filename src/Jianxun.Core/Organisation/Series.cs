namespace Jianxun.Core.Organisation;

/// <summary>A bulletin series (刊物), e.g. 国资简讯, numbered per year and with a running total.</summary>
public sealed class Series
{
    public int Id { get; set; }

    /// <summary>The name printed on the masthead.</summary>
    public required string Name { get; set; }

    /// <summary>编印单位, printed under the masthead at the left.</summary>
    public required string Issuer { get; set; }

    /// <summary>The running total (总第N期) of the first issue Jianxun numbers; earlier issues were made before Jianxun.</summary>
    public int FirstTotalNumber { get; set; } = 1;

    /// <summary>Default distribution lines (报：/送：/发：), copied into each new issue and editable there.</summary>
    public string? DistributionBao { get; set; }
    public string? DistributionSong { get; set; }
    public string? DistributionFa { get; set; }

    public int DefaultCopies { get; set; }

    /// <summary>Default reading scope of new issues (units whose readers may read them); empty means everyone signed in.</summary>
    public List<int> ReaderUnitIds { get; set; } = [];

    /// <summary>Fonts and sizes of this series as JSON (overrides of the GB/T 9704 defaults); null uses the defaults.</summary>
    public string? Typesetting { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// 版面: how many A4 pages an issue of this series should fill at most. The compile page warns when an issue runs
    /// past it; printing is never refused for it (ADR-026).
    /// </summary>
    public int PageBudget { get; set; } = DefaultPageBudget;

    /// <summary>Four pages: one folded A3 sheet, the usual size of a district bulletin.</summary>
    public const int DefaultPageBudget = 4;

    /// <summary>The most pages a budget may name.</summary>
    public const int MaxPageBudget = 64;

    public List<SeriesColumn> Columns { get; set; } = [];
}

/// <summary>A column (栏目) of a series, in print order; at most one per series holds the numbered briefs.</summary>
public sealed class SeriesColumn
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsBriefs { get; set; }
    public bool IsActive { get; set; } = true;
}
