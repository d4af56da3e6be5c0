using System.Globalization;
using System.Security.Cryptography;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Submissions;
using Jianxun.Publishing;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Storage;

/// <summary>One stored image over its print size: a photo of an article or the image scan of a leader's instruction.</summary>
public sealed record OversizedImage(bool IsScan, int Id, int SubmissionId, string StoredName, int Width, int Height);

/// <summary>What <see cref="StoredImages.ReencodeAsync"/> did: counts, bytes before and after, and what it had to leave.</summary>
public sealed record ReencodeSummary(int Found, int Reencoded, long BytesBefore, long BytesAfter, IReadOnlyList<string> Left);

/// <summary>
/// Photos and scans stored before the intake limits (ADR-016) keep their original size, and every render decodes them
/// whole. This re-encodes them through <see cref="ImageIntake"/>, the same code as uploads, one image at a time: the new
/// file is written under a new name, the row and its audit entry are saved in one transaction, then the old file is
/// deleted. An interruption leaves at most one unreferenced file and never a row pointing at nothing; a second run finds
/// only what is still over the size, so it is idempotent.
/// </summary>
public sealed class StoredImages(AppDbContext db, FileStore files, AuditLog audit)
{
    /// <summary>Photos over the print size by their recorded size (a query), image scans by their stored file's header.</summary>
    public async Task<IReadOnlyList<OversizedImage>> FindOversizedAsync(CancellationToken ct)
    {
        const int photoSide = UserFileLimits.StoredPhotoMaxSide;
        var photos = await db.Set<SubmissionPhoto>().AsNoTracking()
            .Where(p => p.Width > photoSide || p.Height > photoSide)
            .OrderBy(p => p.Id)
            .Select(p => new OversizedImage(false, p.Id, p.SubmissionId, p.StoredName, p.Width, p.Height))
            .ToListAsync(ct);
        // A scan row records no pixel size: its header tells (read from the file; scans are few, one per instruction).
        var scans = await db.LeaderInstructions.AsNoTracking()
            .Where(i => i.ScanStoredName != null && i.ScanContentType != "application/pdf")
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.SubmissionId, StoredName = i.ScanStoredName! })
            .ToListAsync(ct);
        var found = new List<OversizedImage>(photos);
        foreach (var scan in scans)
        {
            var header = await ReadHeaderAsync(scan.StoredName, ct);
            if (header is { } h && Math.Max(h.Width, h.Height) > UserFileLimits.StoredScanMaxSide)
            {
                found.Add(new OversizedImage(true, scan.Id, scan.SubmissionId, scan.StoredName, h.Width, h.Height));
            }
        }
        return found;
    }

    /// <summary>
    /// Re-encodes every oversized image, reporting each one. Cancellation is honoured between images, so an image is
    /// either done (new file, row, audit entry, old file gone) or untouched.
    /// </summary>
    public async Task<ReencodeSummary> ReencodeAsync(Actor actor, IProgress<(int Done, int Total, OversizedImage Image, string Outcome)>? progress,
        CancellationToken ct)
    {
        var found = await FindOversizedAsync(ct);
        var left = new List<string>();
        long before = 0, after = 0;
        var done = 0;
        for (var i = 0; i < found.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var image = found[i];
            string outcome;
            try
            {
                var (oldBytes, newBytes, width, height) = await ReencodeOneAsync(actor, image);
                before += oldBytes;
                after += newBytes;
                done++;
                outcome = Invariant($"{image.Width}×{image.Height} → {width}×{height}，{oldBytes / 1024} KB → {newBytes / 1024} KB");
            }
            catch (Exception e) when (e is ValidationException or IOException or UnauthorizedAccessException)
            {
                outcome = "未处理：" + (e is ValidationException v ? string.Join("；", v.Errors.SelectMany(x => x.Value)) : "无法读取文件（" + e.Message + "）");
                left.Add($"{Describe(image)}：{outcome}");
            }
            progress?.Report((i + 1, found.Count, image, outcome));
        }
        return new ReencodeSummary(found.Count, done, before, after, left);
    }

    /// <summary>How an image is named to an administrator: 稿件 12 的图片 34, 稿件 12 的批示扫描件 5.</summary>
    public static string Describe(OversizedImage image)
        => Invariant($"稿件 {image.SubmissionId} 的{(image.IsScan ? "批示扫描件" : "图片")} {image.Id}");

    private async Task<(long OldBytes, long NewBytes, int Width, int Height)> ReencodeOneAsync(Actor actor, OversizedImage image)
    {
        // Once started, an image is finished without cancellation: the steps below are bounded by the intake limits.
        var ct = CancellationToken.None;
        var content = await files.ReadAllBytesAsync(image.StoredName, ct);
        var prepared = ImageIntake.Prepare(content, image.IsScan ? UserFileLimits.StoredScanMaxSide : UserFileLimits.StoredPhotoMaxSide, "file");
        var info = prepared.Info;
        var stored = await files.SaveAsync(image.IsScan ? "instructions" : "uploads", prepared.Content, info.IsPng ? ".png" : ".jpg", ct);
        try
        {
            if (image.IsScan)
            {
                var scan = await db.LeaderInstructions.SingleAsync(i => i.Id == image.Id, ct);
                scan.ScanStoredName = stored;
                scan.ScanContentType = info.MimeType;
            }
            else
            {
                var photo = await db.Set<SubmissionPhoto>().SingleAsync(p => p.Id == image.Id, ct);
                photo.StoredName = stored;
                photo.ContentType = info.MimeType;
                photo.Size = prepared.Content.Length;
                photo.Width = info.Width;
                photo.Height = info.Height;
                photo.Sha256 = Convert.ToHexStringLower(SHA256.HashData(prepared.Content));
            }
            audit.Record(actor, image.IsScan ? "score.instruction.scan-reencoded" : "submission.photo-reencoded", nameof(Submission), image.SubmissionId,
                Invariant($"{(image.IsScan ? "批示扫描件" : "图片")} {image.Id} 按打印尺寸重新保存：{prepared.OriginalWidth}×{prepared.OriginalHeight}（{content.Length / 1024} KB）→ {info.Width}×{info.Height}（{prepared.Content.Length / 1024} KB）"));
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Delete(stored);
            db.ChangeTracker.Clear();
            throw;
        }
        db.ChangeTracker.Clear();
        files.Delete(image.StoredName);
        return (content.Length, prepared.Content.Length, info.Width, info.Height);
    }

    private async Task<ImageInfo?> ReadHeaderAsync(string storedName, CancellationToken ct)
    {
        try
        {
            var bytes = await files.ReadAllBytesAsync(storedName, ct);
            return ImageInfo.TryRead(bytes, out var info) ? info : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
