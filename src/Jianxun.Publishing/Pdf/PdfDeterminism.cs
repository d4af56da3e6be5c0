using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace Jianxun.Publishing.Pdf;

/// <summary>
/// Saves a PDFsharp document so that the same content always gives the same bytes. PDFsharp stamps a random subset
/// tag on every embedded font, random document IDs and random XMP UUIDs; all three are replaced with values derived
/// from a fingerprint of the content. It also owns compression: every stream is deflated once at its final level
/// (images by <see cref="PdfRenderCache"/> before saving, the rest by <see cref="PdfFontCompactor"/> after), while
/// PDFsharp itself only ever deflates at its fastest level.
/// </summary>
internal static class PdfDeterminism
{
    /// <summary>
    /// Sets a new document up for <see cref="Save"/>. PDFsharp deflates a stream when it creates it (images, while
    /// drawing) or when it writes it (fonts, content, ToUnicode maps), at one document-wide level; at the best level
    /// that cost more than the whole layout, and the font programs were deflated a second time after compaction anyway.
    /// </summary>
    public static void Configure(PdfDocument document)
    {
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        document.Options.UseFlateDecoderForJpegImages = PdfUseFlateDecoderForJpegImages.Never;
    }

    /// <summary>SHA-256 of the text that identifies the document (what it says, not how it is drawn).</summary>
    public static byte[] Fingerprint(string content) => SHA256.HashData(Encoding.UTF8.GetBytes(content));

    public static byte[] Save(PdfDocument document, byte[] fingerprint)
    {
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary dictionary)
            {
                continue;
            }

            foreach (var key in (string[])["/BaseFont", "/FontName"])
            {
                var name = dictionary.Elements.GetName(key);
                if (name.Length > 8 && name[7] == '+' && name[1..7].All(char.IsAsciiLetterUpper))
                {
                    dictionary.Elements.SetName(key, "/" + SubsetTag(name[8..]) + "+" + name[8..]);
                }
            }
        }

        var id = new string([.. fingerprint.Take(16).Select(b => (char)b)]);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        PdfRenderCache.CompressImages(document);

        // PDFsharp writes page content and ToUnicode maps at its fastest level and, with NoCompression (which in 6.2 it
        // applies to font programs only), the font subsets uncompressed; PdfFontCompactor deflates them once.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        document.Options.NoCompression = true;
        using var output = new MemoryStream(EstimatedSize(document));
        // PDFsharp formats the creation date with the thread's culture: under th-TH it wrote the year 2569, under ar-SA a
        // Hijri date (GoldenOutputTests). The file is written in the invariant culture, whatever thread renders it.
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            document.Save(output, closeStream: false);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
        var bytes = output.GetBuffer();
        var length = (int)output.Length;
        FixXmpUuids(bytes, length, fingerprint);
        return PdfFontCompactor.Compact(bytes, length);
    }

    /// <summary>Room for the image streams plus 2 MB for the rest (uncompressed font subsets), so the buffer rarely grows.</summary>
    private static int EstimatedSize(PdfDocument document) =>
        (int)Math.Min(int.MaxValue / 2, (2L << 20) + document.Internals.GetAllObjects()
            .OfType<PdfDictionary>()
            .Where(d => d.Stream is not null && d.Elements.GetName("/Subtype") == "/Image")
            .Sum(d => (long)d.Stream!.Length));

    /// <summary>
    /// PDFsharp writes random xmpMM:DocumentID/InstanceID UUIDs into the (uncompressed) XMP stream while saving.
    /// Overwrite them in place with UUIDs from the content: same length, so the xref offsets stay valid.
    /// </summary>
    private static void FixXmpUuids(byte[] pdf, int length, byte[] fingerprint)
    {
        // REVIEW: a byte-level patch; if PDFsharp ever compresses the XMP stream this finds nothing and the tests on identical bytes fail.
        var marker = "uuid:"u8;
        var index = 0;
        var count = 0;
        while (pdf.AsSpan(index, length - index).IndexOf(marker) is var at and >= 0)
        {
            var start = index + at + marker.Length;
            if (start + 36 <= length && Guid.TryParseExact(Encoding.ASCII.GetString(pdf, start, 36), "D", out _))
            {
                var seed = SHA256.HashData([.. fingerprint, (byte)count++]);
                Encoding.ASCII.GetBytes(new Guid(seed.AsSpan(0, 16)).ToString("D")).CopyTo(pdf, start);
            }

            index = start;
        }
    }

    private static string SubsetTag(string fontName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(fontName));
        return new string([.. hash.Take(6).Select(b => (char)('A' + (b % 26)))]);
    }
}
