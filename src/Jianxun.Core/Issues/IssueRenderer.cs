using System.Globalization;
using Jianxun.Core.Data;
using Jianxun.Core.Storage;
using Jianxun.Core.Submissions;
using Jianxun.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Issues;

/// <summary>The fonts for typesetting: Jianxun's Noto fonts from the build, or an organisation's own (<c>Jianxun:Fonts:Directory</c>).</summary>
public sealed class PublishingFonts(string? directory)
{
    private readonly Lazy<FontCatalog> _catalog = new(() => FontCatalog.Load(string.IsNullOrWhiteSpace(directory) ? null : directory));

    public FontCatalog Catalog => _catalog.Value;

    /// <summary>Throws a clear <see cref="FontNotFoundException"/> when a family the settings name is missing: called at start-up.</summary>
    public void Validate() => Catalog.Validate(TypesetSettings.Default);
}

/// <summary>Turns an issue (draft or published) into the publishing engine's plain model and renders it.</summary>
public sealed class IssueRenderer(AppDbContext db, FileStore files, PublishingFonts fonts)
{
    public async Task<IssueDocument> BuildDocumentAsync(Issue issue, Func<int, int, string>? photoUrl, CancellationToken ct)
    {
        var series = issue.Series ?? await db.Series.AsNoTracking().FirstAsync(s => s.Id == issue.SeriesId, ct);
        var submissionIds = issue.Sections.SelectMany(s => s.Items).Where(i => i.SubmissionId is not null).Select(i => i.SubmissionId!.Value).ToList();
        var photos = await db.Set<SubmissionPhoto>().AsNoTracking().Where(p => submissionIds.Contains(p.SubmissionId))
            .OrderBy(p => p.Order).ToListAsync(ct);
        var columns = new List<IssueColumn>();
        foreach (var section in issue.Sections.OrderBy(s => s.Order))
        {
            var articles = new List<IssueArticle>();
            foreach (var item in section.Items.OrderBy(i => i.Order))
            {
                var itemPhotos = new List<Publishing.IssuePhoto>();
                foreach (var p in photos.Where(p => p.SubmissionId == item.SubmissionId))
                {
                    itemPhotos.Add(new Publishing.IssuePhoto
                    {
                        Data = await files.ReadAllBytesAsync(p.StoredName, ct),
                        Caption = string.IsNullOrWhiteSpace(p.Caption) ? null : p.Caption,
                        // A wide photo spans the text; an upright one sits at the side with the text around it.
                        Placement = p.Width >= p.Height ? PhotoPlacement.FullWidth : PhotoPlacement.Side,
                    });
                    if (photoUrl is not null)
                    {
                        _urls[itemPhotos[^1]] = photoUrl(p.SubmissionId, p.Id);
                    }
                }
                articles.Add(new IssueArticle
                {
                    Title = section.IsBriefs ? null : item.Title,
                    Paragraphs = item.Paragraphs,
                    CreditLine = section.IsBriefs ? null : item.CreditLine,
                    Photos = section.IsBriefs ? [] : itemPhotos,
                });
            }
            if (articles.Count > 0)
            {
                columns.Add(new IssueColumn { Name = section.Name, IsBriefs = section.IsBriefs, Articles = articles });
            }
        }
        return new IssueDocument
        {
            SeriesName = series.Name,
            IssueLabel = issue.Year is int y && issue.Number is int n ? $"{y}年第{n}期" : issue.Label,
            TotalNumber = issue.TotalNumber is int t ? $"总第{t}期" : null,
            Issuer = series.Issuer,
            Date = issue.Date,
            EditorsNote = issue.EditorsNote,
            Columns = columns,
            Distribution = issue.DistributionBao is null && issue.DistributionSong is null && issue.DistributionFa is null
                ? null
                : new Distribution { Bao = issue.DistributionBao, Song = issue.DistributionSong, Fa = issue.DistributionFa },
            Copies = issue.Copies,
            Erratum = issue.Erratum,
        };
    }

    private readonly Dictionary<Publishing.IssuePhoto, string> _urls = new(ReferenceEqualityComparer.Instance);

    public static string ContentType(string format) => format switch
    {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "text/html; charset=utf-8",
    };

    public async Task<RenderedFile> RenderAsync(Issue issue, string format, CancellationToken ct)
    {
        var name = FileName(issue);
        switch (format)
        {
            case "pdf":
                return new RenderedFile(new PdfIssueRenderer(fonts.Catalog).Render(await BuildDocumentAsync(issue, null, ct)), "application/pdf", name + ".pdf");
            case "docx":
                return new RenderedFile(new DocxIssueRenderer().Render(await BuildDocumentAsync(issue, null, ct)), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
            case "html":
                var doc = await BuildDocumentAsync(issue, null, ct);
                return new RenderedFile(System.Text.Encoding.UTF8.GetBytes(WrapHtml(doc.SeriesName + " " + doc.IssueLabel, new HtmlIssueRenderer().Render(doc))),
                    "text/html; charset=utf-8", name + ".html");
            default:
                throw Common.ValidationException.For("format", "格式只能是 pdf、docx 或 html。");
        }
    }

    /// <summary>An HTML fragment for the page preview, with photos linked to the API rather than inlined.</summary>
    public async Task<string> PreviewHtmlAsync(Issue issue, CancellationToken ct)
    {
        var doc = await BuildDocumentAsync(issue, (submissionId, photoId) => $"/api/submissions/{submissionId}/photos/{photoId}", ct);
        return new HtmlIssueRenderer(photo => _urls.TryGetValue(photo, out var url) ? url : "").Render(doc);
    }

    public static string FileName(Issue issue)
        => issue.Year is int y && issue.Number is int n
            ? string.Create(CultureInfo.InvariantCulture, $"{y}-{n:00}")
            : issue.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string WrapHtml(string title, string body)
        => $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(title)}</title></head><body>\n{body}\n</body></html>\n";
}
