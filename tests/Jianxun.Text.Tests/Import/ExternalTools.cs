using System.Diagnostics;
using Jianxun.Testing;

namespace Jianxun.Text.Tests.Import;

/// <summary>LibreOffice and Chromium, when the machine has them: they make the "foreign" PDFs the reader must cope with.</summary>
internal static class ExternalTools
{
    public static string? Soffice => Find("soffice", "libreoffice");

    public static string? Chromium => Find("chromium", "chromium-browser", "google-chrome");

    private static string? Find(params string[] names)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/bin"))
        {
            foreach (var name in names)
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Runs a tool in a fresh temporary folder (also its HOME) and returns the bytes of the file it made.</summary>
    public static byte[] Run(string tool, Func<string, (string Arguments, string Output)> command, Action<string> prepare)
    {
        var dir = Directory.CreateTempSubdirectory("jx-import-");
        try
        {
            prepare(dir.FullName);
            var (arguments, output) = command(dir.FullName);
            var start = new ProcessStartInfo(tool, arguments)
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["HOME"] = dir.FullName;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish in 120 s");
            }

            var path = Path.Combine(dir.FullName, output);
            Assert.True(File.Exists(path), $"{tool} made no {output}: {stdout.Result} {stderr.Result}");
            return File.ReadAllBytes(path);
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A lingering child process may still hold a file; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>A fact skipped when LibreOffice is not installed.</summary>
internal sealed class SofficeFactAttribute : FactAttribute
{
    public SofficeFactAttribute()
    {
        Skip = Requirements.SkipReason(Requirements.LibreOffice, ExternalTools.Soffice is not null, "LibreOffice (soffice) is not installed");
    }
}

/// <summary>A fact skipped when Chromium is not installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = Requirements.SkipReason(Requirements.Chromium, ExternalTools.Chromium is not null, "Chromium is not installed");
    }
}
