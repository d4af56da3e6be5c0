using System.Globalization;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Organisation;
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

    /// <summary>
    /// Checks every active series' own typesetting against the font directory (called at start-up, after
    /// <see cref="Validate()"/>): a font removed since the series was saved stops the start with a message naming the
    /// series, instead of failing when an issue is published.
    /// </summary>
    public async Task ValidateSeriesAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var series = await db.Series.AsNoTracking().Where(s => s.IsActive && s.Typesetting != null)
            .OrderBy(s => s.Id).Select(s => new { s.Name, s.Typesetting }).ToListAsync(ct);
        foreach (var s in series)
        {
            var typesetting = SeriesTypesetting.FromJson(s.Typesetting).Normalised();
            var v = new Validator();
            typesetting.Validate(v, Catalog);
            try
            {
                v.ThrowIfInvalid();
            }
            catch (ValidationException e)
            {
                var message = $"刊物“{s.Name}”的版式设置无法使用：{e.Message} 请在“刊物与栏目”中修改该刊物的版式，或补齐字体目录 '{Catalog.Directory}' 中的字体。";
                var settings = typesetting.Apply(TypesetSettings.Default);
                var missing = new[] { settings.MastheadFontFamily, settings.HeadingFontFamily, settings.TitleFontFamily, settings.BodyFontFamily }
                    .FirstOrDefault(f => !Catalog.HasFamily(f));
                throw missing is null ? new InvalidOperationException(message, e) : new FontNotFoundException(message, e);
            }
        }
    }
}

/// <summary>Turns an issue (draft or published) into the publishing engine's plain model and renders it.</summary>
public sealed class IssueRenderer(AppDbContext db, FileStore files, PublishingFonts fonts)
{
    public async Task<IssueDocument> BuildDocumentAsync(Issue issue, Func<int, int, string>? photoUrl, CancellationToken ct)
        => (await BuildAsync(issue, photoUrl, ct)).Document;

    /// <summary>The fonts and sizes an issue prints with: its series' own (版式) over the GB/T 9704 defaults.</summary>
    public static TypesetSettings SettingsOf(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return SeriesTypesetting.SettingsOf(series.Typesetting);
    }

    private async Task<(IssueDocument Document, TypesetSettings Settings)> BuildAsync(Issue issue, Func<int, int, string>? photoUrl, CancellationToken ct)
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
                    Anchor = string.Create(CultureInfo.InvariantCulture, $"item-{item.Id}"),
                });
            }
            if (articles.Count > 0)
            {
                columns.Add(new IssueColumn { Name = section.Name, IsBriefs = section.IsBriefs, Articles = articles });
            }
        }
        var document = new IssueDocument
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
        return (document, SettingsOf(series));
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
        if (format is not ("pdf" or "docx" or "html"))
        {
            throw ValidationException.For("format", "格式只能是 pdf、docx 或 html。");
        }
        var (doc, settings) = await BuildAsync(issue, null, ct);
        return format switch
        {
            "pdf" => new RenderedFile(new PdfIssueRenderer(fonts.Catalog).Render(doc, settings), "application/pdf", name + ".pdf"),
            "docx" => new RenderedFile(new DocxIssueRenderer().Render(doc, settings), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx"),
            _ => new RenderedFile(System.Text.Encoding.UTF8.GetBytes(new HtmlIssueRenderer().RenderDocument(doc, settings)), "text/html; charset=utf-8", name + ".html"),
        };
    }

    /// <summary>The PDF as it would print now, with its page count and the last page's fill (the compile page's budget check).</summary>
    public async Task<PdfRendering> RenderLayoutAsync(Issue issue, CancellationToken ct)
    {
        var (doc, settings) = await BuildAsync(issue, null, ct);
        return new PdfIssueRenderer(fonts.Catalog).RenderWithLayout(doc, settings);
    }

    /// <summary>An HTML fragment for the page preview, with photos linked to the API rather than inlined.</summary>
    public async Task<string> PreviewHtmlAsync(Issue issue, CancellationToken ct)
    {
        var (doc, settings) = await BuildAsync(issue, (submissionId, photoId) => $"/api/submissions/{submissionId}/photos/{photoId}", ct);
        return new HtmlIssueRenderer(photo => _urls.TryGetValue(photo, out var url) ? url : "").Render(doc, settings);
    }

    /// <summary>
    /// The issue as the archive shows it: the same markup as the web page and the HTML file (photos inline, the reader's
    /// scope having been checked by the caller), with <paramref name="highlights"/> marked.
    /// </summary>
    public async Task<string> ArchiveHtmlAsync(Issue issue, IReadOnlyList<string> highlights, CancellationToken ct)
    {
        var (doc, settings) = await BuildAsync(issue, null, ct);
        return new HtmlIssueRenderer(photoUrl: null, highlights).Render(doc, settings);
    }

    /// <summary>
    /// The name a download is saved under, as the office says it: 国资简讯2026年第3期 (the series' name and the issue's label;
    /// 总第N期 or the date when an import could not tell the number). The series must be loaded.
    /// </summary>
    public static string FileName(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return (issue.Series?.Name ?? "") + (issue.Year is int y && issue.Number is int n
            ? string.Create(CultureInfo.InvariantCulture, $"{y}年第{n}期")
            : issue.TotalNumber is int t ? string.Create(CultureInfo.InvariantCulture, $"总第{t}期") : issue.Date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture));
    }
}
