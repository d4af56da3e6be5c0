using AngleSharp.Html.Parser;

namespace Jianxun.Publishing.Tests;

public sealed class HtmlIssueRendererTests
{
    private static AngleSharp.Dom.IDocument Parse(string fragment) => new HtmlParser().ParseDocument("<!doctype html><html><body>" + fragment + "</body></html>");

    [Fact]
    public void Render_StandardIssue_IsSemanticAndComplete()
    {
        var issue = SampleIssues.Standard(articleCount: 4);

        var document = Parse(new HtmlIssueRenderer().Render(issue));

        Assert.Equal("国资简讯", document.QuerySelector("header h1")!.TextContent);
        Assert.Equal("2026年第5期（总第123期）", document.QuerySelector(".jx-issue-line")!.TextContent);
        Assert.Equal("2026-03-09", document.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(["【领导关注】", "【国企动态】", "【简讯】"], document.QuerySelectorAll("h2").Select(h => h.TextContent));
        var titles = issue.Columns.Where(c => !c.IsBriefs).SelectMany(c => c.Articles).Select(a => a.Title).ToList();
        Assert.Equal(titles, document.QuerySelectorAll("h3").Select(h => h.TextContent));
        var briefs = document.QuerySelectorAll(".jx-brief-list > .jx-brief");
        Assert.Equal(3, briefs.Length);
        Assert.StartsWith("2、", briefs[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("ol, ul, li")); // a list marker would number the briefs a second time
        Assert.Equal(["报：", "送：", "发："], document.QuerySelectorAll("footer dt").Select(d => d.TextContent));
        Assert.Equal("（共印60份）", document.QuerySelector(".jx-copies")!.TextContent);
        Assert.Equal(issue.Columns.SelectMany(c => c.Articles).Count(a => a.CreditLine is not null), document.QuerySelectorAll(".jx-credit").Length);
    }

    [Fact]
    public void Render_Photos_AreInlineDataUrisWithCaptions()
    {
        var document = Parse(new HtmlIssueRenderer().Render(SampleIssues.Standard(articleCount: 4)));

        var figures = document.QuerySelectorAll("figure");
        Assert.Equal(2, figures.Length);
        Assert.All(figures, f =>
        {
            Assert.StartsWith("data:image/png;base64,", f.QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(f.QuerySelector("figcaption")!.TextContent));
        });
        Assert.Empty(document.QuerySelectorAll("link, script, style, iframe"));
    }

    [Fact]
    public void Render_PhotoUrlCallback_UsesTheGivenUrl()
    {
        var html = new HtmlIssueRenderer(p => "/photos/" + p.Data.Length + "?a=1&b=2").Render(SampleIssues.Standard(articleCount: 2));

        var sources = Parse(html).QuerySelectorAll("img").Select(i => i.GetAttribute("src")).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Matches("^/photos/\\d+\\?a=1&b=2$", s));
        Assert.DoesNotContain("data:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MarkupInText_IsEscaped()
    {
        var issue = SampleIssues.Standard(articleCount: 1, photos: false, briefCount: 0) with
        {
            SeriesName = "<b>国资简讯</b>",
            Columns =
            [
                new IssueColumn
                {
                    Name = "动态\"><script>",
                    Articles = [new IssueArticle { Title = "<script>alert('x')</script>标题 & “引号”", Paragraphs = ["A<B & C>D <img src=x onerror=alert(1)>"], CreditLine = "【供稿：<i>某单位</i>】" }],
                },
            ],
        };

        var html = new HtmlIssueRenderer().Render(issue);
        var document = Parse(html);

        Assert.Empty(document.QuerySelectorAll("script, b, i, img"));
        Assert.Equal("<b>国资简讯</b>", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("<script>alert('x')</script>标题 & “引号”", document.QuerySelector("h3")!.TextContent);
        Assert.Equal("A<B & C>D <img src=x onerror=alert(1)>", document.QuerySelector(".jx-article .jx-body")!.TextContent);
        Assert.Contains("国资简讯", html, StringComparison.Ordinal); // Chinese stays readable, not &#x…;
    }

    [Fact]
    public void Render_DefaultSettings_AddNoStyle()
    {
        var issue = SampleIssues.Standard(articleCount: 1, photos: false);

        var html = new HtmlIssueRenderer().Render(issue, TypesetSettings.Default);

        Assert.Equal(new HtmlIssueRenderer().Render(issue), html);
        Assert.Null(Parse(html).QuerySelector("article.jx-issue")!.GetAttribute("style"));
    }

    [Fact]
    public void Render_SeriesSettings_BecomeCustomPropertiesWithNotoFallbacks()
    {
        var settings = TypesetSettings.Default with
        {
            BodyFontFamily = "仿宋_GB2312",
            HeadingFontFamily = "黑体\"; color: red",
            BodyFontSize = 18,
            BodyLineHeight = 32,
            MastheadColor = "#C00000",
        };

        var style = Parse(new HtmlIssueRenderer().Render(SampleIssues.Standard(articleCount: 1, photos: false), settings))
            .QuerySelector("article.jx-issue")!.GetAttribute("style");

        Assert.Equal("--jx-heading-font: \"黑体\\\"; color: red\", \"Noto Sans SC\", \"Source Han Sans SC\", sans-serif; "
            + "--jx-body-font: \"仿宋_GB2312\", \"Noto Serif SC\", \"Source Han Serif SC\", serif; "
            + "--jx-body-scale: 1.125; --jx-credit-scale: 0.889; --jx-leading-scale: 0.981; --jx-masthead-color: #C00000", style);
    }

    [Fact]
    public void RenderDocument_StandardIssue_IsSelfContainedWithTheStylesheetAndPhotosInside()
    {
        var html = new HtmlIssueRenderer(p => "/api/photos/1").RenderDocument(SampleIssues.Standard(articleCount: 4));
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal("国资简讯 2026年第5期（总第123期）", document.Title);
        Assert.Equal(HtmlIssueRenderer.Stylesheet.Trim(), document.QuerySelector("head > style")!.TextContent.Trim());
        Assert.Contains(".jx-series", HtmlIssueRenderer.Stylesheet, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("link, script, iframe, object, embed, base"));
        var references = document.All.SelectMany(e => e.Attributes).Where(a => a.Name is "src" or "href" or "srcset" or "poster" or "action").ToList();
        Assert.Equal(2, references.Count);
        Assert.All(references, a => Assert.StartsWith("data:image/png;base64,", a.Value, StringComparison.Ordinal));
        var rules = System.Text.RegularExpressions.Regex.Replace(HtmlIssueRenderer.Stylesheet, @"/\*.*?\*/", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.DoesNotContain("url(", rules.Replace("url(data:", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("@import", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderDocument_Briefs_AreNumberedOnceAsText()
    {
        var document = new HtmlParser().ParseDocument(new HtmlIssueRenderer().RenderDocument(SampleIssues.Standard(articleCount: 1, briefCount: 3)));

        var briefs = document.QuerySelectorAll(".jx-brief");

        Assert.Equal(3, briefs.Length);
        for (var i = 0; i < briefs.Length; i++)
        {
            Assert.StartsWith($"{i + 1}、", briefs[i].TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal([$"{i + 1}、"], briefs[i].QuerySelectorAll(".jx-brief-number").Select(n => n.TextContent));
        }

        Assert.Empty(document.QuerySelectorAll("ol, ul, li"));
    }

    [Fact]
    public void Render_Highlights_MarkEveryOccurrenceInTitlesAndText_CaseInsensitive()
    {
        var issue = SampleIssues.Standard(articleCount: 2, photos: false, briefCount: 0);

        var document = Parse(new HtmlIssueRenderer(highlights: ["推进会", "ai", " "]).Render(issue));

        var marks = document.QuerySelectorAll("mark").Select(m => m.TextContent).ToList();
        Assert.Contains("推进会", marks);
        Assert.Contains("AI", marks);
        Assert.All(marks, m => Assert.True(m is "推进会" or "AI", m));
        Assert.NotNull(document.QuerySelector("h3 mark"));
        Assert.Null(document.QuerySelector("h1 mark")); // the masthead is not content
        // Marking changes no text.
        Assert.Equal(Parse(new HtmlIssueRenderer().Render(issue)).Body!.TextContent, document.Body!.TextContent);
    }

    [Fact]
    public void Render_Anchor_BecomesTheArticleId_OnlyWhenItIsSafe()
    {
        var issue = SampleIssues.Standard(articleCount: 2, photos: false, briefCount: 0);
        var articles = issue.Columns.SelectMany(c => c.Articles).ToList();
        issue = issue with
        {
            Columns = [new IssueColumn { Name = "动态", Articles = [articles[0] with { Anchor = "item-7" }, articles[1] with { Anchor = "x\" onclick=\"y" }] }],
        };

        var document = Parse(new HtmlIssueRenderer().Render(issue));

        Assert.Equal(["item-7", null], document.QuerySelectorAll("article.jx-article").Select(a => a.GetAttribute("id")));
    }
}
