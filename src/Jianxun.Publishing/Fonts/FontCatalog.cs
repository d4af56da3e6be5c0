using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jianxun.Publishing.Fonts;

namespace Jianxun.Publishing;

/// <summary>
/// The TrueType fonts in one directory, by family name. By default the <c>fonts/</c> folder beside the assembly,
/// where the build copies the Noto CJK fonts; an organisation can point it at its own licensed fonts
/// (仿宋_GB2312, 方正小标宋简体 …). Families are found by the fonts' name tables (every language), and an optional
/// <c>fontmap.txt</c> in the directory adds aliases: lines such as <c>仿宋 = simfang.ttf</c> or
/// <c>小标宋:bold = FZXBSJW.ttf</c>. Call <see cref="Validate(TypesetSettings)"/> when the host starts.
/// </summary>
public sealed class FontCatalog
{
    public const string MapFileName = "fontmap.txt";

    private static readonly Lazy<FontCatalog> DefaultCatalog = new(() => Load(DefaultDirectory));

    private readonly Dictionary<string, FaceSet> _families;
    private readonly ConcurrentDictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);

    private FontCatalog(string directory, Dictionary<string, FaceSet> families, IReadOnlyList<string> problems)
    {
        Directory = directory;
        _families = families;
        Problems = problems;
        Key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..12];
    }

    /// <summary><c>fonts/</c> beside the running assembly.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>The catalog of <see cref="DefaultDirectory"/>, loaded once.</summary>
    public static FontCatalog Default => DefaultCatalog.Value;

    public string Directory { get; }

    /// <summary>Family names found (including aliases from the map file).</summary>
    public IReadOnlyCollection<string> Families => _families.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Files that were skipped, and why (CFF fonts, collections, unreadable files).</summary>
    public IReadOnlyList<string> Problems { get; }

    internal string Key { get; }

    /// <summary>Scans a directory for TrueType fonts. A missing directory gives an empty catalog; <see cref="Validate(TypesetSettings)"/> reports it.</summary>
    public static FontCatalog Load(string? directory = null)
    {
        var root = Path.GetFullPath(directory ?? DefaultDirectory);
        var families = new Dictionary<string, FaceSet>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        if (!System.IO.Directory.Exists(root))
        {
            return new FontCatalog(root, families, [$"directory '{root}' does not exist"]);
        }

        var files = System.IO.Directory.EnumerateFiles(root)
            .Where(f => f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var info = TrueTypeInfo.TryRead(file, out var problem);
            if (info is null)
            {
                problems.Add($"{Path.GetFileName(file)}: {problem}");
                continue;
            }

            foreach (var name in info.FamilyNames)
            {
                Add(families, name, file, info.IsBold, info.IsItalic);
            }
        }

        var map = Path.Combine(root, MapFileName);
        if (File.Exists(map))
        {
            ReadMap(root, map, families, problems);
        }

        return new FontCatalog(root, families, problems);
    }

    public bool HasFamily(string family) => _families.ContainsKey(family);

    /// <summary>Throws <see cref="FontNotFoundException"/> unless every family the settings use is here.</summary>
    public void Validate(TypesetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings.RequiredFontFamilies());
    }

    /// <summary>Throws <see cref="FontNotFoundException"/> for the first family that is not here.</summary>
    public void Validate(IEnumerable<string> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        foreach (var family in families)
        {
            if (!HasFamily(family))
            {
                throw new FontNotFoundException(family, Directory, Families);
            }
        }
    }

    /// <summary>The file for a family and weight; bold falls back to the regular face with simulated bold.</summary>
    internal (string Path, bool SimulateBold) Resolve(string family, bool bold)
    {
        if (!_families.TryGetValue(family, out var set))
        {
            throw new FontNotFoundException(family, Directory, Families);
        }

        if (bold)
        {
            return set.Bold is { } b ? (b, false) : (set.Regular ?? set.Any, true);
        }

        return (set.Regular ?? set.Any, false);
    }

    internal byte[] GetBytes(string path) => _bytes.GetOrAdd(path, File.ReadAllBytes);

    private static void Add(Dictionary<string, FaceSet> families, string name, string file, bool bold, bool italic)
    {
        if (!families.TryGetValue(name, out var set))
        {
            set = new FaceSet { Any = file };
            families[name] = set;
        }

        if (italic)
        {
            return;
        }

        if (bold)
        {
            set.Bold ??= file;
        }
        else
        {
            set.Regular ??= file;
        }
    }

    private static void ReadMap(string root, string map, Dictionary<string, FaceSet> families, List<string> problems)
    {
        foreach (var raw in File.ReadAllLines(map, Encoding.UTF8))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                problems.Add($"{MapFileName}: cannot read '{line}'");
                continue;
            }

            var name = parts[0];
            var bold = false;
            if (name.EndsWith(":bold", StringComparison.OrdinalIgnoreCase))
            {
                bold = true;
                name = name[..^5].Trim();
            }

            var file = Path.GetFullPath(Path.Combine(root, parts[1]));
            if (TrueTypeInfo.TryRead(file, out var problem) is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{MapFileName}: {parts[1]}: {problem}"));
                continue;
            }

            Add(families, name, file, bold, italic: false);
        }
    }

    private sealed class FaceSet
    {
        public required string Any { get; init; }

        public string? Regular { get; set; }

        public string? Bold { get; set; }
    }
}
