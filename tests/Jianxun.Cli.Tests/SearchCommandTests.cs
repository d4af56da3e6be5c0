using System.Text.Json;
using Jianxun.Core.Data;
using Jianxun.Core.Search;
using Jianxun.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Tests;

/// <summary><c>jianxun search</c> and <c>jianxun search reindex</c> against the demo data, on each database.</summary>
public abstract class SearchCommandTests(DatabaseKind kind) : IDisposable
{
    private readonly TempDirectory _data = new();
    private TestDatabase? _database;

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        TestDatabase.SkipIfUnavailable(kind);
        _database ??= kind == DatabaseKind.Postgres ? new TestDatabase(kind) : null;
        var settings = new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = _data.Path,
            ["Jianxun:Database"] = kind.ToString(),
            ["Jianxun:SeedDemoData"] = "true",
            ["ConnectionStrings:Jianxun"] = _database?.ConnectionString,
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JianxunCli.RunAsync(args, new CliConsole(new StringReader(""), output, error), settings);
        return (exit, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task Search_JsonTextReindexAndBadInput()
    {
        Assert.Equal(0, (await RunAsync("db", "migrate")).Exit);

        var json = await RunAsync("search", "集团", "--source", "published", "--json");
        Assert.True(json.Exit == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        var total = doc.RootElement.GetProperty("total").GetInt32();
        Assert.True(total > 0);
        Assert.True(doc.RootElement.GetProperty("items")[0].TryGetProperty("snippet", out _));

        var text = await RunAsync("search", "集团", "--source", "published", "--sort", "date");
        Assert.Equal(0, text.Exit);
        Assert.Contains($"共 {total} 条", text.Out, StringComparison.Ordinal);
        Assert.Contains("【集团】", text.Out, StringComparison.Ordinal);

        var reindex = await RunAsync("search", "reindex");
        Assert.True(reindex.Exit == 0, reindex.Error);
        Assert.Contains("已索引", reindex.Error, StringComparison.Ordinal);
        Assert.Contains("搜索索引已重建", reindex.Out, StringComparison.Ordinal);
        var audited = await AuditActionsAsync();
        Assert.Contains("search.reindex.succeeded", audited);
        var again = await RunAsync("search", "集团", "--source", "published", "--json");
        Assert.Equal(total, JsonDocument.Parse(again.Out).RootElement.GetProperty("total").GetInt32());

        var stop = await RunAsync("search", "的");
        Assert.Equal(1, stop.Exit);
        Assert.Contains("常用字", stop.Error, StringComparison.Ordinal);
        var unit = await RunAsync("search", "集团", "--unit", "不存在的单位");
        Assert.Equal(1, unit.Exit);
        Assert.Contains("找不到单位", unit.Error, StringComparison.Ordinal);
    }

    /// <summary>The actions of the audit entries about the search index, read straight from the database.</summary>
    private async Task<List<string>> AuditActionsAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = _data.Path,
            ["Jianxun:Database"] = kind.ToString(),
            ["ConnectionStrings:Jianxun"] = _database?.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJianxunCore(configuration);
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.Where(a => a.EntityType == SearchHandlers.AuditEntityType).Select(a => a.Action).ToListAsync();
    }

    public void Dispose()
    {
        _database?.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSearchCommandTests() : SearchCommandTests(DatabaseKind.Sqlite);

public sealed class PostgresSearchCommandTests() : SearchCommandTests(DatabaseKind.Postgres);
