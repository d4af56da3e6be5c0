using System.Globalization;
using Jianxun.Core.Data;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Storage;

/// <summary>Files under the data directory (uploads, generated issues). Names are generated, never taken from users.</summary>
public sealed class FileStore(IOptions<JianxunOptions> options, TimeProvider clock)
{
    private string Root => CoreServices.EnsureDataDirectory(options.Value);

    /// <summary>Writes the bytes under <paramref name="area"/>/yyyy/MM/ and returns the relative name to store.</summary>
    public async Task<string> SaveAsync(string area, byte[] content, string extension, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var relative = Path.Combine(area, now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture),
            Guid.NewGuid().ToString("N") + extension);
        var full = Resolve(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Write to a temporary name first, so a crash never leaves half a file under the real name.
        var temporary = full + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, ct);
        File.Move(temporary, full);
        return relative.Replace('\\', '/');
    }

    public Stream OpenRead(string relative) => File.OpenRead(Resolve(relative));

    public async Task<byte[]> ReadAllBytesAsync(string relative, CancellationToken ct) => await File.ReadAllBytesAsync(Resolve(relative), ct);

    public void Delete(string relative)
    {
        var full = Resolve(relative);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
    }

    private string Resolve(string relative)
    {
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Path escapes the data directory.");
        }
        return full;
    }
}
