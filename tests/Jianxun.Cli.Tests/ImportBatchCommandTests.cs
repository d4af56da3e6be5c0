using System.Text;
using System.Text.Json;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Tests;

/// <summary>Invented bulletins for the warning and numbering runs (ADR-028).</summary>
internal static class BatchInputs
{
    /// <summary>A bulletin whose [国企动态] second article has no title line.</summary>
    public static byte[] Untitled(int number) => Encoding.UTF8.GetBytes($"""
        ● 国资简讯

        2024年第{number}期（总第{100 + number}期）

        [国企动态]

        城投集团开展安全生产月活动

        6月3日，城投集团开展安全生产月活动，组织员工观看警示教育片。

        活动现场发放宣传资料两百余份。

        【供稿：城投集团 林小禾】

        6月5日，城投集团组织开展防汛应急演练，检验了抢险队伍的快速反应能力。

        演练结束后，参演人员对流程作了复盘。

        【供稿：城投集团 周一苇】

        """);

    /// <summary>A bulletin that states neither number nor date: one article on <paramref name="day"/> (M月D日).</summary>
    public static byte[] Unnumbered(string title, string day) => Encoding.UTF8.GetBytes($"""
        ● 国资简讯

        [国企动态]

        {title}

        {day}，城投集团召开专题会议，研究部署下一阶段重点工作。

        会议要求各项目公司压实责任，确保各项任务按期完成。

        【供稿：城投集团 林小禾】

        """);
}

