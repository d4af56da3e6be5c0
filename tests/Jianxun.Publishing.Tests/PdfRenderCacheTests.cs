using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Jianxun.Benchmarks.Publishing;
using Jianxun.Publishing.Pdf;
using Jianxun.Testing;

namespace Jianxun.Publishing.Tests;

/// <summary>
/// The process-wide render cache (decoded photos, compressed image and font streams) must never show in the output:
/// a render gives the same bytes whether the cache was empty, warm from the same issue or warm from another one.
/// </summary>
public sealed partial class PdfRenderCacheTests
{
    private static IssueDocument IssueWithPhotos(byte[] jpeg, byte[] png, string? extraParagraph = null)
    {
        var issue = SampleIssues.Standard(articleCount: 3, photos: false, briefCount: 1);
        var first = issue.Columns[0].Articles[0] with
        {
            Paragraphs = extraParagraph is null ? issue.Columns[0].Articles[0].Paragraphs : [.. issue.Columns[0].Articles[0].Paragraphs, extraParagraph],
            Photos =
            [
                new IssuePhoto { Data = jpeg, Caption = "图为项目现场", Placement = PhotoPlacement.FullWidth, ParagraphIndex = 0 },
                new IssuePhoto { Data = png, Caption = "一季度投资完成情况", Placement = PhotoPlacement.Side },
            ],
        };
        return issue with { Columns = [issue.Columns[0] with { Articles = [first, .. issue.Columns[0].Articles.Skip(1)] }, .. issue.Columns.Skip(1)] };
    }

    private static byte[] RenderCold(IssueDocument issue)
    {
        PdfIssueRenderer.ClearCache();
        return new PdfIssueRenderer().Render(issue);
    }

    [Fact]
    public void Render_WarmAndColdCache_GiveIdenticalBytes()
    {
        var issue = IssueWithPhotos(GeneratedImages.Photo(320, 200, seed: 1), GeneratedImages.Chart(240, 160, seed: 1));

        var cold = RenderCold(issue);
        var warm = new PdfIssueRenderer().Render(issue);

        Assert.Equal(cold, warm);
    }

    [Fact]
    public void Render_ChangedPhoto_ChangesOnlyThatImageStream()
    {
        var png = GeneratedImages.Chart(240, 160, seed: 2);
        var before = new PdfIssueRenderer().Render(IssueWithPhotos(GeneratedImages.Photo(320, 200, seed: 2), png));
        var changed = IssueWithPhotos(GeneratedImages.Photo(320, 200, seed: 3), png);

        var after = new PdfIssueRenderer().Render(changed);

        var imagesBefore = ImageStreams(before);
        var imagesAfter = ImageStreams(after);
        Assert.Equal(2, imagesBefore.Count);
        Assert.Equal(2, imagesAfter.Count);
        Assert.Single(imagesAfter, a => !imagesBefore.Any(b => b.SequenceEqual(a)));
        Assert.Equal(RenderCold(changed), after);
    }

    [Fact]
    public void Render_PhotoArrayChangedInPlaceAfterRender_RendersTheNewContent()
    {
        // The cache keeps its own copy of each photo: the caller's array is theirs to reuse.
        var jpeg = GeneratedImages.Photo(320, 200, seed: 4);
        var original = (byte[])jpeg.Clone();
        var png = GeneratedImages.Chart(240, 160, seed: 4);
        var issue = IssueWithPhotos(jpeg, png);
        var first = new PdfIssueRenderer().Render(issue);

        // One byte of the entropy-coded data (the headers PDFsharp reads stay as they are; no 0xFF marker is made).
        var at = Array.FindIndex(jpeg, jpeg.Length / 2, b => b < 0xF0);
        jpeg[at] ^= 0x01;
        var second = new PdfIssueRenderer().Render(issue);

        var again = new PdfIssueRenderer().Render(IssueWithPhotos(original, png));

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
        Assert.Equal(RenderCold(issue), second);
    }

    [Fact]
    public void Render_NewCharacterInText_GivesTheSameBytesAsACleanRender()
    {
        // Font programs are cached by the bytes of the subset, so a new glyph is a new entry, not a stale one.
        var jpeg = GeneratedImages.Photo(160, 120, seed: 6);
        var png = GeneratedImages.Chart(120, 80, seed: 6);
        _ = new PdfIssueRenderer().Render(IssueWithPhotos(jpeg, png));
        var edited = IssueWithPhotos(jpeg, png, extraParagraph: "鑫淼犇骉龘，另附耄耋之年的老同志座谈纪要。");

        var warm = new PdfIssueRenderer().Render(edited);

        Assert.Equal(RenderCold(edited), warm);
    }

