using Jianxun.Testing;

namespace Jianxun.Cli.Tests;

/// <summary>The <c>jianxun</c> command, run in process against a real database in a temporary data directory.</summary>
public abstract class CliTests(DatabaseKind kind) : IDisposable
{
    private readonly TempDirectory _data = new();
    private TestDatabase? _database;

    private async Task<(int Exit, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        TestDatabase.SkipIfUnavailable(kind);
        _database ??= kind == DatabaseKind.Postgres ? new TestDatabase(kind) : null;
        var settings = new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = _data.Path,
            ["Jianxun:Database"] = kind.ToString(),
            ["ConnectionStrings:Jianxun"] = _database?.ConnectionString,
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JianxunCli.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), settings);
        return (exit, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task DbMigrate_DryRunThenRun_ListsThenAppliesMigrations()
    {
        var dry = await RunAsync("", "db", "migrate", "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Contains("_Initial", dry.Out);

        var run = await RunAsync("", "db", "migrate");
        Assert.Equal(0, run.Exit);
        Assert.Contains("已执行", run.Out);

        var again = await RunAsync("", "db", "migrate", "--dry-run");
        Assert.Contains("没有待执行的迁移。", again.Out);
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.True(File.Exists(Path.Combine(_data.Path, "jianxun.db")));
        }
    }

    [SkippableFact]
    public async Task UserAdd_FirstAdministrator_FromStandardInput_CanBeListed()
    {
        await RunAsync("", "db", "migrate");
        var add = await RunAsync("Admin-pass-2026\n", "user", "add", "--name", "root", "--display-name", "信息科管理员", "--role", "Admin", "--password-stdin");
        Assert.True(add.Exit == 0, add.Error);
        Assert.Contains("已创建用户 root（信息科管理员），角色：管理员。", add.Out);

        var list = await RunAsync("", "user", "list");
        Assert.Contains("root\t信息科管理员\t\tAdmin\tactive", list.Out);
    }

    [SkippableFact]
    public async Task UserAdd_ContributorWithUnknownUnit_ExitsNonZeroWithMessage()
    {
        await RunAsync("", "db", "seed-demo");
        var add = await RunAsync("Writer-pass-2026\n", "user", "add", "--name", "w1", "--role", "报送员", "--unit", "不存在的单位", "--password-stdin");
        Assert.Equal(1, add.Exit);
        Assert.Contains("找不到单位“不存在的单位”", add.Error);

        var ok = await RunAsync("Writer-pass-2026\n", "user", "add", "--name", "w1", "--role", "报送员", "--unit", "文旅集团", "--password-stdin");
        Assert.True(ok.Exit == 0, ok.Error);
    }

    [SkippableFact]
    public async Task UserAdd_WithoutPasswordStdin_RefusesWithExitCode2()
    {
        var add = await RunAsync("", "user", "add", "--name", "x", "--role", "Reader");
        Assert.Equal(2, add.Exit);
        Assert.Contains("--password-stdin", add.Error);
    }

    [SkippableFact]
    public async Task UserAdd_WeakPassword_ReportsRuleInChinese()
    {
        await RunAsync("", "db", "migrate");
        var add = await RunAsync("short\n", "user", "add", "--name", "weak", "--role", "Reader", "--password-stdin");
        Assert.Equal(1, add.Exit);
        Assert.Contains("密码至少需要 8 个字符。", add.Error);
    }

    [SkippableFact]
    public async Task Help_EveryCommand_Describes()
    {
        foreach (var args in new[] { new[] { "--help" }, ["db", "--help"], ["db", "migrate", "--help"], ["user", "add", "--help"] })
        {
            var help = await RunAsync("", args);
            Assert.Equal(0, help.Exit);
            Assert.Contains("Usage", help.Out);
        }
    }

    public void Dispose()
    {
        _database?.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCliTests() : CliTests(DatabaseKind.Sqlite);

public sealed class PostgresCliTests() : CliTests(DatabaseKind.Postgres);
