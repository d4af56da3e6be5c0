using System.Text.Json.Serialization;

namespace Jianxun.Text;

/// <summary>What the PDF reader process is asked to do with its file (ADR-019).</summary>
internal enum PdfReaderTask
{
    /// <summary>The pages' glyphs and image boxes, for an import (<see cref="PdfBulletinReader.Extract"/>).</summary>
    Pages,

    /// <summary>Only open the file and count its pages, for a scan kept as it is (<see cref="PdfBulletinReader.CountPagesInThisProcess"/>).</summary>
    Count,
}

/// <summary>How the reader process ended its work.</summary>
internal enum PdfReaderOutcome
{
    Read,

    /// <summary>The reader refused the file: <see cref="PdfReaderResult.Error"/> and its Chinese message.</summary>
    Refused,

    /// <summary>The managed heap hit its hard limit (<c>DOTNET_GCHeapHardLimit</c>) inside the reader.</summary>
    OutOfMemory,
}

/// <summary>The reader process's answer, written as JSON to the file the parent names.</summary>
internal sealed record PdfReaderResult
{
    public required PdfReaderOutcome Outcome { get; init; }

    public BulletinImportError Error { get; init; }

    public string? Message { get; init; }

    public int PageCount { get; init; }

    public List<PdfPageDto>? Pages { get; init; }

    /// <summary>The reader process's own peak resident memory, as it saw it just before answering.</summary>
    public long PeakMemoryBytes { get; init; }
}

/// <summary>
/// One page as <see cref="PdfPageContent"/> holds it; image boxes by their four corners (they may be rotated); whether the
/// page is a scan to read by OCR (ADR-029).
/// </summary>
internal sealed record PdfPageDto(int Number, double Width, double Height, List<PdfGlyph> Glyphs, List<double[]> Images, bool NeedsOcr = false)
{
    /// <summary>The bars, boxes and rules drawn on the page.</summary>
    public List<PdfShape>? Shapes { get; init; }
}

/// <summary>
/// Source-generated, so that neither side needs reflection. Positions are doubles written in their shortest round-trip
/// form, so the parent lays out exactly the numbers the child read; NaN and infinities (broken font matrices) pass as names.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PdfReaderResult))]
internal sealed partial class PdfReaderJson : JsonSerializerContext;