    [Fact]
    public void Render_JpegPhoto_IsDeflatedOverDctLosslessly()
    {
        var jpeg = GeneratedImages.Photo(320, 200, seed: 7);

        var pdf = new PdfIssueRenderer().Render(IssueWithPhotos(jpeg, GeneratedImages.Chart(240, 160, seed: 7)));

        var text = Encoding.Latin1.GetString(pdf);
        var dct = ImageObjects(pdf).Where(i => i.Dictionary.Contains("/DCTDecode", StringComparison.Ordinal)).ToList();
        var image = Assert.Single(dct);
        Assert.Contains("/Filter[/FlateDecode/DCTDecode]", image.Dictionary, StringComparison.Ordinal);
        Assert.Equal(jpeg, Inflate(image.Data));
        Assert.True(image.Data.Length < jpeg.Length, "the deflate is kept only when it saves bytes");
        Assert.Matches(@"<</Type/Metadata/Subtype/XML/Length \d+>>", text); // the XMP packet stays uncompressed
    }

    [Fact]
    public async Task Render_ConcurrentRendersSharingTheCache_GiveIdenticalBytes()
    {
        var issue = IssueWithPhotos(GeneratedImages.Photo(320, 200, seed: 8), GeneratedImages.Chart(240, 160, seed: 8));
        var expected = RenderCold(issue);
        PdfIssueRenderer.ClearCache();

        var renders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PdfIssueRenderer().Render(issue))));

        Assert.All(renders, pdf => Assert.Equal(expected, pdf));
    }

    [Fact]
    public void Render_AnyIssue_CacheStaysWithinItsCaps()
    {
        _ = new PdfIssueRenderer().Render(IssueWithPhotos(GeneratedImages.Photo(320, 200, seed: 9), GeneratedImages.Chart(240, 160, seed: 9)));

        var (photos, streams, bytes) = PdfRenderCache.Usage;

        Assert.True(photos > 0 && streams > 0, "the render filled the cache");
        Assert.InRange(bytes, 1, PdfRenderCache.PhotoCapacityBytes + PdfRenderCache.StreamCapacityBytes);
    }

    [Fact]
    public void GetOrAdd_BeyondCapacity_EvictsLeastRecentlyUsedFirst()
    {
        var cache = new SizeCappedCache<string>(capacityBytes: 300);
        cache.GetOrAdd("a", () => "A", _ => 100);
        cache.GetOrAdd("b", () => "B", _ => 100);
        cache.GetOrAdd("c", () => "C", _ => 100);
        cache.GetOrAdd("a", () => "A again", _ => 100); // a hit: "a" is now the most recent

        cache.GetOrAdd("d", () => "D", _ => 100);

        Assert.Equal(3, cache.Count);
        Assert.Equal(300, cache.Bytes);
        Assert.Equal("A", cache.GetOrAdd("a", () => "recomputed", _ => 100));
        Assert.Equal("B recomputed", cache.GetOrAdd("b", () => "B recomputed", _ => 100));
    }

    [Fact]
    public void GetOrAdd_EntryLargerThanCapacity_IsReturnedButNotKept()
    {
        var cache = new SizeCappedCache<string>(capacityBytes: 300);
        cache.GetOrAdd("small", () => "S", _ => 100);

        var big = cache.GetOrAdd("big", () => "B", _ => 301);

        Assert.Equal("B", big);
        Assert.Equal(1, cache.Count);
        Assert.Equal(100, cache.Bytes);
    }

    [Fact]
    public void GetOrAdd_ManyEntries_NeverExceedsCapacity()
    {
        var cache = new SizeCappedCache<string>(capacityBytes: 1000);

        Parallel.For(0, 500, i => cache.GetOrAdd("k" + (i % 97), () => "v", _ => 10 + (i % 90)));

        Assert.InRange(cache.Bytes, 1, 1000);
    }

    private static List<byte[]> ImageStreams(byte[] pdf) => [.. ImageObjects(pdf).Select(i => i.Data)];

    /// <summary>Image XObjects as written: dictionary text and raw (still encoded) stream data.</summary>
    private static IEnumerable<(string Dictionary, byte[] Data)> ImageObjects(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        foreach (Match match in ImageDictionary().Matches(text))
        {
            var length = int.Parse(match.Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var start = match.Index + match.Length;
            yield return (match.Value, pdf[start..(start + length)]);
        }
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var inflate = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"<<[^<>]*/Subtype/Image[^<>]*/Length (?<length>\d+)[^<>]*>>\s*stream\r?\n|<<[^<>]*/Length (?<length>\d+)[^<>]*/Subtype/Image[^<>]*>>\s*stream\r?\n")]
    private static partial Regex ImageDictionary();
}
