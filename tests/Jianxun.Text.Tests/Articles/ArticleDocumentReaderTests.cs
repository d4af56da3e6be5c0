using System.Globalization;
using System.Text;
using Jianxun.Testing;
using Jianxun.Text.Tests.Import;
using Xunit.Abstractions;

namespace Jianxun.Text.Tests.Articles;

public sealed class ArticleDocumentReaderTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = ArticleFixtures.Today;

    [Fact]
    public void ReadDocx_StyledTitleInlinePictureBracketCredit_ProposesEveryField()
    {
        var (truth, docx) = ArticleFixtures.Documents()[0];
        var draft = ArticleDocumentReader.Read("稿件.docx", docx, Today);

        Assert.Equal(truth.Title, draft.Title);
        Assert.Equal(truth.Paragraphs, draft.Paragraphs);
        var photo = Assert.Single(draft.Photos);
        Assert.Equal("图为集团负责人在施工现场检查脚手架搭设情况。", photo.Caption);
        Assert.Equal("image/png", photo.ContentType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], photo.Content[..4]);
        Assert.Equal(["王晓明", "李红"], draft.Authors);
        Assert.Equal(["安泰建设集团"], draft.Units);
        Assert.Equal(new DateOnly(2026, 11, 20), draft.EventDate);
        Assert.Contains(draft.Source, l => l.Role == ArticleLineRole.Credit && l.Text.Contains("供稿", StringComparison.Ordinal));
        Assert.Equal(ArticleLineRole.Title, draft.Source[0].Role);
    }

    [Fact]
    public void ReadDocx_FloatingPictureWithCaptionAbove_KeepsCaptionWithPicture()
    {
        var (truth, docx) = ArticleFixtures.Documents().Single(d => d.Truth.Name == "bold-two-line-title-signature");
        var draft = ArticleDocumentReader.Read("a.docx", docx, Today);

        Assert.Equal(truth.Title, draft.Title);
        Assert.Equal(truth.Captions, draft.Photos.Select(p => p.Caption));
        Assert.Equal("0571-88001234", draft.Phone);
        Assert.Equal(["陈志刚"], draft.Authors);
    }

    [Fact]
    public void ReadDocx_ParagraphsTypedWithSoftBreaks_SplitAtIndentsJoinedElsewhere()
    {
        var (truth, docx) = ArticleFixtures.Documents().Single(d => d.Truth.Name == "soft-breaks-two-photos");
        var draft = ArticleDocumentReader.Read("a.docx", docx, Today);

        Assert.Equal(truth.Paragraphs, draft.Paragraphs);
        Assert.Equal(truth.Captions, draft.Photos.Select(p => p.Caption));
        Assert.All(draft.Paragraphs, p => Assert.DoesNotContain('\u3000', p));
    }

    [Fact]
    public void ReadText_HardWrappedGb18030_JoinsLinesIntoParagraphs()
    {
        var (truth, text) = ArticleFixtures.TextFile();
        var draft = ArticleDocumentReader.Read("稿件.txt", text, Today);

        Assert.Equal(truth.Title, draft.Title);
        Assert.Equal(truth.Paragraphs, draft.Paragraphs);
        Assert.Equal(truth.Authors, draft.Authors);
        Assert.Empty(draft.Photos);
    }

    [Theory]
    [InlineData("12月20日，公司召开会议。", 2025, 12, 20)] // 12 days ahead of 8 December: last year's
    [InlineData("12月12日，公司召开会议。", 2026, 12, 12)] // within a week ahead: this year's
    [InlineData("2024年3月5日，公司召开会议。", 2024, 3, 5)]
    public void ReadText_DateWithoutYear_ReadAgainstToday(string sentence, int year, int month, int day)
    {
        var draft = ArticleDocumentReader.Read("a.txt", Encoding.UTF8.GetBytes("标题\n" + sentence + "会议研究部署了下一阶段的重点工作任务。"), Today);

        Assert.Equal(new DateOnly(year, month, day), draft.EventDate);
    }

    [Fact]
    public void Recognition_DocxAndText_AllFieldsExact()
    {
        var cases = ArticleFixtures.Documents().Select(d => (d.Truth, Draft: ArticleDocumentReader.Read(d.Truth.Name + ".docx", d.Docx, Today), Photos: true)).ToList();
        var (t, text) = ArticleFixtures.TextFile();
        cases.Add((t, ArticleDocumentReader.Read("a.txt", text, Today), false));

        var share = Report(cases);

        Assert.Equal(1.0, share);
    }

    /// <summary>The measure: every fixture as .docx, .txt and, through LibreOffice, .doc, .odt and .rtf; ≥ 0.95 of fields exact.</summary>
    [SofficeFact]
    public async Task Recognition_AllFormatsThroughTheConverter_AtLeast95PercentExact()
    {
        var documents = ArticleFixtures.Documents();
        var cases = documents.Select(d => (d.Truth, Draft: ArticleDocumentReader.Read(d.Truth.Name + ".docx", d.Docx, Today), Photos: true)).ToList();
        var (t, text) = ArticleFixtures.TextFile();
        cases.Add((t, ArticleDocumentReader.Read("a.txt", text, Today), false));
        using var converter = new LegacyDocumentConverter(null);
        foreach (var format in new[] { "doc", "odt", "rtf" })
        {
            var converted = ArticleScore.ConvertAll(documents.Select(d => (d.Truth.Name, d.Docx)), format);
            foreach (var (truth, _) in documents)
            {
                var draft = await ArticleDocumentReader.ReadAsync(truth.Name + "." + format, converted[truth.Name], converter, Today, CancellationToken.None);
                cases.Add((truth with { Name = truth.Name + "." + format }, draft, true));
            }
        }

        var share = Report(cases);

        Assert.True(share >= 0.95, $"share of fields recognised exactly: {share:0.000}");
    }

    private double Report(List<(ArticleTruth Truth, ArticleDraft Draft, bool Photos)> cases)
    {
        var byField = ArticleScore.Fields.ToDictionary(f => f, _ => (Right: 0, All: 0));
        foreach (var (truth, draft, photos) in cases)
        {
            var result = ArticleScore.Compare(truth, draft, photos);
            foreach (var (field, ok) in result.Where(r => r.Value is not null))
            {
                var (right, all) = byField[field];
                byField[field] = (right + (ok == true ? 1 : 0), all + 1);
            }

            var explained = ArticleScore.Explain(truth, draft, result);
            if (explained.Length > 0)
            {
                output.WriteLine(explained);
            }
        }

        foreach (var (field, (right, all)) in byField)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field}: {right}/{all}"));
        }

        var total = byField.Values.Sum(v => v.All);
        var share = (double)byField.Values.Sum(v => v.Right) / total;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall: {share:0.000} of {total} fields over {cases.Count} documents"));
        return share;
    }
}
