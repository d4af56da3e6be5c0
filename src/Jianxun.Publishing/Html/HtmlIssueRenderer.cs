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

    /// <summary>
    /// The issue as HTML. Settings other than the defaults travel as CSS custom properties on the root element
    /// (<c>--jx-body-font</c>, <c>--jx-body-scale</c> …, see <see cref="StyleFor"/>) for the host's stylesheet to use.
    /// </summary>
    public string Render(IssueDocument issue, TypesetSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(issue);
        issue = UnsafeText.Clean(issue);
        var html = new StringBuilder();
        var style = settings is null ? string.Empty : StyleFor(settings);
        html.Append("<article class=\"jx-issue\" lang=\"zh-CN\"");
        if (style.Length > 0)
        {
            html.Append(" style=\"").Append(Encode(style)).Append('"');
        }

        html.Append(">\n");
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

    /// <summary>
    /// The settings that differ from <see cref="TypesetSettings.Default"/> as CSS custom properties: families as
    /// <c>font-family</c> lists ending in the Noto fonts and a generic family; sizes as scales of the default (the
    /// credit line relative to the body, the line height as leading relative to the default leading); the masthead colour.
    /// Empty when nothing differs.
    /// </summary>
    public static string StyleFor(TypesetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var d = TypesetSettings.Default;
        var css = new List<string>();
        void Family(string name, string family, string fallback, string defaultFamily)
        {
            if (!string.Equals(family, defaultFamily, StringComparison.Ordinal))
            {
                css.Add($"--jx-{name}-font: {CssString(family)}, {fallback}");
            }
        }

        void Scale(string name, double value)
        {
            if (Math.Abs(value - 1) > 0.0005)
            {
                css.Add($"--jx-{name}-scale: {value.ToString("0.###", CultureInfo.InvariantCulture)}");
            }
        }

        const string Serif = "\"Noto Serif SC\", \"Source Han Serif SC\", serif";
        const string Sans = "\"Noto Sans SC\", \"Source Han Sans SC\", sans-serif";
        Family("masthead", settings.MastheadFontFamily, Serif, d.MastheadFontFamily);
        Family("heading", settings.HeadingFontFamily, Sans, d.HeadingFontFamily);
        Family("title", settings.TitleFontFamily, Serif, d.TitleFontFamily);
        Family("body", settings.BodyFontFamily, Serif, d.BodyFontFamily);
        Scale("masthead", settings.MastheadFontSize / d.MastheadFontSize);
        Scale("title", settings.TitleFontSize / d.TitleFontSize);
        Scale("body", settings.BodyFontSize / d.BodyFontSize);
        Scale("credit", (settings.CreditFontSize / settings.BodyFontSize) / (d.CreditFontSize / d.BodyFontSize));
        Scale("leading", (settings.BodyLineHeight / settings.BodyFontSize) / (d.BodyLineHeight / d.BodyFontSize));
        if (!string.Equals(settings.MastheadColor, d.MastheadColor, StringComparison.OrdinalIgnoreCase)
            && settings.MastheadColor.Length == 7 && settings.MastheadColor[0] == '#' && settings.MastheadColor.Skip(1).All(char.IsAsciiHexDigit))
        {
            css.Add("--jx-masthead-color: " + settings.MastheadColor);
        }

        return string.Join("; ", css);
    }

    /// <summary>A CSS string: quotes and backslashes escaped, control characters dropped.</summary>
    private static string CssString(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in text.Where(c => !char.IsControl(c)))
        {
            if (ch is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.Append('"').ToString();
    }

    private static void Element(StringBuilder html, string tag, string cssClass, string text) =>
        html.Append('<').Append(tag).Append(" class=\"").Append(cssClass).Append("\">").Append(Encode(text)).Append("</").Append(tag).Append(">\n");

    private static string Encode(string text) => Encoder.Encode(text);
}
