using System.Text.RegularExpressions;

namespace Jianxun.Publishing.Tests;

public sealed class PdfIssueRendererTests
{
    private static readonly Lazy<(IssueDocument Issue, byte[] Pdf)> Standard = new(() =>
    {
        var issue = SampleIssues.Standard(articleCount: 4);
        return (issue, new PdfIssueRenderer().Render(issue));
    });

    private static readonly Lazy<(IssueDocument Issue, byte[] Pdf)> Long = new(() =>
    {
        var issue = SampleIssues.Standard(articleCount: 12, photos: true, briefCount: 6);
        return (issue, new PdfIssueRenderer().Render(issue));
    });

    public static TheoryData<string> Issues => ["standard", "long"];

    private static (IssueDocument Issue, byte[] Pdf) Get(string name) => name == "long" ? Long.Value : Standard.Value;

    private static IEnumerable<string> ExpectedInOrder(IssueDocument issue)
    {
        foreach (var column in issue.Columns)
        {
            yield return "【" + column.Name.Trim('[', ']') + "】";
            var number = 0;
            foreach (var article in column.Articles)
            {
                number++;
                if (column.IsBriefs)
                {
                    yield return number + "、";
                }

                if (article.Title is not null)
                {
                    yield return article.Title;
                }

                foreach (var paragraph in article.Paragraphs)
                {
                    yield return paragraph;
                }

                if (article.CreditLine is not null)
                {
                    yield return article.CreditLine;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Issues))]
    public void Render_Issue_EveryTitleParagraphCreditAndNumberInReadingOrder(string name)
    {
        var (issue, pdf) = Get(name);
        var text = new PdfReadBack(pdf).BodyText();

        var position = 0;
        foreach (var expected in ExpectedInOrder(issue).Select(PdfReadBack.Normalise))
        {
            var found = text.IndexOf(expected, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"Not found in order after {position}: {expected}");
            position = found + expected.Length;
        }
    }

    [Theory]
    [MemberData(nameof(Issues))]
    public void Render_Issue_EveryGlyphInsideTypeArea(string name)
    {
        var read = new PdfReadBack(Get(name).Pdf);

        foreach (var page in read.Pages)
        {
            foreach (var letter in read.BodyLetters(page).Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                var box = letter.BoundingBox;
                Assert.True(
                    box.Left >= read.Left - 0.5 && box.Right <= read.Right + 0.5 && box.Bottom >= read.Bottom - 1 && box.Top <= read.Top + 1,
                    $"'{letter.Value}' on page {page.Number} at {box} is outside the type area");
            }

            foreach (var image in page.Images)
            {
                Assert.True(image.Left >= read.Left - 0.5 && image.Right <= read.Right + 0.5 && image.Bottom >= read.Bottom - 0.5 && image.Top <= read.Top + 0.5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Issues))]
    public void Render_Issue_NoGlyphsOverlapEachOtherOrPhotos(string name)
    {
        var read = new PdfReadBack(Get(name).Pdf);

        foreach (var page in read.Pages)
        {
            // Advance boxes on one baseline must not overlap; glyphs must keep clear of photos.
            var letters = read.BodyLetters(page).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            foreach (var line in letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)))
            {
                var ordered = line.OrderBy(l => l.StartBaseLine.X).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    Assert.True(
                        ordered[i].StartBaseLine.X >= ordered[i - 1].EndBaseLine.X - 0.2,
                        $"'{ordered[i - 1].Value}' and '{ordered[i].Value}' overlap on page {page.Number}");
                }
            }

            foreach (var image in page.Images)
            {
                Assert.DoesNotContain(letters, l =>
                    l.BoundingBox.Right > image.Left + 0.5 && l.BoundingBox.Left < image.Right - 0.5
                    && l.BoundingBox.Top > image.Bottom + 0.5 && l.BoundingBox.Bottom < image.Top - 0.5);
            }
        }
    }

    [Fact]
    public void Render_Fonts_EmbeddedAsSubsets()
    {
        var read = new PdfReadBack(Standard.Value.Pdf);

        var fonts = read.Pages.SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+", f));
    }

    [Fact]
    public void Render_FirstPage_HasRedMastheadIssueLabelIssuerAndDate()
    {
        var (issue, pdf) = Standard.Value;
        var read = new PdfReadBack(pdf);
        var first = read.Pages[0];

        var text = read.PageText(first);

        Assert.StartsWith("国资简讯2026年第5期（总第123期）市国资委办公室编2026年3月9日", text, StringComparison.Ordinal);
        var masthead = first.Letters.Where(l => "国资简讯".Contains(l.Value, StringComparison.Ordinal)).Take(4).ToList();
        Assert.All(masthead, l =>
        {
            var (r, g, b) = l.Color.ToRGBValues();
            Assert.True(r > 0.8 && g < 0.2 && b < 0.2, "masthead is red");
            Assert.True(l.PointSize >= 40 || l.BoundingBox.Height >= 30, "masthead is large");
        });
        var middle = (read.Left + read.Right) / 2;
        var left = masthead.Min(l => l.BoundingBox.Left);
        var right = masthead.Max(l => l.BoundingBox.Right);
        Assert.InRange((left + right) / 2, middle - 3, middle + 3);
        Assert.Equal(issue.SeriesName, string.Concat(masthead.Select(l => l.Value)));
    }

    [Theory]
    [MemberData(nameof(Issues))]
    public void Render_EveryPage_HasPageNumberOnAlternatingSides(string name)
    {
        var read = new PdfReadBack(Get(name).Pdf);

        foreach (var page in read.Pages)
        {
            var footer = read.FooterLetters(page).ToList();
            Assert.Equal($"—{page.Number}—", PdfReadBack.Normalise(string.Concat(footer.Select(l => l.Value))));
            var centre = footer.Average(l => l.BoundingBox.Centroid.X);
            if (page.Number % 2 == 1)
            {
                Assert.True(centre > (read.Left + read.Right) / 2, "odd page numbers sit at the right");
            }
            else
            {
                Assert.True(centre < (read.Left + read.Right) / 2, "even page numbers sit at the left");
            }
        }
    }

    [Fact]
    public void Render_TwelveArticles_FlowsOverSeveralPages()
    {
        var read = new PdfReadBack(Long.Value.Pdf);

        Assert.True(read.Pages.Count >= 5, $"{read.Pages.Count} pages");
        Assert.All(read.Pages, p => Assert.NotEmpty(read.PageText(p)));

        // Pages are filled: every page but the last reaches the lower third of the type area.
        foreach (var page in read.Pages.SkipLast(1))
        {
            var lowest = read.BodyLetters(page).Min(l => l.BoundingBox.Bottom);
            Assert.True(lowest < read.Bottom + ((read.Top - read.Bottom) / 3), $"page {page.Number} ends too high");
        }
    }

    [Fact]
    public void Render_Distribution_AtFootOfLastPageWithCopies()
    {
        var read = new PdfReadBack(Standard.Value.Pdf);
        var last = read.Pages[^1];

        var text = read.PageText(last);

        Assert.EndsWith("报：市委办公厅，市政府办公厅，市人大常委会办公厅，市政协办公厅。送：市发展改革委，市财政局，市审计局。发：委机关各处室，各监管企业。（共印60份）", text, StringComparison.Ordinal);
        var copies = read.BodyLetters(last).Last();
        Assert.True(copies.BoundingBox.Bottom < read.Bottom + 30, "the block sits at the foot of the type area");
        Assert.True(copies.BoundingBox.Right > read.Right - 30, "共印N份 is set at the right");
    }

    [Fact]
    public void Render_FontSubsets_KeepNoMetricsForGlyphsOutsideTheSubset()
    {
        var pdf = Standard.Value.Pdf;
        var text = System.Text.Encoding.Latin1.GetString(pdf);

        // Each embedded face deflates to a fraction of PDFsharp's own subset, whose full hmtx alone was ~30 KB a face.
        var fontFiles = System.Text.RegularExpressions.Regex.Matches(text, @"/FontFile2 (\d+) 0 R").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(fontFiles);
        foreach (var number in fontFiles)
        {
            var start = text.IndexOf("\n" + number + " 0 obj", StringComparison.Ordinal);
            var length = int.Parse(System.Text.RegularExpressions.Regex.Match(text[start..], @"/Length (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var data = text.IndexOf("stream\n", start, StringComparison.Ordinal) + 7;
            using var inflate = new System.IO.Compression.ZLibStream(new MemoryStream(pdf, data, length), System.IO.Compression.CompressionMode.Decompress);
            using var font = new MemoryStream();
            inflate.CopyTo(font);
            var hmtx = Table(font.ToArray(), "hmtx");
            var zeroed = hmtx.Chunk(4).Count(e => e.All(b => b == 0));
            Assert.True(zeroed > hmtx.Length / 4 * 9 / 10, $"font {number}: {zeroed} of {hmtx.Length / 4} metrics zeroed");
        }

        // The read-back still finds every glyph in its font.
        Assert.NotEmpty(new PdfReadBack(pdf).Pages.SelectMany(p => p.Letters));
    }

    private static byte[] Table(byte[] font, string tag)
    {
        int count = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            if (System.Text.Encoding.ASCII.GetString(font, record, 4) == tag)
            {
                var offset = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
                var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12));
                return font[offset..(offset + length)];
            }
        }

        throw new InvalidOperationException(tag + " not found");
    }

    [Fact]
    public void Render_SameInputTwice_GivesIdenticalBytes()
    {
        var issue = SampleIssues.Standard(articleCount: 2);

        var a = new PdfIssueRenderer().Render(issue);
        var b = new PdfIssueRenderer().Render(issue);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Render_Photos_AppearAsImagesWithCaptionsBelow()
    {
        var (issue, pdf) = Standard.Value;
        var read = new PdfReadBack(pdf);
        var photos = issue.Columns.SelectMany(c => c.Articles).SelectMany(a => a.Photos).ToList();

        var images = read.Pages.SelectMany(p => p.Images.Select(i => (Page: p, Bounds: i))).ToList();

        Assert.Equal(photos.Count, images.Count);
        foreach (var photo in photos)
        {
            var caption = PdfReadBack.Normalise(photo.Caption!);
            var match = images.Where(i =>
            {
                var below = i.Page.Letters
                    .Where(l => l.BoundingBox.Top <= i.Bounds.Bottom + 0.5 && l.BoundingBox.Top > i.Bounds.Bottom - 40
                        && l.BoundingBox.Left >= i.Bounds.Left - 1 && l.BoundingBox.Right <= i.Bounds.Right + 1);
                return PdfReadBack.Normalise(string.Concat(below.Select(l => l.Value))).Contains(caption, StringComparison.Ordinal);
            });
            Assert.Single(match);
        }

        // The side photo narrows the lines beside it.
        var side = images.First(i => i.Bounds.Width < (read.Right - read.Left) * 0.6);
        var beside = side.Page.Letters.Where(l => l.BoundingBox.Bottom > side.Bounds.Bottom && l.BoundingBox.Top < side.Bounds.Top && l.BoundingBox.Right < side.Bounds.Left).ToList();
        Assert.NotEmpty(beside);
        Assert.True(side.Bounds.Right > read.Right - 1, "side photo sits at the right edge");
    }

    [Fact]
    public void Render_Briefs_AreNumberedInOrder()
    {
        var text = new PdfReadBack(Long.Value.Pdf).BodyText();

        var briefs = text[text.IndexOf("【简讯】", StringComparison.Ordinal)..];

        var numbers = Regex.Matches(briefs, "(\\d)、").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["1", "2", "3", "4", "5", "6"], numbers);
    }

    [Fact]
    public void Render_FontMissing_ThrowsFontNotFoundExceptionBeforeDrawing()
    {
        var settings = new TypesetSettings { BodyFontFamily = "仿宋_GB2312" };

        var ex = Assert.Throws<FontNotFoundException>(() => new PdfIssueRenderer().Render(Standard.Value.Issue, settings));

        Assert.Equal("仿宋_GB2312", ex.FamilyName);
        Assert.Equal(FontCatalog.Default.Directory, ex.Directory);
    }

    [Fact]
    public void Render_BodyText_IsJustifiedToBothEdges()
    {
        var read = new PdfReadBack(Long.Value.Pdf);
        var page = read.Pages[1];

        // Full body lines (16 pt serif) start at the left edge or two characters in, and end at the right edge.
        var lines = read.BodyLetters(page)
            .Where(l => Math.Abs(l.PointSize - 16) < 0.5 && !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())
            .Where(g => g.Count > 20)
            .ToList();

        Assert.NotEmpty(lines);
        var flushRight = lines.Count(l => Math.Abs(l[^1].EndBaseLine.X - read.Right) < 1.5);
        Assert.True(flushRight >= lines.Count * 0.6, $"{flushRight} of {lines.Count} long lines are flush right");
    }
}

public sealed class PdfLineRuleTests
{
    [Fact]
    public void Render_LongIssue_NoLineStartsOrEndsWithForbiddenPunctuation()
    {
        var pdf = new PdfIssueRenderer().Render(SampleIssues.Standard(articleCount: 8, briefCount: 5));
        var read = new PdfReadBack(pdf);

        var checkedLines = 0;
        foreach (var page in read.Pages)
        {
            var lines = read.BodyLetters(page)
                .Where(l => !string.IsNullOrWhiteSpace(l.Value) && l.PointSize > 13)
                .GroupBy(l => (Math.Round(l.StartBaseLine.Y, 1), Math.Round(l.PointSize)))
                .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)));
            foreach (var line in lines)
            {
                Assert.False(Text.ChineseLineBreaker.IsForbiddenStart(line[0]), $"line starts with '{line[0]}': {line}");
                Assert.False(Text.ChineseLineBreaker.IsForbiddenEnd(line[^1]), $"line ends with '{line[^1]}': {line}");
                checkedLines++;
            }
        }

        Assert.True(checkedLines > 100);
    }
}
