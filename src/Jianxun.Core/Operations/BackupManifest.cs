using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jianxun.Core.Data;

namespace Jianxun.Core.Operations;

/// <summary>
/// <c>manifest.json</c> of a backup archive (ADR-032): what made it, when, the database's schema and row counts, and the
/// size and SHA-256 of every other entry. Restore trusts nothing in the archive that this does not list.
/// </summary>
public sealed record BackupManifest
{
    /// <summary>Says the zip is a Jianxun backup (and not any zip with a manifest.json).</summary>
    public const string FormatName = "jianxun-backup";

    /// <summary>The archive layout this program writes and reads; a higher one is refused.</summary>
    public const int CurrentFormatVersion = 1;

    public const string EntryName = "manifest.json";

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string AppVersion { get; init; }
    public required DatabaseProvider Provider { get; init; }

    /// <summary>The last migration applied to the database when it was copied.</summary>
    public required string SchemaMigration { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Rows per table of the EF model (and the migrations history), counted in the copied snapshot.</summary>
    public required SortedDictionary<string, long> Tables { get; init; }

    public required IReadOnlyList<BackupPart> Parts { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>This program's version, as written into manifests and compared on restore (1.2.3, without a commit suffix).</summary>
    public static string ThisAppVersion
    {
        get
        {
            var assembly = typeof(BackupManifest).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational?.Split('+')[0];
            return string.IsNullOrEmpty(version) ? assembly.GetName().Version?.ToString(3) ?? "0.0.0" : version;
        }
    }
}

/// <summary>One entry of the archive: <c>database/…</c>, <c>files/…</c> (the data directory's stored files) or <c>keys/…</c>.</summary>
public sealed record BackupPart(string Path, long Size, string Sha256)
{
    public const string DatabasePrefix = "database/";
    public const string FilesPrefix = "files/";
    public const string KeysPrefix = "keys/";
}
