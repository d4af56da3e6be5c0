using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>
/// Photo-like JPEGs and chart-like PNGs made in memory, so the benchmark ships no binary files and needs no
/// imaging package. The JPEG writer is a plain baseline encoder (YCbCr 4:4:4, the standard Annex K tables).
/// </summary>
internal static class GeneratedImages
{
    /// <summary>A landscape "photo": sky gradient, hills, buildings and sensor-like noise, so it compresses like one.</summary>
    public static byte[] Photo(int width, int height, int seed, int quality = 85)
    {
        var random = new Random(seed);
        var rgb = new byte[width * height * 3];
        var horizon = height * (0.45 + (random.NextDouble() * 0.15));
        var hillPhase = random.NextDouble() * Math.PI * 2;
        var buildings = Enumerable.Range(0, 12)
            .Select(_ => (X: random.Next(width), W: random.Next(width / 30, width / 10), H: random.Next(height / 10, height / 3), Shade: random.Next(90, 200)))
            .ToArray();

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double r, g, b;
                var hill = horizon + (Math.Sin((x * 0.004) + hillPhase) * height * 0.06) + (Math.Sin(x * 0.017) * height * 0.015);
                if (y < hill)
                {
                    var t = y / hill;
                    r = 110 + (90 * t);
                    g = 160 + (70 * t);
                    b = 230 - (10 * t);
                }
                else
                {
                    var t = (y - hill) / (height - hill + 1);
                    r = 70 + (60 * t) + (20 * Math.Sin(x * 0.05));
                    g = 120 - (30 * t) + (15 * Math.Sin(y * 0.08));
                    b = 60 + (20 * t);
                }

                foreach (var bd in buildings)
                {
                    if (x >= bd.X && x < bd.X + bd.W && y > hill - bd.H && y < hill + 4)
                    {
                        var window = ((x - bd.X) % 14 < 6) && ((y % 18) < 9);
                        r = g = b = window ? bd.Shade + 40 : bd.Shade;
                        b += 12;
                    }
                }

                var noise = (random.NextDouble() - 0.5) * 16;
                var i = ((y * width) + x) * 3;
                rgb[i] = Clamp(r + noise);
                rgb[i + 1] = Clamp(g + noise);
                rgb[i + 2] = Clamp(b + noise);
            }
        }

        return JpegWriter.Encode(rgb, width, height, quality);
    }

    /// <summary>A bar chart on white: flat colours, the kind of figure an issue carries as PNG.</summary>
    public static byte[] Chart(int width, int height, int seed)
    {
        var random = new Random(seed);
        var bars = Enumerable.Range(0, 8).Select(_ => 0.2 + (random.NextDouble() * 0.75)).ToArray();
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)255);
        var left = width / 10;
        var bottom = height * 9 / 10;
        var slot = (width - (2 * left)) / bars.Length;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                var axis = (x == left || y == bottom) && x >= left && y <= bottom;
                var grid = y < bottom && x > left && (bottom - y) % (height / 8) == 0;
                if (axis || grid)
                {
                    var v = axis ? (byte)60 : (byte)220;
                    rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
                    continue;
                }

                var k = (x - left) / Math.Max(1, slot);
                if (x > left && k < bars.Length && (x - left) % slot > slot / 5 && y < bottom && y > bottom - (bars[k] * bottom * 0.9))
                {
                    rgb[i] = (byte)(k % 2 == 0 ? 200 : 40);
                    rgb[i + 1] = (byte)(k % 2 == 0 ? 30 : 110);
                    rgb[i + 2] = (byte)(k % 2 == 0 ? 40 : 190);
                }
            }
        }

        return PngWriter.Encode(rgb, width, height);
    }

    private static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}

