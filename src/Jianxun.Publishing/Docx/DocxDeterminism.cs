using System.IO.Compression;

namespace Jianxun.Publishing.Docx;

/// <summary>
/// Makes a DOCX byte-repeatable (ADR-021). The renderer names every relationship itself (OpenXml would draw a random
/// <c>R</c> + 16 hex digits for each); this class writes OpenXml's package again as a zip in which only the content
/// decides the bytes: the parts in one order, every entry dated 1980-01-01 00:00 (the earliest time a zip can state, the
/// same in every zone), XML deflated at one fixed level, photos stored as they are (a PNG or JPEG does not deflate), and
/// no file attributes. The package has no document properties part, so no creation or modification date either.
/// </summary>
/// <remarks>
/// REVIEW: .NET writes the "version made by" byte of each entry from the operating system (Unix or Windows), so a file
/// rendered on Windows differs in those bytes from one rendered on Linux; the golden hash is Linux's, where CI runs.
/// </remarks>
internal static class DocxDeterminism
{
    /// <summary>The zip's earliest date: MS-DOS time 0 counts from 1980, and the entry time carries no zone.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Repack(MemoryStream package)
    {
        package.Position = 0;
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new MemoryStream((int)package.Length + 4096);
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(Rank).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, IsMedia(entry) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                copy.ExternalAttributes = 0;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    /// <summary>The content types first and the package relationships next, as Word writes them; then by name.</summary>
    private static int Rank(ZipArchiveEntry entry) => entry.FullName switch
    {
        "[Content_Types].xml" => 0,
        "_rels/.rels" => 1,
        _ => 2,
    };

    private static bool IsMedia(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
        || entry.FullName.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase);
}
