using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Jianxun.Publishing;

/// <summary>
/// Renders an issue to a semantic HTML fragment for the web view and preview: every text HTML-encoded, no external
/// assets. Photos become data: URIs unless a <c>photoUrl</c> callback supplies their address.
/// Class names (jx-*) are for the host's stylesheet.
/// </summary>
public sealed class HtmlIssueRenderer
{
    // HtmlEncoder.Default would turn every Chinese character into &#x…;: allow all ranges, escape only what HTML needs.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Func<IssuePhoto, string>? _photoUrl;

    public HtmlIssueRenderer(Func<IssuePhoto, string>? photoUrl = null)
    {
        _photoUrl = photoUrl;
    }

    public string Render(IssueDocument issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var html = new StringBuilder();
        html.Append("<article class=\"jx-issue\" lang=\"zh-CN\">\n");
        html.Append("<header class=\"jx-masthead\">\n");
        Element(html, "h1", "jx-series", issue.SeriesName.Trim());
        Element(html, "p", "jx-issue-line", IssueText.IssueLine(issue));
        html.Append("<p class=\"jx-issuer-line\"><span class=\"jx-issuer\">").Append(Encode(issue.Issuer.Trim())).Append("</span> ")
            .Append("<time class=\"jx-date\" datetime=\"").Append(issue.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">")
            .Append(Encode(IssueText.DateLine(issue.Date))).Append("</time></p>\n");
        html.Append("</header>\n");

        if (!string.IsNullOrWhiteSpace(issue.EditorsNote))
        {
            html.Append("<aside class=\"jx-editors-note\"><p><strong>").Append(Encode(IssueText.EditorsNoteLabel)).Append("</strong>")
                .Append(Encode(issue.EditorsNote.Trim())).Append("</p></aside>\n");
        }

        foreach (var column in issue.Columns)
        {
            html.Append(column.IsBriefs ? "<section class=\"jx-column jx-briefs\">\n" : "<section class=\"jx-column\">\n");
            Element(html, "h2", "jx-column-heading", IssueText.ColumnHeading(column.Name));
            if (column.IsBriefs)
            {
                html.Append("<ol class=\"jx-brief-list\">\n");
            }

            var number = 0;
            foreach (var article in column.Articles)
            {
                number++;
                if (column.IsBriefs)
                {
                    WriteBrief(html, article, number);
                }
                else
                {
                    WriteArticle(html, article);
                }
            }

            if (column.IsBriefs)
            {
                html.Append("</ol>\n");
            }

            html.Append("</section>\n");
        }

        WriteFoot(html, issue);
        html.Append("</article>\n");
        return html.ToString();
    }

    private void WriteArticle(StringBuilder html, IssueArticle article)
    {
        html.Append("<article class=\"jx-article\">\n");
        if (!string.IsNullOrWhiteSpace(article.Title))
        {
            Element(html, "h3", "jx-title", article.Title.Trim());
        }

        WriteBody(html, article, lead: null);
        html.Append("</article>\n");
    }

    private void WriteBrief(StringBuilder html, IssueArticle article, int number)
    {
        html.Append("<li class=\"jx-brief\" value=\"").Append(number.ToString(CultureInfo.InvariantCulture)).Append("\">");
        var lead = new StringBuilder();
        lead.Append("<span class=\"jx-brief-number\">").Append(Encode(IssueText.BriefNumber(number))).Append("</span>");
        if (!string.IsNullOrWhiteSpace(article.Title))
        {
            lead.Append("<strong class=\"jx-brief-title\">").Append(Encode(IssueText.BriefTitle(article.Title))).Append("</strong>");
        }

        WriteBody(html, article, lead.ToString());
        html.Append("</li>\n");
    }

    private void WriteBody(StringBuilder html, IssueArticle article, string? lead)
    {
        var side = IssueText.PhotosAt(article, PhotoPlacement.Side);
        var full = IssueText.PhotosAt(article, PhotoPlacement.FullWidth);
        var paragraphs = article.Paragraphs.Count > 0 ? article.Paragraphs : [string.Empty];
        for (var i = 0; i < paragraphs.Count; i++)
        {
            foreach (var photo in side[i])
            {
                WritePhoto(html, photo);
            }

            if (paragraphs[i].Trim().Length > 0 || (i == 0 && lead is not null))
            {
                html.Append("<p class=\"jx-body\">");
                if (i == 0 && lead is not null)
                {
                    html.Append(lead);
                }

                html.Append(Encode(paragraphs[i].Trim())).Append("</p>\n");
            }

            foreach (var photo in full[i])
            {
                WritePhoto(html, photo);
            }
        }

        if (!string.IsNullOrWhiteSpace(article.CreditLine))
        {
            Element(html, "p", "jx-credit", article.CreditLine.Trim());
        }
    }

    private void WritePhoto(StringBuilder html, IssuePhoto photo)
    {
        var cssClass = photo.Placement == PhotoPlacement.Side ? "jx-photo jx-photo-side" : "jx-photo jx-photo-full";
        var src = _photoUrl?.Invoke(photo) ?? $"data:{ImageInfo.Read(photo.Data).MimeType};base64,{Convert.ToBase64String(photo.Data)}";
        html.Append("<figure class=\"").Append(cssClass).Append("\"><img src=\"").Append(Encode(src)).Append("\" alt=\"")
            .Append(Encode(photo.Caption?.Trim() ?? string.Empty)).Append("\">");
        if (!string.IsNullOrWhiteSpace(photo.Caption))
        {
            html.Append("<figcaption>").Append(Encode(photo.Caption.Trim())).Append("</figcaption>");
        }

        html.Append("</figure>\n");
    }

    private static void WriteFoot(StringBuilder html, IssueDocument issue)
    {
        var items = IssueText.DistributionLines(issue.Distribution).ToList();
        if (string.IsNullOrWhiteSpace(issue.Erratum) && items.Count == 0 && issue.Copies is not > 0)
        {
            return;
        }

        html.Append("<footer class=\"jx-distribution\">\n");
        if (!string.IsNullOrWhiteSpace(issue.Erratum))
        {
            Element(html, "p", "jx-erratum", issue.Erratum.Trim());
        }

        if (items.Count > 0)
        {
            html.Append("<dl>\n");
            foreach (var (label, text) in items)
            {
                html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(text)).Append("</dd>\n");
            }

            html.Append("</dl>\n");
        }

        if (issue.Copies is > 0)
        {
            Element(html, "p", "jx-copies", IssueText.CopiesLine(issue.Copies.Value));
        }

        html.Append("</footer>\n");
    }

    private static void Element(StringBuilder html, string tag, string cssClass, string text) =>
        html.Append('<').Append(tag).Append(" class=\"").Append(cssClass).Append("\">").Append(Encode(text)).Append("</").Append(tag).Append(">\n");

    private static string Encode(string text) => Encoder.Encode(text);
}
