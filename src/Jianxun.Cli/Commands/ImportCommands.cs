using System.CommandLine;
using System.Globalization;
using Jianxun.Core.Archive;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jianxun.Cli.Commands;

/// <summary><c>jianxun import FILE…</c>: reads old bulletins (PDF, DOCX, text) into the archive, or only to JSON.</summary>
internal static class ImportCommands
{
    private enum Outcome
    {
        Imported,
        AlreadyImported,
        Checked,
        Failed,
    }

    public static Command Create(CliConsole console, Func<ServiceProvider> services)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "要导入的简讯文件（PDF、Word .docx 或提取出的文本），可多个。", Arity = ArgumentArity.OneOrMore };
        var dryRun = new Option<bool>("--dry-run") { Description = "只读取和检查，不写入刊物库。与 --json 一起使用时不需要数据库。" };
        var json = new Option<string?>("--json")
        {
            Description = "把识别结果写成 JSON：“-”输出到标准输出（仅限一个文件），否则为目录，每个 NAME.ext 写成 目录/NAME.json。",
        };
        var series = new Option<string?>("--series") { Description = "刊物名称；省略时按刊头识别。" };
        var year = new Option<int?>("--year") { Description = "年份（文件中没有年份时使用，也用于推算文中日期）。" };
        var number = new Option<int?>("--number") { Description = "期号（第N期），仅限一个文件。" };
        var total = new Option<int?>("--total") { Description = "总期号（总第N期），仅限一个文件。" };
        var date = new Option<string?>("--date") { Description = "出刊日期 yyyy-MM-dd，仅限一个文件。" };
        var strict = new Option<bool>("--strict") { Description = "有文章没有标题或栏目没有名称时拒绝导入该文件（默认照常导入并提示）。" };
        var numbering = new Option<string?>("--numbering")
        {
            Description = "by-date：文件和文件名中都没有期号的，按出刊日期顺序接续本刊该年已有的期号（和总期号）。",
        };
        numbering.AcceptOnlyFromAmong("by-date");
        var manifest = new Option<FileInfo?>("--manifest")
        {
            Description = "CSV 清单，每个文件一行：文件,年份,期号,总期号,出刊日期（表头可用中文或英文）；清单中的值优先于文件中的值。",
        };
        var import = new Command("import", "把旧简讯读入刊物库；每个文件一行结果，全部成功返回 0，有失败返回 1。例如：jianxun import 2024/*.pdf --series 国资简讯")
        {
            files, dryRun, json, series, year, number, total, date, strict, numbering, manifest,
        };
        import.SetAction(async (parse, ct) =>
        {
            var inputs = parse.GetValue(files) ?? [];
            var jsonTarget = parse.GetValue(json);
            var single = inputs.Length == 1;
            DateOnly? issueDate = null;
            if (parse.GetValue(date) is { Length: > 0 } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    await console.Error.WriteLineAsync($"--date 应为 yyyy-MM-dd 格式，例如 2024-05-20，而不是“{dateText}”。");
                    return 2;
                }
                issueDate = d;
            }
            if (!single && (parse.GetValue(number) is not null || parse.GetValue(total) is not null || issueDate is not null))
            {
                await console.Error.WriteLineAsync("--number、--total、--date 只能用于单个文件；多个文件请用 --manifest 清单或 --numbering by-date。");
                return 2;
            }
            if (!single && jsonTarget == "-")
            {
                await console.Error.WriteLineAsync("--json - 只能用于单个文件；多个文件请给出目录，例如 --json out/。");
                return 2;
            }
            ImportManifest? list = null;
            if (parse.GetValue(manifest) is { } manifestFile)
            {
                var (read, error) = ImportManifest.Read(manifestFile.FullName);
                if (error is not null)
                {
                    await console.Error.WriteLineAsync(error);
                    return 2;
                }
                list = read;
            }
            // With JSON on standard output, the report goes to standard error so that the JSON stays clean.
            var report = jsonTarget == "-" ? console.Error : console.Out;
            var dry = parse.GetValue(dryRun);
            var options = new Options(parse.GetValue(series), parse.GetValue(year), new IssueNumbers(null, parse.GetValue(number), parse.GetValue(total), issueDate),
                jsonTarget, parse.GetValue(strict), parse.GetValue(numbering) == "by-date", list);

            ServiceProvider? provider = null;
            AsyncServiceScope? scope = null;
            try
            {
                int? seriesId = null;
                if (!dry || jsonTarget is null)
                {
                    provider = services();
                    scope = provider.CreateAsyncScope();
                    if (options.Series is { Length: > 0 } seriesName)
                    {
                        var db = scope.Value.ServiceProvider.GetRequiredService<AppDbContext>();
                        var all = await db.Series.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct);
                        seriesId = all.FirstOrDefault(s => string.Equals(s.Name, seriesName.Trim(), StringComparison.Ordinal))?.Id;
                        if (seriesId is null)
                        {
                            await console.Error.WriteLineAsync($"找不到刊物“{seriesName}”。现有刊物：{(all.Count == 0 ? "（无）" : string.Join("、", all.Select(s => s.Name)))}");
                            return 2;
                        }
                    }
                }
                if (jsonTarget is { Length: > 0 } and not "-")
                {
                    Directory.CreateDirectory(jsonTarget);
                }

                if (inputs.Any(f => f.Extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase))
                    && PdfWorker.Check(provider?.GetService<IOptions<JianxunOptions>>()?.Value.PdfWorkerPath) is { IsAvailable: false } worker)
                {
                    // Said once at the start; each PDF then fails with the Chinese message and the batch goes on (ADR-019).
                    await console.Error.WriteLineAsync(PdfWorker.StartupProblem(worker));
                }
                var counts = new Dictionary<Outcome, int>();
                void Count(Outcome outcome) => counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                if (scope is null)
                {
                    // --dry-run --json: the engine alone, no database, file by file.
                    for (var i = 0; i < inputs.Length; i++)
                    {
                        await ProgressAsync(console, inputs, i);
                        Count(await GuardAsync(inputs[i], report, () => ReadOnlyAsync(inputs[i], options, console, report, ct)));
                    }
                }
                else
                {
                    // Two passes (ADR-028): read every file and settle its numbers first, so that the numbering of a batch
                    // (by date, or two files claiming one number) is decided on the whole batch; then import file by file.
                    var services = scope.Value.ServiceProvider;
                    var plans = new List<Plan>();
                    for (var i = 0; i < inputs.Length; i++)
                    {
                        await ProgressAsync(console, inputs, i);
                        var file = inputs[i];
                        Plan? plan = null;
                        var outcome = await GuardAsync(file, report, async () =>
                        {
                            plan = await PlanAsync(file, seriesId, options, services, ct);
                            return Outcome.Checked;
                        });
                        if (plan is null)
                        {
                            Count(outcome);
                            continue;
                        }
                        plans.Add(plan);
                    }
                    await NumberBatchAsync(plans, options, services, ct);
                    foreach (var plan in plans)
                    {
                        Count(await GuardAsync(plan.File, report, () => ImportOneAsync(plan, dry, options, services, console, report, ct)));
                    }
                }
                if (!single)
                {
                    await report.WriteLineAsync(dry
                        ? $"共 {inputs.Length} 个文件：可导入 {counts.GetValueOrDefault(Outcome.Checked)}，已导入过 {counts.GetValueOrDefault(Outcome.AlreadyImported)}，失败 {counts.GetValueOrDefault(Outcome.Failed)}。（试运行，未写入）"
                        : $"共 {inputs.Length} 个文件：导入 {counts.GetValueOrDefault(Outcome.Imported)}，已导入过 {counts.GetValueOrDefault(Outcome.AlreadyImported)}，失败 {counts.GetValueOrDefault(Outcome.Failed)}。");
                }
                return counts.GetValueOrDefault(Outcome.Failed) > 0 ? 1 : 0;
            }
            finally
            {
                if (scope is { } s)
                {
                    await s.DisposeAsync();
                }
                if (provider is not null)
                {
                    await provider.DisposeAsync();
                }
            }
        });
        return import;
    }

    private sealed record Options(string? Series, int? Year, IssueNumbers Given, string? Json, bool Strict, bool ByDate, ImportManifest? Manifest);

    /// <summary>
    /// One file of a batch after the first pass: what it is and the numbers it will be imported with. The structure is read
    /// again when it is imported, so that a batch of a thousand files holds only this much in memory.
    /// </summary>
    private sealed class Plan(FileInfo file, ImportPreviewDto preview)
    {
        public FileInfo File { get; } = file;

        public int? SeriesId { get; } = preview.SeriesId;

        public string? SeriesName { get; } = preview.SeriesName;

        public string Sha256 { get; } = preview.Sha256;

        public int? ExistingIssueId { get; } = preview.ExistingIssueId;

        public string? ExistingIssueLabel { get; } = preview.ExistingIssueLabel;

        public int Sections { get; } = preview.Sections.Count;

        public int Articles { get; } = preview.Sections.Sum(s => s.Articles.Count);

        public IssueNumbers Numbers { get; set; } = new(preview.Year, preview.Number, preview.TotalNumber, preview.Date);

        public List<ImportWarning> Warnings { get; } = [.. preview.Warnings];

        /// <summary>Why this file will not be imported (a bad manifest row, a number another file of the batch claims).</summary>
        public string? Error { get; set; }

        public void Note(ImportWarningKind kind, string message) => Warnings.Add(new(kind, message));

        public void Forget(params ImportWarningKind[] kinds) => Warnings.RemoveAll(w => kinds.Contains(w.Kind));
    }

    private static async Task ProgressAsync(CliConsole console, FileInfo[] inputs, int i)
    {
        if (inputs.Length > 1)
        {
            await console.Error.WriteLineAsync($"[{i + 1}/{inputs.Length}] {inputs[i].Name} …");
        }
    }

    /// <summary>Runs one file's step; its failure is reported in one line and never stops the batch.</summary>
    private static async Task<Outcome> GuardAsync(FileInfo file, TextWriter report, Func<Task<Outcome>> step)
    {
        try
        {
            return await step();
        }
        catch (ValidationException e)
        {
            await report.WriteLineAsync($"失败 {file.Name}：{string.Join("；", e.Errors.SelectMany(x => x.Value))}");
        }
        catch (Exception e) when (e is DomainException or IOException or UnauthorizedAccessException)
        {
            await report.WriteLineAsync($"失败 {file.Name}：{e.Message}");
        }
        return Outcome.Failed;
    }

    private static async Task<byte[]> ReadFileAsync(FileInfo file, CancellationToken ct)
    {
        if (!file.Exists)
        {
            throw ValidationException.For("file", "文件不存在。");
        }
        var limits = new BulletinParseOptions();
        if (file.Length > limits.MaxFileBytes)
        {
            // Refused before reading: a file over the limit is never loaded into memory.
            throw ValidationException.For("file", string.Create(CultureInfo.InvariantCulture,
                $"文件大小 {file.Length / 1048576.0:0.#} MB，超过了 {limits.MaxFileBytes / 1048576.0:0.#} MB 的上限。"));
        }
        return await File.ReadAllBytesAsync(file.FullName, ct);
    }

    private static async Task<Outcome> ReadOnlyAsync(FileInfo file, Options options, CliConsole console, TextWriter report, CancellationToken ct)
    {
        var content = await ReadFileAsync(file, ct);
        var parsed = ImportHandlers.Read(file.Name, content, new BulletinParseOptions { DefaultYear = options.Year });
        await WriteJsonAsync(file, parsed, parsed.Warnings, options.Json!, console, ct);
        await report.WriteLineAsync($"已读取 {file.Name}：{Describe(parsed)}（试运行，未写入）");
        await WarningsAsync(report, parsed.Warnings);
        return Outcome.Checked;
    }

    /// <summary>First pass: the preview's numbers (document, then file name), then the manifest's row and the flags over them.</summary>
    private static async Task<Plan> PlanAsync(FileInfo file, int? seriesId, Options options, IServiceProvider services, CancellationToken ct)
    {
        var content = await ReadFileAsync(file, ct);
        var preview = await services.GetRequiredService<ImportHandlers>().PreviewAsync(Actor.System, file.Name, content, seriesId, ct, options.Year);
        var plan = new Plan(file, preview);
        if (options.Manifest?.For(file.Name) is { } row)
        {
            if (row.Error is not null)
            {
                plan.Error = $"清单 {options.Manifest.Name} 第 {row.Line} 行：{row.Error}。";
            }
            // A year the preview only assumed is not the file's word against the manifest's.
            var stated = plan.Warnings.Exists(w => w.Kind == ImportWarningKind.YearAssumed) ? plan.Numbers with { Year = null } : plan.Numbers;
            plan.Numbers = row.Numbers.Or(plan.Numbers);
            var differs = (row.Numbers.Year is { } y && stated.Year is { } sy && y != sy) || (row.Numbers.Number is { } n && stated.Number is { } sn && n != sn)
                || (row.Numbers.TotalNumber is { } t && stated.TotalNumber is { } st && t != st) || (row.Numbers.Date is { } d && stated.Date is { } sd && d != sd);
            if (row.Numbers.Number is not null || row.Numbers.TotalNumber is not null)
            {
                plan.Forget(ImportWarningKind.NoIssueNumber);
            }
            if (row.Numbers.Date is not null)
            {
                plan.Forget(ImportWarningKind.NoIssueDate);
            }
            if (row.Numbers.Year is not null)
            {
                plan.Forget(ImportWarningKind.YearAssumed);
            }
            plan.Note(ImportWarningKind.NumberingFromElsewhere, differs
                ? $"清单 {options.Manifest.Name} 第 {row.Line} 行与文件不一致：文件（或文件名）为 {stated.Describe()}，按清单取 {plan.Numbers.Describe()}，请核对。"
                : $"按清单 {options.Manifest.Name} 第 {row.Line} 行取为 {plan.Numbers.Describe()}。");
        }
        if (!options.Given.IsEmpty)
        {
            plan.Numbers = options.Given.Or(plan.Numbers) with { Year = options.Year ?? plan.Numbers.Year };
            plan.Forget(ImportWarningKind.NoIssueNumber, ImportWarningKind.NoIssueDate);
        }
        return plan;
    }

    /// <summary>
    /// Settles the batch: <c>--numbering by-date</c> gives each file without a number the next number of its series and year
    /// (after the archive's issues and the batch's files dated on or before it; the running number likewise when the series
    /// has one), then every number two files of the batch claim fails both, naming the other.
    /// </summary>
    private static async Task NumberBatchAsync(List<Plan> plans, Options options, IServiceProvider services, CancellationToken ct)
    {
        var open = plans.Where(p => p.Error is null && p.ExistingIssueId is null).ToList();
        if (options.ByDate)
        {
            var db = services.GetRequiredService<AppDbContext>();
            foreach (var plan in open.Where(p => p.Numbers.Number is null && p.Numbers.TotalNumber is null).OrderBy(p => p.Numbers.Date).ThenBy(p => p.File.Name, StringComparer.Ordinal).ToList())
            {
                if (plan.Numbers.Date is not { } date || plan.SeriesId is not int sid)
                {
                    plan.Error = "没有出刊日期，无法按日期续编期号；请在文件名或 --manifest 清单中写明期号或日期。";
                    continue;
                }
                var year = plan.Numbers.Year ?? date.Year;
                var earlier = open.Where(p => p != plan && p.SeriesId == sid && p.Numbers.Date <= date).ToList();
                var lastNumber = Math.Max(
                    await db.Issues.AsNoTracking().Where(i => i.SeriesId == sid && i.Year == year && i.Date <= date).MaxAsync(i => i.Number, ct) ?? 0,
                    earlier.Where(p => p.Numbers.Year == year).Max(p => p.Numbers.Number) ?? 0);
                var lastTotal = Math.Max(
                    await db.Issues.AsNoTracking().Where(i => i.SeriesId == sid && i.Date <= date).MaxAsync(i => i.TotalNumber, ct) ?? 0,
                    earlier.Max(p => p.Numbers.TotalNumber) ?? 0);
                plan.Numbers = plan.Numbers with { Year = year, Number = lastNumber + 1, TotalNumber = lastTotal > 0 ? lastTotal + 1 : null };
                plan.Forget(ImportWarningKind.NoIssueNumber);
                plan.Note(ImportWarningKind.NumberingFromElsewhere, $"按出刊日期续编为 {plan.Numbers.Describe()}（--numbering by-date），请核对。");
            }
        }
        foreach (var plan in open.Where(p => p.Error is null && p.Numbers.Number is null && p.Numbers.TotalNumber is null))
        {
            plan.Error = "请填写期号或总期号：文件和文件名中都没有期号（第N期、总第N期）。可在文件名中写明（如 2024-05.pdf、第5期.docx），"
                + "或用 --numbering by-date 按日期续编，或用 --manifest 清单指定。";
        }

        var claims = open.Where(p => p.Error is null && p.SeriesId is not null).ToList();
        Conflicts(claims.Where(p => p.Numbers.Number is not null).GroupBy(p => (p.SeriesId, p.Numbers.Year, p.Numbers.Number)),
            p => $"{p.SeriesName} {p.Numbers.Year}年第{p.Numbers.Number}期");
        Conflicts(claims.Where(p => p.Numbers.TotalNumber is not null).GroupBy(p => (p.SeriesId, (int?)null, p.Numbers.TotalNumber)),
            p => $"{p.SeriesName} 总第{p.Numbers.TotalNumber}期");
    }

    private static void Conflicts(IEnumerable<IGrouping<(int? Series, int? Year, int? Number), Plan>> groups, Func<Plan, string> label)
    {
        foreach (var group in groups)
        {
            // The same file twice is no conflict: the second finds the first already imported.
            if (group.Select(p => p.Sha256).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                continue;
            }
            foreach (var plan in group)
            {
                var others = group.Where(p => p != plan).Select(p => p.File.Name);
                plan.Error ??= $"与 {string.Join("、", others)} 同为{label(plan)}，都未导入；请核对期号（可用 --manifest 清单逐个指定）。";
            }
        }
    }

    /// <summary>Second pass: imports one planned file (or, dry, says what it would do), printing its warnings.</summary>
    private static async Task<Outcome> ImportOneAsync(Plan plan, bool dry, Options options, IServiceProvider services,
        CliConsole console, TextWriter report, CancellationToken ct)
    {
        var file = plan.File;
        if (plan.Error is not null)
        {
            throw ValidationException.For("number", plan.Error);
        }
        var handler = services.GetRequiredService<ImportHandlers>();
        var content = await ReadFileAsync(file, ct);
        if (options.Json is { Length: > 0 } target)
        {
            var parsed = ImportHandlers.Read(file.Name, content,
                handler.ParseOptions(plan.Numbers.Year, await handler.RegistryAsync(ct), await handler.KnownPersonsAsync(ct)));
            await WriteJsonAsync(file, parsed, plan.Warnings, target, console, ct);
        }
        if (dry)
        {
            if (plan.ExistingIssueId is int existing)
            {
                await report.WriteLineAsync($"已导入过 {file.Name} → {plan.SeriesName} {plan.ExistingIssueLabel}（编号 {existing}）（试运行）");
                return Outcome.AlreadyImported;
            }
            await report.WriteLineAsync($"可导入 {file.Name} → {plan.SeriesName} {Label(plan.Numbers)}，{plan.Sections} 个栏目 {plan.Articles} 篇（试运行，未写入）");
            await WarningsAsync(report, plan.Warnings);
            return Outcome.Checked;
        }

        var result = await handler.CommitAsync(Actor.System, file.Name, content, new ImportCommitRequest(
            SeriesId: plan.SeriesId,
            Year: plan.Numbers.Year,
            Number: plan.Numbers.Number,
            TotalNumber: plan.Numbers.TotalNumber,
            Date: plan.Numbers.Date,
            Strict: options.Strict), ct);
        await report.WriteLineAsync(result.AlreadyImported
            ? $"已导入过 {file.Name} → {result.Series} {result.Label}（编号 {result.IssueId}），未作改动"
            : $"已导入 {file.Name} → {result.Series} {result.Label}，{result.Articles} 篇（编号 {result.IssueId}）");
        if (!result.AlreadyImported)
        {
            await WarningsAsync(report, plan.Warnings);
        }
        return result.AlreadyImported ? Outcome.AlreadyImported : Outcome.Imported;
    }

    private static async Task WarningsAsync(TextWriter report, IEnumerable<ImportWarning> warnings)
    {
        foreach (var w in warnings.Where(w => w.Kind != ImportWarningKind.AlreadyImported))
        {
            await report.WriteLineAsync(w.SourceLine is int line ? $"  提示：{w.Message}（原文第 {line} 行）" : $"  提示：{w.Message}");
        }
    }

    private static string Label(IssueNumbers n)
        => n.Number is null && n.TotalNumber is null ? "（无期号）" : (n with { Date = null }).Describe();

    private static string Describe(ParsedBulletin b)
        => $"{b.Masthead} {(b.Year is not null && b.IssueNumber is not null ? $"{b.Year}年第{b.IssueNumber}期" : "")}，{b.Sections.Count} 个栏目 {b.Sections.Sum(s => s.Articles.Count)} 篇";

    private static async Task WriteJsonAsync(FileInfo file, ParsedBulletin parsed, IReadOnlyList<ImportWarning> warnings, string target, CliConsole console,
        CancellationToken ct)
    {
        var text = BulletinJson.Serialize(parsed, warnings);
        if (target == "-")
        {
            await console.Out.WriteLineAsync(text);
            return;
        }
        await File.WriteAllTextAsync(Path.Combine(target, Path.GetFileNameWithoutExtension(file.Name) + ".json"), text + "\n", ct);
    }
}
