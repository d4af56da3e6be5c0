using System.Globalization;
using System.Text;

namespace Jianxun.Text.Tests.Families;

/// <summary>One file read and scored: which family, producer and split, and its score (0 when the import failed).</summary>
internal sealed record ScoredFile(string Set, string Producer, bool HeldOut, string File, double Score, string? Error);

/// <summary>
/// Scores every committed family fixture (and the text fixtures at other widths) with the C# port of score.py, and
/// renders the table that docs/import-quality.md carries.
/// </summary>
internal static class ImportQuality
{
    public const string UpdateVariable = "JIANXUN_UPDATE_IMPORT_REPORT";
    public const string DumpVariable = "JIANXUN_IMPORT_DUMP";
    public const string Begin = "<!-- import-quality:begin -->";
    public const string End = "<!-- import-quality:end -->";

    public static readonly Lazy<List<ScoredFile>> Families = new(ScoreFamilies);

    public static readonly Lazy<List<ScoredFile>> Widths = new(ScoreWidths);

    /// <summary>The producer name of the scans (FamilyScans: LibreOffice's PDF printed, scanned and read by OCR).</summary>
    public const string ScanProducer = "scan (OCR)";

    public static readonly Lazy<List<ScoredFile>> Scans = new(ScoreScans);

    private static List<ScoredFile> ScoreFamilies()
    {
        var result = new List<ScoredFile>();
        foreach (var family in Family.All)
        {
            foreach (var seed in FamilyFixtures.Seeds)
            {
                var truth = File.ReadAllText(FamilyFixtures.FilePath(family, seed, ".truth.json"));
                foreach (var producer in Producer.All)
                {
                    var path = FamilyFixtures.FilePath(family, seed, producer.Extension);
                    var (score, error) = ScoreFile(truth, family.Name + "." + Path.GetFileName(path), File.ReadAllBytes(path));
                    result.Add(new ScoredFile(family.Name, producer.Name, Family.HeldOutSeeds.Contains(seed), family.Name + "/" + Path.GetFileName(path), score, error));
                }
            }
        }

        return result;
    }

    private static List<ScoredFile> ScoreScans()
    {
        var result = new List<ScoredFile>();
        foreach (var family in FamilyScans.Families)
        {
            foreach (var seed in FamilyFixtures.Seeds)
            {
                var truth = File.ReadAllText(FamilyFixtures.FilePath(family, seed, ".truth.json"));
                var path = FamilyFixtures.FilePath(family, seed, FamilyScans.Extension);
                var (score, error) = ScoreFile(truth, family.Name + "." + Path.GetFileName(path), File.ReadAllBytes(path));
                result.Add(new ScoredFile(family.Name, ScanProducer, Family.HeldOutSeeds.Contains(seed), family.Name + "/" + Path.GetFileName(path), score, error));
            }
        }

        return result;
    }

    /// <summary>The hand-written text fixtures re-rendered at 60 and 76 units a line (Fixtures/Widths, by render.py).</summary>
    private static List<ScoredFile> ScoreWidths()
    {
        var result = new List<ScoredFile>();
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "Widths"), "*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path); // 001_spaced.w60
            var width = name[(name.LastIndexOf('.') + 1)..];
            var truth = File.ReadAllText(Path.Combine(TestPaths.Fixtures, name[..name.LastIndexOf('.')] + ".truth.json"));
            var (score, error) = ScoreFile(truth, Path.GetFileName(path), File.ReadAllBytes(path));
            result.Add(new ScoredFile("text-fixtures", "text " + width, HeldOut: false, "Widths/" + Path.GetFileName(path), score, error));
        }

        return result;
    }

    public static (double Score, string? Error) ScoreFile(string truth, string name, byte[] bytes)
    {
        try
        {
            var json = BulletinJson.Serialize(BulletinImporter.Import(name, bytes));
            if (Environment.GetEnvironmentVariable(DumpVariable) is { Length: > 0 } dump)
            {
                // For looking at what went wrong: python3 score.py TRUTH DUMP/NAME.json -v
                File.WriteAllText(Path.Combine(dump, name + ".json"), json);
            }

            return (BulletinScorer.Score(truth, json)["score"], null);
        }
        catch (BulletinImportException e)
        {
            // A file that does not import scores 0 and is named in the report.
            return (0, e.Message);
        }
    }

    /// <summary>The table of every set; <paramref name="withScans"/> adds the scans (which need Tesseract).</summary>
    public static string Table(bool withScans = false)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| set | producer | tuning mean | tuning worst | held-out mean | held-out worst |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|");
        static string F(IEnumerable<ScoredFile> files, Func<IEnumerable<double>, double> f) =>
            files.Any() ? f(files.Select(x => x.Score)).ToString("0.000", CultureInfo.InvariantCulture) : "–";

        var groups = Families.Value.GroupBy(f => (f.Set, f.Producer))
            .Concat(Families.Value.GroupBy(f => ("all families", f.Producer)))
            .Concat(Widths.Value.GroupBy(f => (f.Set, f.Producer)))
            .Concat(withScans ? Scans.Value.GroupBy(f => (f.Set, f.Producer)).Concat(Scans.Value.GroupBy(f => ("scanned families", f.Producer))) : []);
        foreach (var g in groups)
        {
            var tuning = g.Where(f => !f.HeldOut).ToList();
            var held = g.Where(f => f.HeldOut).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"| {g.Key.Item1} | {g.Key.Item2} | {F(tuning, s => s.Average())} | {F(tuning, s => s.Min())} | {F(held, s => s.Average())} | {F(held, s => s.Min())} |").AppendLine();
        }

        foreach (var failed in Families.Value.Concat(Widths.Value).Concat(withScans ? Scans.Value : []).Where(f => f.Error is not null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nNot imported: {failed.File}: {failed.Error}").AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>Rewrites the marked block of docs/import-quality.md (run with JIANXUN_UPDATE_IMPORT_REPORT=1).</summary>
    public static void UpdateReport(string table)
    {
        var path = Path.Combine(Path.GetDirectoryName(FamilyFixtures.SourceDirectory())!, "..", "..", "..", "docs", "import-quality.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("docs/import-quality.md lacks the import-quality markers");
        }

        File.WriteAllText(path, text[..(start + Begin.Length)] + "\n" + table + text[end..]);
    }
}
