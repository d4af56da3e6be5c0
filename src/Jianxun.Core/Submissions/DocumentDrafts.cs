using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Storage;
using Jianxun.Text;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Submissions;

/// <summary>A photo found in the document, already checked and re-encoded at print size (ADR-016), sent back to the page.</summary>
public sealed record ProposedPhotoDto(string FileName, string ContentType, string Caption, int Width, int Height, string Data);

/// <summary>A line of the original document and what it became (title, paragraph, photo, caption, credit, ignored).</summary>
public sealed record SourceLineDto(string Text, string Role);

/// <summary>
/// The draft proposed from an uploaded document (issue 22). Nothing is saved: the contributor corrects it and saves, with
/// the photos (ADR-030). <see cref="Units"/> are the registered units the credit names; <see cref="UnknownUnits"/> the rest.
/// </summary>
public sealed record DocumentDraftDto(
    string FileName,
    string Title,
    IReadOnlyList<string> Paragraphs,
    DateOnly? EventDate,
    IReadOnlyList<UnitNameDto> Units,
    IReadOnlyList<string> UnknownUnits,
    IReadOnlyList<string> Authors,
    string? ContactPhone,
    IReadOnlyList<ProposedPhotoDto> Photos,
    IReadOnlyList<SourceLineDto> Source,
    IReadOnlyList<string> Notes);

/// <summary>A photo to store with a new article (the pending photos of a draft proposed from a document).</summary>

/// <summary>Reads a contributor's or an editor's document into a proposed draft; converts legacy formats through LibreOffice.</summary>
public sealed class DocumentDrafts(AppDbContext db, LegacyDocumentConverter converter, TimeProvider clock)
{
    public bool ConverterAvailable => converter.IsAvailable;

    public async Task<DocumentDraftDto> ProposeAsync(Actor actor, string? fileName, byte[] content, CancellationToken ct)
    {
        actor.RequireRole(Roles.Contributor, Roles.Editor);
        var name = Path.GetFileName(fileName ?? "document");
        ArticleDraft draft;
        try
        {
            draft = await ArticleDocumentReader.ReadAsync(name, content, converter, clock.OfficeToday(), ct);
        }
        catch (BulletinImportException e)
        {
            throw ValidationException.For("file", e.Message);
        }

        var notes = draft.Notes.ToList();
        var photos = new List<ProposedPhotoDto>();
        for (var i = 0; i < draft.Photos.Count; i++)
        {
            var photo = draft.Photos[i];
            try
            {
                // The same check and re-encoding as an uploaded photo, so what the page shows is what will be stored.
                var prepared = ImageIntake.Prepare(photo.Content, UserFileLimits.StoredPhotoMaxSide, "file");
                photos.Add(new ProposedPhotoDto(photo.FileName, prepared.Info.MimeType, photo.Caption, prepared.Info.Width, prepared.Info.Height,
                    Convert.ToBase64String(prepared.Content)));
            }
            catch (ValidationException e)
            {
                notes.Add($"第 {i + 1} 张图片（{photo.FileName}）未导入：{e.Message}");
            }
        }

        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Name, u.ShortName, u.Aliases }).ToListAsync(ct);
        var matched = new List<UnitNameDto>();
        var unknown = new List<string>();
        foreach (var written in draft.Units)
        {
            var unit = units.FirstOrDefault(u => u.ShortName == written || u.Name == written || u.Aliases.Contains(written));
            if (unit is null)
            {
                unknown.Add(written);
            }
            else if (matched.All(m => m.Id != unit.Id))
            {
                matched.Add(new UnitNameDto(unit.Id, unit.ShortName));
            }
        }

        if (unknown.Count > 0)
        {
            notes.Add($"署名中的单位“{string.Join("、", unknown)}”不在单位名单中，请在“供稿单位”中选择。");
        }

        return new DocumentDraftDto(name, draft.Title, draft.Paragraphs, draft.EventDate, matched, unknown, draft.Authors, draft.Phone, photos,
            [.. draft.Source.Select(l => new SourceLineDto(l.Text, l.Role.ToString()))], notes);
    }
}
