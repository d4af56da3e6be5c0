using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Jianxun.Publishing.Pdf;

/// <summary>
/// Shrinks the TrueType subsets PDFsharp embeds, after it has saved the file.
/// </summary>
/// <remarks>
/// PDFsharp 6.2 subsets <c>glyf</c>/<c>loca</c> but copies the whole <c>hmtx</c> table: for a Noto CJK face that is
/// 30,000+ advance/side-bearing pairs (123 KB, ~30 KB deflated) per embedded face, most of them for glyphs that are not
/// in the subset. This pass zeroes the metrics of every glyph whose outline the subset left empty, so the table
/// deflates to about 1 KB, and recompresses the font at the smallest setting. Glyph ids, outlines and the metrics of
/// every drawn glyph stay as they are; a PDF reader takes glyph widths from the font dictionary's <c>/W</c> array
/// (ISO 32000-2 9.7.4.3), never from <c>hmtx</c>. Empty glyphs (spaces) keep no side bearing to speak of either.
/// Only the font-file objects change; the pass then renumbers the byte offsets of the cross-reference table.
/// It expects PDFsharp's output: one classic <c>xref</c> section, no object streams, <c>/FontFile2</c> objects
/// with a direct <c>/Length</c>. Anything else is returned unchanged.
/// </remarks>
internal static partial class PdfFontCompactor
{
    public static byte[] Compact(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var startXref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (startXref < 0)
        {
            return pdf;
        }

        var xrefMatch = StartXrefValue().Match(text, startXref);
        var xrefOffset = int.Parse(xrefMatch.Groups[1].Value, CultureInfo.InvariantCulture);
        var entries = ReadXref(text, xrefOffset);
        var fontFiles = FontFileReference().Matches(text)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToHashSet();
        if (entries is null || fontFiles.Count == 0)
        {
            return pdf;
        }

        // Objects in file order; each runs to the next object or to the xref table.
        var ordered = entries.Objects.OrderBy(o => o.Offset).ToList();
        var output = new MemoryStream(pdf.Length);
        var newOffsets = new Dictionary<int, int>();
        output.Write(pdf, 0, ordered[0].Offset);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (number, offset) = ordered[i];
            var end = i + 1 < ordered.Count ? ordered[i + 1].Offset : xrefOffset;
            newOffsets[number] = (int)output.Position;
            var replaced = fontFiles.Contains(number) ? CompactFontObject(pdf, text, offset, end) : null;
            if (replaced is null)
            {
                output.Write(pdf, offset, end - offset);
            }
            else
            {
                output.Write(replaced);
            }
        }

        var newXref = (int)output.Position;
        var xref = new StringBuilder(text, xrefOffset, startXref - xrefOffset, startXref - xrefOffset);
        foreach (var (number, lineStart) in entries.Lines)
        {
            xref.Remove(lineStart - xrefOffset, 10).Insert(lineStart - xrefOffset, newOffsets[number].ToString("D10", CultureInfo.InvariantCulture));
        }

