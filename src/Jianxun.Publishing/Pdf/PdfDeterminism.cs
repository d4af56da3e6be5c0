using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace Jianxun.Publishing.Pdf;

/// <summary>
/// Saves a PDFsharp document so that the same content always gives the same bytes. PDFsharp stamps a random subset
/// tag on every embedded font, random document IDs and random XMP UUIDs; all three are replaced with values derived
/// from a fingerprint of the content. The embedded font subsets are then compacted (<see cref="PdfFontCompactor"/>).
/// </summary>
internal static class PdfDeterminism
{
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

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        var bytes = output.ToArray();
        FixXmpUuids(bytes, fingerprint);
        return PdfFontCompactor.Compact(bytes);
    }

    /// <summary>
    /// PDFsharp writes random xmpMM:DocumentID/InstanceID UUIDs into the (uncompressed) XMP stream while saving.
    /// Overwrite them in place with UUIDs from the content: same length, so the xref offsets stay valid.
    /// </summary>
    private static void FixXmpUuids(byte[] pdf, byte[] fingerprint)
    {
        // REVIEW: a byte-level patch; if PDFsharp ever compresses the XMP stream this finds nothing and the tests on identical bytes fail.
        var marker = "uuid:"u8;
        var index = 0;
        var count = 0;
        while (pdf.AsSpan(index).IndexOf(marker) is var at and >= 0)
        {
            var start = index + at + marker.Length;
            if (start + 36 <= pdf.Length && Guid.TryParseExact(Encoding.ASCII.GetString(pdf, start, 36), "D", out _))
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
