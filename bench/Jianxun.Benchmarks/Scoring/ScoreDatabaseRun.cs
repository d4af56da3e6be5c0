using System.Diagnostics;
using System.Globalization;
using Jianxun.Core.Accounts;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Scoring;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Benchmarks.Scoring;

/// <summary>
/// <c>scoring-db [--items 50000] [--units 200]</c>: the year's ranking end to end on SQLite — the facts loaded by
/// <see cref="ScoreHandlers.LoadInputsAsync"/> from a database of published issues, then <see cref="ScoreEngine"/>.
/// The BDN <c>scoring</c> benchmark times the engine alone; this one adds the database. Printed issue items only
/// (no recorded events, submissions or calls in the database), so it times the largest query and the engine.
/// </summary>
internal static class ScoreDatabaseRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var items = Option(args, "--items", 50_000);
        var unitCount = Option(args, "--units", 200);
        var folder = Path.Combine(Path.GetTempPath(), "jianxun-scoring-db-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "jianxun.db")}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jianxun:DataDirectory"] = folder,
            ["Jianxun:Database"] = "Sqlite",
            ["ConnectionStrings:Jianxun"] = connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJianxunCore(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddIdentityCore<AppUser>(CoreServices.ConfigureIdentity).AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>().AddDefaultTokenProviders();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Writing {unitCount} units and {items} printed items of 2025 into {folder} …"));
        var random = new Random(20261128);
        string[] groups = ["区属国企", "委机关", "街道", "部门"];
        string[] columns = ["领导关注", "国资动态", "国企动态", "调研与思考", "简讯"];
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var u = 1; u <= unitCount; u++)
            {
                db.Units.Add(new Unit { Id = u, Name = $"单位{u:000}", ShortName = $"单位{u:000}", PeerGroup = groups[u % groups.Length], SortOrder = u });
            }
            db.Series.Add(new Series
            {
                Id = 1,
                Name = "国资简讯",
                Issuer = "办公室",
                Columns = [.. columns.Select((c, i) => new SeriesColumn { Id = i + 1, Name = c, SortOrder = i, IsBriefs = c == "简讯" })],
            });
            var rules = Jianxun.Core.Demo.DemoScoring.Rules with
            {
                Multipliers = [new MultiplierRule("调研文章", "调研与思考", 2)],
                Quotas = [.. groups.Select(g => new QuotaRule(g, QuotaPeriod.Month, 2, 2, 1))],
            };
            db.ScoreRuleSets.Add(new ScoreRuleSet { Name = "细则", EffectiveFrom = new DateOnly(2025, 1, 1), Definition = rules.ToJson(), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        const int perIssue = 10;
        var issues = (items + perIssue - 1) / perIssue;
        for (var first = 0; first < issues; first += 250)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var k = first; k < Math.Min(first + 250, issues); k++)
            {
                var date = new DateOnly(2025, 1, 1).AddDays(k * 365 / issues);
                var issue = new Issue
                {
                    Id = k + 1,
                    SeriesId = 1,
                    Source = IssueSource.Imported,
                    Status = IssueStatus.Published,
                    Year = 2025,
                    Number = k + 1,
                    TotalNumber = k + 1,
                    Date = date,
                    CreatedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow,
                };
                for (var c = 0; c < columns.Length; c++)
                {
                    var section = new IssueSection { Order = c, Name = columns[c], IsBriefs = columns[c] == "简讯", ColumnId = c + 1 };
                    for (var i = 0; i < perIssue / columns.Length; i++)
                    {
                        var n = 1 + (random.Next(10) == 0 ? random.Next(1, 3) : 0);
                        section.Items.Add(new IssueItem
                        {
                            IssueId = k + 1,
                            Order = i,
                            Title = section.IsBriefs ? null : $"第{k}期第{c}栏第{i}篇",
                            Number = section.IsBriefs ? i + 1 : null,
                            Paragraphs = ["某单位开展某项工作。"],
                            IsCombined = random.Next(20) == 0,
                            UnitIds = [.. Enumerable.Range(0, n).Select(_ => 1 + random.Next(unitCount)).Distinct()],
                        });
                    }
                    issue.Sections.Add(section);
                }
                db.Issues.Add(issue);
            }
            await db.SaveChangesAsync();
        }

        var year = ScorePeriod.ForYear(2025);
        var load = new List<double>();
        var engine = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            await using var scope = provider.CreateAsyncScope();
            var handlers = scope.ServiceProvider.GetRequiredService<ScoreHandlers>();
            var watch = Stopwatch.StartNew();
            var inputs = await handlers.LoadInputsAsync(year.From, year.To, CancellationToken.None);
            var rulesByMonth = await handlers.RulesByMonthAsync(year, CancellationToken.None);
            var loaded = watch.Elapsed.TotalMilliseconds;
            var result = ScoreEngine.Compute(year, inputs, rulesByMonth, new DateOnly(2026, 1, 15));
            var total = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}{(run == 0 ? " (cold)" : "")}: load {loaded,7:0.0} ms + engine {total - loaded,7:0.0} ms = {total,7:0.0} ms; {inputs.Adopted.Count} items, {result.Units.Count} units, {result.Units.Sum(u => u.Lines.Count)} lines"));
            if (run > 0)
            {
                load.Add(loaded);
                engine.Add(total - loaded);
            }
        }
        static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median of 5 warm runs: load {Median(load):0.0} ms, engine {Median(engine):0.0} ms, total {Median(load.Zip(engine, (a, b) => a + b).ToList()):0.0} ms"));
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        var list = args.ToList();
        var at = list.IndexOf(name);
        return at >= 0 && at + 1 < list.Count ? int.Parse(list[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
