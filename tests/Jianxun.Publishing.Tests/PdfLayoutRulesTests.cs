using Jianxun.Testing;
using UglyToad.PdfPig.Content;

namespace Jianxun.Publishing.Tests;

/// <summary>
/// The printed issue's rules (ADR-025) over generated issues, read back from the PDF: balanced titles that never leave
/// one or two characters alone, and what is kept together across a page break (headings, titles, credit lines,
/// captions; no widows or orphans).
/// </summary>
public sealed class PdfLayoutRulesTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 24)];

    private static readonly PdfIssueRenderer Renderer = new();

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Render_GeneratedIssue_TitleLinesAreBalancedAndTheLastHasAtLeastThreeCharacters(int seed)
    {
        var issue = GeneratedIssues.Make(seed);
        var lines = Lines.Read(Renderer.Render(issue));

        var titles = Lines.Groups(lines, Kind.Title).ToList();

        Assert.Equal(issue.Columns.SelectMany(c => c.Articles).Count(a => a.Title is not null), titles.Count);
        foreach (var title in titles.Where(t => t.Count > 1))
        {
            var text = string.Join(" / ", title.Select(l => l.Text));
            Assert.True(title[^1].Text.Length >= 3, $"the last line of “{text}” has fewer than 3 characters");
            var longest = title.Max(l => l.Width);
            Assert.True(title.All(l => l.Width >= longest * 0.5), $"“{text}” is not balanced");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Render_GeneratedIssue_KeepsHeadingsTitlesCreditsAndParagraphLinesTogether(int seed)
    {
        var lines = Lines.Read(Renderer.Render(GeneratedIssues.Make(seed)));
        var pages = lines.GroupBy(l => l.Page).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        Assert.True(pages.Count >= 2, "the generated issue runs over a page");

        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var first = page[0];
            var last = page[^1];
            var where = $"seed {seed}, page {p + 1}";
            if (p > 0)
            {
                Assert.False(first.Kind == Kind.Credit, $"{where}: a credit line ({first.Text}) starts the page");
                Assert.False(first.Kind == Kind.Caption && !page[0].HasImageAbove, $"{where}: a caption ({first.Text}) starts the page without its photo");

                // Widow: a paragraph's last line alone at the top (a continuation line followed by no other continuation line).
                if (first.Kind == Kind.Body && !first.Indented)
                {
                    var next = page.Count > 1 ? page[1] : null;
                    Assert.False(next is null || next.Kind != Kind.Body || next.Indented,
                        $"{where}: the last line of a paragraph ({first.Text}) is alone at the top");
                }
            }

            if (p < pages.Count - 1)
            {
                Assert.False(last.Kind is Kind.Heading or Kind.Title, $"{where}: a heading or title ({last.Text}) ends the page");

                // Orphan: a paragraph's first line alone at the foot, continued on the next page.
                var nextFirst = pages[p + 1][0];
                Assert.False(last.Kind == Kind.Body && last.Indented && nextFirst.Kind == Kind.Body && !nextFirst.Indented,
                    $"{where}: the first line of a paragraph ({last.Text}) is alone at the foot");
            }
        }
    }

    [Fact]
    public void Render_TitleThatWouldLeaveTwoCharacters_IsBrokenIntoBalancedLinesAtAWordBoundary()
    {
        // 20 characters fit a line of the title block: the greedy break would leave “协议” alone on the second line.
        var title = "市职业技术学院与城建集团正式签订校企合作协议";
        var issue = SampleIssues.Standard(articleCount: 1, photos: false, briefCount: 0) with
        {
            Columns = [new IssueColumn { Name = "动态", Articles = [SampleIssues.Article(1) with { Title = title }] }],
        };

        var titleLines = Lines.Groups(Lines.Read(Renderer.Render(issue)), Kind.Title).Single();

        Assert.Equal(title, string.Concat(titleLines.Select(l => l.Text)));
        Assert.Equal(["市职业技术学院与", "城建集团正式签订校企合作协议"], titleLines.Select(l => l.Text));
    }

    internal enum Kind
    {
        Title,
        Heading,
        Body,
        Credit,
        Caption,
        Other,
    }

    internal sealed record Line(int Page, double Y, double X, double Width, Kind Kind, string Text, bool Indented, bool HasImageAbove);

    /// <summary>The type area's lines, top to bottom, classified by size and font (the generated issues have no distribution block).</summary>
    internal static class Lines
    {
        public static List<Line> Read(byte[] pdf)
        {
            var read = new PdfReadBack(pdf);
            var s = TypesetSettings.Default;
            var result = new List<Line>();
            foreach (var page in read.Pages)
            {
                var letters = read.BodyLetters(page).Where(l => !string.IsNullOrWhiteSpace(l.Value) && l.PointSize < 30).ToList();
                foreach (var group in letters.GroupBy(l => (Math.Round(l.StartBaseLine.Y), Math.Round(l.PointSize))).OrderByDescending(g => g.Key.Item1))
                {
                    var ordered = group.OrderBy(l => l.StartBaseLine.X).ToList();
                    var size = group.Key.Item2;
                    var sans = ordered[0].FontName?.Contains("Sans", StringComparison.OrdinalIgnoreCase) == true;
                    var kind = Math.Abs(size - s.TitleFontSize) < 0.6 ? Kind.Title
                        : Math.Abs(size - s.HeadingFontSize) < 0.6 && sans ? Kind.Heading
                        : Math.Abs(size - s.BodyFontSize) < 0.6 ? Kind.Body
                        : Math.Abs(size - s.CreditFontSize) < 0.6 ? Kind.Credit
                        : Math.Abs(size - s.CaptionFontSize) < 0.6 ? Kind.Caption
                        : Kind.Other;
                    var x = ordered[0].StartBaseLine.X;
                    var width = ordered[^1].EndBaseLine.X - x;
                    var y = group.Key.Item1;
                    var imageAbove = page.Images.Any(i => i.Bottom >= y);
                    result.Add(new Line(page.Number, y, x, width, kind, string.Concat(ordered.Select(l => l.Value)),
                        Indented: x > read.Left + (1.5 * s.BodyFontSize), HasImageAbove: imageAbove));
                }
            }

            // The first page's issue line and issuer line belong to the masthead.
            var rule = result.Where(l => l.Page == 1).Take(2).ToList();
            return [.. result.Except(rule)];
        }

        /// <summary>Runs of consecutive lines of one kind (a title's lines).</summary>
        public static IEnumerable<List<Line>> Groups(List<Line> lines, Kind kind)
        {
            var run = new List<Line>();
            foreach (var line in lines)
            {
                if (line.Kind == kind && (run.Count == 0 || run[^1].Page == line.Page))
                {
                    run.Add(line);
                    continue;
                }

                if (run.Count > 0)
                {
                    yield return run;
                }

                run = line.Kind == kind ? [line] : [];
            }

            if (run.Count > 0)
            {
                yield return run;
            }
        }
    }
}

