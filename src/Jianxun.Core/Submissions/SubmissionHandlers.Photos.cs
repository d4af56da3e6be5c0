using System.Security.Cryptography;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Core.Storage;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Submissions;

/// <summary>A photo as uploaded: its bytes, the name it had on the writer's computer, and its caption (图为…).</summary>
public sealed record PhotoUpload(byte[] Content, string? FileName, string? Caption = null);

/// <summary>A photo's caption and/or its place in the article (1 = first); what is left out stays.</summary>
public sealed record PhotoChangeRequest(string? Caption = null, int? Position = null);

/// <summary>The article's photos in their new order: every photo id once.</summary>
public sealed record PhotoOrderRequest(IReadOnlyList<int>? PhotoIds);

/// <summary>
/// Photos managed like files people know (issue 22, ADR-031): several at once, also with the first save; replace, remove,
/// caption, reorder. Every operation obeys the draft rule and the edit rule of the article's state, is audited, and makes a
/// revision recording the photo list, all in one transaction. Stored files of removed or replaced photos are deleted after
/// the commit; a photo of an article in an issue sent for sign-off, signed off or published cannot change any more.
/// </summary>
public sealed partial class SubmissionHandlers
{
    private const string PhotoField = "file";

    private sealed record PreparedPhoto(PreparedImage Image, string OriginalName, string Caption);

    /// <summary>Adds several photos after the existing ones. All are checked first: one bad file and none is saved, each bad one named.</summary>
    public async Task<IReadOnlyList<PhotoDto>> AddPhotosAsync(Actor actor, int id, IReadOnlyList<PhotoUpload> uploads, CancellationToken ct)
    {
        var (s, role) = await LoadForPhotoChangeAsync(actor, id, "添加图片", ct);
        if (uploads.Count == 0)
        {
            throw ValidationException.For(PhotoField, "请选择图片文件。");
        }
        var prepared = PreparePhotos(uploads, s.Photos.Count);
        var before = s.Photos.Select(p => p.Id).ToHashSet();
        var stored = await StorePhotosAsync(s, prepared, ct);
        Touch(s);
        await CommitPhotoChangeAsync(actor, s, $"{Who(role)}添加图片 {prepared.Count} 张", "submission.photo-added",
            $"《{s.Title}》添加图片 {prepared.Count} 张：{string.Join("、", prepared.Select(p => p.OriginalName))}", stored, [], ct);
        return [.. Ordered(s).Where(p => !before.Contains(p.Id)).Select(ToDto)];
    }

    /// <summary>Replaces a photo's file: the photo keeps its place, id and caption (a new caption, when given, replaces it).</summary>
    public async Task<PhotoDto> ReplacePhotoAsync(Actor actor, int id, int photoId, PhotoUpload upload, CancellationToken ct)
    {
        var (s, role) = await LoadForPhotoChangeAsync(actor, id, "更换图片", ct);
        var photo = FindPhoto(s, photoId);
        var prepared = PreparePhotos([upload], s.Photos.Count - 1)[0];
        var old = photo.StoredName;
        var oldName = photo.OriginalName;
        var stored = await files.SaveAsync("uploads", prepared.Image.Content, prepared.Image.Info.IsPng ? ".png" : ".jpg", ct);
        Fill(photo, prepared, stored);
        if (!string.IsNullOrWhiteSpace(upload.Caption))
        {
            photo.Caption = prepared.Caption;
        }
        Touch(s);
        await CommitPhotoChangeAsync(actor, s, $"{Who(role)}更换图片", "submission.photo-replaced",
            $"《{s.Title}》第 {photo.Order} 张图片由 {oldName} 更换为 {photo.OriginalName}（{photo.Width}×{photo.Height}）", [stored], [old], ct);
        return ToDto(photo);
    }

    /// <summary>Changes a photo's caption and/or moves it to another place; no change, no revision.</summary>
    public async Task<PhotoDto> UpdatePhotoAsync(Actor actor, int id, int photoId, PhotoChangeRequest request, CancellationToken ct)
    {
        var (s, role) = await LoadForPhotoChangeAsync(actor, id, "修改图片", ct);
        var photo = FindPhoto(s, photoId);
        var caption = request.Caption?.Trim();
        new Validator()
            .Optional(caption, "caption", "图片说明", MaxCaptionLength)
            .Check(request.Position is null || (request.Position >= 1 && request.Position <= s.Photos.Count), "position",
                $"图片位置应在 1 到 {s.Photos.Count} 之间。")
            .ThrowIfInvalid();
        var changes = new List<string>();
        if (caption is not null && caption != photo.Caption)
        {
            photo.Caption = caption;
            changes.Add("修改图片说明");
        }
        if (request.Position is int position && position != Ordered(s).IndexOf(photo) + 1)
        {
            var order = Ordered(s);
            order.Remove(photo);
            order.Insert(position - 1, photo);
            Renumber(order);
            changes.Add("调整图片顺序");
        }
        if (changes.Count > 0)
        {
            Touch(s);
            await CommitPhotoChangeAsync(actor, s, $"{Who(role)}{string.Join("、", changes)}", "submission.photo-changed",
                $"《{s.Title}》图片“{photo.OriginalName}”：{string.Join("、", changes)}（第 {photo.Order} 张，说明：{photo.Caption}）", [], [], ct);
        }
        return ToDto(photo);
    }

