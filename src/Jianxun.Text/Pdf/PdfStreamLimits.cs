using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Jianxun.Text;

/// <summary>
/// PdfPig's filters behind our limits (one instance per file): every decoded stream is counted against a per-stream and a
/// per-file cap, and the filters that expand most are measured <em>before</em> PdfPig allocates their output: Flate by
/// inflating once into nothing while counting, RunLength by adding up its run lengths. LZW (not produced by any office
/// program since 2000) by walking its codes and adding up the lengths of the strings they stand for. Image filters (DCT, JPX, JBIG2, CCITT) run only if pixels are asked for, which the reader never does.
/// </summary>
internal sealed class PdfStreamLimits(IFilterProvider inner) : IFilterProvider
{
    private long _decoded;

    /// <summary>The first refusal, kept because PdfPig's lenient parsing may catch what a filter throws.</summary>
    public BulletinImportException? Refusal { get; private set; }

    /// <summary>Throws the first refusal, if any stream was refused.</summary>
    public void ThrowIfRefused()
    {
        if (Refusal is { } refusal)
        {
            throw refusal;
        }
    }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(inner.GetAllFilters());

    private List<IFilter> Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => f is Capped ? f : new Capped(f, this))];

    /// <summary>Fonts and images may be large (a fully embedded CJK font is 10–20 MB); everything else is page content.</summary>
    private static long CapFor(DictionaryToken? dictionary)
    {
        var data = dictionary?.Data;
        if (data is null)
        {
            return UserFileLimits.MaxPdfContentStreamBytes;
        }

        var subtype = data.TryGetValue("Subtype", out var s) && s is NameToken name ? name.Data : null;
        return data.ContainsKey("Length1") || data.ContainsKey("Length2") || data.ContainsKey("Length3")
               || subtype is "Image" or "Type1C" or "CIDFontType0C" or "OpenType"
            ? UserFileLimits.MaxPdfStreamBytes
            : UserFileLimits.MaxPdfContentStreamBytes;
    }

    private void Count(long bytes, long cap)
    {
        if (bytes > cap)
        {
            throw Refusal ??= UserFileLimits.Refuse($"PDF 中有数据流解压后过大：页面内容每段不超过 {UserFileLimits.Megabytes(UserFileLimits.MaxPdfContentStreamBytes)}，字体和图片每个不超过 {UserFileLimits.Megabytes(UserFileLimits.MaxPdfStreamBytes)}。");
        }

        if (Interlocked.Add(ref _decoded, bytes) > UserFileLimits.MaxPdfDecodedBytes)
        {
            throw Refusal ??= UserFileLimits.Refuse($"PDF 解压后的数据过大：全部数据流合计不超过 {UserFileLimits.Megabytes(UserFileLimits.MaxPdfDecodedBytes)}。");
        }
    }

    /// <summary>What the filter would produce, measured without keeping it; null when it cannot expand much.</summary>
    private static long? Predict(IFilter filter, ReadOnlySpan<byte> input, long cap) => filter switch
    {
        FlateFilter => InflatedLength(input, cap),
        RunLengthFilter => RunLength(input),
        LzwFilter => LzwLength(input),
        _ => null,
    };

    private static long InflatedLength(ReadOnlySpan<byte> input, long cap)
    {
        // As PdfPig does: skip the two-byte zlib header and inflate the rest, tolerating a broken tail.
        if (input.Length < 2)
        {
            return 0;
        }

        long total = 0;
        var buffer = new byte[65536];
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(input[2..].ToArray(), writable: false), CompressionMode.Decompress);
            int n;
            while ((n = inflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
                if (total > cap)
                {
                    return total;
                }
            }
        }
        catch (InvalidDataException)
        {
            // PdfPig keeps what it could inflate; so do we.
        }

        return total;
    }

    private static long RunLength(ReadOnlySpan<byte> input)
    {
        long total = 0;
        var i = 0;
        while (i < input.Length)
        {
            var length = input[i];
            if (length == 128)
            {
                break;
            }

            if (length < 128)
            {
                total += length + 1;
                i += length + 2;
            }
            else
            {
                total += 257 - length;
                i += 2;
            }
        }

        return total;
    }

    /// <summary>The output length of an LZW stream (PDF's: 9–12 bit codes, early change), without building the strings.</summary>
    private static long LzwLength(ReadOnlySpan<byte> input)
    {
        Span<int> lengths = stackalloc int[4096];
        long total = 0;
        int width = 9, next = 258, previous = -1, bits = 0, held = 0, at = 0;
        while (true)
        {
            while (bits < width && at < input.Length)
            {
                held = (held << 8) | input[at++];
                bits += 8;
            }

            if (bits < width)
            {
                return total;
            }

            var code = (held >> (bits - width)) & ((1 << width) - 1);
            bits -= width;
            if (code == 256)
            {
                (width, next, previous) = (9, 258, -1);
                continue;
            }

            if (code == 257)
            {
                return total;
            }

            int length;
            if (code < 256)
            {
                length = 1;
            }
            else if (code < next)
            {
                length = lengths[code];
            }
            else if (code == next && previous > 0)
            {
                length = previous + 1;
            }
            else
            {
                return total;
            }

            total += length;
            if (previous > 0 && next < 4096)
            {
                lengths[next++] = previous + 1;
            }

            previous = length;
            if (next + 1 >= (1 << width) && width < 12)
            {
                width++;
            }
        }
    }

    private sealed class Capped(IFilter inner, PdfStreamLimits owner) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            var cap = CapFor(streamDictionary);
            if (Predict(inner, input.Span, cap) is { } predicted && predicted > cap)
            {
                owner.Count(predicted, cap);
            }

            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            owner.Count(output.Length, cap);
            return output;
        }
    }
}
