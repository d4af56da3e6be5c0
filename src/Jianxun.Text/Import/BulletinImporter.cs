using System.Globalization;
using System.IO.Compression;

namespace Jianxun.Text;

/// <summary>The one entry point for uploaded files: picks the reader by content (PDF, DOCX, extracted text).</summary>
public static class BulletinImporter
{
    /// <summary>Imports a file; throws <see cref="BulletinImportException"/> with a Chinese message for anything unusable.</summary>
    public static ParsedBulletin Import(string fileName, ReadOnlySpan<byte> content, BulletinParseOptions? options = null)
    {
        options ??= new BulletinParseOptions();
        if (content.Length > options.MaxFileBytes)
        {
            throw TooLarge(content.Length, options.MaxFileBytes);
        }

        return Import(fileName, (ReadOnlyMemory<byte>)content.ToArray(), options);
    }

    /// <summary>Imports from a stream; a seekable stream over the limit is refused before any byte is read.</summary>
    public static ParsedBulletin Import(string fileName, Stream content, BulletinParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BulletinParseOptions();
        return Import(fileName, ReadAll(content, options.MaxFileBytes), options);
    }

    private static ParsedBulletin Import(string fileName, ReadOnlyMemory<byte> bytes, BulletinParseOptions options)
    {
        var span = bytes.Span;
        if (span.IsEmpty)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件为空。");
        }

        return Detect(span) switch
        {
            ImportFormat.Pdf => PdfBulletinReader.Read(bytes, options),
            ImportFormat.Docx => DocxBulletinReader.Read(bytes, options),
            ImportFormat.Zip => throw new BulletinImportException(
                BulletinImportError.UnsupportedFormat, $"“{Path.GetFileName(fileName)}”是压缩包或其他 Office 文件，不是 Word 文档（.docx）。"),
            ImportFormat.OleCompound => throw new BulletinImportException(
                BulletinImportError.UnsupportedFormat, "这是旧版 Word（.doc）或加密的 Office 文件，请另存为 .docx 或 PDF 后再导入。"),
            ImportFormat.Text => ReadText(span, options),
            _ => throw new BulletinImportException(BulletinImportError.NotABulletin, "文件既不是 PDF、Word 文档，也不是文本，无法导入。"),
        };
    }

    internal static BulletinImportException TooLarge(long length, long max) => new(
        BulletinImportError.TooLarge,
        string.Create(CultureInfo.InvariantCulture, $"文件大小 {length / 1048576.0:0.#} MB，超过了 {max / 1048576.0:0.#} MB 的上限。"));

    /// <summary>Reads a stream to the end, refusing it as soon as it is known to exceed the limit.</summary>
    internal static ReadOnlyMemory<byte> ReadAll(Stream stream, long max)
    {
        if (stream.CanSeek && stream.Length - stream.Position > max)
        {
            throw TooLarge(stream.Length - stream.Position, max);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(buffer.Length + read, max);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>A result with no article text is not a bulletin.</summary>
    internal static ParsedBulletin EnsureBulletin(ParsedBulletin bulletin)
    {
        if (!bulletin.Sections.Any(s => s.Articles.Any(a => a.Paragraphs.Count > 0)))
        {
            throw new BulletinImportException(BulletinImportError.NotABulletin, "文件中没有找到任何文章正文，不像一期简讯。");
        }

        return bulletin;
    }

    private static ParsedBulletin ReadText(ReadOnlySpan<byte> bytes, BulletinParseOptions options)
    {
        if (bytes.Length > UserFileLimits.MaxTextBytes)
        {
            throw UserFileLimits.Refuse($"文本文件过大：不超过 {UserFileLimits.Megabytes(UserFileLimits.MaxTextBytes)}（这份 {UserFileLimits.Megabytes(bytes.Length)}），一期简讯的文字通常不到 100 KB。");
        }

        if (LooksBinary(bytes))
        {
            throw new BulletinImportException(BulletinImportError.NotABulletin, "文件不是文本，也不是 PDF 或 Word 文档，无法导入。");
        }

        var text = BulletinTextReader.Decode(bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件中没有文字。");
        }

        if (LooksGarbled(text))
        {
            throw new BulletinImportException(BulletinImportError.NotABulletin, "文件内容无法识别为文字（编码错误或二进制文件）。");
        }

        return EnsureBulletin(BulletinParser.Parse(text, options));
    }

    internal static ImportFormat Detect(ReadOnlySpan<byte> bytes)
    {
        // %PDF may follow a little junk (the spec allows it within the first KB).
        if (bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return ImportFormat.Pdf;
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return IsDocx(bytes) ? ImportFormat.Docx : ImportFormat.Zip;
        }

        if (bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            return ImportFormat.OleCompound;
        }

        return ImportFormat.Text;
    }

    private static bool IsDocx(ReadOnlySpan<byte> bytes)
    {
        // ZipArchive builds one object per directory entry: count them first (a million-entry zip is a few MB).
        DocxGuard.CheckDirectory(bytes);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Text has almost no control bytes; UTF-16 is recognised by its BOM before this runs.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return false;
        }

        var sample = bytes[..Math.Min(bytes.Length, 65536)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C)
            {
                control++;
            }
        }

        return control > sample.Length / 100;
    }

    /// <summary>Bytes that decoded (as GB18030, the fallback) into rare characters or replacement marks.</summary>
    private static bool LooksGarbled(string text)
    {
        var letters = 0;
        var odd = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            letters++;
            if (c == '\uFFFD' || char.IsControl(c) || char.IsSurrogate(c) || c is >= '\uE000' and <= '\uF8FF')
            {
                odd++;
            }
        }

        return letters == 0 || odd > letters / 20;
    }
}

internal enum ImportFormat
{
    Text,
    Pdf,
    Docx,
    Zip,
    OleCompound,
}