    /// <summary>Puts the photos in the given order (every photo id exactly once); the same order makes no revision.</summary>
    public async Task<IReadOnlyList<PhotoDto>> ReorderPhotosAsync(Actor actor, int id, PhotoOrderRequest request, CancellationToken ct)
    {
        var (s, role) = await LoadForPhotoChangeAsync(actor, id, "调整图片顺序", ct);
        var ids = request.PhotoIds ?? [];
        Validator.ThrowIfTooMany(ids.Count, "photoIds", "图片", MaxPhotos);
        new Validator()
            .Check(ids.Count == s.Photos.Count && ids.Distinct().Count() == ids.Count && ids.All(i => s.Photos.Any(p => p.Id == i)), "photoIds",
                $"请按新顺序列出本稿件的全部 {s.Photos.Count} 张图片，每张一次。")
            .ThrowIfInvalid();
        if (!ids.SequenceEqual(Ordered(s).Select(p => p.Id)))
        {
            Renumber([.. ids.Select(i => s.Photos.First(p => p.Id == i))]);
            Touch(s);
            await CommitPhotoChangeAsync(actor, s, $"{Who(role)}调整图片顺序", "submission.photo-reordered",
                $"《{s.Title}》图片顺序调整为：{string.Join("、", Ordered(s).Select(p => p.OriginalName))}", [], [], ct);
        }
        return [.. Ordered(s).Select(ToDto)];
    }

    /// <summary>Removes a photo; the others close up. Its file is deleted once the change is committed.</summary>
    public async Task RemovePhotoAsync(Actor actor, int id, int photoId, CancellationToken ct)
    {
        var (s, role) = await LoadForPhotoChangeAsync(actor, id, "删除图片", ct);
        var photo = FindPhoto(s, photoId);
        s.Photos.Remove(photo);
        db.Remove(photo);
        Renumber(Ordered(s));
        Touch(s);
        await CommitPhotoChangeAsync(actor, s, $"{Who(role)}删除图片", "submission.photo-removed",
            $"《{s.Title}》删除图片 {photo.OriginalName}（说明：{photo.Caption}）", [], [photo.StoredName], ct);
    }

    /// <summary>
    /// The article for a photo change: visible by the draft rule (else 404), editable by the actor in its state (else 409),
    /// and not yet in an issue past compiling (else 409: what the signer signed and what was published keeps its photos).
    /// </summary>
    private async Task<(Submission Article, string Role)> LoadForPhotoChangeAsync(Actor actor, int id, string what, CancellationToken ct)
    {
        var s = await LoadForChangeAsync(actor, id, ct);
        var role = EditRole(actor, s) ?? throw new ConflictException($"稿件当前状态为“{Workflow.DisplayName(s.Status)}”，您不能{what}。");
        var held = await db.Issues.AsNoTracking()
            .Where(i => i.Status != IssueStatus.Draft && db.IssueItems.Any(x => x.IssueId == i.Id && x.SubmissionId == id))
            .FirstOrDefaultAsync(ct);
        if (held is not null)
        {
            throw new ConflictException($"稿件已编入{held.Label}（{IssueWorkflow.DisplayName(held.Status)}），刊物中的图片以送签时为准，不能再{what}。如需修改，请先撤回该期的送签。");
        }
        return (s, role);
    }