        output.Write(Encoding.Latin1.GetBytes(xref.ToString()));
        output.Write(Encoding.Latin1.GetBytes($"startxref\n{newXref.ToString(CultureInfo.InvariantCulture)}\n%%EOF\n"));
        return output.ToArray();
    }

    private static XrefTable? ReadXref(string text, int xrefOffset)
    {
        if (string.CompareOrdinal(text, xrefOffset, "xref", 0, 4) != 0)
        {
            return null;
        }

        var objects = new List<(int Number, int Offset)>();
        var lines = new List<(int Number, int LineStart)>();
        var position = text.IndexOf('\n', xrefOffset) + 1;
        while (true)
        {
            var header = XrefSubsection().Match(text, position);
            if (!header.Success || header.Index != position)
            {
                break;
            }

            var first = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
            var count = int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture);
            position = header.Index + header.Length;
            for (var k = 0; k < count; k++, position += 20)
            {
                if (text[position + 17] == 'n')
                {
                    objects.Add((first + k, int.Parse(text.AsSpan(position, 10), CultureInfo.InvariantCulture)));
                    lines.Add((first + k, position));
                }
            }
        }

        return objects.Count == 0 ? null : new XrefTable(objects, lines);
    }

    private static byte[]? CompactFontObject(byte[] pdf, string text, int start, int end)
    {
        var streamKeyword = text.IndexOf("stream", start, end - start, StringComparison.Ordinal);
        if (streamKeyword < 0)
        {
            return null;
        }

        var dictionary = text[start..streamKeyword];
        var length = Length().Match(dictionary);
        if (!length.Success || !dictionary.Contains("/FlateDecode", StringComparison.Ordinal) || dictionary.Contains("/DecodeParms", StringComparison.Ordinal))
        {
            return null;
        }

        var dataStart = streamKeyword + "stream".Length;
        dataStart += text[dataStart] == '\r' ? 2 : 1;
        var dataLength = int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture);
        byte[] font;
        using (var inflate = new ZLibStream(new MemoryStream(pdf, dataStart, dataLength, writable: false), CompressionMode.Decompress))
        using (var raw = new MemoryStream())
        {
            inflate.CopyTo(raw);
            font = raw.ToArray();
        }

        if (!ZeroUnusedMetrics(font))
        {
            return null;
        }

        byte[] compressed;
        using (var deflated = new MemoryStream())
        {
            using (var deflate = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(font);
            }

            compressed = deflated.ToArray();
        }

        var newDictionary = Length().Replace(dictionary, "/Length " + compressed.Length.ToString(CultureInfo.InvariantCulture));
        newDictionary = Length1().Replace(newDictionary, "/Length1 " + font.Length.ToString(CultureInfo.InvariantCulture));
        using var result = new MemoryStream();
        result.Write(Encoding.Latin1.GetBytes(newDictionary));
        result.Write(pdf, streamKeyword, dataStart - streamKeyword);
        result.Write(compressed);
        result.Write(pdf, dataStart + dataLength, end - (dataStart + dataLength));
        return result.ToArray();
    }

    /// <summary>Zeroes the hmtx entries of glyphs with no outline (except .notdef) and fixes the checksums.</summary>
    internal static bool ZeroUnusedMetrics(byte[] font)
    {
        var tables = new Dictionary<string, (int Record, int Offset, int Length)>(StringComparer.Ordinal);
        if (font.Length < 12)
        {
            return false;
        }

        int numTables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < numTables; i++)
        {
            var record = 12 + (16 * i);
            var tag = Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = (record, (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12)));
        }

        if (!tables.TryGetValue("head", out var head) || !tables.TryGetValue("hhea", out var hhea) || !tables.TryGetValue("maxp", out var maxp)
            || !tables.TryGetValue("loca", out var loca) || !tables.TryGetValue("hmtx", out var hmtx))
        {
            return false;
        }

        var longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head.Offset + 50)) == 1;
        int numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(maxp.Offset + 4));
        int numberOfHMetrics = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hhea.Offset + 34));
        if (loca.Length < (numGlyphs + 1) * (longLoca ? 4 : 2) || hmtx.Length < (numberOfHMetrics * 4) + ((numGlyphs - numberOfHMetrics) * 2))
        {
            return false;
        }

        uint Loca(int glyph) => longLoca
            ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca.Offset + (4 * glyph)))
            : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca.Offset + (2 * glyph)));

        for (var glyph = 1; glyph < numGlyphs; glyph++)
        {
            if (Loca(glyph) != Loca(glyph + 1))
            {
                continue;
            }

            if (glyph < numberOfHMetrics)
            {
                font.AsSpan(hmtx.Offset + (4 * glyph), 4).Clear();
            }
            else
            {
                font.AsSpan(hmtx.Offset + (4 * numberOfHMetrics) + (2 * (glyph - numberOfHMetrics)), 2).Clear();
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(hmtx.Record + 4), Checksum(font.AsSpan(hmtx.Offset, hmtx.Length)));
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(head.Offset + 8), 0);
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(head.Offset + 8), 0xB1B0AFBA - Checksum(font));
        return true;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            Span<byte> tail = stackalloc byte[4];
            data[i..].CopyTo(tail);
            sum += BinaryPrimitives.ReadUInt32BigEndian(tail);
        }

        return sum;
    }

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXrefValue();

    [GeneratedRegex(@"/FontFile2\s*(\d+)\s+0\s+R")]
    private static partial Regex FontFileReference();

    [GeneratedRegex(@"(\d+) (\d+)\r?\n")]
    private static partial Regex XrefSubsection();

    [GeneratedRegex(@"/Length\s+(\d+)")]
    private static partial Regex Length();

    [GeneratedRegex(@"/Length1\s+(\d+)")]
    private static partial Regex Length1();

    private sealed record XrefTable(List<(int Number, int Offset)> Objects, List<(int Number, int LineStart)> Lines);
}
