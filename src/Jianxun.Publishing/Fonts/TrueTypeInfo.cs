using System.Buffers.Binary;
using System.Text;

namespace Jianxun.Publishing.Fonts;

/// <summary>What the font catalog needs from a TrueType file: its names and whether it is bold.</summary>
internal sealed record TrueTypeInfo(IReadOnlyList<string> FamilyNames, bool IsBold, bool IsItalic)
{
    private const uint TrueTypeVersion = 0x00010000;
    private const uint TrueTag = 0x74727565; // 'true'
    private const uint OttoTag = 0x4F54544F; // 'OTTO': CFF outlines, which PDFsharp cannot embed
    private const uint CollectionTag = 0x74746366; // 'ttcf'

    /// <summary>Reads the name, head and OS/2 tables; null with a reason when the file is not a usable TrueType font.</summary>
    public static TrueTypeInfo? TryRead(string path, out string? problem)
    {
        problem = null;
        try
        {
            using var stream = File.OpenRead(path);
            var header = ReadExactly(stream, 0, 12);
            var version = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (version == OttoTag)
            {
                problem = "CFF (PostScript-outline) OpenType font; PDFsharp needs TrueType outlines";
                return null;
            }

            if (version == CollectionTag)
            {
                problem = "font collection (.ttc); extract the single font as .ttf";
                return null;
            }

            if (version != TrueTypeVersion && version != TrueTag)
            {
                problem = "not a TrueType font";
                return null;
            }

            int tableCount = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
            var directory = ReadExactly(stream, 12, tableCount * 16);
            var tables = new Dictionary<string, (uint Offset, uint Length)>(StringComparer.Ordinal);
            for (var i = 0; i < tableCount; i++)
            {
                var record = directory.AsSpan(i * 16, 16);
                var tag = Encoding.ASCII.GetString(record[..4]);
                tables[tag] = (BinaryPrimitives.ReadUInt32BigEndian(record[8..]), BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
            }

            if (!tables.ContainsKey("glyf"))
            {
                problem = "no glyf table (not TrueType outlines)";
                return null;
            }

            if (!tables.TryGetValue("name", out var nameTable))
            {
                problem = "no name table";
                return null;
            }

            var names = ReadFamilyNames(ReadExactly(stream, nameTable.Offset, (int)nameTable.Length));
            var bold = false;
            var italic = false;
            if (tables.TryGetValue("head", out var head) && head.Length >= 46)
            {
                var macStyle = BinaryPrimitives.ReadUInt16BigEndian(ReadExactly(stream, head.Offset + 44, 2));
                bold = (macStyle & 1) != 0;
                italic = (macStyle & 2) != 0;
            }

            if (tables.TryGetValue("OS/2", out var os2) && os2.Length >= 6)
            {
                var weight = BinaryPrimitives.ReadUInt16BigEndian(ReadExactly(stream, os2.Offset + 4, 2));
                bold |= weight >= 600;
            }

            if (names.Count == 0)
            {
                problem = "no family name";
                return null;
            }

            return new TrueTypeInfo(names, bold, italic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or EndOfStreamException)
        {
            problem = ex.Message;
            return null;
        }
    }

    // Family (1), full name (4) and typographic family (16), in every language the font carries,
    // so 仿宋_GB2312 is found by its Chinese and its English name.
    private static List<string> ReadFamilyNames(byte[] table)
    {
        var result = new List<string>();
        int count = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(2));
        int stringOffset = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = table.AsSpan(6 + (i * 12), 12);
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
            var nameId = BinaryPrimitives.ReadUInt16BigEndian(record[6..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(record[8..]);
            int offset = BinaryPrimitives.ReadUInt16BigEndian(record[10..]);
            if (nameId is not (1 or 4 or 16) || stringOffset + offset + length > table.Length)
            {
                continue;
            }

            var bytes = table.AsSpan(stringOffset + offset, length);
            string? value = platform switch
            {
                0 or 3 => Encoding.BigEndianUnicode.GetString(bytes),
                1 when encoding == 0 => Encoding.Latin1.GetString(bytes),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(value) && !result.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value.Trim());
            }
        }

        return result;
    }

    private static byte[] ReadExactly(Stream stream, long offset, int length)
    {
        var buffer = new byte[length];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }
}
