using System.IO.Compression;

namespace Jianxun.Publishing.Pdf;

/// <summary>Deflate and inflate for PDF <c>/FlateDecode</c> streams (zlib format, RFC 1950).</summary>
internal static class PdfFlate
{
    /// <summary>A zlib stream of <paramref name="data"/> at <paramref name="level"/> (0–9, zlib's scale; zlib-ng since .NET 9).</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data, int level)
    {
        using var output = new MemoryStream((data.Length / 2) + 64);
        using (var deflate = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Inflates a zlib stream. PDFsharp writes the zlib header but no Adler-32 trailer, so this reads the raw deflate
    /// data after the two header bytes rather than have <see cref="ZLibStream"/> look for a trailer that is not there.
    /// Check <see cref="IsZlib"/> first.
    /// </summary>
    public static byte[] Inflate(byte[] buffer, int offset, int length)
    {
        using var inflate = new DeflateStream(new MemoryStream(buffer, offset + 2, length - 2, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream(length * 4);
        inflate.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A valid zlib header for deflate with no preset dictionary, the only kind <see cref="Inflate"/> reads.</summary>
    public static bool IsZlib(ReadOnlySpan<byte> data) =>
        data.Length > 2 && (data[0] & 0x0F) == 8 && (data[0] >> 4) <= 7 && (data[1] & 0x20) == 0 && ((data[0] << 8) | data[1]) % 31 == 0;
}
