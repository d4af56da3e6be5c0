using System.Globalization;
using System.Security.Cryptography;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;
using Jianxun.Core.Notifications;
using Jianxun.Core.Storage;
using Jianxun.Publishing;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Submissions;

/// <summary>
/// The daily work: write, submit, review, adopt, return, decline, withdraw; edit with revisions; photos.
/// Contributors and unit reviewers see only their unit's articles; anything else answers "not found".
/// </summary>
public sealed class SubmissionHandlers(AppDbContext db, AuditLog audit, Notifier notifier, FileStore files, ReadingScope reading, TimeProvider clock)
{
    public const int MaxTitleLength = 100;
    public const int MaxParagraphs = 200;
    public const int MaxParagraphLength = 5000;
    public const long MaxPhotoBytes = UserFileLimits.MaxPhotoBytes;
    public const int PageSize = 20;

    private static readonly string[] SeeEverything = [Roles.Editor, Roles.Signer, Roles.Admin];

    /// <summary>
    /// The articles the actor may see, by the one rule for drafts (docs/security/input.md): an article never sent (a draft,
    /// or withdrawn before it was sent) is its writer's alone; once sent, its units' contributors and reviewer see it; the
    /// office (editors, signers, administrators) sees it once it has reached the editors' desk. Everything else answers
    /// "not found", in every list, detail, photo, diff and action.
    /// </summary>
    public IQueryable<Submission> Visible(Actor actor) => VisibleTo(db.Submissions, actor);

    /// <summary>The rule of <see cref="Visible"/> over any query of articles, for the other features that serve them (scoring).</summary>
    public static IQueryable<Submission> VisibleTo(IQueryable<Submission> submissions, Actor actor)
    {
        var me = actor.UserId ?? -1;
        var sent = submissions.Where(s => s.CreatedById == me || s.SubmittedAt != null);
        if (SeeEverything.Any(actor.IsInRole))
        {
            return sent.Where(s => s.CreatedById == me || s.Events.Any(e => e.To == SubmissionStatus.Submitted));
        }
        if ((actor.IsInRole(Roles.Contributor) || actor.IsInRole(Roles.UnitReviewer)) && actor.UnitId is int unitId)
        {
            return sent.Where(s => s.Units.Any(u => u.UnitId == unitId));
        }
        return submissions.Where(s => false);
    }

