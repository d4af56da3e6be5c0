using Jianxun.Core.Common;
using Jianxun.Core.Submissions;
using Jianxun.Text;
using Jianxun.Web.Infrastructure;

namespace Jianxun.Web.Features.Submissions;

/// <summary>Uploaded photo files (API and pages) as the handlers take them; an oversized file is refused before it is read into memory.</summary>
internal static class PhotoUploads
{
    /// <summary>
    /// The form's <c>caption</c> values, in order: several are one form field repeated, which minimal APIs do not bind to a
    /// list, so they are read here and put through the same text boundary as every bound value (ADR-017).
    /// </summary>
    public static IReadOnlyList<string?> Captions(IFormCollection form)
    {
        IReadOnlyList<string?> captions = [.. form["caption"]];
        if (InputBoundary.Find("caption", captions) is { } bad)
        {
            throw ValidationException.For(bad.Field, bad.Message);
        }
        return captions;
    }

    /// <summary>The files in order, each with the caption at the same position (none: empty).</summary>
    public static async Task<IReadOnlyList<PhotoUpload>> ReadAsync(IReadOnlyList<IFormFile>? files, IReadOnlyList<string?>? captions, CancellationToken ct)
    {
        var chosen = (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (chosen.Count > UserFileLimits.MaxPhotosPerArticle)
        {
            throw ValidationException.For("file", $"每篇稿件最多 {UserFileLimits.MaxPhotosPerArticle} 张图片，本次选择了 {chosen.Count} 张。");
        }
        var tooBig = chosen.Where(f => f.Length > SubmissionHandlers.MaxPhotoBytes).Select(f => $"“{Path.GetFileName(f.FileName)}”：{SubmissionHandlers.PhotoTooLarge}").ToList();
        if (tooBig.Count > 0)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["file"] = [.. tooBig] });
        }
        var uploads = new List<PhotoUpload>();
        for (var i = 0; i < chosen.Count; i++)
        {
            using var buffer = new MemoryStream();
            await chosen[i].CopyToAsync(buffer, ct);
            uploads.Add(new PhotoUpload(buffer.ToArray(), chosen[i].FileName, captions is not null && i < captions.Count ? captions[i] : null));
        }
        return uploads;
    }
}
