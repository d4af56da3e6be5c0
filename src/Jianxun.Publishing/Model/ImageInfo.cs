using System.Buffers.Binary;

namespace Jianxun.Publishing;

/// <summary>Pixel size and type of a JPEG or PNG, read from its header.</summary>
public readonly record struct ImageInfo(int Width, int Height, string MimeType)
{
    public bool IsPng => MimeType == "image/png";

    /// <summary>
    /// Reads the header of a photo checked by its content, not its name: a full PNG signature with an IHDR
    /// chunk, or a JPEG with a frame header; and a positive size. False for anything else.
    /// </summary>
    public static bool TryRead(byte[] data, out ImageInfo info)
    {
        ArgumentNullException.ThrowIfNull(data);
        info = default;
        ReadOnlySpan<byte> pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        var looksPng = data.Length > 24 && data.AsSpan(0, 8).SequenceEqual(pngSignature) && data.AsSpan(12, 4).SequenceEqual("IHDR"u8);
        var looksJpeg = data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;
        if (!looksPng && !looksJpeg)
        {
            return false;
        }
        try
        {
            info = Read(data);
            return info.Width > 0 && info.Height > 0;
        }
        catch (ArgumentException)
        {
            // Includes ArgumentOutOfRangeException from a truncated header.
            return false;
        }
    }

    public static ImageInfo Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > 24 && data[0] == 0x89 && data[1] == 0x50 && data[2] == 0x4E && data[3] == 0x47)
        {
            return new ImageInfo(
                BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(16)),
                BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(20)),
                "image/png");
        }

        if (data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < data.Length)
            {
                if (data[i] != 0xFF)
                {
                    i++;
                    continue;
                }

                var marker = data[i + 1];
                int length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i + 2));

                // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return new ImageInfo(
                        BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i + 7)),
                        BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i + 5)),
                        "image/jpeg");
                }

                i += 2 + length;
            }
        }

        throw new ArgumentException("The photo is neither a PNG nor a JPEG with a readable size.", nameof(data));
    }
}
