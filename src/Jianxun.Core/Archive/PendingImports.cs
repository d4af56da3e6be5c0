using System.Security.Cryptography;
using System.Text.Json;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Archive;

/// <summary>
/// Uploads waiting between preview and commit, under <c>&lt;DataDirectory&gt;/imports/pending/&lt;token&gt;/</c>:
/// the file, who uploaded it, and the editor's working copy of the structure. Tokens are random; a token
/// belongs to the person who uploaded it. Leftovers older than a day are removed on the next upload.
/// </summary>
public sealed class PendingImports(IOptions<JianxunOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Meta(string FileName, int? UserId, DateTime CreatedAt);

    private string Root => Path.Combine(CoreServices.EnsureDataDirectory(options.Value), "imports", "pending");

    public async Task<string> SaveAsync(Actor actor, string fileName, byte[] content, CancellationToken ct)
    {
        RemoveExpired();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var dir = Path.Combine(Root, token);
        System.IO.Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, "source.bin"), content, ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "meta.json"),
            JsonSerializer.Serialize(new Meta(Path.GetFileName(fileName), actor.UserId, clock.GetUtcNow().UtcDateTime), Json), ct);
        return token;
    }

    /// <summary>The file of a pending upload; "not found" for unknown, expired or someone else's tokens.</summary>
    public async Task<(string FileName, byte[] Content)> LoadAsync(Actor actor, string token, CancellationToken ct)
    {
        var dir = Directory(actor, token);
        var meta = JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(Path.Combine(dir, "meta.json"), ct), Json)!;
        return (meta.FileName, await File.ReadAllBytesAsync(Path.Combine(dir, "source.bin"), ct));
    }

    public async Task SaveDraftAsync(Actor actor, string token, ImportPreviewDto draft, CancellationToken ct)
        => await File.WriteAllTextAsync(Path.Combine(Directory(actor, token), "draft.json"), JsonSerializer.Serialize(draft, Json), ct);

    public async Task<ImportPreviewDto?> LoadDraftAsync(Actor actor, string token, CancellationToken ct)
    {
        var path = Path.Combine(Directory(actor, token), "draft.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<ImportPreviewDto>(await File.ReadAllTextAsync(path, ct), Json) : null;
    }

    public void Delete(string token)
    {
        if (IsToken(token) && System.IO.Directory.Exists(Path.Combine(Root, token)))
        {
            System.IO.Directory.Delete(Path.Combine(Root, token), recursive: true);
        }
    }

    private string Directory(Actor actor, string token)
    {
        var dir = Path.Combine(Root, token ?? "");
        if (!IsToken(token) || !File.Exists(Path.Combine(dir, "meta.json")))
        {
            throw new NotFoundException("找不到待导入的文件（可能已导入或已过期），请重新上传。");
        }
        var meta = JsonSerializer.Deserialize<Meta>(File.ReadAllText(Path.Combine(dir, "meta.json")), Json);
        if (meta is null || (meta.UserId != actor.UserId && !actor.IsAdmin))
        {
            throw new NotFoundException("找不到待导入的文件（可能已导入或已过期），请重新上传。");
        }
        return dir;
    }

    private static bool IsToken(string? token) => token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower);

    private void RemoveExpired()
    {
        if (!System.IO.Directory.Exists(Root))
        {
            return;
        }
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Root))
        {
            try
            {
                if (System.IO.Directory.GetLastWriteTimeUtc(dir) < cutoff)
                {
                    System.IO.Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
                // Another request is using it; it goes next time.
            }
        }
    }
}
