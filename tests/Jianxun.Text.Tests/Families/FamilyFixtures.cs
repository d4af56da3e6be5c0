using System.Diagnostics;
using Jianxun.Text.Tests.Import;

namespace Jianxun.Text.Tests.Families;

/// <summary>A producer: the tool that made a file people then import.</summary>
internal sealed record Producer(string Name, string Extension)
{
    public static readonly Producer Docx = new("docx", ".docx");
    public static readonly Producer LibreOfficePdf = new("libreoffice-pdf", ".lo.pdf");
    public static readonly Producer ChromiumPdf = new("chromium-pdf", ".chromium.pdf");

    public static readonly IReadOnlyList<Producer> All = [Docx, LibreOfficePdf, ChromiumPdf];
}

/// <summary>
/// The committed family fixtures (Families/Fixtures/&lt;family&gt;/sN.*): truth JSON, the DOCX, the HTML, and the PDFs
/// LibreOffice and Chromium made of them. Regenerated only on request, because the tools take a minute.
/// </summary>
internal static class FamilyFixtures
{
    public const string RegenerateVariable = "JIANXUN_REGENERATE_FAMILIES";

    /// <summary>Where the tests read them (copied beside the test assembly).</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Families", "Fixtures");

    public static string FileName(int seed, string extension) => "s" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + extension;

    public static string FilePath(Family family, int seed, string extension) => Path.Combine(Directory, family.Name, FileName(seed, extension));

    /// <summary>The source folder in the repository (for regeneration).</summary>
    public static string SourceDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "tests", "Jianxun.Text.Tests", "Families", "Fixtures");
    }

    public static IEnumerable<int> Seeds => Family.TuningSeeds.Concat(Family.HeldOutSeeds);

    /// <summary>Writes every family's truth, DOCX and HTML, then has LibreOffice and Chromium make the PDFs.</summary>
    public static void Regenerate()
    {
        var root = SourceDirectory();
        var soffice = ExternalTools.Soffice ?? throw new InvalidOperationException("soffice not found");
        var chromium = ExternalTools.Chromium ?? throw new InvalidOperationException("chromium not found");
        var profile = System.IO.Directory.CreateTempSubdirectory("jx-families-");
        try
        {
            foreach (var family in Family.All)
            {
                var dir = Path.Combine(root, family.Name);
                System.IO.Directory.CreateDirectory(dir);
                foreach (var seed in Seeds)
                {
                    var bulletin = FamilyBulletin.Invent(family.ContentSeed(seed));
                    File.WriteAllText(Path.Combine(dir, FileName(seed, ".truth.json")), bulletin.TruthJson());
                    File.WriteAllBytes(Path.Combine(dir, FileName(seed, ".docx")), new FamilyDocx(family, bulletin).Write());
                    File.WriteAllText(Path.Combine(dir, FileName(seed, ".html")), new FamilyHtml(family, bulletin).Write());
                }

                // One LibreOffice run per family converts all its DOCX (sN.docx → sN.pdf → sN.lo.pdf).
                var work = System.IO.Directory.CreateDirectory(Path.Combine(profile.FullName, family.Name)).FullName;
                var docx = Seeds.Select(s => FileName(s, ".docx")).ToList();
                foreach (var d in docx)
                {
                    File.Copy(Path.Combine(dir, d), Path.Combine(work, d));
                }

                Run(soffice, $"-env:UserInstallation=file://{profile.FullName}/lo --headless --norestore --convert-to pdf --outdir \"{work}\" " + string.Join(' ', docx), work, profile.FullName);
                foreach (var seed in Seeds)
                {
                    File.Copy(Path.Combine(work, FileName(seed, ".pdf")), Path.Combine(dir, FileName(seed, ".lo.pdf")), overwrite: true);
                    var html = Path.Combine(dir, FileName(seed, ".html"));
                    var pdf = Path.Combine(dir, FileName(seed, ".chromium.pdf"));
                    Run(chromium, $"--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=\"{profile.FullName}/chromium\" --no-pdf-header-footer --print-to-pdf=\"{pdf}\" \"file://{html}\"", work, profile.FullName);
                }
            }
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static void Run(string tool, string arguments, string workingDirectory, string home)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 300 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stdout.Result} {stderr.Result}");
        }
    }
}