/// <summary>An RGB, 8-bit, non-interlaced PNG.</summary>
internal static class PngWriter
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Encode(byte[] rgb, int width, int height)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            raw[row] = 0; // filter: none
            Buffer.BlockCopy(rgb, y * width * 3, raw, row + 1, width * 3);
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        stream.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(typeAndData));
        stream.Write(crc);
    }

    private static uint Crc(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

/// <summary>Baseline JPEG (JFIF), YCbCr without subsampling, standard quantisation and Huffman tables.</summary>
internal static class JpegWriter
{
    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    private static readonly int[] LumaQuant =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private static readonly int[] ChromaQuant =
    [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ];

    private static readonly byte[] DcLumaBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DcChromaBits = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    private static readonly byte[] DcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly byte[] AcLumaBits = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];

    private static readonly byte[] AcLumaValues =
    [
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    private static readonly byte[] AcChromaBits = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];

    private static readonly byte[] AcChromaValues =
    [
        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
        0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
        0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
        0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
        0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
        0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
        0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
        0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2);
    private static readonly double[,] Cosines = BuildCosines();

    public static byte[] Encode(byte[] rgb, int width, int height, int quality)
    {
        var lq = Scale(LumaQuant, quality);
        var cq = Scale(ChromaQuant, quality);
        var dcL = Codes(DcLumaBits, DcValues);
        var acL = Codes(AcLumaBits, AcLumaValues);
        var dcC = Codes(DcChromaBits, DcValues);
        var acC = Codes(AcChromaBits, AcChromaValues);

        var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);
        output.Write([0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

        output.Write([0xFF, 0xDB, 0, 132]);
        output.WriteByte(0);
        foreach (var k in ZigZag)
        {
            output.WriteByte((byte)lq[k]);
        }

        output.WriteByte(1);
        foreach (var k in ZigZag)
        {
            output.WriteByte((byte)cq[k]);
        }

        output.Write([0xFF, 0xC0, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);

        var dht = new MemoryStream();
        WriteTable(dht, 0x00, DcLumaBits, DcValues);
        WriteTable(dht, 0x10, AcLumaBits, AcLumaValues);
        WriteTable(dht, 0x01, DcChromaBits, DcValues);
        WriteTable(dht, 0x11, AcChromaBits, AcChromaValues);
        output.Write([0xFF, 0xC4, (byte)((dht.Length + 2) >> 8), (byte)(dht.Length + 2)]);
        output.Write(dht.ToArray());

        output.Write([0xFF, 0xDA, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);

        var bits = new BitWriter(output);
        var y = new double[64];
        var cb = new double[64];
        var cr = new double[64];
        int prevY = 0, prevCb = 0, prevCr = 0;
        for (var by = 0; by < height; by += 8)
        {
            for (var bx = 0; bx < width; bx += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    for (var i = 0; i < 8; i++)
                    {
                        // Edge blocks repeat the last row and column.
                        var px = Math.Min(bx + i, width - 1);
                        var py = Math.Min(by + j, height - 1);
                        var p = ((py * width) + px) * 3;
                        double r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
                        y[(j * 8) + i] = (0.299 * r) + (0.587 * g) + (0.114 * b) - 128;
                        cb[(j * 8) + i] = (-0.168736 * r) - (0.331264 * g) + (0.5 * b);
                        cr[(j * 8) + i] = (0.5 * r) - (0.418688 * g) - (0.081312 * b);
                    }
                }

                prevY = EncodeBlock(bits, y, lq, prevY, dcL, acL);
                prevCb = EncodeBlock(bits, cb, cq, prevCb, dcC, acC);
                prevCr = EncodeBlock(bits, cr, cq, prevCr, dcC, acC);
            }
        }

        bits.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    private static int EncodeBlock(BitWriter bits, double[] block, int[] quant, int previousDc, (int Code, int Length)[] dc, (int Code, int Length)[] ac)
    {
        // Separable DCT-II: rows, then columns.
        Span<double> rows = stackalloc double[64];
        for (var j = 0; j < 8; j++)
        {
            for (var u = 0; u < 8; u++)
            {
                var sum = 0.0;
                for (var i = 0; i < 8; i++)
                {
                    sum += block[(j * 8) + i] * Cosines[i, u];
                }

                rows[(j * 8) + u] = sum * (u == 0 ? InvSqrt2 : 1) / 2;
            }
        }

        Span<int> q = stackalloc int[64];
        for (var u = 0; u < 8; u++)
        {
            for (var v = 0; v < 8; v++)
            {
                var sum = 0.0;
                for (var j = 0; j < 8; j++)
                {
                    sum += rows[(j * 8) + u] * Cosines[j, v];
                }

                var coefficient = sum * (v == 0 ? InvSqrt2 : 1) / 2;
                q[(v * 8) + u] = (int)Math.Round(coefficient / quant[(v * 8) + u]);
            }
        }

        var dcValue = q[0];
        var diff = dcValue - previousDc;
        var size = BitSize(diff);
        bits.Write(dc[size].Code, dc[size].Length);
        bits.Write(Magnitude(diff, size), size);

        var run = 0;
        for (var k = 1; k < 64; k++)
        {
            var coefficient = q[ZigZag[k]];
            if (coefficient == 0)
            {
                run++;
                continue;
            }

            while (run > 15)
            {
                bits.Write(ac[0xF0].Code, ac[0xF0].Length);
                run -= 16;
            }

            var s = BitSize(coefficient);
            var symbol = (run << 4) | s;
            bits.Write(ac[symbol].Code, ac[symbol].Length);
            bits.Write(Magnitude(coefficient, s), s);
            run = 0;
        }

        if (run > 0)
        {
            bits.Write(ac[0x00].Code, ac[0x00].Length);
        }

        return dcValue;
    }

    private static int BitSize(int value)
    {
        var a = Math.Abs(value);
        var n = 0;
        while (a > 0)
        {
            n++;
            a >>= 1;
        }

        return n;
    }

    private static int Magnitude(int value, int size) => value >= 0 ? value : (value - 1) & ((1 << size) - 1);

    private static int[] Scale(int[] table, int quality)
    {
        var q = Math.Clamp(quality, 1, 100);
        var scale = q < 50 ? 5000 / q : 200 - (2 * q);
        return table.Select(t => Math.Clamp(((t * scale) + 50) / 100, 1, 255)).ToArray();
    }

    private static (int Code, int Length)[] Codes(byte[] bits, byte[] values)
    {
        var codes = new (int Code, int Length)[256];
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var n = 0; n < bits[length - 1]; n++)
            {
                codes[values[k++]] = (code, length);
                code++;
            }

            code <<= 1;
        }

        return codes;
    }

    private static void WriteTable(Stream s, byte classAndId, byte[] bits, byte[] values)
    {
        s.WriteByte(classAndId);
        s.Write(bits);
        s.Write(values);
    }

    private static double[,] BuildCosines()
    {
        var c = new double[8, 8];
        for (var x = 0; x < 8; x++)
        {
            for (var u = 0; u < 8; u++)
            {
                c[x, u] = Math.Cos(((2 * x) + 1) * u * Math.PI / 16);
            }
        }

        return c;
    }

    private sealed class BitWriter(Stream output)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                _count++;
                if (_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1); // pad with ones
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.WriteByte(0); // byte stuffing
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
