using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Publishing;
using Jianxun.Testing;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jianxun.Cli.Tests;

/// <summary>Input files for the import command, written to a temporary directory.</summary>
internal static class ImportInputs
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Copy(string directory, string fixture, string? name = null)
    {
        var path = Path.Combine(directory, name ?? fixture);
        File.Copy(Fixture(fixture), path, overwrite: true);
        return path;
    }

    /// <summary>What a PDF whose reader process was stopped is refused with (ADR-019): the memory limit, or on a starved machine the time limit.</summary>
    public static string[] ReaderRefusals =>
    [
        UserFileLimits.PdfReaderMemoryRefusal(UserFileLimits.MaxPdfReaderMemoryBytes),
        UserFileLimits.PdfReaderTimeRefusal(UserFileLimits.ImportTimeBudget),
    ];

    public static string Write(string directory, string name, byte[] content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A bulletin typeset by Jianxun's own PDF engine: 2025年第12期, 总第88期, two columns.</summary>
    public static byte[] RenderedPdf() => new PdfIssueRenderer().Render(new IssueDocument
    {
        SeriesName = "国资简讯",
        IssueLabel = "2025年第12期",
        TotalNumber = "总第88期",
        Issuer = "云澜区国资委办公室编",
        Date = new DateOnly(2025, 6, 30),
        Columns =
        [
            new IssueColumn
            {
                Name = "国企动态",
                Articles =
                [
                    new IssueArticle
                    {
                        Title = "城投集团召开安全生产暨防汛工作部署会议",
                        Paragraphs =
                        [
                            "6月12日上午，城投集团召开安全生产暨防汛工作部署会议，集团党委书记、董事长宋怀远出席会议并讲话。",
                            "会议要求各单位压实责任链条，强化值班值守，确保安全度汛。",
                        ],
                        CreditLine = "【供稿：城投集团 邵明川】",
                    },
                ],
            },
            new IssueColumn
            {
                Name = "简讯",
                IsBriefs = true,
                Articles =
                [
                    new IssueArticle { Paragraphs = ["6月20日，文旅集团开展文明宣讲活动。"] },
                    new IssueArticle { Paragraphs = ["6月25日，水务集团完成管网改造工程验收。"] },
                ],
            },
        ],
    });

    public static byte[] EncryptedPdf()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawRectangle(XBrushes.Black, 10, 10, 50, 50);
        }
        document.SecuritySettings.UserPassword = "secret";
        document.SecuritySettings.OwnerPassword = "owner";
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>A "scan": one page holding only a picture, no text layer.</summary>
    public static byte[] ScannedPdf()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        using (var image = XImage.FromStream(new MemoryStream(TestImages.Png(200, 280))))
        {
            gfx.DrawImage(image, 20, 20, 500, 700);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>A sparse file one byte over the 200 MB limit (takes no disk space, and must never be read).</summary>
    public static string Huge(string directory)
    {
        var path = Path.Combine(directory, "huge.pdf");
        using var stream = File.Create(path);
        stream.SetLength((200L * 1024 * 1024) + 1);
        return path;
    }
}

