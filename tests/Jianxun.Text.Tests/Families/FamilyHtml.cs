using System.Globalization;
using System.Net;
using System.Text;
using Jianxun.Testing;

namespace Jianxun.Text.Tests.Families;

/// <summary>
/// Writes a bulletin as a web page an office would print from a browser: the family's heading style in CSS (bar,
/// box in a table, left border), the masthead in a table or not, two CSS columns, floated photos with captions.
/// </summary>
internal sealed class FamilyHtml(Family family, FamilyBulletin bulletin)
{
    private readonly StringBuilder _html = new();

    public string Write()
    {
        var pt = family.BodyPt.ToString(CultureInfo.InvariantCulture);
        var titleAlign = family.CentredTitles ? "center" : "left";
        _html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(bulletin.Masthead)).Append("</title><style>")
            .Append("@page { size: A4; margin: 25mm 22mm }")
            .Append($"body {{ font-family: \"{family.BodyFont}\", serif; font-size: {pt}pt; line-height: 1.6; margin: 0 }}")
            .Append(".mast { color: #c00; font-size: 40pt; font-weight: bold; text-align: center; margin: 0 }")
            .Append(".issue { text-align: center; margin: 0 } .inner { font-size: 11pt; margin: 0 }")
            .Append(".issuer { display: flex; justify-content: space-between; border-bottom: 2px solid #c00; padding-bottom: 4pt; margin: 0 0 10pt }")
            .Append("table.mt { width: 100%; border-collapse: collapse; border-bottom: 3px solid #c00; margin-bottom: 10pt } table.mt td { padding: 2pt }")
            .Append(".h-bracket { font-weight: bold; margin: 14pt 0 6pt }")
            .Append(".h-bar { background: #c00; color: #fff; font-weight: bold; padding: 2pt 8pt; margin: 14pt 0 6pt }")
            .Append("table.h-box { border: 1.5px solid #c00; border-collapse: collapse; margin: 14pt 0 6pt } table.h-box td { color: #c00; font-weight: bold; padding: 2pt 14pt }")
            .Append(".h-left { border-left: 6px solid #c00; padding-left: 8pt; font-weight: bold; margin: 14pt 0 6pt }")
            .Append($"h3 {{ font-family: \"{family.TitleFont}\", sans-serif; font-size: {family.BodyPt + 4}pt; text-align: {titleAlign}; margin: 12pt 0 2pt }}")
            .Append($".sub {{ text-align: {(family.CentredTitles ? "center" : "right")}; margin: 0 0 6pt }}")
            .Append("p.b { text-indent: 2em; text-align: justify; margin: 0 }")
            .Append(".note { text-indent: 2em; margin: 6pt 0 } .note b { font-weight: bold }")
            .Append(".credit { margin: 2pt 0 } .credit.r { text-align: right }")
            .Append("figure { float: right; width: 40%; margin: 4pt 0 4pt 1em } figure img { width: 100% } figcaption { font-size: 10pt; text-align: center }")
            .Append("ol.dun { list-style: none; counter-reset: n; padding: 0 } ol.dun li { counter-increment: n; text-indent: 2em } ol.dun li::before { content: counter(n) \"、\" }")
            .Append("ol.dot { padding-left: 2em }")
            .Append(".cols { column-count: 2; column-gap: 2em }")
            .Append(".dist { border-top: 1px solid #000; margin-top: 24pt; font-size: 11pt } .dist p { margin: 0 }")
            .Append("</style></head><body>");
        Masthead();
        if (family.TwoColumns)
        {
            _html.Append("<div class=\"cols\">");
        }

        foreach (var section in bulletin.Sections)
        {
            Heading(section.Name);
            var briefs = section.Articles.Where(a => a.Number is not null).ToList();
            foreach (var a in section.Articles.Where(a => a.Number is null))
            {
                Article(a);
            }

            if (briefs.Count > 0)
            {
                Briefs(briefs);
            }
        }

        if (family.TwoColumns)
        {
            _html.Append("</div>");
        }

        _html.Append("<div class=\"dist\">");
        foreach (var line in bulletin.Distribution)
        {
            _html.Append("<p>").Append(E(line)).Append("</p>");
        }

