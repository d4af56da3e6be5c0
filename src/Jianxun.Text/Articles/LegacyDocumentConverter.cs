using System.Diagnostics;

namespace Jianxun.Text;

/// <summary>
/// Converts .doc, .wps, .rtf and .odt to DOCX with LibreOffice headless (ADR-030): one conversion at a time, in a
/// temporary folder with its own LibreOffice profile, killed with its whole process tree when it overruns its time limit.
/// The DOCX it makes is then read under the same limits as an uploaded one. Without LibreOffice, <see cref="IsAvailable"/>
/// is false and those formats get a Chinese refusal; .docx and .txt never need it.
/// </summary>
public sealed class LegacyDocumentConverter : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly TimeSpan _timeLimit;

    /// <param name="sofficePath">The soffice program; null or empty: looked up on PATH.</param>
    /// <param name="timeLimit">Wall time of one conversion (default <see cref="UserFileLimits.ConversionTimeLimit"/>).</param>
    public LegacyDocumentConverter(string? sofficePath, TimeSpan? timeLimit = null)
    {
        _timeLimit = timeLimit ?? UserFileLimits.ConversionTimeLimit;
        SofficePath = string.IsNullOrWhiteSpace(sofficePath) ? FindOnPath("soffice", "libreoffice") : File.Exists(sofficePath) ? sofficePath : null;
    }

    /// <summary>The program used, or null when none was found.</summary>
    public string? SofficePath { get; }

    public bool IsAvailable => SofficePath is not null;

    /// <summary>Converts one document; throws <see cref="BulletinImportException"/> (Chinese) when it cannot.</summary>
    public async Task<byte[]> ConvertToDocxAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken ct)
    {
        if (SofficePath is null)
        {
            throw ArticleDocumentFormat.Refusal(ArticleDocumentKind.Legacy);
        }

        // Conversions wait their turn, but not for ever: a queue longer than two conversions is refused.
        if (!await _one.WaitAsync(_timeLimit * 2, ct))
        {
            throw new BulletinImportException(BulletinImportError.TooLarge, "文档转换繁忙，请稍后再试。");
        }

        var dir = Directory.CreateTempSubdirectory("jx-convert-");
        try
        {
            var safeExt = extension.ToLowerInvariant() is ".doc" or ".wps" or ".rtf" or ".odt" ? extension.ToLowerInvariant() : ".doc";
            // The import filter is named, so LibreOffice never falls back to reading unknown bytes as plain text.
            // REVIEW: WPS Office's .wps is read as Word 97 (WPS writes that compound format); LibreOffice has no filter of its own for it.
            var filter = safeExt switch
            {
                ".rtf" => "Rich Text Format",
                ".odt" => "writer8",
                _ => "MS Word 97",
            };
            var input = Path.Combine(dir.FullName, "input" + safeExt);
            var output = Path.Combine(dir.FullName, "out");
            var profile = Path.Combine(dir.FullName, "profile");
            await File.WriteAllBytesAsync(input, content, ct);
            var start = new ProcessStartInfo(SofficePath)
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                         "-env:UserInstallation=" + new Uri(profile + "/").AbsoluteUri, "--headless", "--invisible", "--norestore", "--nologo",
                         "--nodefault", "--nolockcheck", "--infilter=" + filter, "--convert-to", "docx:MS Word 2007 XML", "--outdir", output, input])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = dir.FullName;
            using var process = Process.Start(start) ?? throw new BulletinImportException(BulletinImportError.UnsupportedFormat, "文档转换程序无法启动。");
            var drainOut = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var drainErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(_timeLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                throw new BulletinImportException(BulletinImportError.TooLarge,
                    UserFileLimits.Invariant($"文档转换超时：每个文件的转换时间不超过 {_timeLimit.TotalSeconds:0} 秒，转换已被终止。文件可能已损坏或过于复杂，请在 Word/WPS 中另存为 .docx 后上传。"));
            }

            await Task.WhenAll(drainOut, drainErr);
            var converted = Path.Combine(output, "input.docx");
            if (!File.Exists(converted))
            {
                throw new BulletinImportException(BulletinImportError.Corrupt,
                    "文档无法转换：文件可能设有密码、已损坏，或不是 Word/WPS 文档。请在 Word/WPS 中打开并另存为 .docx 后上传。");
            }

            if (new FileInfo(converted).Length > UserFileLimits.MaxArticleDocumentBytes)
            {
                throw BulletinImporter.TooLarge(new FileInfo(converted).Length, UserFileLimits.MaxArticleDocumentBytes);
            }

            return await File.ReadAllBytesAsync(converted, ct);
        }
        finally
        {
            _one.Release();
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A killed child may still hold a file for a moment; the system's temp cleaning removes the rest.
            }
        }
    }

    public void Dispose() => _one.Dispose();

    private static string? FindOnPath(params string[] names)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
