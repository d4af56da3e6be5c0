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
        var import = new Command("import", "把旧简讯读入刊物库；每个文件一行结果，全部成功返回 0，有失败返回 1。例如：jianxun import 2024/*.pdf --series 国资简讯")
        {
            files, dryRun, json, series, year, number, total, date,
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
                await console.Error.WriteLineAsync("--number、--total、--date 只能用于单个文件。");
                return 2;
            }
            if (!single && jsonTarget == "-")
            {
                await console.Error.WriteLineAsync("--json - 只能用于单个文件；多个文件请给出目录，例如 --json out/。");
                return 2;
            }
            // With JSON on standard output, the report goes to standard error so that the JSON stays clean.
            var report = jsonTarget == "-" ? console.Error : console.Out;
            var dry = parse.GetValue(dryRun);
            var options = new Options(parse.GetValue(series), parse.GetValue(year), parse.GetValue(number), parse.GetValue(total), issueDate, jsonTarget);

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
                for (var i = 0; i < inputs.Length; i++)
                {
                    var file = inputs[i];
                    if (!single)
                    {
                        await console.Error.WriteLineAsync($"[{i + 1}/{inputs.Length}] {file.Name} …");
                    }
                    Outcome outcome;
                    try
                    {
                        outcome = await ImportOneAsync(file, dry, seriesId, options, scope?.ServiceProvider, console, report, ct);
                    }
                    catch (ValidationException e)
                    {
                        outcome = Outcome.Failed;
                        await report.WriteLineAsync($"失败 {file.Name}：{string.Join("；", e.Errors.SelectMany(x => x.Value))}");
                    }
                    catch (Exception e) when (e is DomainException or IOException or UnauthorizedAccessException)
                    {
                        outcome = Outcome.Failed;
                        await report.WriteLineAsync($"失败 {file.Name}：{e.Message}");
                    }
                    counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
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

    private sealed record Options(string? Series, int? Year, int? Number, int? Total, DateOnly? Date, string? Json);

    private static async Task<Outcome> ImportOneAsync(FileInfo file, bool dry, int? seriesId, Options options, IServiceProvider? services,
        CliConsole console, TextWriter report, CancellationToken ct)
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
        var content = await File.ReadAllBytesAsync(file.FullName, ct);

        if (services is null)
        {
            // --dry-run --json: the engine alone, no database.
            var parsed = ImportHandlers.Read(file.Name, content, new BulletinParseOptions { DefaultYear = options.Year });
            await WriteJsonAsync(file, parsed, options.Json!, console, ct);
            await report.WriteLineAsync($"已读取 {file.Name}：{Describe(parsed)}（试运行，未写入）");
            return Outcome.Checked;
        }

        var handler = services.GetRequiredService<ImportHandlers>();
        var preview = await handler.PreviewAsync(Actor.System, file.Name, content, seriesId, ct, options.Year);
        if (options.Json is { Length: > 0 } target)
        {
            var parsed = ImportHandlers.Read(file.Name, content, handler.ParseOptions(preview.Year, await handler.RegistryAsync(ct)));
            await WriteJsonAsync(file, parsed, target, console, ct);
        }
        var articles = preview.Sections.Sum(s => s.Articles.Count);
        if (dry)
        {
            if (preview.ExistingIssueId is int existing)
            {
                await report.WriteLineAsync($"已导入过 {file.Name} → {preview.SeriesName} {preview.ExistingIssueLabel}（编号 {existing}）（试运行）");
                return Outcome.AlreadyImported;
            }
            await report.WriteLineAsync($"可导入 {file.Name} → {preview.SeriesName} {Label(preview, options)}，{preview.Sections.Count} 个栏目 {articles} 篇（试运行，未写入）");
            foreach (var problem in preview.Problems)
            {
                await report.WriteLineAsync($"  提示：{problem}");
            }
            return Outcome.Checked;
        }

        var result = await handler.CommitAsync(Actor.System, file.Name, content, new ImportCommitRequest(
            SeriesId: preview.SeriesId,
            Year: options.Year ?? preview.Year,
            Number: options.Number ?? preview.Number,
            TotalNumber: options.Total ?? preview.TotalNumber,
            Date: options.Date ?? preview.Date,
            Sections: preview.Sections), ct);
        await report.WriteLineAsync(result.AlreadyImported
            ? $"已导入过 {file.Name} → {result.Series} {result.Label}（编号 {result.IssueId}），未作改动"
            : $"已导入 {file.Name} → {result.Series} {result.Label}，{result.Articles} 篇（编号 {result.IssueId}）");
        return result.AlreadyImported ? Outcome.AlreadyImported : Outcome.Imported;
    }

    private static string Label(ImportPreviewDto p, Options o)
    {
        var year = o.Year ?? p.Year;
        var number = o.Number ?? p.Number;
        var total = o.Total ?? p.TotalNumber;
        var label = year is not null && number is not null ? $"{year}年第{number}期" : total is not null ? $"总第{total}期" : "（无期号）";
        return total is not null && number is not null ? $"{label}（总第{total}期）" : label;
    }

    private static string Describe(ParsedBulletin b)
        => $"{b.Masthead} {(b.Year is not null && b.IssueNumber is not null ? $"{b.Year}年第{b.IssueNumber}期" : "")}，{b.Sections.Count} 个栏目 {b.Sections.Sum(s => s.Articles.Count)} 篇";

    private static async Task WriteJsonAsync(FileInfo file, ParsedBulletin parsed, string target, CliConsole console, CancellationToken ct)
    {
        var text = BulletinJson.Serialize(parsed);
        if (target == "-")
        {
            await console.Out.WriteLineAsync(text);
            return;
        }
        await File.WriteAllTextAsync(Path.Combine(target, Path.GetFileNameWithoutExtension(file.Name) + ".json"), text + "\n", ct);
    }
}
