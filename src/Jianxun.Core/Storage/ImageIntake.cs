using Jianxun.Core.Common;
using Jianxun.Publishing;
using Jianxun.Text;
using SkiaSharp;

namespace Jianxun.Core.Storage;

/// <summary>An uploaded image as we keep it: re-encoded, at most the print size, with the type and size of the stored bytes.</summary>
public sealed record PreparedImage(byte[] Content, ImageInfo Info, int OriginalWidth, int OriginalHeight);

/// <summary>
/// Checks an uploaded JPEG or PNG by its content and header before any pixel is decoded (<see cref="UserFileLimits"/>), then
/// decodes it once and re-encodes it no larger than print needs. Re-encoding also drops whatever rides along (EXIF with
/// GPS positions, appended archives of a polyglot). PNG is decoded line by line into a box filter, so memory stays at a few
/// rows of the original; JPEG is decoded at libjpeg's nearest 1/8 scale above the target.
/// </summary>
public static class ImageIntake
{
    private const int JpegQuality = 90;

    /// <summary>Throws <see cref="ValidationException"/> on <paramref name="field"/> with a Chinese message naming the limit.</summary>
    public static PreparedImage Prepare(byte[] content, int maxSide, string field)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!ImageInfo.TryRead(content, out var header))
        {
            throw ValidationException.For(field, "只能上传 JPEG 或 PNG 图片（按文件内容检查，不看扩展名）。");
        }

        if (UserFileLimits.ImageRefusal(header.Width, header.Height) is { } refusal)
        {
            throw ValidationException.For(field, refusal);
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data) ?? throw Corrupt(field);
        var info = codec.Info;
        // Skia reads the header itself: both readings must agree and pass, or a crafted file could say one thing to each.
        if (info.Width != header.Width || info.Height != header.Height
            || codec.EncodedFormat != (header.IsPng ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg))
        {
            throw Corrupt(field);
        }

        var (width, height) = Fit(info.Width, info.Height, maxSide);
        using var bitmap = header.IsPng ? DecodePng(codec, width, height, field) : DecodeJpeg(codec, width, height, field);
        using var encoded = bitmap.Encode(header.IsPng ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, JpegQuality) ?? throw Corrupt(field);
        var bytes = encoded.ToArray();
        return new PreparedImage(bytes, new ImageInfo(bitmap.Width, bitmap.Height, header.MimeType), info.Width, info.Height);
    }

    /// <summary>The size that fits in <paramref name="maxSide"/> on the longest side, keeping the aspect ratio.</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxSide)
    {
        var longest = Math.Max(width, height);
        if (longest <= maxSide)
        {
            return (width, height);
        }

        var scale = (double)maxSide / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static SKBitmap DecodeJpeg(SKCodec codec, int width, int height, string field)
    {
        var scaled = codec.GetScaledDimensions((float)width / codec.Info.Width);
        if (scaled.Width < width || scaled.Height < height)
        {
            scaled = codec.Info.Size;
        }

        var decoded = new SKBitmap(new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success))
        {
            decoded.Dispose();
            throw Corrupt(field);
        }

        if (decoded.Width == width && decoded.Height == height)
        {
            return decoded;
        }

        using (decoded)
        {
            return decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(SKCubicResampler.Mitchell))
                   ?? throw Corrupt(field);
        }
    }

    /// <summary>Line by line into a box filter: each output pixel is the mean of the source pixels it covers.</summary>
    private static SKBitmap DecodePng(SKCodec codec, int width, int height, string field)
    {
        var source = codec.Info;
        var rowInfo = new SKImageInfo(source.Width, 1, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.StartScanlineDecode(rowInfo.WithSize(source.Width, source.Height)) != SKCodecResult.Success
            || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            // Interlaced PNGs cannot be read by lines: decoded whole, which the pixel limit bounds (≤ 160 MB at 40 MP).
            return DecodeWhole(codec, width, height, field);
        }

        var output = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var row = new byte[source.Width * 4];
        var sums = new long[width * 4];
        var counts = new int[width];
        var columns = new int[source.Width];
        for (var x = 0; x < source.Width; x++)
        {
            columns[x] = (int)((long)x * width / source.Width);
        }

        var pixels = new byte[width * height * 4];
        var target = 0;
        var rows = 0;
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(row, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            for (var y = 0; y < source.Height; y++)
            {
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, row.Length) != 1)
                {
                    throw Corrupt(field);
                }

                var ty = (int)((long)y * height / source.Height);
                if (ty != target)
                {
                    Emit(pixels, target, sums, counts, rows, width);
                    target = ty;
                    rows = 0;
                }

                for (var x = 0; x < source.Width; x++)
                {
                    var c = columns[x] * 4;
                    sums[c] += row[x * 4];
                    sums[c + 1] += row[(x * 4) + 1];
                    sums[c + 2] += row[(x * 4) + 2];
                    sums[c + 3] += row[(x * 4) + 3];
                }

                rows++;
            }

            Emit(pixels, target, sums, counts, rows, width);
        }
        finally
        {
            handle.Free();
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, output.GetPixels(), pixels.Length);
        output.NotifyPixelsChanged();
        return output;

        void Emit(byte[] into, int y, long[] sum, int[] count, int rowCount, int w)
        {
            Array.Clear(count);
            for (var x = 0; x < source.Width; x++)
            {
                count[columns[x]]++;
            }

            for (var x = 0; x < w; x++)
            {
                var n = Math.Max(1, (long)count[x] * rowCount);
                for (var k = 0; k < 4; k++)
                {
                    into[(((y * w) + x) * 4) + k] = (byte)(sum[(x * 4) + k] / n);
                }
            }

            Array.Clear(sum);
        }
    }

    private static SKBitmap DecodeWhole(SKCodec codec, int width, int height, string field)
    {
        using var decoded = new SKBitmap(new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            throw Corrupt(field);
        }

        return (decoded.Width == width && decoded.Height == height ? decoded.Copy() : decoded.Resize(
                   new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell)))
               ?? throw Corrupt(field);
    }

    private static ValidationException Corrupt(string field) => ValidationException.For(field, "图片文件不完整或已损坏，无法读取，请重新导出后再上传。");
}
