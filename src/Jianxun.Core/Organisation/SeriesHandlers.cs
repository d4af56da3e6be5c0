using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Organisation;

public sealed record ColumnDto(int Id, string Name, int SortOrder, bool IsBriefs);

/// <summary>
/// A series. <see cref="Typesetting"/> holds only the fonts and sizes the series changes (null fields print with the
/// GB/T 9704 defaults); <see cref="ReaderUnitIds"/> is the default reading scope of its new issues (empty: everyone).
/// </summary>
public sealed record SeriesDto(int Id, string Name, string Issuer, int FirstTotalNumber, string? DistributionBao,
    string? DistributionSong, string? DistributionFa, int DefaultCopies, bool IsActive, IReadOnlyList<ColumnDto> Columns,
    SeriesTypesetting Typesetting, IReadOnlyList<int> ReaderUnitIds, int PageBudget);

/// <summary>A column in the order it should print; <see cref="Id"/> is null for a new column.</summary>
public sealed record SaveColumnRequest(int? Id, string Name, bool IsBriefs);

/// <summary>
/// A series as saved. <see cref="Typesetting"/> and <see cref="ReaderUnitIds"/> left out (null) keep their current values;
/// <c>{}</c> returns to the default typesetting and <c>[]</c> lets every signed-in user read new issues.
/// <see cref="PageBudget"/> left out keeps the current budget (a new series gets <see cref="Series.DefaultPageBudget"/>).
/// </summary>
public sealed record SaveSeriesRequest(string Name, string Issuer, int FirstTotalNumber, string? DistributionBao,
    string? DistributionSong, string? DistributionFa, int DefaultCopies, IReadOnlyList<SaveColumnRequest> Columns, bool IsActive = true,
    SeriesTypesetting? Typesetting = null, IReadOnlyList<int>? ReaderUnitIds = null, int? PageBudget = null);

