using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Jianxun.Publishing.Pdf;

/// <summary>
/// Shrinks the TrueType subsets PDFsharp embeds, after it has saved the file, and gives every stream that is not an
/// image its one deflate at the final level.
/// </summary>
/// <remarks>
/// PDFsharp 6.2 subsets <c>glyf</c>/<c>loca</c> but copies the whole <c>hmtx</c> table: for a Noto CJK face that is
/// 30,000+ advance/side-bearing pairs (123 KB, ~30 KB deflated) per embedded face, most of them for glyphs that are not
/// in the subset. This pass zeroes the metrics of every glyph whose outline the subset left empty, so the table
/// deflates to about 1 KB. Glyph ids, outlines and the metrics of every drawn glyph stay as they are; a PDF reader
/// takes glyph widths from the font dictionary's <c>/W</c> array (ISO 32000-2 9.7.4.3), never from <c>hmtx</c>.
/// Empty glyphs (spaces) keep no side bearing to speak of either.
/// PDFsharp saves with its fastest deflate (<see cref="PdfDeterminism.Configure"/>); this pass inflates the font
/// programs, page content and ToUnicode maps and deflates each once at <see cref="Level"/>. Images already have
/// their final encoding (<see cref="PdfRenderCache.CompressImages"/>) and are copied as they are.
/// Only the rewritten objects change; the pass then renumbers the byte offsets of the cross-reference table.
/// It expects PDFsharp's output: one classic <c>xref</c> section, no object streams, streams with a direct
/// <c>/Length</c>. Anything else is returned unchanged.
/// </remarks>
internal static partial class PdfFontCompactor
{
    /// <summary>
    /// zlib-ng level 8: on the benchmark issue's three Noto subsets it came out a little smaller than level 9 (166.9 KB
    /// against 167.0 KB) and faster (7–12 ms against 11–40 ms on this machine); level 6 gave 2 KB more.
    /// </summary>
    internal const int Level = 8;

    public static byte[] Compact(byte[] pdf) => Compact(pdf, pdf.Length);