    public async Task<SubmissionDto> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        var s = await Visible(actor).AsNoTracking().AsSplitQuery()
            .Include(x => x.Units).ThenInclude(u => u.Unit)
            .Include(x => x.Photos).Include(x => x.Events).Include(x => x.Revisions)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        var columnIds = new[] { s.ColumnHintId, s.AdoptedColumnId }.Where(c => c is not null).Select(c => c!.Value).ToList();
        var columns = await (from c in db.SeriesColumns
                             join se in db.Series on c.SeriesId equals se.Id
                             where columnIds.Contains(c.Id)
                             select new ColumnRefDto(c.Id, c.Name, se.Name)).ToListAsync(ct);
        var createdBy = await db.Users.Where(u => u.Id == s.CreatedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var unitsNeedReview = await UnitRequiresReviewAsync(s.UnitId, ct);
        var units = s.Units.OrderBy(u => u.Order).Select(u => new UnitNameDto(u.UnitId, u.Unit!.ShortName)).ToList();
        return new SubmissionDto(
            s.Id, s.Title, s.Paragraphs, s.EventDate, units, s.Authors, CreditLine(units.Select(u => u.ShortName), s.Authors),
            columns.FirstOrDefault(c => c.Id == s.ColumnHintId), columns.FirstOrDefault(c => c.Id == s.AdoptedColumnId),
            s.ContactPhone, s.CallId, s.Status.ToString(), Workflow.DisplayName(s.Status), s.Version, createdBy,
            s.CreatedAt, s.UpdatedAt, s.SubmittedAt,
            [.. s.Photos.OrderBy(p => p.Order).Select(p => new PhotoDto(p.Id, p.Caption, p.ContentType, p.Size, p.Width, p.Height, p.OriginalName))],
            [.. s.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new HistoryDto(e.At, e.UserName, e.Action.ToString(), Workflow.DisplayName(e.Action),
                Workflow.DisplayName(e.From), Workflow.DisplayName(e.To), e.Comment))],
            [.. s.Revisions.OrderBy(r => r.Number).Select(r => new RevisionDto(r.Number, r.At, r.UserName, r.Note))],
            [.. AllowedActions(actor, s, unitsNeedReview).Select(a => a.ToString())],
            EditRole(actor, s) is not null);
    }

    /// <summary>The credit line as it will print: 【供稿：单位甲 单位乙 作者甲 作者乙】.</summary>
    public static string CreditLine(IEnumerable<string> units, IEnumerable<string> authors)
        => $"【供稿：{string.Join(' ', units.Concat(authors).Where(x => !string.IsNullOrWhiteSpace(x)))}】";

    public async Task<SubmissionPageDto> ListAsync(Actor actor, SubmissionFilter filter, CancellationToken ct)
    {
        var q = Visible(actor).AsNoTracking();
        if (filter.Status is { } status)
        {
            q = q.Where(s => s.Status == status);
        }
        else if (!SeeEverything.Any(actor.IsInRole))
        {
            // Unit users see their unit's articles in every state, drafts included only when they wrote them.
            q = q.Where(s => s.Status != SubmissionStatus.Draft || s.CreatedById == actor.UserId);
        }
        else
        {
            q = q.Where(s => s.Status != SubmissionStatus.Draft);
        }
        if (filter.Mine)
        {
            q = q.Where(s => s.CreatedById == actor.UserId);
        }
        if (filter.UnitId is int unitId)
        {
            q = q.Where(s => s.Units.Any(u => u.UnitId == unitId));
        }
        if (filter.ColumnId is int columnId)
        {
            q = q.Where(s => s.AdoptedColumnId == columnId || (s.AdoptedColumnId == null && s.ColumnHintId == columnId));
        }
        if (filter.From is { } from)
        {
            q = q.Where(s => s.EventDate >= from);
        }
        if (filter.To is { } to)
        {
            q = q.Where(s => s.EventDate <= to);
        }
        Validator.ThrowIfBadPage(filter.Page);
        var total = await q.CountAsync(ct);
        var page = filter.Page;
        // The editors' queue is first come, first served; other lists show the latest first.
        var ordered = filter.Status is SubmissionStatus.Submitted or SubmissionStatus.AwaitingUnitReview
            ? q.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id)
            : q.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id);
        var rows = await ordered.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.Status,
                s.EventDate,
                s.UpdatedAt,
                s.SubmittedAt,
                Units = s.Units.OrderBy(u => u.Order).Select(u => u.Unit!.ShortName).ToList(),
                Column = db.SeriesColumns.Where(c => c.Id == (s.AdoptedColumnId ?? s.ColumnHintId)).Select(c => c.Name).FirstOrDefault(),
                Photos = s.Photos.Count,
            })
            .ToListAsync(ct);
        return new SubmissionPageDto(total, page, PageSize, [.. rows.Select(r => new SubmissionListItemDto(r.Id, r.Title, string.Join("、", r.Units),
            r.Status.ToString(), Workflow.DisplayName(r.Status), r.Column, r.EventDate, r.UpdatedAt, r.SubmittedAt, r.Photos))]);
    }

    public Task<SubmissionDto> CreateAsync(Actor actor, SaveSubmissionRequest request, CancellationToken ct) => CreateAsync(actor, request, [], ct);

    /// <summary>Creates a draft with its photos (a draft proposed from a document, ADR-030): all or nothing.</summary>
    public async Task<SubmissionDto> CreateAsync(Actor actor, SaveSubmissionRequest request, IReadOnlyList<NewPhoto> photos, CancellationToken ct)
    {
        actor.RequireRole(Roles.Contributor);
        var clean = await ValidateAsync(actor, request, ct);
        ValidatePhotos(photos.Select(p => (p.Content, p.Caption)), 0);
        var now = Now();
        var s = new Submission
        {
            Title = clean.Title,
            Paragraphs = clean.Paragraphs,
            EventDate = request.EventDate,
            Authors = clean.Authors,
            ContactPhone = clean.Phone,
            ColumnHintId = request.ColumnHint,
            CallId = request.CallId,
            UnitId = clean.UnitIds[0],
            Units = [.. clean.UnitIds.Select((u, i) => new SubmissionUnit { UnitId = u, Order = i })],
            Status = SubmissionStatus.Draft,
            CreatedById = actor.UserId ?? 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        s.Revisions.Add(Snapshot(s, actor, 1, "初稿"));
        s.Events.Add(new SubmissionEvent { At = now, UserId = actor.UserId, UserName = actor.Name, Action = WorkflowAction.Create, From = SubmissionStatus.Draft, To = SubmissionStatus.Draft });
        var stored = new List<string>();
        try
        {
            foreach (var p in photos)
            {
                var photo = await StorePhotoAsync(p.Content, p.FileName, p.Caption, s.Photos.Count + 1, ct);
                stored.Add(photo.StoredName);
                s.Photos.Add(photo);
            }
            db.Submissions.Add(s);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, "submission.created", nameof(Submission), s.Id,
                photos.Count == 0 ? $"新建稿件《{s.Title}》" : $"新建稿件《{s.Title}》（{photos.Count} 张图片）");
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            stored.ForEach(files.Delete);
            throw;
        }
        return await GetAsync(actor, s.Id, ct);
    }

    public async Task<SubmissionDto> UpdateAsync(Actor actor, int id, SaveSubmissionRequest request, CancellationToken ct)
    {
        var s = await LoadForChangeAsync(actor, id, ct);
        var role = EditRole(actor, s)
                   ?? throw new ConflictException($"稿件当前状态为“{Workflow.DisplayName(s.Status)}”，您不能修改。");
        if (request.Version is null)
        {
            throw ValidationException.For("version", "请提供稿件版本号（version），以免覆盖他人的修改。");
        }
        await ThrowIfStaleAsync(actor, s, request.Version.Value, ct);
        var clean = await ValidateAsync(actor, request, ct, existing: s);

        s.Title = clean.Title;
        s.Paragraphs = clean.Paragraphs;
        s.EventDate = request.EventDate;
        s.Authors = clean.Authors;
        s.ContactPhone = clean.Phone;
        s.ColumnHintId = request.ColumnHint;
        s.CallId = request.CallId;
        if (!s.Units.Select(u => u.UnitId).SequenceEqual(clean.UnitIds))
        {
            db.RemoveRange(s.Units);
            s.Units = [.. clean.UnitIds.Select((u, i) => new SubmissionUnit { SubmissionId = s.Id, UnitId = u, Order = i })];
            s.UnitId = clean.UnitIds[0];
        }
        s.UpdatedAt = Now();
        s.Version++;
        var number = await db.Set<SubmissionRevision>().Where(r => r.SubmissionId == s.Id).MaxAsync(r => r.Number, ct) + 1;
        var note = role switch
        {
            Roles.Editor => "编辑修改",
            Roles.UnitReviewer => "单位审核修改",
            _ => "作者修改",
        };
        db.Add(Snapshot(s, actor, number, note));
        audit.Record(actor, "submission.edited", nameof(Submission), s.Id, $"修改稿件《{s.Title}》，第 {number} 版（{note}）");
        if (role != Roles.Contributor)
        {
            // The writer sees what the reviewer or the editor changed.
            var mails = await notifier.NotifyAsync([s.CreatedById], $"您的稿件《{s.Title}》被{note.Replace("修改", "", StringComparison.Ordinal)}修改，可查看修改对比。",
                $"/submissions/{s.Id}", actor.UserId, ct);
            await SaveAsync(s, ct);
            await notifier.SendMailAsync(mails, ct);
        }
        else
        {
            await SaveAsync(s, ct);
        }
        return await GetAsync(actor, s.Id, ct);
    }

    /// <summary>Makes a workflow move, as the transition table allows.</summary>
    public async Task<SubmissionDto> MoveAsync(Actor actor, int id, WorkflowAction action, MoveRequest request, CancellationToken ct)
    {
        var s = await LoadForChangeAsync(actor, id, ct);
        var transition = Authorize(actor, s, action);
        if (action == WorkflowAction.Delete)
        {
            throw new ConflictException("删除稿件请使用删除操作（DELETE /api/submissions/{id}）。");
        }
        var comment = request.Comment?.Trim();
        var v = new Validator()
            .Check(!transition.RequiresComment || !string.IsNullOrEmpty(comment), "comment", $"{Workflow.DisplayName(action)}时请填写意见。")
            .Optional(comment, "comment", "意见", 2000)
            .Check(!transition.RequiresColumn || request.ColumnId is not null, "columnId", "采用时请选择栏目。");
        if (transition.RequiresColumn && request.ColumnId is int columnId)
        {
            v.Check(await db.SeriesColumns.AnyAsync(c => c.Id == columnId && c.IsActive, ct), "columnId", "所选栏目不存在。");
        }
        v.ThrowIfInvalid();

        var from = s.Status;
        var to = Workflow.TargetOf(transition, await UnitRequiresReviewAsync(s.UnitId, ct), s.ReturnedBy);
        var now = Now();
        s.Status = to;
        s.UpdatedAt = now;
        s.Version++;
        switch (action)
        {
            case WorkflowAction.Submit:
                s.SubmittedAt = now;
                s.ReturnedBy = ReturnStage.None;
                break;
            case WorkflowAction.UnitApprove:
                s.SubmittedAt = now;
                break;
            case WorkflowAction.UnitReturn:
                s.ReturnedBy = ReturnStage.UnitReview;
                break;
            case WorkflowAction.Restore:
                s.ReturnedBy = ReturnStage.None;
                break;
            case WorkflowAction.Return:
                s.ReturnedBy = ReturnStage.Editor;
                s.AdoptedColumnId = null;
                break;
            case WorkflowAction.Adopt:
                s.AdoptedColumnId = request.ColumnId;
                break;
            case WorkflowAction.Create:
            case WorkflowAction.Decline:
            case WorkflowAction.Withdraw:
            case WorkflowAction.Publish:
            case WorkflowAction.Delete:
                break;
        }
        db.Add(new SubmissionEvent { SubmissionId = s.Id, At = now, UserId = actor.UserId, UserName = actor.Name, Action = action, From = from, To = to, Comment = comment });
        audit.Record(actor, "submission." + action.ToString().ToLowerInvariant(), nameof(Submission), s.Id,
            $"《{s.Title}》：{Workflow.DisplayName(from)} → {Workflow.DisplayName(to)}{(string.IsNullOrEmpty(comment) ? "" : "，意见：" + comment)}");
        var mails = await NotifyMoveAsync(actor, s, action, to, comment, ct);
        await SaveAsync(s, ct);
        await notifier.SendMailAsync(mails, ct);
        return await GetAsync(actor, s.Id, ct);
    }

    /// <summary>
    /// Deletes a withdrawn article for good, as the table's <see cref="WorkflowAction.Delete"/> row allows (its writer only):
    /// photos, revisions and history go with it; the audit entry, saved in the same transaction, keeps who deleted what.
    /// </summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        var s = await LoadForChangeAsync(actor, id, ct);
        Authorize(actor, s, WorkflowAction.Delete);
        var stored = s.Photos.Select(p => p.StoredName).ToList();
        audit.Record(actor, "submission.delete", nameof(Submission), s.Id,
            $"删除已撤回的稿件《{s.Title}》（{s.Photos.Count} 张图片）");
        db.Submissions.Remove(s);
        await SaveAsync(s, ct);
        stored.ForEach(files.Delete);
    }

    /// <summary>The table's row for the move from the article's state, when the actor may make it; a 409 or 403 in Chinese otherwise.</summary>
    private static Transition Authorize(Actor actor, Submission s, WorkflowAction action)
    {
        var transition = Workflow.Find(action, s.Status)
                         ?? throw new ConflictException($"稿件当前状态为“{Workflow.DisplayName(s.Status)}”，不能{Workflow.DisplayName(action)}。");
        if (!actor.IsInRole(transition.Role))
        {
            throw new ForbiddenException($"只有{Roles.DisplayName(transition.Role)}可以{Workflow.DisplayName(action)}。");
        }
        if (!MayMake(actor, s, transition))
        {
            throw new ForbiddenException(transition.Role == Roles.Contributor
                ? $"只有稿件的作者可以{Workflow.DisplayName(action)}。"
                : $"只有稿件所属单位的{Roles.DisplayName(transition.Role)}可以{Workflow.DisplayName(action)}。");
        }
        return transition;
    }

    public async Task<PhotoDto> AddPhotoAsync(Actor actor, int id, byte[] content, string? fileName, string? caption, CancellationToken ct)
    {
        var s = await LoadForChangeAsync(actor, id, ct);
        if (EditRole(actor, s) is null)
        {
            throw new ConflictException($"稿件当前状态为“{Workflow.DisplayName(s.Status)}”，您不能添加图片。");
        }
        ValidatePhotos([(content, caption)], s.Photos.Count);
        var photo = await StorePhotoAsync(content, fileName, caption, s.Photos.Count == 0 ? 1 : s.Photos.Max(p => p.Order) + 1, ct);
        var stored = photo.StoredName;
        photo.SubmissionId = s.Id;
        db.Add(photo);
        s.UpdatedAt = Now();
        s.Version++;
        audit.Record(actor, "submission.photo-added", nameof(Submission), s.Id, $"《{s.Title}》添加图片（{photo.Width}×{photo.Height}，{photo.Caption}）");
        try
        {
            await SaveAsync(s, ct);
        }
        catch
        {
            files.Delete(stored);
            throw;
        }
        return new PhotoDto(photo.Id, photo.Caption, photo.ContentType, photo.Size, photo.Width, photo.Height, photo.OriginalName);
    }

    private static void ValidatePhotos(IEnumerable<(byte[] Content, string? Caption)> photos, int existing)
    {
        var v = new Validator();
        var count = existing;
        foreach (var (content, caption) in photos)
        {
            v.Check(content.Length > 0, "file", "请选择图片文件。")
                .Check(content.Length <= MaxPhotoBytes, "file", $"图片不能超过 {UserFileLimits.Megabytes(MaxPhotoBytes)}。")
                .Optional(caption, "caption", "图片说明", 200);
            count++;
        }
        v.Check(count <= ArticleDocumentReader.MaxPhotos, "file", $"每篇稿件最多 {ArticleDocumentReader.MaxPhotos} 张图片。");
        v.ThrowIfInvalid();
    }

    /// <summary>Checks a photo by its header before decoding, then stores it once at print size (ADR-016): a render never decodes more than it prints.</summary>
    private async Task<SubmissionPhoto> StorePhotoAsync(byte[] content, string? fileName, string? caption, int order, CancellationToken ct)
    {
        var image = ImageIntake.Prepare(content, UserFileLimits.StoredPhotoMaxSide, "file");
        var info = image.Info;
        var stored = await files.SaveAsync("uploads", image.Content, info.IsPng ? ".png" : ".jpg", ct);
        var name = Path.GetFileName(fileName ?? "photo");
        return new SubmissionPhoto
        {
            StoredName = stored,
            ContentType = info.MimeType,
            OriginalName = name[..Math.Min(name.Length, 200)],
            // Size, Width, Height and Sha256 describe the stored file (what is served and printed), not the upload.
            Size = image.Content.Length,
            Width = info.Width,
            Height = info.Height,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(image.Content)),
            Caption = caption?.Trim() ?? "",
            Order = order,
            UploadedAt = Now(),
        };
    }

    /// <summary>
    /// A photo, for whoever may see its article (the draft rule), and for whoever may read a published issue that prints
    /// the article (ADR-007): the issue's web page and preview show it to all its readers. Everyone else: "not found".
    /// </summary>
    public async Task<(Stream Content, string ContentType)> OpenPhotoAsync(Actor actor, int id, int photoId, CancellationToken ct)
    {
        var readable = await reading.FilterAsync(db.Issues.Where(i => i.Status == IssueStatus.Published), actor, ct);
        var printed = db.IssueItems.Where(x => x.SubmissionId == id && readable.Any(i => i.Id == x.IssueId));
        var photo = await db.Submissions.Where(s => s.Id == id && (Visible(actor).Any(v => v.Id == id) || printed.Any()))
            .SelectMany(s => s.Photos).Where(p => p.Id == photoId)
            .Select(p => new { p.StoredName, p.ContentType }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("找不到该图片。");
        return (files.OpenRead(photo.StoredName), photo.ContentType);
    }

    public async Task<(SubmissionRevision Old, SubmissionRevision New)> GetRevisionsAsync(Actor actor, int id, int a, int b, CancellationToken ct)
    {
        if (!await Visible(actor).AnyAsync(s => s.Id == id, ct))
        {
            throw NotFound();
        }
        var revisions = await db.Set<SubmissionRevision>().AsNoTracking().Where(r => r.SubmissionId == id && (r.Number == a || r.Number == b)).ToListAsync(ct);
        var older = revisions.FirstOrDefault(r => r.Number == Math.Min(a, b)) ?? throw new NotFoundException($"找不到第 {Math.Min(a, b)} 版。");
        var newer = revisions.FirstOrDefault(r => r.Number == Math.Max(a, b)) ?? throw new NotFoundException($"找不到第 {Math.Max(a, b)} 版。");
        return (older, newer);
    }

    /// <summary>The moves the actor may make now; the pages show exactly these buttons.</summary>
    public static IEnumerable<WorkflowAction> AllowedActions(Actor actor, Submission s, bool unitRequiresReview)
        => Workflow.Table.Where(t => t.From.Contains(s.Status) && actor.IsInRole(t.Role) && MayMake(actor, s, t))
            .Select(t => t.Action).Distinct();

    /// <summary>
    /// Who, beyond the role, may make a move: the writer's own moves (submit, withdraw) only by the writer; the unit
    /// reviewer's only by a reviewer of one of the article's units; the editors' by any editor.
    /// </summary>
    private static bool MayMake(Actor actor, Submission s, Transition t) => ActsFor(actor, s, t.Role);

    private static bool ActsFor(Actor actor, Submission s, string role) => role switch
    {
        Roles.Contributor => s.CreatedById == actor.UserId,
        Roles.UnitReviewer => s.Units.Any(u => u.UnitId == actor.UnitId),
        _ => true,
    };

    /// <summary>The role in which the actor may change the text now (the same writer/reviewer/office rule), or null.</summary>
    private static string? EditRole(Actor actor, Submission s)
        => new[] { Roles.Editor, Roles.UnitReviewer, Roles.Contributor }
            .FirstOrDefault(r => actor.IsInRole(r) && Workflow.CanEdit(s.Status, r) && ActsFor(actor, s, r));

    private async Task<Submission> LoadForChangeAsync(Actor actor, int id, CancellationToken ct)
        => await Visible(actor).Include(s => s.Units).Include(s => s.Photos).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound();

    private async Task ThrowIfStaleAsync(Actor actor, Submission s, int version, CancellationToken ct)
    {
        if (s.Version != version)
        {
            throw new ConflictException($"稿件已被他人修改（当前为第 {s.Version} 版，您提交的是第 {version} 版）。请在最新版本上重新修改。",
                await GetAsync(actor, s.Id, ct));
        }
    }

    /// <summary>Saves; a concurrent save that got in first becomes a 409 with the latest version, never a silent overwrite.</summary>
    private async Task SaveAsync(Submission s, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("稿件刚刚被他人修改，请刷新后在最新版本上重新操作。");
        }
    }

    private async Task<bool> UnitRequiresReviewAsync(int unitId, CancellationToken ct)
        => await db.Units.Where(u => u.Id == unitId).Select(u => u.RequiresUnitReview).FirstOrDefaultAsync(ct);

    private async Task<IReadOnlyList<(string Email, string Text)>> NotifyMoveAsync(Actor actor, Submission s, WorkflowAction action, SubmissionStatus to,
        string? comment, CancellationToken ct)
    {
        var link = $"/submissions/{s.Id}";
        var title = $"《{s.Title}》";
        var withComment = string.IsNullOrEmpty(comment) ? "" : $"意见：{comment}";
        var (users, text) = action switch
        {
            WorkflowAction.Submit when to == SubmissionStatus.AwaitingUnitReview =>
                (await notifier.UsersInRoleAsync(Roles.UnitReviewer, s.UnitId, ct), $"本单位稿件{title}待您审核。"),
            WorkflowAction.Submit or WorkflowAction.UnitApprove =>
                ([.. await notifier.UsersInRoleAsync(Roles.Editor, null, ct), .. action == WorkflowAction.UnitApprove ? new[] { s.CreatedById } : []],
                    action == WorkflowAction.UnitApprove ? $"稿件{title}已通过单位审核，待编辑处理。" : $"新稿件{title}待编辑处理。"),
            WorkflowAction.UnitReturn => ([s.CreatedById], $"稿件{title}被单位审核退回。{withComment}"),
            WorkflowAction.Adopt => ([s.CreatedById], $"稿件{title}已被采用。"),
            WorkflowAction.Return => ([s.CreatedById], $"稿件{title}被编辑退回修改。{withComment}"),
            WorkflowAction.Decline => ([s.CreatedById], $"稿件{title}未被采用。{withComment}"),
            WorkflowAction.Withdraw => (s.Status == SubmissionStatus.Withdrawn && s.SubmittedAt is not null
                ? await notifier.UsersInRoleAsync(Roles.Editor, null, ct) : [], $"稿件{title}已被作者撤回。"),
            WorkflowAction.Publish => ([s.CreatedById], $"稿件{title}已刊发。"),
            WorkflowAction.Create or WorkflowAction.Restore or WorkflowAction.Delete => (Array.Empty<int>(), ""),
        };
        return users.Count == 0 ? [] : await notifier.NotifyAsync(users, text, link, actor.UserId, ct);
    }

    private async Task<(string Title, List<string> Paragraphs, List<string> Authors, List<int> UnitIds, string? Phone)> ValidateAsync(
        Actor actor, SaveSubmissionRequest request, CancellationToken ct, Submission? existing = null)
    {
        var title = request.Title?.Trim() ?? "";
        var paragraphs = (request.Paragraphs ?? []).Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).ToList();
        var authors = (request.Authors ?? []).Select(a => a?.Trim() ?? "").Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Validator.ThrowIfTooMany(request.UnitIds?.Count ?? 0, "unitIds", "供稿单位");
        var unitIds = (request.UnitIds ?? []).Distinct().ToList();
        if (unitIds.Count == 0 && existing is null && actor.UnitId is int own)
        {
            unitIds.Add(own);
        }
        if (unitIds.Count == 0 && existing is not null)
        {
            unitIds = [.. existing.Units.OrderBy(u => u.Order).Select(u => u.UnitId)];
        }
        var v = new Validator()
            .Require(title, "title", "标题", MaxTitleLength)
            .Check(paragraphs.Count > 0, "paragraphs", "正文不能为空，请至少写一段。")
            .Check(paragraphs.Count <= MaxParagraphs, "paragraphs", $"正文不能超过 {MaxParagraphs} 段。")
            .Check(paragraphs.All(p => p.Length <= MaxParagraphLength), "paragraphs", $"每段不能超过 {MaxParagraphLength} 个字。")
            .Check(authors.All(a => a.Length <= 20), "authors", "作者姓名不能超过 20 个字。")
            .Check(authors.Count <= 10, "authors", "作者最多 10 人。")
            .Optional(request.ContactPhone, "contactPhone", "联系电话", 30);
        var today = clock.OfficeToday();
        if (request.EventDate is { } date)
        {
            v.Check(date <= today.AddDays(7), "eventDate", "事件日期不能晚于今天之后一周。");
            v.Check(date.Year >= 2000, "eventDate", "事件日期不正确。");
        }
        var known = await db.Units.Where(u => unitIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
        v.Check(unitIds.Count > 0, "unitIds", "请选择供稿单位。");
        v.Check(unitIds.All(known.Contains), "unitIds", "所选供稿单位不存在。");
        // A contributor writes for their own unit (joint articles may add partners); editors may keep any units.
        if (!SeeEverything.Any(actor.IsInRole) && actor.UnitId is int mine)
        {
            v.Check(unitIds.Contains(mine), "unitIds", "供稿单位中必须包含您所在的单位。");
        }
        if (request.ColumnHint is int hint)
        {
            v.Check(await db.SeriesColumns.AnyAsync(c => c.Id == hint && c.IsActive, ct), "columnHint", "所选栏目不存在。");
        }
        if (request.CallId is int callId && callId != existing?.CallId)
        {
            // A call is answered only by the units it was sent to; an unknown call and another unit's call answer alike.
            List<int> answering = SeeEverything.Any(actor.IsInRole) ? unitIds : actor.UnitId is int writerUnit ? [writerUnit] : [];
            v.Check(await db.Set<CallForContributions>().AnyAsync(c => c.Id == callId && c.Units.Any(u => answering.Contains(u.UnitId)), ct),
                "callId", "所选约稿不存在，或没有向您的单位约稿。");
        }
        v.ThrowIfInvalid();
        return (title, paragraphs, authors, unitIds, string.IsNullOrWhiteSpace(request.ContactPhone) ? null : request.ContactPhone.Trim());
    }

    private SubmissionRevision Snapshot(Submission s, Actor actor, int number, string note) => new()
    {
        SubmissionId = s.Id,
        Number = number,
        At = Now(),
        UserId = actor.UserId,
        UserName = actor.Name,
        Title = s.Title,
        Paragraphs = [.. s.Paragraphs],
        Authors = [.. s.Authors],
        EventDate = s.EventDate,
        Note = note,
    };

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static NotFoundException NotFound() => new("找不到该稿件。");

    internal static string Describe(DateOnly? date) => date?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "";
}