/// <summary>Invented issues of every shape: titles of one to three lines, paragraphs of one line to a page, photos, briefs.</summary>
internal static class GeneratedIssues
{
    private static readonly string[] Words =
    [
        "城建集团", "港航公司", "市国资委", "水务集团", "文旅公司", "能源集团", "职业技术学院", "召开", "举行", "重点项目", "推进会",
        "安全生产", "专题会议", "现场观摩", "活动", "签订", "校企合作", "协议", "全面", "深化", "改革", "国有企业", "高质量发展",
        "一季度", "经营分析", "2026年", "第3次", "工作", "部署", "数字化", "转型", "AI", "5G", "智慧园区", "建设", "启动", "仪式",
        "产教融合", "人才培养", "基地", "揭牌", "绿色债券", "发行", "党建", "品牌", "创建", "暨", "与", "和", "的",
    ];

    private static readonly string[] Clauses =
    [
        "会议听取了各项目公司关于一季度工作进展的汇报", "逐项研究解决了用地、资金和审批等方面的12个具体问题", "集团主要负责同志出席会议并讲话",
        "要牢固树立项目为王的理念", "对照年度目标任务倒排工期、挂图作战", "确保全年完成投资35.6亿元", "同比增长8.5%以上",
        "要压紧压实安全生产责任", "坚决守住安全底线", "持续深化作风建设", "为高质量发展提供坚强保障", "用好AI、5G和BIM等新技术",
        "全面提升项目管理水平", "会上还通报了第一批试点单位名单",
    ];

    public static IssueDocument Make(int seed)
    {
        var random = new Random(seed);
        var columns = new List<IssueColumn>();
        var columnCount = random.Next(2, 4);
        for (var c = 0; c < columnCount; c++)
        {
            var articles = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Article(random)).ToList();
            columns.Add(new IssueColumn { Name = c == 0 ? "领导关注" : $"动态{c}", Articles = articles });
        }

        columns.Add(new IssueColumn
        {
            Name = "简讯",
            IsBriefs = true,
            Articles = [.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => new IssueArticle { Paragraphs = [Paragraph(random, 2, 6)] })],
        });

        return new IssueDocument
        {
            SeriesName = "国资简讯",
            IssueLabel = $"2026年第{seed}期",
            Issuer = "市国资委办公室编",
            Date = new DateOnly(2026, 3, 9),
            EditorsNote = random.Next(2) == 0 ? Paragraph(random, 2, 4) : null,
            Columns = columns,
        };
    }

    private static IssueArticle Article(Random random)
    {
        var title = "";
        var targetLength = random.Next(10, 62);
        while (title.Length < targetLength)
        {
            title += Words[random.Next(Words.Length)];
        }

        var paragraphs = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Paragraph(random, 1, 14)).ToList();
        var photos = new List<IssuePhoto>();
        if (random.Next(4) == 0)
        {
            photos.Add(new IssuePhoto { Data = TestImages.Png(90, 120), Caption = "图为项目建设现场", Placement = PhotoPlacement.Side, ParagraphIndex = random.Next(paragraphs.Count) });
        }

        if (random.Next(4) == 0)
        {
            photos.Add(new IssuePhoto { Data = TestImages.Png(320, 180), Caption = "推进会现场（摄影：林书远）", Placement = PhotoPlacement.FullWidth, ParagraphIndex = random.Next(paragraphs.Count) });
        }

        return new IssueArticle
        {
            Title = title,
            Paragraphs = paragraphs,
            CreditLine = random.Next(5) == 0 ? null : "【供稿：城建集团 何晓岚】",
            Photos = photos,
        };
    }

    private static string Paragraph(Random random, int minClauses, int maxClauses)
        => string.Join("，", Enumerable.Range(0, random.Next(minClauses, maxClauses + 1)).Select(_ => Clauses[random.Next(Clauses.Length)])) + "。";
}