/// <summary>Lists and maintains bulletin series and their ordered columns.</summary>
public sealed class SeriesHandlers(AppDbContext db, AuditLog audit, PublishingFonts fonts, ReadingScope reading)
{
    public async Task<IReadOnlyList<SeriesDto>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        var rows = await db.Series.AsNoTracking()
            .Where(s => includeInactive || s.IsActive)
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Issuer,
                s.FirstTotalNumber,
                s.DistributionBao,
                s.DistributionSong,
                s.DistributionFa,
                s.DefaultCopies,
                s.IsActive,
                s.Typesetting,
                s.ReaderUnitIds,
                s.PageBudget,
                Columns = s.Columns.Where(c => c.IsActive).OrderBy(c => c.SortOrder)
                    .Select(c => new ColumnDto(c.Id, c.Name, c.SortOrder, c.IsBriefs)).ToList(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(s => new SeriesDto(s.Id, s.Name, s.Issuer, s.FirstTotalNumber, s.DistributionBao, s.DistributionSong,
            s.DistributionFa, s.DefaultCopies, s.IsActive, s.Columns, SeriesTypesetting.FromJson(s.Typesetting), s.ReaderUnitIds, s.PageBudget))];
    }

    public async Task<SeriesDto> GetAsync(int id, CancellationToken ct)
        => (await ListAsync(includeInactive: true, ct)).FirstOrDefault(s => s.Id == id)
           ?? throw new NotFoundException("找不到该刊物。");

    public async Task<SeriesDto> CreateAsync(Actor actor, SaveSeriesRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var series = new Series { Name = "", Issuer = "" };
        await ApplyAsync(series, request, ct);
        db.Series.Add(series);
        await audit.SaveCreatedAsync(async () => audit.Record(actor, "series.created", nameof(Series), series.Id,
            $"新增刊物 {series.Name}，栏目：{string.Join("、", series.Columns.Select(c => c.Name))}"
            + (series.Typesetting is null ? "" : $"；版式：{series.Typesetting}")
            + (series.ReaderUnitIds.Count == 0 ? "" : $"；默认阅读范围：{await reading.DescribeAsync(series.ReaderUnitIds, ct)}")), ct);
        return await GetAsync(series.Id, ct);
    }

    public async Task<SeriesDto> UpdateAsync(Actor actor, int id, SaveSeriesRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        var series = await db.Series.Include(s => s.Columns).FirstOrDefaultAsync(s => s.Id == id, ct)
                     ?? throw new NotFoundException("找不到该刊物。");
        var (typesetting, readers, budget) = (series.Typesetting, series.ReaderUnitIds.ToList(), series.PageBudget);
        await ApplyAsync(series, request, ct);
        var details = $"修改刊物 {series.Name}，栏目：{string.Join("、", series.Columns.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Name))}";
        if (!string.Equals(typesetting, series.Typesetting, StringComparison.Ordinal))
        {
            details += $"；版式：{series.Typesetting ?? "默认"}";
        }
        if (!readers.SequenceEqual(series.ReaderUnitIds))
        {
            details += $"；默认阅读范围：{await reading.DescribeAsync(series.ReaderUnitIds, ct)}";
        }
        if (budget != series.PageBudget)
        {
            details += $"；版面：{budget} 页 → {series.PageBudget} 页";
        }
        audit.Record(actor, "series.updated", nameof(Series), series.Id, details);
        await db.SaveChangesAsync(ct);
        return await GetAsync(series.Id, ct);
    }

    private async Task ApplyAsync(Series series, SaveSeriesRequest request, CancellationToken ct)
    {
        var v = new Validator()
            .Require(request.Name, "name", "刊物名称", 50)
            .Require(request.Issuer, "issuer", "编印单位", 100)
            .Optional(request.DistributionBao, "distributionBao", "报送范围", 500)
            .Optional(request.DistributionSong, "distributionSong", "抄送范围", 500)
            .Optional(request.DistributionFa, "distributionFa", "发送范围", 500)
            .Check(request.FirstTotalNumber >= 1, "firstTotalNumber", "起始总期号必须是正整数。")
            .Check(request.DefaultCopies >= 0, "defaultCopies", "印数不能为负数。")
            .Check(request.PageBudget is null or (>= 1 and <= Series.MaxPageBudget), "pageBudget", $"版面页数必须在 1 到 {Series.MaxPageBudget} 之间。");
        var columns = (request.Columns ?? []).Select(c => c with { Name = c.Name?.Trim() ?? "" }).ToList();
        v.Check(columns.Count > 0, "columns", "请至少设置一个栏目。");
        v.Check(columns.All(c => c.Name.Length is > 0 and <= 30), "columns", "栏目名称不能为空，且不能超过 30 个字。");
        v.Check(columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == columns.Count, "columns", "栏目名称不能重复。");
        v.Check(columns.Count(c => c.IsBriefs) <= 1, "columns", "每个刊物最多只能有一个简讯（编号短讯）栏目。");
        var name = request.Name?.Trim() ?? "";
        if (v.IsValid)
        {
            v.Check(!await db.Series.AnyAsync(s => s.Id != series.Id && s.Name == name, ct), "name", $"已有名为“{name}”的刊物。");
        }
        foreach (var c in columns.Where(c => c.Id is not null))
        {
            v.Check(series.Columns.Any(x => x.Id == c.Id), "columns", $"栏目“{c.Name}”不属于该刊物。");
        }
        var typesetting = request.Typesetting?.Normalised();
        typesetting?.Validate(v, fonts.Catalog);
        var readers = request.ReaderUnitIds is null ? null : await reading.CleanUnitIdsAsync(v, request.ReaderUnitIds, "readerUnitIds", ct);
        v.ThrowIfInvalid();

        series.Name = name;
        series.Issuer = request.Issuer!.Trim();
        series.FirstTotalNumber = request.FirstTotalNumber;
        series.DistributionBao = Clean(request.DistributionBao);
        series.DistributionSong = Clean(request.DistributionSong);
        series.DistributionFa = Clean(request.DistributionFa);
        series.DefaultCopies = request.DefaultCopies;
        series.IsActive = request.IsActive;
        series.PageBudget = request.PageBudget ?? series.PageBudget;
        if (typesetting is not null)
        {
            series.Typesetting = typesetting.ToJson();
        }
        if (readers is not null)
        {
            series.ReaderUnitIds = readers;
        }

        // Columns that leave the list are kept but deactivated: issues already printed still refer to them.
        foreach (var existing in series.Columns)
        {
            existing.IsActive = false;
        }
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var column = series.Columns.FirstOrDefault(x => x.Id == c.Id && c.Id is not null)
                         ?? series.Columns.FirstOrDefault(x => string.Equals(x.Name, c.Name, StringComparison.Ordinal));
            if (column is null)
            {
                column = new SeriesColumn { Name = c.Name };
                series.Columns.Add(column);
            }
            column.Name = c.Name;
            column.IsBriefs = c.IsBriefs;
            column.SortOrder = i + 1;
            column.IsActive = true;
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