    /// <summary>Checks every upload (count, size, type, pixels, caption) and re-encodes the good ones; any refusal names each bad file and saves none.</summary>
    private static List<PreparedPhoto> PreparePhotos(IReadOnlyList<PhotoUpload> uploads, int existing)
    {
        if (uploads.Count == 0)
        {
            return [];
        }
        if (existing + uploads.Count > MaxPhotos)
        {
            throw ValidationException.For(PhotoField,
                $"每篇稿件最多 {MaxPhotos} 张图片（已有 {existing} 张，本次选择了 {uploads.Count} 张）。");
        }
        var errors = new List<string>();
        var prepared = new List<PreparedPhoto>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            var name = OriginalName(upload.FileName, i);
            var caption = upload.Caption?.Trim() ?? "";
            if (upload.Content.Length == 0)
            {
                errors.Add($"“{name}”：文件是空的，请重新选择。");
            }
            else if (upload.Content.Length > MaxPhotoBytes)
            {
                errors.Add($"“{name}”：{PhotoTooLarge}");
            }
            else if (caption.Length > MaxCaptionLength)
            {
                errors.Add($"“{name}”：图片说明不能超过 {MaxCaptionLength} 个字。");
            }
            else
            {
                try
                {
                    // Checked by header before decoding, then stored once at print size (ADR-016).
                    prepared.Add(new PreparedPhoto(ImageIntake.Prepare(upload.Content, UserFileLimits.StoredPhotoMaxSide, PhotoField), name, caption));
                }
                catch (ValidationException e)
                {
                    errors.AddRange(e.Errors.SelectMany(x => x.Value).Select(m => $"“{name}”：{m}"));
                }
            }
        }
        if (errors.Count > 0)
        {
            if (uploads.Count > 1)
            {
                errors.Add($"本次选择的 {uploads.Count} 张图片都没有保存，请去掉或更换上面的文件后重新上传。");
            }
            throw new ValidationException(new Dictionary<string, string[]> { [PhotoField] = [.. errors] });
        }
        return prepared;
    }

    /// <summary>Writes the files and adds the photos after the existing ones; a failure deletes what was written.</summary>
    private async Task<List<string>> StorePhotosAsync(Submission s, List<PreparedPhoto> prepared, CancellationToken ct)
    {
        var stored = new List<string>();
        try
        {
            var order = s.Photos.Count == 0 ? 0 : s.Photos.Max(p => p.Order);
            foreach (var p in prepared)
            {
                var name = await files.SaveAsync("uploads", p.Image.Content, p.Image.Info.IsPng ? ".png" : ".jpg", ct);
                stored.Add(name);
                var photo = new SubmissionPhoto { StoredName = name, ContentType = "", OriginalName = p.OriginalName, Sha256 = "", Caption = p.Caption, Order = ++order, UploadedAt = Now() };
                Fill(photo, p, name);
                s.Photos.Add(photo);
            }
            return stored;
        }
        catch
        {
            stored.ForEach(files.Delete);
            throw;
        }
    }

    /// <summary>
    /// Saves the change, then its revision (which records the photo ids, known only once saved) and its audit record, in one
    /// transaction. New files are deleted if anything fails; the files the change let go of, only after the commit.
    /// </summary>
    private async Task CommitPhotoChangeAsync(Actor actor, Submission s, string note, string auditAction, string auditText,
        List<string> newFiles, List<string> oldFiles, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await SaveAsync(s, ct);
            var number = (await db.Set<SubmissionRevision>().Where(r => r.SubmissionId == s.Id).Select(r => (int?)r.Number).MaxAsync(ct) ?? 0) + 1;
            db.Add(Snapshot(s, actor, number, note));
            audit.Record(actor, auditAction, nameof(Submission), s.Id, number == 1 ? auditText : $"{auditText}，第 {number} 版");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            newFiles.ForEach(files.Delete);
            throw;
        }
        oldFiles.ForEach(files.Delete);
    }

    private void Fill(SubmissionPhoto photo, PreparedPhoto p, string stored)
    {
        var info = p.Image.Info;
        photo.StoredName = stored;
        photo.ContentType = info.MimeType;
        photo.OriginalName = p.OriginalName;
        // Size, Width, Height and Sha256 describe the stored file (what is served and printed), not the upload.
        photo.Size = p.Image.Content.Length;
        photo.Width = info.Width;
        photo.Height = info.Height;
        photo.Sha256 = Convert.ToHexStringLower(SHA256.HashData(p.Image.Content));
        photo.UploadedAt = Now();
    }

    private void Touch(Submission s)
    {
        s.UpdatedAt = Now();
        s.Version++;
    }

    private static SubmissionPhoto FindPhoto(Submission s, int photoId)
        => s.Photos.FirstOrDefault(p => p.Id == photoId) ?? throw new NotFoundException("找不到该图片。");

    private static List<SubmissionPhoto> Ordered(Submission s) => [.. s.Photos.OrderBy(p => p.Order).ThenBy(p => p.Id)];

    private static void Renumber(List<SubmissionPhoto> photos)
    {
        for (var i = 0; i < photos.Count; i++)
        {
            photos[i].Order = i + 1;
        }
    }

    private static string OriginalName(string? fileName, int index)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = name.Length == 0 ? $"图片{index + 1}" : name;
        return name[..Math.Min(name.Length, 200)];
    }

    private static string Who(string role) => role switch
    {
        Roles.Editor => "编辑",
        Roles.UnitReviewer => "单位审核",
        _ => "作者",
    };

    private static PhotoDto ToDto(SubmissionPhoto p) => new(p.Id, p.Caption, p.ContentType, p.Size, p.Width, p.Height, p.OriginalName);

    /// <summary>The photo list a revision records.</summary>
    private static List<RevisionPhoto> PhotoList(Submission s)
        => [.. Ordered(s).Select((p, i) => new RevisionPhoto(p.Id, p.StoredName, p.Sha256, p.OriginalName, p.Caption, i + 1))];
}
