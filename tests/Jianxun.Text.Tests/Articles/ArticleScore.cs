using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jianxun.Testing;
using Jianxun.Text.Tests.Import;

namespace Jianxun.Text.Tests.Articles;

/// <summary>Field-by-field comparison of a proposed draft with the fixture's truth, and the fixtures in legacy formats.</summary>
internal static class ArticleScore
{
    public static readonly string[] Fields = ["title", "paragraphs", "photos", "authors", "units", "phone", "date"];

    /// <summary>For each field: whether the draft has it exactly (null when the fixture has no such field to find).</summary>
    public static Dictionary<string, bool?> Compare(ArticleTruth truth, ArticleDraft draft, bool photosExpected = true) => new()
    {
        ["title"] = draft.Title == truth.Title,
        ["paragraphs"] = draft.Paragraphs.SequenceEqual(truth.Paragraphs),
        // A text file holds no pictures: its captions are not a field it can be scored on.
        ["photos"] = photosExpected ? draft.Photos.Select(p => p.Caption).SequenceEqual(truth.Captions) : null,
        ["authors"] = draft.Authors.Order(StringComparer.Ordinal).SequenceEqual(truth.Authors.Order(StringComparer.Ordinal)),
        ["units"] = draft.Units.Order(StringComparer.Ordinal).SequenceEqual(truth.Units.Order(StringComparer.Ordinal)),
        ["phone"] = truth.Phone is null ? null : draft.Phone == truth.Phone,
        ["date"] = draft.EventDate == truth.EventDate,
    };

    /// <summary>What went wrong, for the test output.</summary>
    public static string Explain(ArticleTruth truth, ArticleDraft draft, Dictionary<string, bool?> result)
    {
        var sb = new StringBuilder();
        foreach (var (field, ok) in result.Where(r => r.Value == false))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {truth.Name}.{field}: got ").Append(field switch
            {
                "title" => draft.Title,
                "paragraphs" => string.Join(" | ", draft.Paragraphs),
                "photos" => string.Join(" | ", draft.Photos.Select(p => p.Caption)) + $" ({draft.Photos.Count})",
                "authors" => string.Join(" ", draft.Authors),
                "units" => string.Join(" ", draft.Units),
                "phone" => draft.Phone,
                _ => draft.EventDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>Converts every DOCX to <paramref name="format"/> (doc, odt, rtf) in one LibreOffice run.</summary>
    public static Dictionary<string, byte[]> ConvertAll(IEnumerable<(string Name, byte[] Docx)> documents, string format)
    {
        var soffice = ExternalTools.Soffice ?? throw new InvalidOperationException("LibreOffice is required");
        var dir = Directory.CreateTempSubdirectory("jx-article-");
        try
        {
            var names = new List<string>();
            foreach (var (name, docx) in documents)
            {
                File.WriteAllBytes(Path.Combine(dir.FullName, name + ".docx"), docx);
                names.Add(name);
            }

            var start = new ProcessStartInfo(soffice) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-env:UserInstallation=" + new Uri(Path.Combine(dir.FullName, "profile") + "/").AbsoluteUri, "--headless", "--norestore", "--convert-to", format, "--outdir", Path.Combine(dir.FullName, "out") }
                         .Concat(names.Select(n => Path.Combine(dir.FullName, n + ".docx"))))
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["HOME"] = dir.FullName;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("soffice did not finish in 180 s");
            }

            return names.ToDictionary(n => n, n =>
            {
                var path = Path.Combine(dir.FullName, "out", n + "." + format);
                Assert.True(File.Exists(path), $"soffice made no {n}.{format}: {stdout.Result} {stderr.Result}");
                return File.ReadAllBytes(path);
            });
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A lingering child may hold a file; the temp folder is cleaned by the OS.
            }
        }
    }
}
