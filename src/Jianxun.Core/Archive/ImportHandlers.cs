using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Core.Storage;
using Jianxun.Core.Submissions;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Archive;

/// <summary>
/// Reads old bulletins back into the archive: a preview of what a file holds, then a commit of the
/// (possibly corrected) structure as an imported, published issue. Editors and administrators only.
/// </summary>
public sealed class ImportHandlers(AppDbContext db, AuditLog audit, FileStore files, PendingImports pending, ReadingScope reading, TimeProvider clock,
    IOptions<JianxunOptions> options)
{
    public const int MaxArticles = 500;

    internal static readonly JsonSerializerOptions PersonJson = new(JsonSerializerDefaults.Web)
    {
        // Names stay readable in the column, so that the person query can look for them in SQL.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads the file and says what an import would create, with a warning for each doubt (ADR-028); saves nothing.
    /// Year, number, running number and date come from the document, else from the file name (<see cref="IssueNumbering"/>);
    /// the year else from <paramref name="defaultYear"/>, else this year.
    /// </summary>
    /// <exception cref="ValidationException">The file cannot be read as a bulletin (field <c>file</c>, Chinese message).</exception>
    public async Task<ImportPreviewDto> PreviewAsync(Actor actor, string fileName, byte[] content, int? seriesId, CancellationToken ct,
        int? defaultYear = null)
    {
        actor.RequireRole(Roles.Editor, Roles.Admin);
        var units = await RegistryAsync(ct);
        var fromName = IssueNumbering.FromFileName(fileName);
        var year = fromName.Year ?? defaultYear ?? clock.OfficeToday().Year;
        var bulletin = Read(fileName, content, ParseOptions(year, units, await KnownPersonsAsync(ct)));
        var warnings = new List<ImportWarning>();

        var series = await db.Series.AsNoTracking().Include(s => s.Columns).OrderBy(s => s.Id).ToListAsync(ct);
        var chosen = DetectSeries(series, bulletin.Masthead, seriesId);
        if (chosen is null)
        {
            warnings.Add(new(ImportWarningKind.NoSeries, "系统中还没有任何刊物，请管理员先在“刊物与栏目”中建立刊物。"));
        }
        else if (!string.Equals(chosen.Name, bulletin.Masthead, StringComparison.Ordinal) && bulletin.Masthead.Length > 0)
        {
            warnings.Add(new(ImportWarningKind.MastheadMismatch, $"刊头“{bulletin.Masthead}”与刊物名称不完全一致，已归入“{chosen.Name}”，请核对。", SourceLine: 1));
        }

        // The document first, then the file name, field by field.
        var stated = new IssueNumbers(bulletin.YearStated ? bulletin.Year : null, bulletin.IssueNumber, bulletin.TotalIssueNumber, bulletin.Date);
        var numbers = stated.Or(fromName);
        var taken = new List<string>();
        if (stated.Year is null && fromName.Year is not null)
        {
            taken.Add($"年份 {fromName.Year}");
        }
        if (stated.Number is null && fromName.Number is not null)
        {
            taken.Add($"期号 {fromName.Number}");
        }
        if (stated.TotalNumber is null && fromName.TotalNumber is not null)
        {
            taken.Add($"总期号 {fromName.TotalNumber}");
        }
        if (stated.Date is null && fromName.Date is { } nameDate)
        {
            taken.Add($"出刊日期 {nameDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }
        if (taken.Count > 0)
        {
            warnings.Add(new(ImportWarningKind.NumberingFromElsewhere, $"文件中没有{string.Join("、", taken.Select(t => t.Split(' ')[0]))}，按文件名“{Path.GetFileName(fileName)}”取为 {string.Join("，", taken)}，请核对。"));
        }
        var issueYear = numbers.Year ?? year;
        if (numbers.Year is null)
        {
            warnings.Add(new(ImportWarningKind.YearAssumed, $"文件和文件名中都没有年份，按 {year} 年处理，请核对。"));
        }
        if (numbers.Number is null && numbers.TotalNumber is null)
        {
            warnings.Add(new(ImportWarningKind.NoIssueNumber, "文件和文件名中都没有期号（第N期、总第N期），请填写。"));
        }
        var date = numbers.Date;
        if (date is null)
        {
            var latest = bulletin.Sections.SelectMany(s => s.Articles).SelectMany(a => a.ResolvedDates).Where(d => d.Year == issueYear).DefaultIfEmpty().Max();
            if (latest != default)
            {
                date = latest;
                warnings.Add(new(ImportWarningKind.NoIssueDate, $"文件中没有出刊日期，按文中最晚的日期 {latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 推定，请核对。"));
            }
            else
            {
                warnings.Add(new(ImportWarningKind.NoIssueDate, "文件中没有出刊日期，请填写。"));
            }
        }

        var sections = bulletin.Sections.Select(s => ToSection(s, chosen)).ToList();
        foreach (var (s, i) in sections.Select((s, i) => (s, i)))
        {
            if (s.Name.Length > 0 && chosen is not null && s.ColumnId is null)
            {
                warnings.Add(new(ImportWarningKind.UnknownColumn, $"栏目“{s.Name}”不是“{chosen.Name}”现有的栏目，将按原名保存。", i, null, s.Name,
                    bulletin.Sections[i].SourceLineStart is > 0 and var line ? line : (s.Articles.Count > 0 ? s.Articles[0].SourceLineStart : null)));
            }
            foreach (var (a, ai) in s.Articles.Select((a, ai) => (a, ai)))
            {
                var unknown = a.CreditUnits.Where(u => FindUnit(units, u) is null).ToList();
                if (unknown.Count > 0)
                {
                    warnings.Add(new(ImportWarningKind.UnknownCreditUnit,
                        $"“{s.Name}”第 {ai + 1} 篇的供稿单位 {string.Join("、", unknown)} 不在单位名录中（可请管理员添加别名），不计入单位统计。", i, ai, s.Name,
                        a.SourceLineEnd ?? a.SourceLineStart));
                }
            }
        }
        warnings.AddRange(ImportWarnings.Structure(sections, issueYear));

        var sha = Sha256(content);
        var existing = await db.Issues.AsNoTracking().Where(i => i.SourceSha256 == sha).Select(i => new { i.Id, i.Year, i.Number, i.TotalNumber, i.Date })
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            warnings.Insert(0, new(ImportWarningKind.AlreadyImported, "这个文件已经导入过，再次导入不会有任何改变。"));
        }

        return new ImportPreviewDto(
            Path.GetFileName(fileName), sha, content.Length, bulletin.Masthead, chosen?.Id, chosen?.Name,
            issueYear, numbers.Number, numbers.TotalNumber, date, sections, bulletin.SourceLines,
            existing?.Id, existing is null ? null : Label(existing.Year, existing.Number, existing.TotalNumber, existing.Date), warnings);
    }

    /// <summary>Keeps an upload for the preview page and the API: the preview, with the token to commit it later.</summary>
    public async Task<ImportPreviewDto> PreviewAndKeepAsync(Actor actor, string fileName, byte[] content, int? seriesId, CancellationToken ct)
    {
        var preview = await PreviewAsync(actor, fileName, content, seriesId, ct);
        var token = await pending.SaveAsync(actor, fileName, content, ct);
        preview = preview with { PendingToken = token };
        await pending.SaveDraftAsync(actor, token, preview, ct);
        return preview;
    }

    /// <summary>Commits a pending upload (by its token).</summary>
    public async Task<ImportResultDto> CommitAsync(Actor actor, ImportCommitRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor, Roles.Admin);
        if (string.IsNullOrWhiteSpace(request.PendingToken))
        {
            throw ValidationException.For("pendingToken", "请先上传文件预览，再用返回的 pendingToken 导入。");
        }
        var (fileName, content) = await pending.LoadAsync(actor, request.PendingToken, ct);
        var result = await CommitAsync(actor, fileName, content, request, ct);
        pending.Delete(request.PendingToken);
        return result;
    }

    /// <summary>
    /// Creates the imported issue with its sections and items and stores the source file, in one transaction.
    /// The same file again changes nothing and answers the issue it made before.
    /// </summary>
    public async Task<ImportResultDto> CommitAsync(Actor actor, string fileName, byte[] content, ImportCommitRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor, Roles.Admin);
        var sha = Sha256(content);
        var previous = await ExistingAsync(sha, ct);
        if (previous is not null)
        {
            return previous;
        }

        var units = await RegistryAsync(ct);
        var sections = request.Sections;
        ParsedBulletin? parsed = null;
        if (sections is null)
        {
            parsed = Read(fileName, content, ParseOptions(request.Year ?? clock.OfficeToday().Year, units, await KnownPersonsAsync(ct)));
        }
        var allSeries = await db.Series.AsNoTracking().Include(s => s.Columns).OrderBy(s => s.Id).ToListAsync(ct);
        var series = request.SeriesId is int sid
            ? allSeries.FirstOrDefault(s => s.Id == sid)
            : DetectSeries(allSeries, parsed?.Masthead ?? "", null);
        sections ??= [.. parsed!.Sections.Select(s => ToSection(s, series))];
        var year = request.Year ?? parsed?.Year;
        var number = request.Number ?? parsed?.IssueNumber;
        var total = request.TotalNumber ?? parsed?.TotalIssueNumber;
        var date = request.Date ?? parsed?.Date;
        // Doubts do not stop an import (ADR-028): an untitled article gets its first words as a stand-in title, an unnamed
        // column a stand-in name, each said in the preview's warnings. Strict keeps the refusal.
        var doubts = ImportWarnings.Structure(sections, year).Count(w => w.Kind is ImportWarningKind.UntitledArticle or ImportWarningKind.UnnamedColumn);
        if (!request.Strict)
        {
            sections = ImportWarnings.WithStandIns(sections);
        }
        // The text boundary (ADR-017) also for text that never crossed HTTP: the command line's imports, and sections read
        // from the file here. One rule, the web's: refused with the field named, never stored to be stripped later.
        TextBoundary.ThrowIfUnsafe("", request with { Sections = sections });

        var v = new Validator()
            .Check(series is not null, "seriesId", request.SeriesId is null ? "请选择刊物。" : "所选刊物不存在。")
            .Check(year is null or (>= 1949 and <= 2200), "year", "年份不正确。")
            .Check(number is null or (> 0 and < 10000), "number", "期号应为正整数。")
            .Check(total is null or (> 0 and < 100000), "totalNumber", "总期号应为正整数。")
            .Check(number is null || year is not null, "year", "填写了期号时也请填写年份。")
            .Check(number is not null || total is not null, "number", "请填写期号或总期号。")
            .Check(date is not null, "date", "请填写出刊日期。")
            .Check(sections.Count > 0, "sections", "没有任何栏目，无法导入。")
            .Check(sections.Sum(s => s.Articles?.Count ?? 0) is > 0 and <= MaxArticles, "sections", $"文章数应在 1 到 {MaxArticles} 篇之间。");
        foreach (var (s, si) in sections.Select((s, i) => (s, i + 1)))
        {
            v.Require(s.Name, $"sections[{si}].name", $"第 {si} 个栏目的名称", 50);
            foreach (var (a, ai) in (s.Articles ?? []).Select((a, i) => (a, i + 1)))
            {
                var where = $"“{s.Name}”第 {ai} 篇";
                var field = $"sections[{si}].articles[{ai}]";
                if (!s.IsBriefs)
                {
                    v.Require(a.Title, field + ".title", where + "的标题", 200);
                }
                else
                {
                    v.Optional(a.Title, field + ".title", where + "的标题", 200);
                }
                v.Check((a.Paragraphs ?? []).Any(p => !string.IsNullOrWhiteSpace(p)), field + ".paragraphs", where + "没有正文。");
                v.Check((a.Paragraphs ?? []).All(p => p is null || p.Length <= SubmissionHandlers.MaxParagraphLength), field + ".paragraphs",
                    $"{where}有段落超过 {SubmissionHandlers.MaxParagraphLength} 字。");
                v.Optional(CreditLineOf(a), field + ".credit", where + "的供稿信息", 300);
            }
        }
        var readers = await reading.CleanUnitIdsAsync(v, request.ReaderUnitIds ?? [], "readerUnitIds", ct);
        v.ThrowIfInvalid();

        await ThrowIfNumberTakenAsync(series!, year, number, total, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var issue = new Issue
        {
            SeriesId = series!.Id,
            Source = IssueSource.Imported,
            Status = IssueStatus.Published,
            Year = year,
            Number = number,
            TotalNumber = total,
            Date = date!.Value,
            Revision = 1,
            CreatedById = actor.UserId ?? 0,
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = now,
            SourceFileName = Truncate(Path.GetFileName(fileName), 260),
            SourceSha256 = sha,
            ReaderUnitIds = readers,
        };

        // The file first (a failed save removes it again), then every row in one transaction.
        var extension = Path.GetExtension(fileName) is { Length: > 1 and <= 8 } ext && ext.Skip(1).All(char.IsAsciiLetterOrDigit)
            ? ext.ToLowerInvariant() : ".bin";
        issue.SourceStoredName = await files.SaveAsync("imports", content, extension, ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            issue.Sections = [.. sections.Select((s, i) => new IssueSection
            {
                Order = i + 1,
                Name = s.Name.Trim(),
                IsBriefs = s.IsBriefs,
                ColumnId = MatchColumn(series, s.Name)?.Id,
            })];
            db.Issues.Add(issue);
            await db.SaveChangesAsync(ct);

            // Items point at both their section and their issue, so they go in once the issue has its id.
            foreach (var (section, dto) in issue.Sections.Zip(sections))
            {
                section.Items = [.. (dto.Articles ?? []).Select((a, i) => ToItem(a, i + 1, issue.Id, section.IsBriefs, units))];
            }
            var count = sections.Sum(s => s.Articles?.Count ?? 0);
            audit.Record(actor, "issue.imported", nameof(Issue), issue.Id,
                $"导入 {series.Name} {issue.Label}（{count} 篇，文件 {issue.SourceFileName}，SHA-256 {sha[..12]}…）"
                + (doubts == 0 || request.Strict ? "" : $"；{doubts} 处没有标题或栏目名，已暂以正文开头或“{BulletinWarnings.StandInColumn}”代替")
                + (readers.Count == 0 ? "" : $"；阅读范围：{await reading.DescribeAsync(readers, ct)}"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new ImportResultDto(issue.Id, series.Name, issue.Label, AlreadyImported: false, count);
        }
        catch (DbUpdateException)
        {
            files.Delete(issue.SourceStoredName);
            db.ChangeTracker.Clear();
            // Someone imported the same file or took the number at the same moment.
            if (await ExistingAsync(sha, ct) is { } raced)
            {
                return raced;
            }
            throw new ConflictException("期号刚被占用，导入未完成，请核对期号后重试。");
        }
        catch
        {
            files.Delete(issue.SourceStoredName);
            throw;
        }
    }

    /// <summary>The credit line as printed: 【供稿：单位 作者】, or null when there is none.</summary>
    public static string? CreditLineOf(ImportArticleDto a)
        => (a.CreditUnits?.Count ?? 0) + (a.CreditAuthors?.Count ?? 0) == 0 ? null : SubmissionHandlers.CreditLine(a.CreditUnits ?? [], a.CreditAuthors ?? []);

    /// <summary>
    /// The engine's options for this installation: the year, units and people already known (ADR-028), and where the PDF
    /// reader is (ADR-019).
    /// </summary>
    public BulletinParseOptions ParseOptions(int? year, UnitRegistry? units, IReadOnlyCollection<string>? knownPersons = null)
        => new() { DefaultYear = year, Units = units, KnownPersons = knownPersons, PdfWorkerPath = options.Value.PdfWorkerPath };

    /// <summary>
    /// Reads a file with the engine; its Chinese error becomes a validation error on <c>file</c>. A missing PDF reader is the
    /// server's fault: 503 with <see cref="PdfWorker.MissingMessage"/>, never a 500.
    /// </summary>
    public static ParsedBulletin Read(string fileName, byte[] content, BulletinParseOptions options)
    {
        try
        {
            return BulletinImporter.Import(fileName, content.AsSpan(), options);
        }
        catch (BulletinImportException e)
        {
            throw ValidationException.For("file", e.Message);
        }
        catch (PdfWorkerMissingException)
        {
            throw new ServiceUnavailableException(PdfWorker.MissingMessage);
        }
    }

    /// <summary>The unit registry as the engine wants it: key = unit id, with full, short and other names.</summary>
    public async Task<UnitRegistry> RegistryAsync(CancellationToken ct)
    {
        var rows = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.ShortName, u.Aliases }).ToListAsync(ct);
        return new UnitRegistry([.. rows.Select(u => new UnitRegistryEntry(u.Id.ToString(CultureInfo.InvariantCulture), u.Name, [u.ShortName], u.Aliases))]);
    }

    /// <summary>
    /// The people the archive and the user registry know, so that a name written without a title is still found (issue 16
    /// point 6): every person of an imported or published item, and every user's display name that looks like a name.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> KnownPersonsAsync(CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var users = await db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync(ct);
        names.UnionWith(users.Where(n => n is not null).Select(n => n.Trim()));
        var stored = await db.IssueItems.AsNoTracking().Where(i => i.PersonsJson != null).Select(i => i.PersonsJson!).ToListAsync(ct);
        foreach (var json in stored)
        {
            try
            {
                names.UnionWith((JsonSerializer.Deserialize<List<ImportPersonDto>>(json, PersonJson) ?? []).Select(p => p.Name.Trim()));
            }
            catch (JsonException)
            {
                // A hand-edited row is skipped; the names of the others still count.
            }
        }
        return names;
    }

    internal static int? FindUnit(UnitRegistry units, string name)
    {
        var n = name.Trim();
        var hit = units.Units.FirstOrDefault(u => u.AllNames().Any(x => string.Equals(x, n, StringComparison.Ordinal)));
        return hit is null ? null : int.Parse(hit.Key, CultureInfo.InvariantCulture);
    }

    internal static string Label(int? year, int? number, int? total, DateOnly date)
        => new Issue { Year = year, Number = number, TotalNumber = total, Date = date }.Label;

    private static Series? DetectSeries(List<Series> series, string masthead, int? given)
    {
        var m = masthead.Trim();
        var exact = series.FirstOrDefault(s => m.Length > 0 && string.Equals(s.Name, m, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }
        if (series.FirstOrDefault(s => s.Id == given) is { } chosen)
        {
            return chosen;
        }
        // 简讯 on the masthead of 国资简讯: accept a containment when it points at one series only.
        var near = m.Length == 0 ? [] : series.Where(s => s.Name.Contains(m, StringComparison.Ordinal) || m.Contains(s.Name, StringComparison.Ordinal)).ToList();
        return near.Count == 1 ? near[0] : series.FirstOrDefault(s => s.IsActive) ?? series.FirstOrDefault();
    }

    private static SeriesColumn? MatchColumn(Series? series, string name)
        => series?.Columns.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.Ordinal));

    private static ImportSectionDto ToSection(ParsedSection s, Series? series)
    {
        var column = MatchColumn(series, s.Name);
        var briefs = column?.IsBriefs ?? (s.Articles.Count > 0 && s.Articles.All(a => a.Number is not null));
        return new ImportSectionDto(s.Name, briefs, [.. s.Articles.Select(a => new ImportArticleDto(
            a.Title, a.Number, a.Paragraphs, a.Credit?.Units ?? [], a.Credit?.Authors ?? [],
            [.. a.Persons.Select(p => new ImportPersonDto(p.Name, p.Titles))], a.Dates, a.Organizations,
            a.SourceLineStart == 0 ? null : a.SourceLineStart, a.SourceLineEnd == 0 ? null : a.SourceLineEnd))], column?.Id);
    }

    private static IssueItem ToItem(ImportArticleDto a, int order, int issueId, bool briefs, UnitRegistry units)
    {
        var creditUnits = Clean(a.CreditUnits);
        var persons = (a.Persons ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Name))
            .Select(p => new ImportPersonDto(p.Name.Trim(), Clean(p.Titles))).ToList();
        return new IssueItem
        {
            IssueId = issueId,
            Order = order,
            Title = string.IsNullOrWhiteSpace(a.Title) ? null : a.Title.Trim(),
            Number = briefs ? a.Number ?? order : a.Number,
            Paragraphs = Clean(a.Paragraphs),
            CreditLine = CreditLineOf(a),
            CreditUnits = creditUnits,
            CreditAuthors = Clean(a.CreditAuthors),
            UnitIds = [.. creditUnits.Select(u => FindUnit(units, u)).OfType<int>().Distinct()],
            Dates = Clean(a.Dates),
            PersonsJson = persons.Count == 0 ? null : JsonSerializer.Serialize(persons, PersonJson),
            Organizations = Clean(a.Organizations),
            SourceLineStart = a.SourceLineStart,
            SourceLineEnd = a.SourceLineEnd,
        };
    }

    private static List<string> Clean(IReadOnlyList<string>? values)
        => [.. (values ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim())];

    private async Task<ImportResultDto?> ExistingAsync(string sha, CancellationToken ct)
    {
        var found = await db.Issues.AsNoTracking().Where(i => i.SourceSha256 == sha)
            .Select(i => new { i.Id, Series = i.Series!.Name, i.Year, i.Number, i.TotalNumber, i.Date, Items = db.IssueItems.Count(x => x.IssueId == i.Id) })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new ImportResultDto(found.Id, found.Series, Label(found.Year, found.Number, found.TotalNumber, found.Date), AlreadyImported: true, found.Items);
    }

    private async Task ThrowIfNumberTakenAsync(Series series, int? year, int? number, int? total, CancellationToken ct)
    {
        var v = new Validator();
        if (number is not null)
        {
            var taken = await db.Issues.AsNoTracking().Where(i => i.SeriesId == series.Id && i.Year == year && i.Number == number)
                .Select(i => new { i.Id, i.Source }).FirstOrDefaultAsync(ct);
            v.Check(taken is null, "number",
                $"{series.Name} {year}年第{number}期已存在（{(taken?.Source == IssueSource.Imported ? "导入" : "本系统编印")}，编号 {taken?.Id}），请核对期号。");
        }
        if (total is not null)
        {
            var taken = await db.Issues.AsNoTracking().Where(i => i.SeriesId == series.Id && i.TotalNumber == total)
                .Select(i => new { i.Id, i.Year, i.Number, i.TotalNumber, i.Date }).FirstOrDefaultAsync(ct);
            v.Check(taken is null, "totalNumber",
                $"{series.Name} 总第{total}期已存在（{(taken is null ? "" : Label(taken.Year, taken.Number, taken.TotalNumber, taken.Date))}，编号 {taken?.Id}），请核对总期号。");
        }
        v.ThrowIfInvalid();
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
