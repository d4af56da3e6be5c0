using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;

namespace Jianxun.Text;

/// <summary>
/// Checks a DOCX before OpenXml opens it: the entry count from the zip's own directory, then one streaming pass that
/// inflates every entry counting the bytes that really come out (declared sizes are not trusted) and reads every XML
/// part with an <see cref="XmlReader"/> that stops at the depth and element limits. OpenXml builds a tree by recursion,
/// so a part nested 50,000 deep must never reach it. Nothing is kept in memory but one buffer.
/// </summary>
internal static class DocxGuard
{
    private const uint CentralHeader = 0x02014b50;
    private const uint EndOfDirectory = 0x06054b50;

    /// <summary>Throws <see cref="BulletinImportException"/> if the package breaks a limit or is not a readable zip.</summary>
    public static void Check(ReadOnlyMemory<byte> docx, ImportBudget budget)
    {
        CheckDirectory(docx.Span);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(docx.ToArray(), writable: false), ZipArchiveMode.Read);
            long total = 0, xml = 0;
            var elements = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                budget.Check();
                using var raw = entry.Open();
                using var counted = new CountingStream(raw, UserFileLimits.MaxDocxUncompressedBytes - total, TooBig);
                if (IsXml(entry.FullName))
                {
                    using var xmlStream = new CountingStream(counted, UserFileLimits.MaxDocxXmlBytes - xml, XmlTooBig);
                    elements += CheckXml(xmlStream, UserFileLimits.MaxDocxXmlElements - elements);
                    xmlStream.Drain(buffer);
                    xml += xmlStream.Count;
                }
                else
                {
                    counted.Drain(buffer);
                }

                total += counted.Count;
            }
        }
        catch (BulletinImportException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or NotSupportedException or ArgumentException)
        {
            throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档已损坏或格式不正确，无法读取。", e);
        }
    }

    /// <summary>
    /// Counts the entries by walking the central directory itself, before <see cref="ZipArchive"/> builds an object per
    /// entry; false when the bytes are not a zip with a directory.
    /// </summary>
    public static void CheckDirectory(ReadOnlySpan<byte> zip)
    {
        var end = FindEndOfDirectory(zip);
        if (end < 0)
        {
            throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档已损坏（压缩包目录缺失），无法读取。");
        }

        var declared = BinaryPrimitives.ReadUInt16LittleEndian(zip[(end + 10)..]);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(zip[(end + 16)..]);
        if (declared > UserFileLimits.MaxDocxEntries)
        {
            throw TooManyEntries(declared);
        }

        var count = 0;
        var at = (long)offset;
        while (at + 46 <= zip.Length && BinaryPrimitives.ReadUInt32LittleEndian(zip[(int)at..]) == CentralHeader)
        {
            if (++count > UserFileLimits.MaxDocxEntries)
            {
                throw TooManyEntries(count);
            }

            var record = zip[(int)at..];
            at += 46L + BinaryPrimitives.ReadUInt16LittleEndian(record[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(record[30..])
                  + BinaryPrimitives.ReadUInt16LittleEndian(record[32..]);
        }
    }

    private static int FindEndOfDirectory(ReadOnlySpan<byte> zip)
    {
        // The record is 22 bytes plus a comment of at most 65,535.
        for (var i = zip.Length - 22; i >= 0 && i >= zip.Length - 22 - 65535; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[i..]) == EndOfDirectory)
            {
                return i;
            }
        }

        return -1;
    }

    private static int CheckXml(Stream part, int elementsLeft)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = UserFileLimits.MaxDocxXmlBytes,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(part, settings);
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth >= UserFileLimits.MaxXmlDepth)
            {
                throw UserFileLimits.Refuse(UserFileLimits.Invariant($"Word 文档结构嵌套过深：XML 嵌套不超过 {UserFileLimits.MaxXmlDepth} 层。"));
            }

            if (++elements > elementsLeft)
            {
                throw UserFileLimits.Refuse(UserFileLimits.Invariant($"Word 文档元素过多：XML 元素总数不超过 {UserFileLimits.MaxDocxXmlElements} 个。"));
            }
        }

        return elements;
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static BulletinImportException TooManyEntries(int count) =>
        UserFileLimits.Refuse(UserFileLimits.Invariant($"Word 文档包含的部件过多：不超过 {UserFileLimits.MaxDocxEntries} 个（这份至少有 {count} 个）。"));

    private static BulletinImportException TooBig() =>
        UserFileLimits.Refuse($"Word 文档解压后过大：全部内容解压后不超过 {UserFileLimits.Megabytes(UserFileLimits.MaxDocxUncompressedBytes)}。");

    private static BulletinImportException XmlTooBig() =>
        UserFileLimits.Refuse($"Word 文档的文字部分解压后过大：XML 部件合计不超过 {UserFileLimits.Megabytes(UserFileLimits.MaxDocxXmlBytes)}。");
}

/// <summary>A read-only stream that counts what passes and throws as soon as more than <c>max</c> bytes come out.</summary>
internal sealed class CountingStream(Stream inner, long max, Func<Exception> overLimit) : Stream
{
    public long Count { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Count += n;
        if (Count > max)
        {
            throw overLimit();
        }

        return n;
    }

    public void Drain(byte[] buffer)
    {
        while (Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
