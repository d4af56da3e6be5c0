using Jianxun.Testing;
using Xunit.Abstractions;

namespace Jianxun.Text.Tests.Families;

/// <summary>
/// How well the readers read bulletins other tools made: per family and producer, tuning and held-out seeds apart.
/// Prints the table; JIANXUN_UPDATE_IMPORT_REPORT=1 also writes it into docs/import-quality.md.
/// </summary>
public sealed class ImportQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void FamilyFixtures_ReadByEveryReader_ScoreAboveTheFloors()
    {
        // The report's table has the scans too where they can be read by OCR (ScannedFamilies_… holds their floors).
        var table = ImportQuality.Table(withScans: OcrTools.OnThisMachine is not null || Requirements.IsRequired(Requirements.Tesseract));
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable(ImportQuality.UpdateVariable) == "1")
        {
            ImportQuality.UpdateReport(table);
        }

        var files = ImportQuality.Families.Value;
        Assert.Equal(Family.All.Count * FamilyFixtures.Seeds.Count() * Producer.All.Count, files.Count);
        foreach (var producer in Producer.All)
        {
            var mine = files.Where(f => f.Producer == producer.Name).ToList();
            var (tuningFloor, heldOutFloor, worstFloor) = Floors[producer.Name];
            Assert.True(mine.Where(f => !f.HeldOut).Average(f => f.Score) >= tuningFloor, $"{producer.Name} tuning mean below {tuningFloor}\n{table}");
            Assert.True(mine.Where(f => f.HeldOut).Average(f => f.Score) >= heldOutFloor, $"{producer.Name} held-out mean below {heldOutFloor}\n{table}");
            Assert.True(mine.Min(f => f.Score) >= worstFloor, $"{producer.Name}: a file below {worstFloor}\n{table}");
        }

        Assert.All(files, f => Assert.Null(f.Error));
    }

    [SkippableFact]
    public void ScannedFamilies_ReadByOcr_ScoreAboveTheFloor()
    {
        Requirements.SkipUnless(Requirements.Tesseract, OcrTools.OnThisMachine is not null, "Tesseract (tesseract-ocr, tesseract-ocr-chi-sim) or pdftoppm is not installed.");
        var files = ImportQuality.Scans.Value;
        output.WriteLine(string.Join("\n", files.Select(f => $"{f.File}: {f.Score:0.000} {f.Error}")));
        Assert.Equal(FamilyScans.Families.Count * FamilyFixtures.Seeds.Count(), files.Count);
        Assert.All(files, f => Assert.Null(f.Error));
        Assert.True(files.Where(f => !f.HeldOut).Average(f => f.Score) >= ScanFloors.Tuning, $"scan tuning mean below {ScanFloors.Tuning}");
        Assert.True(files.Where(f => f.HeldOut).Average(f => f.Score) >= ScanFloors.HeldOut, $"scan held-out mean below {ScanFloors.HeldOut}");
        Assert.All(files, f => Assert.True(f.Score >= ScanFloors.Worst, $"{f.File}: {f.Score:0.000}"));
    }

    [Fact]
    public void TextFixtures_AtWidths60And76_ScoreAboveTheFloor()
    {
        var files = ImportQuality.Widths.Value;
        output.WriteLine(string.Join("\n", files.Select(f => $"{f.File}: {f.Score:0.000}")));
        Assert.True(files.Count >= 12);
        Assert.True(files.Average(f => f.Score) >= WidthMeanFloor, $"mean {files.Average(f => f.Score):0.000}");
        Assert.All(files, f => Assert.True(f.Score >= WidthWorstFloor, $"{f.File}: {f.Score:0.000}"));
    }

    // Floors at what the readers reach today (docs/import-quality.md), a little under, so a regression fails.
    private static readonly Dictionary<string, (double Tuning, double HeldOut, double Worst)> Floors = new()
    {
        ["docx"] = (0.97, 0.97, 0.95),
        ["libreoffice-pdf"] = (0.94, 0.95, 0.60),
        ["chromium-pdf"] = (0.92, 0.92, 0.55),
    };

    // The scans read by OCR (FamilyScans), under the figures measured on the complete sets (docs/import-quality.md: tuning
    // 0.69–0.80, the one held-out set finished 0.54), with room for what the unfinished sets may show.
    private static readonly (double Tuning, double HeldOut, double Worst) ScanFloors = (0.60, 0.45, 0.25);

    private const double WidthMeanFloor = 0.95;
    private const double WidthWorstFloor = 0.75;
}
