using System.Security.Cryptography;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Notifications;
using Jianxun.Core.Storage;
using Jianxun.Core.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jianxun.Core.Issues;

/// <summary>
/// Compiling (组刊), signing off (签发) and publishing (印发) issues, and corrections of published ones.
/// Numbers are assigned without gaps or duplicates; a signed issue is locked; a published one never changes.
/// </summary>
public sealed partial class IssueHandlers(AppDbContext db, AuditLog audit, Notifier notifier, FileStore files, IssueRenderer renderer, ReadingScope reading,
    TimeProvider clock, ILogger<IssueHandlers> logger)
{
    private const int MaxNumberingAttempts = 8;

    public static readonly string[] Formats = ["pdf", "docx", "html"];

    public async Task<IReadOnlyList<IssueListItemDto>> ListAsync(Actor actor, int? seriesId, IssueStatus? status, CancellationToken ct)
    {
        var q = (await ReadableAsync(actor, ct)).AsNoTracking();
        if (seriesId is int sid)
        {
            q = q.Where(i => i.SeriesId == sid);
        }
        if (status is { } st)
        {
            q = q.Where(i => i.Status == st);
        }
        var rows = await q.OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).Take(200)
            .Select(i => new { i.Id, Series = i.Series!.Name, i.Year, i.Number, i.TotalNumber, i.Date, i.Source, i.Status, Articles = db.IssueItems.Count(x => x.IssueId == i.Id) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new IssueListItemDto(r.Id, r.Series, r.Year is int y && r.Number is int n ? $"{y}年第{n}期" : r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            r.TotalNumber, r.Date, r.Source.ToString(), r.Status.ToString(), IssueWorkflow.DisplayName(r.Status), r.Articles))];
    }

    /// <summary>Editors, signers and administrators see every issue; everyone else the published ones their reading scope allows.</summary>
    private async Task<IQueryable<Issue>> ReadableAsync(Actor actor, CancellationToken ct)
        => ReadingScope.SeesEverything(actor)
            ? db.Issues
            : await reading.FilterAsync(db.Issues.Where(i => i.Status == IssueStatus.Published), actor, ct);

    public async Task<IssueDto> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        var issue = await LoadAsync((await ReadableAsync(actor, ct)).AsNoTracking(), id, ct);
        var photos = await PhotosAsync(issue, ct);
        var events = await db.Set<IssueEvent>().AsNoTracking().Where(e => e.IssueId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        // The signer's reasons stay on the page until the editor sends the issue again.
        var lastComment = issue.Status == IssueStatus.Draft && events.LastOrDefault() is { Action: IssueAction.SendBack } sentBack ? sentBack.Comment : null;
        return new IssueDto(issue.Id, issue.SeriesId, issue.Series!.Name, issue.Series.Issuer, issue.Source.ToString(), issue.Status.ToString(),
            IssueWorkflow.DisplayName(issue.Status), issue.Label, issue.Year, issue.Number, issue.TotalNumber, issue.Date, issue.EditorsNote,
            issue.DistributionBao, issue.DistributionSong, issue.DistributionFa, issue.Copies, issue.Revision, issue.Erratum, issue.Version,
            issue.SignedOffAt, issue.PublishedAt,
            [.. issue.Sections.OrderBy(s => s.Order).Select(s => new IssueSectionDto(s.Id, s.Name, s.IsBriefs, s.ColumnId,
                [.. s.Items.OrderBy(i => i.Order).Select(i => new IssueItemDto(i.Id, i.SubmissionId, i.Title, i.Number, i.Paragraphs, i.CreditLine,
                    i.CreditUnits, i.CreditAuthors, photos.Where(p => p.SubmissionId == i.SubmissionId).ToList(), i.IsCombined))]))],
            [.. issue.Files.OrderBy(f => f.Revision).ThenBy(f => f.Format).Select(f => new IssueFileDto(f.Revision, f.Format, f.Sha256, f.Size, f.CreatedAt))],
            [.. AllowedActions(actor, issue).Select(a => a.ToString())],
            issue.Status == IssueStatus.Draft && actor.IsInRole(Roles.Editor),
            lastComment,
            issue.ReaderUnitIds,
            [.. events.Select(e => new HistoryDto(e.At, e.UserName, e.Action.ToString(), IssueWorkflow.DisplayName(e.Action),
                IssueWorkflow.DisplayName(e.From), IssueWorkflow.DisplayName(e.To), e.Comment))]);
    }

    /// <summary>The moves the actor may make now (the table's rows; an imported issue is never corrected here); the pages show exactly these.</summary>
    public static IEnumerable<IssueAction> AllowedActions(Actor actor, Issue issue)
        => IssueWorkflow.Table.Where(t => t.From == issue.Status && t.Roles.Any(actor.IsInRole) && MayMake(t.Action, issue)).Select(t => t.Action);

    private static bool MayMake(IssueAction action, Issue issue) => action != IssueAction.Correct || issue.Source == IssueSource.Compiled;

    private void RecordEvent(Actor actor, Issue issue, IssueAction action, IssueStatus from, string? comment)
        => issue.Events.Add(new IssueEvent
        {
            IssueId = issue.Id,
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.Name,
            Action = action,
            From = from,
            To = issue.Status,
            Comment = comment,
        });

    /// <summary>Adopted articles that no issue carries yet, for the compile page.</summary>
    public async Task<IReadOnlyList<AvailableArticleDto>> AvailableArticlesAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        var placed = db.IssueItems.Where(i => i.SubmissionId != null).Select(i => i.SubmissionId);
        var rows = await db.Submissions.AsNoTracking()
            .Where(s => s.Status == SubmissionStatus.Adopted && !placed.Contains(s.Id))
            .OrderBy(s => s.AdoptedColumnId).ThenBy(s => s.UpdatedAt)
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.EventDate,
                s.AdoptedColumnId,
                Column = db.SeriesColumns.Where(c => c.Id == s.AdoptedColumnId).Select(c => c.Name).FirstOrDefault(),
                Units = s.Units.OrderBy(u => u.Order).Select(u => u.Unit!.ShortName).ToList(),
                Photos = s.Photos.Count,
            }).ToListAsync(ct);
        return [.. rows.Select(r => new AvailableArticleDto(r.Id, r.Title, string.Join("、", r.Units), r.Column, r.AdoptedColumnId, r.EventDate, r.Photos))];
    }

    /// <summary>Creates the next issue of a series with the next numbers; concurrent creations never share or skip a number.</summary>
    public async Task<IssueDto> CreateNextAsync(Actor actor, CreateIssueRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        var series = await db.Series.AsNoTracking().Include(s => s.Columns).FirstOrDefaultAsync(s => s.Id == request.SeriesId && s.IsActive, ct)
                     ?? throw ValidationException.For("seriesId", "所选刊物不存在或已停用。");
        var date = request.Date ?? clock.OfficeToday();
        for (var attempt = 1; ; attempt++)
        {
            var next = await NextNumbersAsync(series, date.Year, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var issue = new Issue
            {
                SeriesId = series.Id,
                Source = IssueSource.Compiled,
                Status = IssueStatus.Draft,
                Year = next.Year,
                Number = next.Number,
                TotalNumber = next.TotalNumber,
                Date = date,
                DistributionBao = series.DistributionBao,
                DistributionSong = series.DistributionSong,
                DistributionFa = series.DistributionFa,
                Copies = series.DefaultCopies > 0 ? series.DefaultCopies : null,
                ReaderUnitIds = [.. series.ReaderUnitIds],
                CreatedById = actor.UserId ?? 0,
                CreatedAt = now,
                UpdatedAt = now,
                Sections = [.. series.Columns.Where(c => c.IsActive).OrderBy(c => c.SortOrder)
                    .Select((c, i) => new IssueSection { Name = c.Name, IsBriefs = c.IsBriefs, ColumnId = c.Id, Order = i + 1 })],
            };
            RecordEvent(actor, issue, IssueAction.Create, IssueStatus.Draft, null);
            db.Issues.Add(issue);
            try
            {
                await audit.SaveCreatedAsync(() => audit.Record(actor, "issue.created", nameof(Issue), issue.Id,
                    $"新建 {series.Name} {issue.Label}（总第{issue.TotalNumber}期）"), ct);
            }
            catch (DbUpdateException) when (attempt < MaxNumberingAttempts)
            {
                // Another editor took this number a moment ago: the unique index refused ours (and the transaction was
                // rolled back). Take the next one.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 40) * attempt, ct);
                continue;
            }
            return await GetAsync(actor, issue.Id, ct);
        }
    }

    /// <summary>The numbers the next issue of each active series would take in <paramref name="year"/>, for 新建下一期.</summary>
    public async Task<IReadOnlyList<NextIssueNumbers>> NextNumbersAsync(Actor actor, int year, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        var result = new List<NextIssueNumbers>();
        foreach (var series in await db.Series.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Id).ToListAsync(ct))
        {
            result.Add(await NextNumbersAsync(series, year, ct));
        }
        return result;
    }

    /// <summary>The one rule for the next numbers: the year's next 期号, and the running total after the highest so far.</summary>
    private async Task<NextIssueNumbers> NextNumbersAsync(Organisation.Series series, int year, CancellationToken ct)
    {
        var lastNumber = await db.Issues.Where(i => i.SeriesId == series.Id && i.Year == year).MaxAsync(i => i.Number, ct) ?? 0;
        var lastTotal = await db.Issues.Where(i => i.SeriesId == series.Id).MaxAsync(i => i.TotalNumber, ct) ?? 0;
        return new NextIssueNumbers(series.Id, year, lastNumber + 1, Math.Max(lastTotal, series.FirstTotalNumber - 1) + 1);
    }

    /// <summary>
    /// How the issue falls on the pages as it stands (a draft from its current state, a published issue as rendered now):
    /// the page count, the series' budget, the last page's fill, and a warning past the budget or on a nearly empty last page.
    /// </summary>
    public async Task<IssueLayoutDto> LayoutAsync(Actor actor, int id, CancellationToken ct)
    {
        var issue = await LoadAsync((await ReadableAsync(actor, ct)).AsNoTracking(), id, ct);
        var budget = issue.Series!.PageBudget;
        var pdf = await renderer.RenderLayoutAsync(issue, ct);
        var fill = (int)Math.Round(pdf.LastPageFill * 100, MidpointRounding.AwayFromZero);
        var warnings = new List<string>();
        if (pdf.Pages > budget)
        {
            warnings.Add($"本期共 {pdf.Pages} 页，超出刊物版面（{budget} 页）{pdf.Pages - budget} 页：请删减或移出部分稿件。");
        }
        if (pdf.Pages > 1 && pdf.LastPageFill < Publishing.PdfRendering.NearlyEmpty)
        {
            warnings.Add($"最后一页（第 {pdf.Pages} 页）只用了约 {fill}% 的版面：可以压缩稿件，或再加一篇短稿。");
        }
        return new IssueLayoutDto(pdf.Pages, budget, fill, warnings);
    }

    /// <summary>Saves the compiled state of a draft: dates, note, distribution, copies, and the ordered items of each column.</summary>
    public async Task<IssueDto> UpdateAsync(Actor actor, int id, UpdateIssueRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        var issue = await LoadAsync(db.Issues, id, ct);
        if (issue.Status != IssueStatus.Draft)
        {
            throw new ConflictException($"本期当前状态为“{IssueWorkflow.DisplayName(issue.Status)}”，不能再修改。" +
                                        (issue.Status == IssueStatus.Published ? "已印发的刊物只能通过“更正”发布新版本。" : ""));
        }
        if (issue.Version != request.Version)
        {
            throw new ConflictException($"本期已被他人修改（当前为第 {issue.Version} 版，您提交的是第 {request.Version} 版），请刷新后再改。", await GetAsync(actor, id, ct));
        }
        var v = new Validator()
            .Optional(request.EditorsNote, "editorsNote", "编者按", 2000)
            .Optional(request.DistributionBao, "distributionBao", "报送范围", 500)
            .Optional(request.DistributionSong, "distributionSong", "抄送范围", 500)
            .Optional(request.DistributionFa, "distributionFa", "发送范围", 500)
            .Check(request.Copies is null or >= 0 and <= 100000, "copies", "印数应为 0 到 100000 之间的整数。");
        if (request.Date is { } date)
        {
            v.Check(date.Year == issue.Year, "date", $"本期编号属于 {issue.Year} 年，日期必须在 {issue.Year} 年内。");
        }
        var readers = request.ReaderUnitIds is null ? null : await reading.CleanUnitIdsAsync(v, request.ReaderUnitIds, "readerUnitIds", ct);

        if (request.Sections is { } sections)
        {
            Validator.ThrowIfTooMany(sections.Count + sections.Sum(s => s.Items?.Count ?? 0), "sections", "栏目和条目");
            v.Check(sections.All(s => issue.Sections.Any(x => x.Id == s.SectionId)), "sections", "栏目不属于本期。");
            var requestedSubmissions = sections.SelectMany(s => s.Items).Where(i => i.SubmissionId is not null).Select(i => i.SubmissionId!.Value).ToList();
            v.Check(requestedSubmissions.Distinct().Count() == requestedSubmissions.Count, "sections", "同一篇稿件不能在一期中出现两次。");
            var existingItems = issue.Sections.SelectMany(s => s.Items).ToDictionary(i => i.Id);
            var requestedItems = sections.SelectMany(s => s.Items).Where(i => i.ItemId is not null).Select(i => i.ItemId!.Value).ToList();
            v.Check(requestedItems.All(existingItems.ContainsKey), "sections", "条目不属于本期。");
            v.Check(sections.SelectMany(s => s.Items).All(i => i.CreditLine is null || i.CreditLine.Length <= 300), "sections", "供稿行不能超过 300 个字。");
            var newIds = requestedSubmissions.Where(sid => existingItems.Values.All(i => i.SubmissionId != sid)).ToList();
            var adopted = await db.Submissions.Include(s => s.Units).ThenInclude(u => u.Unit)
                .Where(s => newIds.Contains(s.Id)).ToListAsync(ct);
            foreach (var sid in newIds)
            {
                var s = adopted.FirstOrDefault(x => x.Id == sid);
                v.Check(s is { Status: SubmissionStatus.Adopted }, "sections", $"稿件 {sid} 不是已采用的稿件，不能编入刊物。");
            }
            var elsewhere = await db.IssueItems.Where(i => i.IssueId != issue.Id && i.SubmissionId != null && newIds.Contains(i.SubmissionId.Value))
                .Select(i => i.SubmissionId).ToListAsync(ct);
            v.Check(elsewhere.Count == 0, "sections", $"稿件 {string.Join("、", elsewhere)} 已编入其他期。");
            v.ThrowIfInvalid();

            // Rebuild the placement: kept items move, new ones are copied from their article, dropped ones go.
            var keep = new HashSet<int>();
            foreach (var placed in sections)
            {
                var section = issue.Sections.First(x => x.Id == placed.SectionId);
                var order = 0;
                foreach (var p in placed.Items)
                {
                    order++;
                    IssueItem item;
                    if (p.ItemId is int itemId)
                    {
                        item = existingItems[itemId];
                    }
                    else if (existingItems.Values.FirstOrDefault(i => i.SubmissionId == p.SubmissionId) is { } existing)
                    {
                        item = existing;
                    }
                    else
                    {
                        item = FromArticle(adopted.First(s => s.Id == p.SubmissionId), issue.Id);
                    }
                    keep.Add(item.Id);
                    if (issue.Sections.FirstOrDefault(s => s.Items.Contains(item)) is { } from && from != section)
                    {
                        from.Items.Remove(item);
                    }
                    if (!section.Items.Contains(item))
                    {
                        section.Items.Add(item);
                    }
                    item.SectionId = section.Id;
                    item.Order = order;
                    item.Number = section.IsBriefs ? order : null;
                    if (p.CreditLine is { } credit)
                    {
                        item.CreditLine = string.IsNullOrWhiteSpace(credit) ? null : credit.Trim();
                    }
                    if (p.IsCombined is bool combined)
                    {
                        item.IsCombined = combined;
                    }
                }
            }
            foreach (var dropped in existingItems.Values.Where(i => !keep.Contains(i.Id) && i.Id != 0))
            {
                db.IssueItems.Remove(dropped);
            }
        }
        v.ThrowIfInvalid();

        // A field left out (null) keeps its value; an empty text clears it; 0 copies prints no 共印N份 line.
        issue.Date = request.Date ?? issue.Date;
        issue.EditorsNote = request.EditorsNote is null ? issue.EditorsNote : Clean(request.EditorsNote);
        issue.DistributionBao = request.DistributionBao is null ? issue.DistributionBao : Clean(request.DistributionBao);
        issue.DistributionSong = request.DistributionSong is null ? issue.DistributionSong : Clean(request.DistributionSong);
        issue.DistributionFa = request.DistributionFa is null ? issue.DistributionFa : Clean(request.DistributionFa);
        issue.Copies = request.Copies is null ? issue.Copies : request.Copies == 0 ? null : request.Copies;
        var details = $"组刊 {issue.Label}：{string.Join("；", issue.Sections.OrderBy(s => s.Order).Select(s => $"{s.Name} {s.Items.Count} 篇"))}";
        var combinedCount = issue.Sections.Sum(s => s.Items.Count(i => i.IsCombined));
        if (combinedCount > 0)
        {
            details += $"（其中综合采用 {combinedCount} 篇）";
        }
        if (readers is not null && !readers.SequenceEqual(issue.ReaderUnitIds))
        {
            issue.ReaderUnitIds = readers;
            details += $"；阅读范围：{await reading.DescribeAsync(readers, ct)}";
        }
        issue.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        issue.Version++;
        audit.Record(actor, "issue.compiled", nameof(Issue), issue.Id, details);
        await SaveAsync(ct);
        return await GetAsync(actor, issue.Id, ct);
    }

    public async Task<IssueDto> ActAsync(Actor actor, int id, IssueAction action, IssueActionRequest request, CancellationToken ct)
    {
        // An issue the actor may not read answers "not found", like an unknown one (ADR-007), before state or role is told.
        var issue = await LoadAsync(await ReadableAsync(actor, ct), id, ct);
        var transition = IssueWorkflow.Find(action, issue.Status)
                         ?? throw new ConflictException($"本期当前状态为“{IssueWorkflow.DisplayName(issue.Status)}”，不能{IssueWorkflow.DisplayName(action)}。");
        if (!transition.Roles.Any(actor.IsInRole))
        {
            throw new ForbiddenException($"只有{string.Join("或", transition.Roles.Select(Roles.DisplayName))}可以{IssueWorkflow.DisplayName(action)}。");
        }
        var comment = request.Comment?.Trim();
        new Validator()
            .Check(!transition.RequiresComment || !string.IsNullOrEmpty(comment), "comment", $"{IssueWorkflow.DisplayName(action)}时请填写意见。")
            .Optional(comment, "comment", "意见", 1000)
            .Check(action != IssueAction.SubmitForSignOff || issue.Sections.Any(s => s.Items.Count > 0), "sections", "本期还没有编入任何稿件。")
            .ThrowIfInvalid();

        var now = clock.GetUtcNow().UtcDateTime;
        var from = issue.Status;
        issue.Status = transition.To;
        issue.UpdatedAt = now;
        issue.Version++;
        RecordEvent(actor, issue, action, from, string.IsNullOrEmpty(comment) ? null : comment);
        var written = new List<string>();
        IReadOnlyList<(string, string)> mails = [];
        switch (action)
        {
            case IssueAction.SubmitForSignOff:
                mails = await notifier.NotifyAsync(await notifier.UsersInRoleAsync(Roles.Signer, null, ct), $"{issue.Label} 已编好，待您签发。", $"/issues/{issue.Id}", actor.UserId, ct);
                break;
            case IssueAction.SignOff:
                issue.SignedOffAt = now;
                issue.SignedOffById = actor.UserId;
                mails = await notifier.NotifyAsync(await notifier.UsersInRoleAsync(Roles.Editor, null, ct), $"{issue.Label} 已签发，可以印发。", $"/issues/{issue.Id}", actor.UserId, ct);
                break;
            case IssueAction.SendBack:
                mails = await notifier.NotifyAsync(await notifier.UsersInRoleAsync(Roles.Editor, null, ct), $"{issue.Label} 被退回修改：{comment}", $"/issues/{issue.Id}", actor.UserId, ct);
                break;
            case IssueAction.Recall:
                mails = await notifier.NotifyAsync(await notifier.UsersInRoleAsync(Roles.Signer, null, ct), $"{issue.Label} 已被编辑撤回送签，暂不需要签发。", $"/issues/{issue.Id}", actor.UserId, ct);
                break;
            case IssueAction.Publish:
                issue.PublishedAt = now;
                issue.Revision = 1;
                written.AddRange(await RenderAndStoreAsync(issue, ct));
                var contributors = await MarkArticlesPublishedAsync(actor, issue, now, ct);
                mails =
                [
                    .. await notifier.NotifyAsync(contributors, $"{issue.Label} 已印发，刊发了贵单位的稿件。", $"/issues/{issue.Id}", actor.UserId, ct),
                    // Readers in the issue's scope hear of it too (in the application, and by mail when SMTP is set); once each.
                    .. await notifier.NotifyAsync((await reading.ReadersOfAsync(issue, ct)).Except(contributors),
                        $"{issue.Series?.Name}{issue.Label} 已印发，请阅读。", $"/issues/{issue.Id}", actor.UserId, ct),
                ];
                break;
            case IssueAction.Correct:
            case IssueAction.Create:
                throw new ConflictException($"{IssueWorkflow.DisplayName(action)}不是这样操作的：更正请使用更正功能并提供更正说明。");
        }
        audit.Record(actor, "issue." + action.ToString().ToLowerInvariant(), nameof(Issue), issue.Id,
            action == IssueAction.SendBack ? comment
                : $"{issue.Label}：{IssueWorkflow.DisplayName(action)}{(string.IsNullOrEmpty(comment) ? "" : "，意见：" + comment)}");
        try
        {
            await SaveAsync(ct);
        }
        catch
        {
            // The files of a publication that did not happen must not stay behind.
            written.ForEach(files.Delete);
            throw;
        }
        await notifier.SendMailAsync(mails, ct);
        return await GetAsync(actor, issue.Id, ct);
    }

    /// <summary>A correction of a published issue: the text is fixed, an erratum line is added, and a new revision is rendered; the old files stay.</summary>
    public async Task<IssueDto> CorrectAsync(Actor actor, int id, CorrectionRequest request, CancellationToken ct)
    {
        actor.RequireRole(Roles.Editor);
        var issue = await LoadAsync(db.Issues, id, ct);
        if (issue.Status != IssueStatus.Published || issue.Source != IssueSource.Compiled)
        {
            throw new ConflictException($"只有已印发的刊物可以更正（本期当前状态为“{IssueWorkflow.DisplayName(issue.Status)}”）。");
        }
        var items = issue.Sections.SelectMany(s => s.Items).ToDictionary(i => i.Id);
        var v = new Validator().Require(request.Erratum, "erratum", "更正说明", 500);
        v.Check((request.Items ?? []).All(i => items.ContainsKey(i.ItemId)), "items", "条目不属于本期。");
        v.ThrowIfInvalid();
        foreach (var change in request.Items ?? [])
        {
            var item = items[change.ItemId];
            item.Title = change.Title?.Trim() is { Length: > 0 } t ? t : item.Title;
            item.Paragraphs = change.Paragraphs is { Count: > 0 } p ? [.. p.Select(x => x.Trim()).Where(x => x.Length > 0)] : item.Paragraphs;
            item.CreditLine = change.CreditLine?.Trim() is { Length: > 0 } c ? c : item.CreditLine;
        }
        issue.Erratum = request.Erratum!.Trim();
        issue.Revision++;
        issue.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        issue.Version++;
        RecordEvent(actor, issue, IssueAction.Correct, issue.Status, $"第 {issue.Revision} 版：{issue.Erratum}");
        var written = await RenderAndStoreAsync(issue, ct);
        audit.Record(actor, "issue.corrected", nameof(Issue), issue.Id, $"{issue.Label} 更正为第 {issue.Revision} 版：{issue.Erratum}");
        try
        {
            await SaveAsync(ct);
        }
        catch
        {
            written.ForEach(files.Delete);
            throw;
        }
        return await GetAsync(actor, issue.Id, ct);
    }

    /// <summary>
    /// The issue as a file: drafts render from their current state; published issues return the stored file of the
    /// requested revision (the latest by default), byte for byte as published.
    /// </summary>
    public async Task<RenderedFile> FileAsync(Actor actor, int id, string format, int? revision, CancellationToken ct)
    {
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            throw ValidationException.For("format", "格式只能是 pdf、docx 或 html。");
        }
        var issue = await LoadAsync((await ReadableAsync(actor, ct)).AsNoTracking(), id, ct);
        if (issue.Status == IssueStatus.Published && issue.Source == IssueSource.Compiled)
        {
            var wanted = revision ?? issue.Revision;
            var file = issue.Files.FirstOrDefault(f => f.Format == format && f.Revision == wanted)
                       ?? throw new NotFoundException($"找不到第 {wanted} 版的 {format} 文件。");
            var name = IssueRenderer.FileName(issue) + (wanted == 1 ? "" : $"（第{wanted}版）") + "." + format;
            return new RenderedFile(await files.ReadAllBytesAsync(file.StoredName, ct), IssueRenderer.ContentType(format), name);
        }
        return await renderer.RenderAsync(issue, format, ct);
    }

    public async Task<string> PreviewHtmlAsync(Actor actor, int id, CancellationToken ct)
        => await renderer.PreviewHtmlAsync(await LoadAsync((await ReadableAsync(actor, ct)).AsNoTracking(), id, ct), ct);

    /// <summary>
    /// Renders and stores every format. A rendering that fails is a 409 that says so: nothing is stored and the caller
    /// does not save, so the issue stays where it was (signed off, or published at its previous revision). Never a 500.
    /// </summary>
    private async Task<List<string>> RenderAndStoreAsync(Issue issue, CancellationToken ct)
    {
        var written = new List<string>();
        try
        {
            return await RenderAndStoreCoreAsync(issue, written, ct);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DomainException) && !DatabaseBusy.Is(e))
        {
            written.ForEach(files.Delete);
            LogRenderFailed(logger, e, issue.Id);
            throw new ConflictException(RenderFailedMessage(issue.Label));
        }
        catch
        {
            written.ForEach(files.Delete);
            throw;
        }
    }

    /// <summary>What the signer or editor is told when the files could not be made (API 409 and the issue page).</summary>
    public static string RenderFailedMessage(string label)
        => $"生成{label}的印发文件（PDF、DOCX、HTML）时出错：这次操作没有完成，本期的状态没有改变，也没有保存任何文件。请联系管理员查看系统日志。";

    [LoggerMessage(1, LogLevel.Error, "Rendering issue {IssueId} failed; nothing was published")]
    private static partial void LogRenderFailed(ILogger logger, Exception exception, int issueId);

    private async Task<List<string>> RenderAndStoreCoreAsync(Issue issue, List<string> written, CancellationToken ct)
    {
        foreach (var format in Formats)
        {
            var rendered = await renderer.RenderAsync(issue, format, ct);
            var stored = await files.SaveAsync("issues", rendered.Content, "." + format, ct);
            written.Add(stored);
            issue.Files.Add(new IssueFile
            {
                IssueId = issue.Id,
                Revision = issue.Revision,
                Format = format,
                StoredName = stored,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(rendered.Content)),
                Size = rendered.Content.Length,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        return written;
    }

    /// <summary>Moves the issue's adopted articles to published; returns the users to tell (their writers and their units' contributors).</summary>
    private async Task<List<int>> MarkArticlesPublishedAsync(Actor actor, Issue issue, DateTime now, CancellationToken ct)
    {
        var ids = issue.Sections.SelectMany(s => s.Items).Where(i => i.SubmissionId is not null).Select(i => i.SubmissionId!.Value).ToList();
        var articles = await db.Submissions.Include(s => s.Units).Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var transition = Workflow.Find(WorkflowAction.Publish, SubmissionStatus.Adopted)!;
        var contributors = new List<int>();
        foreach (var s in articles.Where(s => s.Status == SubmissionStatus.Adopted))
        {
            s.Status = transition.To;
            s.UpdatedAt = now;
            s.Version++;
            db.Add(new SubmissionEvent
            {
                SubmissionId = s.Id,
                At = now,
                UserId = actor.UserId,
                UserName = actor.Name,
                Action = WorkflowAction.Publish,
                From = SubmissionStatus.Adopted,
                To = SubmissionStatus.Published,
                Comment = $"刊于 {issue.Label}"
            });
            contributors.Add(s.CreatedById);
            foreach (var u in s.Units)
            {
                contributors.AddRange(await notifier.UsersInRoleAsync(Roles.Contributor, u.UnitId, ct));
            }
        }
        return contributors;
    }

    private static IssueItem FromArticle(Submission s, int issueId)
    {
        var units = s.Units.OrderBy(u => u.Order).Select(u => u.Unit!.ShortName).ToList();
        return new IssueItem
        {
            IssueId = issueId,
            SubmissionId = s.Id,
            Title = s.Title,
            Paragraphs = [.. s.Paragraphs],
            CreditLine = SubmissionHandlers.CreditLine(units, s.Authors),
            CreditUnits = units,
            CreditAuthors = [.. s.Authors],
            UnitIds = [.. s.Units.OrderBy(u => u.Order).Select(u => u.UnitId)],
        };
    }

    private async Task<List<IssuePhotoDto>> PhotosAsync(Issue issue, CancellationToken ct)
    {
        var ids = issue.Sections.SelectMany(s => s.Items).Where(i => i.SubmissionId is not null).Select(i => i.SubmissionId!.Value).ToList();
        return await db.Set<SubmissionPhoto>().AsNoTracking().Where(p => ids.Contains(p.SubmissionId)).OrderBy(p => p.Order)
            .Select(p => new IssuePhotoDto(p.SubmissionId, p.Id, p.Caption)).ToListAsync(ct);
    }

    private static async Task<Issue> LoadAsync(IQueryable<Issue> query, int id, CancellationToken ct)
        => await query.AsSplitQuery().Include(i => i.Series).Include(i => i.Files).Include(i => i.Sections).ThenInclude(s => s.Items)
               .FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("找不到该期刊物。");

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("本期刚刚被他人修改，请刷新后重新操作。");
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
