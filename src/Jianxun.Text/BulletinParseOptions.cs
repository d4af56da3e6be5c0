namespace Jianxun.Text;

/// <summary>Options for <see cref="BulletinParser.Parse"/>.</summary>
public sealed class BulletinParseOptions
{
    /// <summary>Year used to resolve <c>M月D日</c> when the masthead states none.</summary>
    public int? DefaultYear { get; init; }

    /// <summary>Known units; their names become segmenter words and link organisations and credits.</summary>
    public IUnitRegistry? Units { get; init; }

    /// <summary>
    /// Names of people already known (the archive's persons, the users): found without a title or cue word before them,
    /// when a cue or a list mark follows (issue 16 point 6). Strings that do not look like a Chinese name are ignored.
    /// </summary>
    public IReadOnlyCollection<string>? KnownPersons { get; init; }

    /// <summary>Full line width in units; null estimates it from the document (the usual choice).</summary>
    public double? FullWidth { get; init; }

    /// <summary>Set false to skip dates, persons and organisations (faster).</summary>
    public bool ExtractEntities { get; init; } = true;

    /// <summary>Files larger than this are refused by <see cref="BulletinImporter"/> before any reading (<see cref="UserFileLimits.MaxImportBytes"/>).</summary>
    public long MaxFileBytes { get; init; } = UserFileLimits.MaxImportBytes;

    /// <summary>PDFs with more pages than this are refused (<see cref="UserFileLimits.MaxPdfPages"/>).</summary>
    public int MaxPages { get; init; } = UserFileLimits.MaxPdfPages;

    /// <summary>The PDF reader process's assembly (<c>Jianxun:PdfWorkerPath</c>, ADR-019); null: beside this app.</summary>
    public string? PdfWorkerPath { get; init; }

    /// <summary>Told before each scanned PDF page is read by OCR (ADR-029), for progress in the CLI and the import page.</summary>
    public IProgress<OcrPageProgress>? OcrProgress { get; init; }

    /// <summary>
    /// Reads a PDF with PdfPig in this process instead of the killable reader process (ADR-019). Internal on purpose: only
    /// the reader process itself and the parser's own tests may; nothing a user can reach can choose it.
    /// </summary>
    internal bool ReadPdfInThisProcess { get; init; }
}

/// <summary>The units (companies, bodies) a bulletin may mention.</summary>
public interface IUnitRegistry
{
    IReadOnlyList<UnitRegistryEntry> Units { get; }
}

/// <summary>A unit with its full name, short names and other aliases.</summary>
public sealed record UnitRegistryEntry(string Key, string Name, IReadOnlyList<string>? ShortNames = null, IReadOnlyList<string>? Aliases = null)
{
    /// <summary>Every name the unit is known by.</summary>
    public IEnumerable<string> AllNames()
    {
        yield return Name;
        foreach (var n in ShortNames ?? [])
        {
            yield return n;
        }

        foreach (var n in Aliases ?? [])
        {
            yield return n;
        }
    }
}

/// <summary>A registry held in memory.</summary>
public sealed class UnitRegistry(IReadOnlyList<UnitRegistryEntry> units) : IUnitRegistry
{
    public IReadOnlyList<UnitRegistryEntry> Units { get; } = units;
}
