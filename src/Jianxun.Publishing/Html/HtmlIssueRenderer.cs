using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Jianxun.Publishing;

/// <summary>
/// The one rendering of an issue as HTML (ADR-025): the web page, the archive view, the compile page's preview and the
/// downloadable HTML file all show this markup, styled by the one stylesheet <see cref="Stylesheet"/> (jx-* classes).
/// Every text is HTML-encoded and nothing is loaded from elsewhere: photos become data: URIs unless a <c>photoUrl</c>
/// callback supplies their address. Briefs carry their number as text (1、), never as a list marker, so they are
/// numbered once with or without the stylesheet.
/// </summary>
public sealed class HtmlIssueRenderer
{
    // HtmlEncoder.Default would turn every Chinese character into &#x…;: allow all ranges, escape only what HTML needs.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly Lazy<string> StylesheetText = new(() =>
    {
        using var stream = typeof(HtmlIssueRenderer).Assembly.GetManifestResourceStream("Jianxun.Publishing.issue.css")
            ?? throw new InvalidOperationException("The issue stylesheet is not embedded in Jianxun.Publishing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private readonly Func<IssuePhoto, string>? _photoUrl;
    private readonly IReadOnlyList<string> _highlights;

    /// <param name="photoUrl">The address of a photo; null inlines every photo as a data: URI.</param>
    /// <param name="highlights">Strings to mark (<c>&lt;mark&gt;</c>, case-insensitive) in titles and text: a search hit's terms.</param>
    public HtmlIssueRenderer(Func<IssuePhoto, string>? photoUrl = null, IReadOnlyList<string>? highlights = null)
    {
        _photoUrl = photoUrl;
        _highlights = [.. (highlights ?? []).Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(h => h.Length)];
    }

    /// <summary>The issue stylesheet (the web app serves the same file as /css/issue.css).</summary>
    public static string Stylesheet => StylesheetText.Value;

    /// <summary>
    /// A self-contained HTML file of the issue: the stylesheet inlined, every photo a data: URI (whatever
    /// <c>photoUrl</c> says), no script and no external reference, so it reads the same offline as on the site.
    /// </summary>
    public string RenderDocument(IssueDocument issue, TypesetSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var title = UnsafeText.Strip(issue.SeriesName.Trim() + " " + IssueText.IssueLine(issue));
        var inline = new HtmlIssueRenderer(photoUrl: null, _highlights);
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Stylesheet.Replace("</", "<\\/", StringComparison.Ordinal)).Append("</style>\n</head>\n")
            .Append("<body class=\"issue-preview\">\n").Append(inline.Render(issue, settings)).Append("</body>\n</html>\n")
            .ToString();
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
                .Append(Mark(issue.EditorsNote.Trim())).Append("</p></aside>\n");
        }

        foreach (var column in issue.Columns)
        {
            html.Append(column.IsBriefs ? "<section class=\"jx-column jx-briefs\">\n" : "<section class=\"jx-column\">\n");
            Element(html, "h2", "jx-column-heading", IssueText.ColumnHeading(column.Name));
            if (column.IsBriefs)
            {
                html.Append("<div class=\"jx-brief-list\">\n");
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
                html.Append("</div>\n");
            }

            html.Append("</section>\n");
        }

        WriteFoot(html, issue);
        html.Append("</article>\n");
        return html.ToString();
    }

    private void WriteArticle(StringBuilder html, IssueArticle article)
    {
        html.Append("<article class=\"jx-article\"").Append(AnchorAttribute(article)).Append(">\n");
        if (!string.IsNullOrWhiteSpace(article.Title))
        {
            html.Append("<h3 class=\"jx-title\">").Append(Mark(article.Title.Trim())).Append("</h3>\n");
        }

        WriteBody(html, article, lead: null);
        html.Append("</article>\n");
    }

    private void WriteBrief(StringBuilder html, IssueArticle article, int number)
    {
        html.Append("<div class=\"jx-brief\"").Append(AnchorAttribute(article)).Append('>');
        var lead = new StringBuilder();
        lead.Append("<span class=\"jx-brief-number\">").Append(Encode(IssueText.BriefNumber(number))).Append("</span>");
        if (!string.IsNullOrWhiteSpace(article.Title))
        {
            lead.Append("<strong class=\"jx-brief-title\">").Append(Mark(IssueText.BriefTitle(article.Title))).Append("</strong>");
        }

        WriteBody(html, article, lead.ToString());
        html.Append("</div>\n");
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

                html.Append(Mark(paragraphs[i].Trim())).Append("</p>\n");
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

    private static string AnchorAttribute(IssueArticle article)
        => article.Anchor is { Length: > 0 and <= 64 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? $" id=\"{id}\""
            : string.Empty;

    /// <summary>The text encoded, with every highlight in <c>&lt;mark&gt;</c> (longest first, case-insensitive).</summary>
    private string Mark(string text)
    {
        if (_highlights.Count == 0)
        {
            return Encode(text);
        }

        var sb = new StringBuilder();
        var plain = 0;
        var i = 0;
        while (i < text.Length)
        {
            var hit = _highlights.FirstOrDefault(h => string.Compare(text, i, h, 0, h.Length, StringComparison.OrdinalIgnoreCase) == 0 && i + h.Length <= text.Length);
            if (hit is null)
            {
                i++;
                continue;
            }

            sb.Append(Encode(text[plain..i])).Append("<mark>").Append(Encode(text.Substring(i, hit.Length))).Append("</mark>");
            i += hit.Length;
            plain = i;
        }

        return sb.Append(Encode(text[plain..])).ToString();
    }

    private static void Element(StringBuilder html, string tag, string cssClass, string text) =>
        html.Append('<').Append(tag).Append(" class=\"").Append(cssClass).Append("\">").Append(Encode(text)).Append("</").Append(tag).Append(">\n");

    private static string Encode(string text) => Encoder.Encode(text);
}