        _html.Append("</div></body></html>\n");
        return _html.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private void Masthead()
    {
        if (family.MastheadInTable)
        {
            _html.Append("<table class=\"mt\"><tr><td colspan=\"2\" class=\"mast\">").Append(E(bulletin.Masthead)).Append("</td></tr>")
                .Append("<tr><td colspan=\"2\" class=\"issue\">").Append(E(bulletin.IssueLine(family.SpacedIssueLine))).Append("</td></tr>")
                .Append("<tr><td>").Append(E(bulletin.Issuer)).Append("</td><td style=\"text-align:right\">").Append(E(bulletin.DateText)).Append("</td></tr></table>");
            return;
        }

        _html.Append("<p class=\"inner\">内部资料　注意保存</p>")
            .Append("<p class=\"mast\">").Append(E(bulletin.Masthead)).Append("</p>")
            .Append("<p class=\"issue\">").Append(E(bulletin.IssueLine(family.SpacedIssueLine))).Append("</p>")
            .Append("<div class=\"issuer\"><span>").Append(E(bulletin.Issuer)).Append("</span><span>").Append(E(bulletin.DateText)).Append("</span></div>");
    }

    private void Heading(string name)
    {
        _ = family.Heading switch
        {
            HeadingStyle.BracketLine => _html.Append("<p class=\"h-bracket\">【").Append(E(name)).Append("】</p>"),
            HeadingStyle.Bar => _html.Append("<div class=\"h-bar\">").Append(E(name)).Append("</div>"),
            HeadingStyle.TableBox => _html.Append("<table class=\"h-box\"><tr><td>").Append(E(name)).Append("</td></tr></table>"),
            _ => _html.Append("<div class=\"h-left\">").Append(E(name)).Append("</div>"),
        };
    }

    private void Article(FamilyArticle a)
    {
        if (a.EditorsNote is { } note)
        {
            _html.Append("<p class=\"note\"><b>").Append(E(note[..4])).Append("</b>").Append(E(note[4..])).Append("</p>");
        }

        _html.Append("<h3>").Append(string.Join("<br>", a.TitleLines.Take(a.MainTitleLines).Select(E))).Append("</h3>");
        foreach (var sub in a.TitleLines.Skip(a.MainTitleLines))
        {
            _html.Append("<p class=\"sub\">").Append(E(sub)).Append("</p>");
        }

        for (var i = 0; i < a.Paragraphs.Count; i++)
        {
            if (a.PhotoAfter == i)
            {
                Photo(a.Caption!);
            }

            _html.Append("<p class=\"b\">").Append(E(a.Paragraphs[i]));
            if (i == a.Paragraphs.Count - 1 && a.Credit is not null && a.CreditStyle == CreditStyle.InlineParen)
            {
                _html.Append(E(FamilyBulletin.CreditText(a)));
            }

            _html.Append("</p>");
        }

        if (a.Credit is not null && a.CreditStyle != CreditStyle.InlineParen)
        {
            _html.Append("<p class=\"credit").Append(a.CreditStyle == CreditStyle.Bracketed ? string.Empty : " r").Append("\">")
                .Append(E(FamilyBulletin.CreditText(a))).Append("</p>");
        }
    }

    private void Photo(string caption)
    {
        _html.Append("<figure><img alt=\"\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(TestImages.Png(64, 40)))
            .Append("\"><figcaption>").Append(E(caption)).Append("</figcaption></figure>");
    }

    private void Briefs(List<FamilyArticle> briefs)
    {
        switch (family.Numbering)
        {
            case BriefNumbering.AutoDun:
            case BriefNumbering.AutoDot:
                _html.Append(family.Numbering == BriefNumbering.AutoDun ? "<ol class=\"dun\">" : "<ol class=\"dot\">");
                foreach (var a in briefs)
                {
                    _html.Append("<li>").Append(E(a.Paragraphs[0])).Append("</li>");
                }

                _html.Append("</ol>");
                break;
            case BriefNumbering.TypedDot:
                foreach (var a in briefs)
                {
                    _html.Append("<p class=\"b\">").Append(a.Number!.Value.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(E(a.Paragraphs[0])).Append("</p>");
                }

                break;
            default:
                foreach (var a in briefs)
                {
                    _html.Append("<p class=\"b\">（").Append(FamilyDocx.Chinese(a.Number!.Value)).Append('）').Append(E(a.Paragraphs[0])).Append("</p>");
                }

                break;
        }
    }
}