    /// <summary>Compacts the PDF in the first <paramref name="length"/> bytes of <paramref name="pdf"/> into a new array.</summary>
    public static byte[] Compact(byte[] pdf, int length)
    {
        // Works on the bytes: only dictionaries and the xref table are read as text (Latin-1), never the stream data.
        var file = pdf.AsSpan(0, length);
        var startXref = file.LastIndexOf("startxref"u8);
        var xrefMatch = startXref < 0 ? Match.Empty : StartXrefValue().Match(Latin1(pdf, startXref, length - startXref));
        if (!xrefMatch.Success || !int.TryParse(xrefMatch.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var xrefOffset)
            || xrefOffset <= 0 || xrefOffset >= startXref)
        {
            return pdf[..length];
        }

        var xrefText = Latin1(pdf, xrefOffset, startXref - xrefOffset);
        var entries = ReadXref(xrefText);
        if (entries is null || entries.Objects.Any(o => o.Offset <= 0 || o.Offset >= xrefOffset))
        {
            return pdf[..length];
        }

        // Objects in file order; each runs to the next object or to the xref table. First find the font programs.
        var ordered = entries.Objects.OrderBy(o => o.Offset).ToList();
        var objects = ordered
            .Select((o, i) => ReadObject(pdf, o.Number, o.Offset, i + 1 < ordered.Count ? ordered[i + 1].Offset : xrefOffset))
            .ToList();
        var fontFiles = objects.Where(o => o.StreamKeyword < 0)
            .SelectMany(o => FontFileReference().Matches(o.Header))
            .Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))
            .ToHashSet();

        var pieces = new List<ArraySegment<byte>>((objects.Count * 2) + 3) { new(pdf, 0, objects[0].Offset) };
        var position = objects[0].Offset;
        var newOffsets = new Dictionary<int, int>(objects.Count);
        foreach (var item in objects)
        {
            newOffsets[item.Number] = position;
            var replaced = item.StreamKeyword < 0 ? null : RecompressStream(pdf, item, isFont: fontFiles.Contains(item.Number));
            foreach (var piece in replaced ?? [new ArraySegment<byte>(pdf, item.Offset, item.End - item.Offset)])
            {
                pieces.Add(piece);
                position += piece.Count;
            }
        }

        var xref = new StringBuilder(xrefText);
        foreach (var (number, lineStart) in entries.Lines)
        {
            xref.Remove(lineStart, 10).Insert(lineStart, newOffsets[number].ToString("D10", CultureInfo.InvariantCulture));
        }

        xref.Append(CultureInfo.InvariantCulture, $"startxref\n{position}\n%%EOF\n");
        pieces.Add(Encoding.Latin1.GetBytes(xref.ToString()));

        var result = new byte[pieces.Sum(p => p.Count)];
        var at = 0;
        foreach (var piece in pieces)
        {
            piece.CopyTo(result, at);
            at += piece.Count;
        }

        return result;
    }

    private static string Latin1(byte[] pdf, int offset, int count) => Encoding.Latin1.GetString(pdf, offset, count);

    /// <summary>An object's dictionary as text: up to its <c>stream</c> keyword, or the whole object if it has no stream.</summary>
    private static PdfObjectBytes ReadObject(byte[] pdf, int number, int offset, int end)
    {
        var keyword = pdf.AsSpan(offset, end - offset).IndexOf("stream"u8);
        if (keyword >= 0)
        {
            var header = Latin1(pdf, offset, keyword);
            if (header.AsSpan().TrimEnd().EndsWith(">>", StringComparison.Ordinal))
            {
                return new PdfObjectBytes(number, offset, end, header, offset + keyword);
            }
        }

        return new PdfObjectBytes(number, offset, end, Latin1(pdf, offset, end - offset), -1);
    }

    private static XrefTable? ReadXref(string xref)
    {
        if (!xref.StartsWith("xref", StringComparison.Ordinal))
        {
            return null;
        }

        var objects = new List<(int Number, int Offset)>();
        var lines = new List<(int Number, int LineStart)>();
        var position = xref.IndexOf('\n', StringComparison.Ordinal) + 1;
        while (true)
        {
            var header = XrefSubsection().Match(xref, position);
            if (!header.Success || header.Index != position)
            {
                break;
            }

            var first = int.Parse(header.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            var count = int.Parse(header.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            position = header.Index + header.Length;
            for (var k = 0; k < count; k++, position += 20)
            {
                if (position + 20 > xref.Length)
                {
                    return null;
                }

                if (xref[position + 17] == 'n')
                {
                    objects.Add((first + k, int.Parse(xref.AsSpan(position, 10), CultureInfo.InvariantCulture)));
                    lines.Add((first + k, position));
                }
            }
        }

        return objects.Count == 0 ? null : new XrefTable(objects, lines);
    }

    /// <summary>
    /// The object rewritten with its stream deflated at <see cref="Level"/>, or null to keep it as it is. Font programs
    /// come uncompressed (<see cref="PdfDeterminism.Save"/> saves with <c>NoCompression</c>, which PDFsharp applies to
    /// them only) and are compacted first; content and ToUnicode streams come deflated at PDFsharp's fastest level.
    /// Images are final already and the XMP metadata stays uncompressed, as PDF/A and metadata readers expect.
    /// </summary>
    private static ArraySegment<byte>[]? RecompressStream(byte[] pdf, PdfObjectBytes item, bool isFont)
    {
        var header = item.Header;
        var length = Length().Match(header);
        var filtered = header.Contains("/Filter", StringComparison.Ordinal);
        var flate = FlateOnly().IsMatch(header);
        if (!length.Success || header.Contains("/DecodeParms", StringComparison.Ordinal) || (filtered && !flate)
            || (!isFont && (!filtered || ImageSubtype().IsMatch(header))))
        {
            return null;
        }

        var dataStart = item.StreamKeyword + "stream".Length;
        dataStart += pdf[dataStart] == (byte)'\r' ? 2 : 1;
        var dataLength = int.Parse(length.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        if (dataStart + dataLength > item.End || (flate && !PdfFlate.IsZlib(pdf.AsSpan(dataStart, dataLength))))
        {
            return null;
        }

        var data = flate ? PdfFlate.Inflate(pdf, dataStart, dataLength) : pdf[dataStart..(dataStart + dataLength)];
        if (isFont)
        {
            // A font this cannot read is still compressed, just not compacted.
            ZeroUnusedMetrics(data);
        }

        // A font program is the same bytes whenever the same glyphs of the same face are used: cached by its hash.
        var compressed = isFont
            ? PdfRenderCache.Encode($"font-flate{Level}", data, static d => PdfFlate.Deflate(d, Level))!
            : PdfFlate.Deflate(data, Level);
        if (flate && compressed.Length >= dataLength)
        {
            return null;
        }

        var newHeader = Length().Replace(header, "/Length " + compressed.Length.ToString(CultureInfo.InvariantCulture));
        if (isFont)
        {
            newHeader = Length1().Replace(newHeader, "/Length1 " + data.Length.ToString(CultureInfo.InvariantCulture));
        }

        if (!filtered)
        {
            newHeader = newHeader.Insert(newHeader.LastIndexOf(">>", StringComparison.Ordinal), "/Filter/FlateDecode");
        }

        return
        [
            Encoding.Latin1.GetBytes(newHeader),
            new(pdf, item.StreamKeyword, dataStart - item.StreamKeyword),
            compressed,
            new(pdf, dataStart + dataLength, item.End - (dataStart + dataLength)),
        ];
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

    [GeneratedRegex(@"/Filter\s*/FlateDecode\b")]
    private static partial Regex FlateOnly();

    [GeneratedRegex(@"/Subtype\s*/Image\b")]
    private static partial Regex ImageSubtype();

    private sealed record XrefTable(List<(int Number, int Offset)> Objects, List<(int Number, int LineStart)> Lines);

    private sealed record PdfObjectBytes(int Number, int Offset, int End, string Header, int StreamKeyword);
}
