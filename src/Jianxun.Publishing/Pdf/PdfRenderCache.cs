using System.Security.Cryptography;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jianxun.Publishing.Pdf;

/// <summary>
/// Work that depends only on bytes that seldom change between renders, done once per process rather than once per
/// render: PDFsharp's decoding of each photo (about 30 ms for a 960×540 PNG chart), and the best-level deflate of each
/// image stream (about 5 ms per 175 KB JPEG, 20 ms per chart) and of each compacted font subset (about 4 ms a face).
/// Entries are keyed by the SHA-256 of the bytes they start from (plus what is done to them), so a changed photo or a
/// new glyph in the text is simply a new entry; both caches are capped in size, least recently used out first.
/// </summary>
/// <remarks>
/// A server re-renders an issue many times while its photos stay the same (draft previews, the print copy, the
/// archive copy), which is what this pays off on. The bytes written are the same whether an entry was cached or
/// computed: every encoder here is deterministic. <see cref="Clear"/> empties both caches.
/// </remarks>
internal static class PdfRenderCache
{
    /// <summary>Decoded photos: an XImage holds its file bytes, and PNGs also their pixels (4 bytes each).</summary>
    internal const long PhotoCapacityBytes = 32L << 20;

    /// <summary>Compressed streams: about the size of an issue's photos plus 200 KB of fonts per issue.</summary>
    internal const long StreamCapacityBytes = 16L << 20;

    // zlib (zlib-ng in .NET 9+) level 9: JPEG data over DCT and the charts' bitmaps both come out smallest here.
    private const int ImageLevel = 9;

    private static readonly SizeCappedCache<Photo> Photos = new(PhotoCapacityBytes);
    private static readonly SizeCappedCache<Encoded> Streams = new(StreamCapacityBytes);

    /// <summary>
    /// A photo decoded by PDFsharp, shared by every render in the process. PDFsharp initialises parts of an XImage
    /// lazily when it is first drawn into a document: draw it only while holding <see cref="Gate"/>.
    /// </summary>
    internal sealed class Photo(XImage image, long size)
    {
        public XImage Image { get; } = image;

        public Lock Gate { get; } = new();

        public long Size { get; } = size;
    }

    internal static (int Photos, int Streams, long Bytes) Usage =>
        (Photos.Count, Streams.Count, Photos.Bytes + Streams.Bytes);

    public static void Clear()
    {
        Photos.Clear();
        Streams.Clear();
    }

    public static Photo Load(byte[] data)
    {
        return Photos.GetOrAdd("photo:" + Hash(data), Decode, static p => p.Size);

        Photo Decode()
        {
            // Our own copy: the caller's array may be changed or reused after the render; the cache outlives it.
            var copy = (byte[])data.Clone();
#pragma warning disable CA2000 // The XImage lives in the cache; it holds no unmanaged resource (PDFsharp's Core build).
            var image = XImage.FromStream(new MemoryStream(copy, writable: false));
#pragma warning restore CA2000
            var pixels = ImageInfo.TryRead(copy, out var info) && info.IsPng ? 4L * image.PixelWidth * image.PixelHeight : copy.Length;
            return new Photo(image, (2L * copy.Length) + pixels);
        }
    }

    /// <summary>
    /// <paramref name="encode"/> applied to <paramref name="data"/>, from the cache when the same bytes went through the
    /// same <paramref name="kind"/> of encoding before. A null result (nothing gained) is cached too.
    /// </summary>
    public static byte[]? Encode(string kind, byte[] data, Func<byte[], byte[]?> encode) =>
        Streams.GetOrAdd(kind + ":" + Hash(data), () => new Encoded(encode(data)), static e => e.Size).Data;

    /// <summary>
    /// Gives every image XObject of the document its final encoding before it is saved. Layouts let PDFsharp encode
    /// images quickly (<see cref="PdfDeterminism.Configure"/>): JPEG data as it is, bitmaps deflated at the fastest
    /// level. Here JPEG data is deflated on top of DCT when that is smaller (photos made with the standard Huffman
    /// tables shrink by about 5 %), and bitmaps are deflated again at the best level.
    /// </summary>
    public static void CompressImages(PdfDocument document)
    {
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } image
                || image.Elements.GetName("/Subtype") != "/Image"
                || image.Elements.ContainsKey(PdfDictionary.PdfStream.Keys.DecodeParms)
                || image.Elements[PdfDictionary.PdfStream.Keys.Filter] is not PdfName filter)
            {
                continue;
            }

            var data = stream.Value;
            if (filter.Value == "/DCTDecode")
            {
                if (Encode($"dct-flate{ImageLevel}", data, DeflateIfSmaller) is { } deflated)
                {
                    SetStream(image, deflated);
                    var filters = new PdfArray(document);
                    filters.Elements.Add(new PdfName("/FlateDecode"));
                    filters.Elements.Add(new PdfName("/DCTDecode"));
                    image.Elements[PdfDictionary.PdfStream.Keys.Filter] = filters;
                }
            }
            else if (filter.Value == "/FlateDecode" && PdfFlate.IsZlib(data)
                && Encode($"reflate{ImageLevel}", data, static d => PdfFlate.Deflate(PdfFlate.Inflate(d, 0, d.Length), ImageLevel)) is { } best
                && best.Length < data.Length)
            {
                SetStream(image, best);
            }
        }
    }

    private static byte[]? DeflateIfSmaller(byte[] data)
    {
        var deflated = PdfFlate.Deflate(data, ImageLevel);
        return deflated.Length < data.Length ? deflated : null;
    }

    private static void SetStream(PdfDictionary image, byte[] cached)
    {
        // REVIEW: the cached array itself, not a copy (1 MB of copying per render). Documents never leave the layout,
        // and PDFsharp only reads stream data when it writes an unencrypted file; encryption would change it in place.
        image.Stream!.Value = cached;
        image.Elements.SetInteger(PdfDictionary.PdfStream.Keys.Length, cached.Length);
    }

    private static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

    private sealed record Encoded(byte[]? Data)
    {
        public long Size => 100 + (Data?.Length ?? 0);
    }
}
