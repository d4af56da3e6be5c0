using System.Diagnostics;
using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkiaSharp;

namespace Jianxun.Text.Tests.Families;

/// <summary>
/// Scans made from the families' own PDFs, as an office scans a printed bulletin (ADR-029): every page of the LibreOffice
/// PDF rasterised at <see cref="Dpi"/> dpi by pdftoppm, set on a grey paper tone, turned by a slight skew (at most 1.5°),
/// speckled with noise, saved as a greyscale JPEG and wrapped back into an image-only PDF (<c>sN.scan.pdf</c>, no text
/// layer). Committed (the seeds 1–3 tune, 4–6 are held out, as for every producer) and regenerated on request.
/// </summary>
internal static class FamilyScans
{
    public const string RegenerateVariable = "JIANXUN_REGENERATE_SCANS";

    public const string Extension = ".scan.pdf";

    public const int Dpi = 200;

    private const int JpegQuality = 40;

    /// <summary>The families scanned (one-column bulletins; two of them keep the committed files small).</summary>
    public static IReadOnlyList<Family> Families => [.. Family.All.Where(f => f.Name is "a-bracket" or "c-box-left-titles")];

    public static void Regenerate()
    {
        var root = FamilyFixtures.SourceDirectory();
        foreach (var family in Families)
        {
            foreach (var seed in FamilyFixtures.Seeds)
            {
                var source = Path.Combine(root, family.Name, FamilyFixtures.FileName(seed, ".lo.pdf"));
                var random = new Random((seed * 7919) + family.Name.Length);
                File.WriteAllBytes(Path.Combine(root, family.Name, FamilyFixtures.FileName(seed, Extension)), Scan(source, random));
            }
        }
    }

    /// <summary>An image-only PDF of <paramref name="pdf"/>'s pages, each scanned with its own skew, tone and noise.</summary>
    public static byte[] Scan(string pdf, Random random)
    {
        var dir = Directory.CreateTempSubdirectory("jx-scan-");
        try
        {
            var start = new ProcessStartInfo("pdftoppm") { ArgumentList = { "-r", Dpi.ToString(CultureInfo.InvariantCulture), "-gray", pdf, Path.Combine(dir.FullName, "p") } };
            using (var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start"))
            {
                process.WaitForExit();
                Assert.Equal(0, process.ExitCode);
            }

            using var document = new PdfDocument();
            foreach (var page in Directory.GetFiles(dir.FullName, "p-*.pgm").Order(StringComparer.Ordinal))
            {
                var (width, height, pixels) = ReadPgm(File.ReadAllBytes(page));
                var scanned = Degrade(width, height, pixels, random);
                using var jpeg = new MemoryStream(Jpeg(width, height, scanned));
                var pdfPage = document.AddPage();
                pdfPage.Width = XUnit.FromPoint(width * 72.0 / Dpi);
                pdfPage.Height = XUnit.FromPoint(height * 72.0 / Dpi);
                using var gfx = XGraphics.FromPdfPage(pdfPage);
                using var image = XImage.FromStream(jpeg);
                gfx.DrawImage(image, 0, 0, pdfPage.Width.Point, pdfPage.Height.Point);
            }

            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return output.ToArray();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Paper tone (the white becomes grey 200–230), a skew of up to 1.5° (bilinear), Gaussian noise and dark specks.</summary>
    private static byte[] Degrade(int width, int height, byte[] pixels, Random random)
    {
        var paper = random.Next(200, 231);
        var angle = (random.NextDouble() * 3 - 1.5) * Math.PI / 180;
        var (sin, cos) = Math.SinCos(angle);
        double cx = width / 2.0, cy = height / 2.0;
        var result = new byte[pixels.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Where this output pixel comes from on the unturned page.
                var sx = (cos * (x - cx)) + (sin * (y - cy)) + cx;
                var sy = (-sin * (x - cx)) + (cos * (y - cy)) + cy;
                var ink = Sample(width, height, pixels, sx, sy) / 255.0;
                var noise = Gaussian(random) * 6;
                var value = (paper * ink) + noise;
                if (random.Next(4000) == 0)
                {
                    value = random.Next(40, 140);
                }

                result[(y * width) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return result;
    }

    private static double Sample(int width, int height, byte[] pixels, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height)
        {
            return 255;
        }

        double fx = x - x0, fy = y - y0;
        double P(int px, int py) => pixels[(py * width) + px];
        return (P(x0, y0) * (1 - fx) * (1 - fy)) + (P(x0 + 1, y0) * fx * (1 - fy)) + (P(x0, y0 + 1) * (1 - fx) * fy) + (P(x0 + 1, y0 + 1) * fx * fy);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] bytes)
    {
        // P5 WIDTH HEIGHT MAXVAL, whitespace-separated, then one byte a pixel.
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(bytes, start, at - start));
        }

        Assert.Equal("P5", fields[0]);
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (width, height, bytes.AsSpan(at + 1, width * height).ToArray());
    }

    private static byte[] Jpeg(int width, int height, byte[] pixels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }
}