/// <summary><c>jianxun import</c>: doubts as warnings, <c>--strict</c>, and the numbering of a batch, on each database.</summary>
public abstract class ImportBatchCommandTests(DatabaseKind kind) : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _inputs = new();
    private TestDatabase? _database;

    private Dictionary<string, string?> Settings() => new()
    {
        ["Jianxun:DataDirectory"] = _data.Path,
        ["Jianxun:Database"] = kind.ToString(),
        ["ConnectionStrings:Jianxun"] = _database?.ConnectionString,
    };

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        TestDatabase.SkipIfUnavailable(kind);
        _database ??= new TestDatabase(kind);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JianxunCli.RunAsync(args, new CliConsole(new StringReader(""), output, error), Settings());
        return (exit, output.ToString(), error.ToString());
    }

    private async Task SeedAsync()
    {
        Assert.Equal(0, (await RunAsync("db", "migrate")).Exit);
        await using var sp = JianxunCli.BuildServices(Settings());
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Units.Add(new Unit { Name = "云澜区城市建设投资集团有限公司", ShortName = "城投集团" });
        db.Series.Add(new Series { Name = "国资简讯", Issuer = "云澜区国资委办公室", Columns = [new SeriesColumn { Name = "国企动态", SortOrder = 1 }] });
        await db.SaveChangesAsync();
    }

    private async Task<List<Issue>> IssuesAsync()
    {
        await using var sp = JianxunCli.BuildServices(Settings());
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Issues.AsNoTracking().Include(i => i.Sections).ThenInclude(s => s.Items).OrderBy(i => i.Id).ToListAsync();
    }

    private string Write(string name, byte[] content) => ImportInputs.Write(_inputs.Path, name, content);

    [SkippableFact]
    public async Task Import_UntitledArticle_ImportsTheBulletinAndPrintsTheWarningWithItsLine()
    {
        await SeedAsync();
        var file = Write("untitled.txt", BatchInputs.Untitled(9));

        var run = await RunAsync("import", file);

        Assert.True(run.Exit == 0, run.Out + run.Error);
        Assert.Contains("已导入 untitled.txt → 国资简讯 2024年第9期，2 篇", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"  提示：“国企动态”第 2 篇没有标题，导入时暂以正文开头“6月5日，城投集团组织开展防汛应急演练，检验了抢…”作标题，请补上。（原文第 \d+ 行）", run.Out);
        var items = Assert.Single(await IssuesAsync()).Sections.Single().Items.OrderBy(i => i.Order).ToList();
        Assert.Equal(["城投集团开展安全生产月活动", "6月5日，城投集团组织开展防汛应急演练，检验了抢…"], items.Select(i => i.Title));
        Assert.Equal(["城投集团"], items[1].CreditUnits);
    }

    [SkippableFact]
    public async Task Import_StrictWithUntitledArticle_RefusedAsBeforeAndNothingSaved()
    {
        await SeedAsync();
        var file = Write("untitled.txt", BatchInputs.Untitled(9));

        var run = await RunAsync("import", file, "--strict");

        Assert.Equal(1, run.Exit);
        Assert.Contains("失败 untitled.txt：请填写“国企动态”第 2 篇的标题", run.Out, StringComparison.Ordinal);
        Assert.Empty(await IssuesAsync());
    }

    [SkippableFact]
    public async Task Import_NumbersInFileNames_ABatchWithoutFlagsTakesEachFromItsName()
    {
        await SeedAsync();
        var files = new[]
        {
            Write("2024-05.txt", BatchInputs.Unnumbered("城投集团召开五月专题会议", "5月8日")),
            Write("第6期.txt", BatchInputs.Unnumbered("城投集团召开六月专题会议", "6月8日")),
            Write("国资简讯2024年第7期（总第128期）.txt", BatchInputs.Unnumbered("城投集团召开七月专题会议", "7月8日")),
        };

        var run = await RunAsync(["import", .. files, "--year", "2024"]);

        Assert.True(run.Exit == 0, run.Out + run.Error);
        Assert.Contains("按文件名“2024-05.txt”取为 年份 2024，期号 5", run.Out, StringComparison.Ordinal);
        var issues = await IssuesAsync();
        Assert.Equal([(2024, 5, (int?)null, new DateOnly(2024, 5, 8)), (2024, 6, null, new DateOnly(2024, 6, 8)), (2024, 7, 128, new DateOnly(2024, 7, 8))],
            issues.Select(i => (i.Year, i.Number, i.TotalNumber, i.Date)));
    }

    [SkippableFact]
    public async Task Import_ByDate_ContinuesTheSeriesFromTheArchiveInDateOrder()
    {
        await SeedAsync();
        Assert.Equal(0, (await RunAsync("import", Write("2024-03.txt", BatchInputs.Unnumbered("城投集团召开三月专题会议", "3月8日")))).Exit);
        var june = Write("jx20240610.txt", BatchInputs.Unnumbered("城投集团召开六月专题会议", "6月8日"));
        var may = Write("jx20240520.txt", BatchInputs.Unnumbered("城投集团召开五月专题会议", "5月8日"));

        var without = await RunAsync("import", june, may);
        Assert.Equal(1, without.Exit);
        Assert.Contains("失败 jx20240610.txt：请填写期号或总期号", without.Out, StringComparison.Ordinal);
        Assert.Contains("--numbering by-date", without.Out, StringComparison.Ordinal);

        var run = await RunAsync("import", june, may, "--numbering", "by-date");

        Assert.True(run.Exit == 0, run.Out + run.Error);
        Assert.Contains("已导入 jx20240610.txt → 国资简讯 2024年第5期", run.Out, StringComparison.Ordinal);
        Assert.Contains("按出刊日期续编为 2024年第4期 2024-05-20", run.Out, StringComparison.Ordinal);
        Assert.Equal([(3, new DateOnly(2024, 3, 8)), (4, new DateOnly(2024, 5, 20)), (5, new DateOnly(2024, 6, 10))],
            (await IssuesAsync()).OrderBy(i => i.Date).Select(i => (i.Number ?? 0, i.Date)));
    }

    [SkippableFact]
    public async Task Import_ManifestWithChineseHeaders_OverridesTheFileAndABadRowFailsOnlyItsFile()
    {
        await SeedAsync();
        var a = Write("甲.txt", BatchInputs.Unnumbered("城投集团召开甲专题会议", "5月8日"));
        var b = Write("2024-02.txt", BatchInputs.Unnumbered("城投集团召开乙专题会议", "5月9日"));
        var c = Write("丙.txt", BatchInputs.Unnumbered("城投集团召开丙专题会议", "5月10日"));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var manifest = Write("清单.csv", Encoding.GetEncoding("GB18030").GetBytes(
            "文件,年份,期号,总期号,出刊日期\n甲.txt,2024,11,211,2024-05-12\n2024-02.txt,2024,12,,2024/5/13\n丙.txt,2024,13,,5月14日\n"));

        var run = await RunAsync("import", a, b, c, "--manifest", manifest);

        Assert.Equal(1, run.Exit);
        Assert.Contains("失败 丙.txt：清单 清单.csv 第 4 行：出刊日期“5月14日”应写成 2024-05-20。", run.Out, StringComparison.Ordinal);
        Assert.Contains("清单 清单.csv 第 3 行与文件不一致：文件（或文件名）为 2024年第2期", run.Out, StringComparison.Ordinal);
        Assert.Equal([(11, (int?)211, new DateOnly(2024, 5, 12)), (12, null, new DateOnly(2024, 5, 13))],
            (await IssuesAsync()).Select(i => (i.Number ?? 0, i.TotalNumber, i.Date)));
    }

    [SkippableFact]
    public async Task Import_TwoFilesClaimingOneNumber_BothFailNamingEachOtherAndTheBatchGoesOn()
    {
        await SeedAsync();
        var first = Write("2024-08.txt", BatchInputs.Unnumbered("城投集团召开八月专题会议", "8月8日"));
        var second = Write("2024_8.txt", BatchInputs.Unnumbered("城投集团召开另一次八月会议", "8月9日"));
        var third = Write("2024-09.txt", BatchInputs.Unnumbered("城投集团召开九月专题会议", "9月8日"));

        var run = await RunAsync("import", first, second, third);

        Assert.Equal(1, run.Exit);
        Assert.Contains("失败 2024-08.txt：与 2024_8.txt 同为国资简讯 2024年第8期，都未导入", run.Out, StringComparison.Ordinal);
        Assert.Contains("失败 2024_8.txt：与 2024-08.txt 同为国资简讯 2024年第8期，都未导入", run.Out, StringComparison.Ordinal);
        Assert.Contains("已导入 2024-09.txt → 国资简讯 2024年第9期", run.Out, StringComparison.Ordinal);
        Assert.Contains("共 3 个文件：导入 1，已导入过 0，失败 2。", run.Out, StringComparison.Ordinal);
        Assert.Equal([9], (await IssuesAsync()).Select(i => i.Number ?? 0));
    }

    public void Dispose()
    {
        _database?.Dispose();
        _inputs.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteImportBatchCommandTests() : ImportBatchCommandTests(DatabaseKind.Sqlite);

public sealed class PostgresImportBatchCommandTests() : ImportBatchCommandTests(DatabaseKind.Postgres);

/// <summary>The JSON of <c>--dry-run --json</c> (no database) carries the warnings.</summary>
public sealed class ImportWarningJsonTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task ImportDryRunJson_UntitledArticle_JsonCarriesTheWarningAndTheReportPrintsIt()
    {
        var input = ImportInputs.Write(_dir.Path, "untitled.txt", BatchInputs.Untitled(9));
        var settings = new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = Path.Combine(_dir.Path, "data"),
            ["Jianxun:Database"] = "Postgres",
            ["ConnectionStrings:Jianxun"] = "Host=nowhere.invalid;Database=none;Username=none;Timeout=1",
        };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await JianxunCli.RunAsync(["import", input, "--dry-run", "--json", "-"], new CliConsole(new StringReader(""), output, error), settings);

        Assert.True(exit == 0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var warning = json.RootElement.GetProperty("warnings")[0];
        Assert.Equal(("UntitledArticle", 0, 1), (warning.GetProperty("kind").GetString(), warning.GetProperty("sectionIndex").GetInt32(), warning.GetProperty("articleIndex").GetInt32()));
        Assert.Contains("  提示：“国企动态”第 2 篇没有标题", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