/// <summary><c>jianxun import --dry-run --json</c> needs no database: the settings here point at none that exists.</summary>
public sealed class ImportJsonCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = Path.Combine(_dir.Path, "data"),
            ["Jianxun:Database"] = "Postgres",
            ["ConnectionStrings:Jianxun"] = "Host=nowhere.invalid;Database=none;Username=none;Timeout=1",
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JianxunCli.RunAsync(args, new CliConsole(new StringReader(""), output, error), settings);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ImportDryRunJson_Stdout_PrintsBulletinJsonOnly()
    {
        var input = ImportInputs.Copy(_dir.Path, "003_inline.txt");

        var (exit, stdout, stderr) = await RunAsync("import", input, "--dry-run", "--json", "-");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("简讯", json.RootElement.GetProperty("masthead").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("issueNumber").GetInt32());
        Assert.Equal("区国资委开展国有企业负责人经营业绩考核", json.RootElement.GetProperty("sections")[0].GetProperty("articles")[0].GetProperty("title").GetString());
        Assert.Contains("已读取 003_inline.txt", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "data", "imports")));
    }

    [Fact]
    public async Task ImportDryRunJson_Directory_WritesNameJsonPerInputAndReportsFailures()
    {
        var a = ImportInputs.Copy(_dir.Path, "001_spaced.txt");
        var b = ImportInputs.Write(_dir.Path, "rendered.pdf", ImportInputs.RenderedPdf());
        var bad = ImportInputs.Write(_dir.Path, "empty.txt", []);
        var outDir = Path.Combine(_dir.Path, "out");

        var (exit, stdout, stderr) = await RunAsync("import", a, b, bad, "--dry-run", "--json", outDir);

        Assert.Equal(1, exit);
        Assert.True(File.Exists(Path.Combine(outDir, "001_spaced.json")));
        using var pdf = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "rendered.json")));
        Assert.Equal(12, pdf.RootElement.GetProperty("issueNumber").GetInt32());
        Assert.Equal(88, pdf.RootElement.GetProperty("totalIssueNumber").GetInt32());
        Assert.False(File.Exists(Path.Combine(outDir, "empty.json")));
        Assert.Contains("失败 empty.txt：文件为空。", stdout);
        Assert.Contains("[3/3] empty.txt", stderr);
        Assert.Contains("共 3 个文件", stdout);
    }

    /// <summary>
    /// The fuzzed PDF that makes PdfPig allocate gigabytes (ADR-019), through the real <c>jianxun</c> as its own process, the
    /// way an operator runs it: that file fails naming the reader's limit, the next file is read, in bounded time.
    /// </summary>
    [Fact]
    public async Task ImportDryRunJson_PdfPigHangInABatchAsARealProcess_FailsThatFileAndReadsTheNext()
    {
        var hang = ImportInputs.Write(_dir.Path, "hang.pdf", HostileFiles.PdfPigHangPdf());
        var next = ImportInputs.Copy(_dir.Path, "001_spaced.txt");
        var outDir = Path.Combine(_dir.Path, "out");
        var host = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        var start = new System.Diagnostics.ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir.Path,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "jianxun.dll"), "import", hang, next, "--dry-run", "--json", outDir })
        {
            start.ArgumentList.Add(arg);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        using var cli = System.Diagnostics.Process.Start(start)!;
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var report = await stdout;
        Assert.True(cli.ExitCode == 1, report + await stderr);
        Assert.True(ImportInputs.ReaderRefusals.Any(r => report.Contains("失败 hang.pdf：" + r, StringComparison.Ordinal)), report);
        Assert.Contains("已读取 001_spaced.txt", report);
        Assert.True(File.Exists(Path.Combine(outDir, "001_spaced.json")));
        Assert.True(elapsed < UserFileLimits.ImportTimeBudget + TimeSpan.FromSeconds(15), $"{elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task ImportJsonStdout_SeveralFiles_RefusedWithExitCode2()
    {
        var a = ImportInputs.Copy(_dir.Path, "001_spaced.txt");
        var b = ImportInputs.Copy(_dir.Path, "003_inline.txt");

        var (exit, _, stderr) = await RunAsync("import", a, b, "--dry-run", "--json", "-");

        Assert.Equal(2, exit);
        Assert.Contains("只能用于单个文件", stderr);
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary><c>jianxun import</c> into the archive, on each database.</summary>
public abstract class ImportCommandTests(DatabaseKind kind) : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _inputs = new();
    private TestDatabase? _database;
    private string? _pdfWorkerPath;

    private Dictionary<string, string?> Settings() => new()
    {
        ["Jianxun:DataDirectory"] = _data.Path,
        ["Jianxun:Database"] = kind.ToString(),
        ["ConnectionStrings:Jianxun"] = _database?.ConnectionString,
        ["Jianxun:PdfWorkerPath"] = _pdfWorkerPath,
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

    /// <summary>A migrated database with one series and two units (independent of the demo data, which changes with other features).</summary>
    private async Task SeedAsync()
    {
        Assert.Equal(0, (await RunAsync("db", "migrate")).Exit);
        await using var sp = JianxunCli.BuildServices(Settings());
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Units.Add(new Unit { Name = "云澜区城市建设投资集团有限公司", ShortName = "城投集团", Aliases = ["区城投集团"] });
        db.Units.Add(new Unit { Name = "云澜区国有资产监督管理委员会", ShortName = "区国资委" });
        db.Series.Add(new Series
        {
            Name = "国资简讯",
            Issuer = "云澜区国资委办公室",
            Columns =
            [
                new SeriesColumn { Name = "国资动态", SortOrder = 1 },
                new SeriesColumn { Name = "国企动态", SortOrder = 2 },
                new SeriesColumn { Name = "简讯", SortOrder = 3, IsBriefs = true },
            ],
        });
        await db.SaveChangesAsync();
    }

    private async Task<List<Issue>> IssuesAsync()
    {
        await using var sp = JianxunCli.BuildServices(Settings());
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Issues.AsNoTracking().Where(i => i.Source == IssueSource.Imported).Include(i => i.Sections).ThenInclude(s => s.Items).OrderBy(i => i.Id).ToListAsync();
    }

    private string[] StoredFiles() => Directory.Exists(Path.Combine(_data.Path, "imports"))
        ? Directory.GetFiles(Path.Combine(_data.Path, "imports"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("pending", StringComparison.Ordinal)).ToArray()
        : [];

    [SkippableFact]
    public async Task Import_TextWithBidiOverrideInATitle_IsRefusedNamingTheFieldLikeTheWebBoundary()
    {
        await SeedAsync();
        var original = await File.ReadAllTextAsync(ImportInputs.Fixture("003_inline.txt"));
        const string title = "区国资委开展国有企业负责人经营业绩考核";
        Assert.Contains(title, original);
        var hostile = ImportInputs.Write(_inputs.Path, "hostile.txt", Encoding.UTF8.GetBytes(original.Replace(title, "区国资委开展\u202E国有企业负责人经营业绩考核", StringComparison.Ordinal)));

        var run = await RunAsync("import", hostile);

        Assert.Equal(1, run.Exit);
        Assert.Matches(@"失败 hostile\.txt：“标题”（sections\[\d+\]\.articles\[\d+\]\.title）中含有不可见的控制字符或文字方向控制符 U\+202E，请删除后重新提交。", run.Out);
        Assert.Empty(await IssuesAsync());
        Assert.Empty(StoredFiles());
    }

    [SkippableFact]
    public async Task Import_WithoutThePdfWorker_SaysSoOnceAtTheStart_FailsThePdfAndImportsTheText()
    {
        await SeedAsync();
        _pdfWorkerPath = Path.Combine(_data.Path, "missing", "Jianxun.PdfWorker.dll");
        var text = ImportInputs.Copy(_inputs.Path, "003_inline.txt");
        var pdf = ImportInputs.Write(_inputs.Path, "2025-12.pdf", ImportInputs.RenderedPdf());

        var run = await RunAsync("import", pdf, text);

        Assert.Equal(1, run.Exit);
        Assert.Single(Regex.Matches(run.Error, "PDF 读取组件缺失"));
        Assert.Contains(_pdfWorkerPath, run.Error, StringComparison.Ordinal);
        Assert.Contains($"失败 2025-12.pdf：{PdfWorker.MissingMessage}", run.Out, StringComparison.Ordinal);
        Assert.Contains("已导入 003_inline.txt → 国资简讯 2024年第5期", run.Out, StringComparison.Ordinal);
        Assert.Single(await IssuesAsync());
    }

    [SkippableFact]
    public async Task Import_TextAndPdf_CreatesPublishedImportedIssuesAndTheSameFilesAgainChangeNothing()
    {
        await SeedAsync();
        var text = ImportInputs.Copy(_inputs.Path, "003_inline.txt");
        var pdf = ImportInputs.Write(_inputs.Path, "2025-12.pdf", ImportInputs.RenderedPdf());

        var first = await RunAsync("import", text, pdf);

        Assert.True(first.Exit == 0, first.Out + first.Error);
        Assert.Contains("已导入 003_inline.txt → 国资简讯 2024年第5期，3 篇", first.Out);
        Assert.Contains("已导入 2025-12.pdf → 国资简讯 2025年第12期", first.Out);
        Assert.Contains("[2/2] 2025-12.pdf", first.Error);
        var issues = await IssuesAsync();
        Assert.Equal(2, issues.Count);
        var fromText = issues[0];
        Assert.Equal((IssueSource.Imported, IssueStatus.Published, 2024, 5, "003_inline.txt"),
            (fromText.Source, fromText.Status, fromText.Year, fromText.Number, fromText.SourceFileName));
        Assert.NotNull(fromText.PublishedAt);
        Assert.Equal(64, fromText.SourceSha256!.Length);
        var item = fromText.Sections[0].Items.OrderBy(i => i.Order).First();
        Assert.Equal("区国资委开展国有企业负责人经营业绩考核", item.Title);
        Assert.Equal(["区国资委考核分配科"], item.CreditUnits);
        Assert.Contains("龙海燕", item.PersonsJson, StringComparison.Ordinal);
        var fromPdf = issues[1];
        Assert.Equal((2025, 12, 88, new DateOnly(2025, 6, 30)), (fromPdf.Year, fromPdf.Number, fromPdf.TotalNumber, fromPdf.Date));
        var briefs = fromPdf.Sections.Single(s => s.Name == "简讯");
        Assert.True(briefs.IsBriefs);
        Assert.NotNull(briefs.ColumnId);
        Assert.Equal([1, 2], briefs.Items.OrderBy(i => i.Order).Select(i => i.Number ?? 0));
        var credited = fromPdf.Sections.Single(s => s.Name == "国企动态").Items.Single();
        Assert.Single(credited.UnitIds);
        Assert.Equal(2, StoredFiles().Length);

        var again = await RunAsync("import", text, pdf);

        Assert.Equal(0, again.Exit);
        Assert.Contains("已导入过 003_inline.txt → 国资简讯 2024年第5期", again.Out);
        Assert.Contains("导入 0，已导入过 2，失败 0", again.Out);
        Assert.Equal(2, (await IssuesAsync()).Count);
        Assert.Equal(2, StoredFiles().Length);
    }

    [SkippableFact]
    public async Task Import_BadInputs_EachFailsWithAClearMessageNothingHalfImportedAndTheBatchGoesOn()
    {
        await SeedAsync();
        var files = new[]
        {
            ImportInputs.Write(_inputs.Path, "empty.pdf", []),
            ImportInputs.Write(_inputs.Path, "garbage.txt", [.. Enumerable.Range(0, 4000).Select(i => (byte)((i * 7919) % 256))]),
            ImportInputs.Write(_inputs.Path, "locked.pdf", ImportInputs.EncryptedPdf()),
            ImportInputs.Write(_inputs.Path, "scan.pdf", ImportInputs.ScannedPdf()),
            ImportInputs.Huge(_inputs.Path),
            ImportInputs.Write(_inputs.Path, "notes.txt", Encoding.UTF8.GetBytes("name,phone\nzhang,123\nli,456\n")),
            ImportInputs.Copy(_inputs.Path, "003_inline.txt"),
        };

        var (exit, stdout, stderr) = await RunAsync(["import", .. files]);

        Assert.Equal(1, exit);
        Assert.Contains("失败 empty.pdf：文件为空。", stdout);
        Assert.Contains("失败 garbage.txt：", stdout);
        Assert.Contains("失败 locked.pdf：PDF 已加密", stdout);
        Assert.Contains("失败 scan.pdf：", stdout);
        Assert.Contains("扫描", stdout);
        Assert.Contains("失败 huge.pdf：文件大小 200 MB，超过了 50 MB 的上限。", stdout); // UserFileLimits.MaxImportBytes (ADR-016)
        Assert.Contains("失败 notes.txt：", stdout);
        Assert.Contains("已导入 003_inline.txt", stdout);
        Assert.Contains("导入 1，已导入过 0，失败 6", stdout);
        Assert.Contains("[7/7] 003_inline.txt", stderr);
        Assert.Single(await IssuesAsync());
        Assert.Single(StoredFiles());
    }

    /// <summary>The fuzzed PDF that makes PdfPig allocate gigabytes (ADR-019): refused naming the reader's limit, nothing saved, the batch goes on.</summary>
    [SkippableFact]
    public async Task Import_PdfPigHangInABatch_FailsThatFileNamingTheLimitAndImportsTheNext()
    {
        await SeedAsync();
        var hang = ImportInputs.Write(_inputs.Path, "hang.pdf", HostileFiles.PdfPigHangPdf());
        var next = ImportInputs.Copy(_inputs.Path, "003_inline.txt");

        var (exit, stdout, _) = await RunAsync("import", hang, next);

        Assert.Equal(1, exit);
        Assert.True(ImportInputs.ReaderRefusals.Any(r => stdout.Contains("失败 hang.pdf：" + r, StringComparison.Ordinal)), stdout);
        Assert.Contains("已导入 003_inline.txt", stdout);
        Assert.Contains("导入 1，已导入过 0，失败 1", stdout);
        Assert.Single(await IssuesAsync());
        Assert.Single(StoredFiles());
    }

    [SkippableFact]
    public async Task Import_NumberTakenByAnotherFile_FailsInChineseAndSavesNothing()
    {
        await SeedAsync();
        var original = ImportInputs.Copy(_inputs.Path, "003_inline.txt");
        Assert.Equal(0, (await RunAsync("import", original)).Exit);
        var edited = Path.Combine(_inputs.Path, "003_again.txt");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(original)) + "\n");

        var (exit, stdout, _) = await RunAsync("import", edited);

        Assert.Equal(1, exit);
        Assert.Contains("失败 003_again.txt：国资简讯 2024年第5期已存在", stdout);
        Assert.Single(await IssuesAsync());
        Assert.Single(StoredFiles());
    }

    [SkippableFact]
    public async Task Import_WithoutNumberInFile_FailsThenOptionsSupplyNumberAndDate()
    {
        await SeedAsync();
        var briefs = ImportInputs.Copy(_inputs.Path, "004_briefs.txt");

        var missing = await RunAsync("import", briefs);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("请填写期号或总期号", missing.Out);

        var dry = await RunAsync("import", briefs, "--dry-run", "--series", "国资简讯", "--year", "2024", "--number", "7", "--date", "2024-05-20");
        Assert.True(dry.Exit == 0, dry.Out + dry.Error);
        Assert.Contains("可导入 004_briefs.txt → 国资简讯 2024年第7期", dry.Out);
        Assert.Empty(await IssuesAsync());

        var run = await RunAsync("import", briefs, "--series", "国资简讯", "--year", "2024", "--number", "7", "--date", "2024-05-20");
        Assert.True(run.Exit == 0, run.Out + run.Error);
        var issue = Assert.Single(await IssuesAsync());
        Assert.Equal((2024, 7, new DateOnly(2024, 5, 20)), (issue.Year, issue.Number, issue.Date));
        Assert.Equal([1, 2, 3, 4, 5], issue.Sections.Single(s => s.IsBriefs).Items.OrderBy(i => i.Order).Select(i => i.Number ?? 0));
    }

    [SkippableFact]
    public async Task Import_UnknownSeries_ExitsWith2AndNamesTheSeries()
    {
        await SeedAsync();
        var (exit, _, stderr) = await RunAsync("import", ImportInputs.Copy(_inputs.Path, "003_inline.txt"), "--series", "不存在的刊物");
        Assert.Equal(2, exit);
        Assert.Contains("找不到刊物“不存在的刊物”。现有刊物：国资简讯", stderr);
    }

    public void Dispose()
    {
        _database?.Dispose();
        _inputs.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteImportCommandTests() : ImportCommandTests(DatabaseKind.Sqlite);

public sealed class PostgresImportCommandTests() : ImportCommandTests(DatabaseKind.Postgres);
