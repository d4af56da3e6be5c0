using System.Text.Json;
using Jianxun.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Operations;

/// <summary>One run of <c>jianxun backup</c>, as the administrators' page shows it.</summary>
public sealed record BackupRun(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Succeeded, string File, long Size, string? Error);

/// <summary>The last attempt and the last success; the two differ when the last run failed.</summary>
public sealed record BackupStatusRecord(BackupRun? LastAttempt, BackupRun? LastSuccess);

/// <summary>
/// <c>backup-status.json</c> in the data directory: written by the backup command (success or failure), read by
/// <c>/admin/backups</c>. A file, not a table: a backup that fails because the database is unreachable is still recorded,
/// and recording never changes the data being backed up. It is not part of any archive (ADR-032).
/// </summary>
public sealed class BackupStatus(IOptions<JianxunOptions> options)
{
    public const string FileName = "backup-status.json";

    private string PathName => Path.Combine(options.Value.ResolvedDataDirectory, FileName);

    public async Task<BackupStatusRecord> ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(PathName);
            return await JsonSerializer.DeserializeAsync<BackupStatusRecord>(stream, BackupManifest.Json, ct) ?? new BackupStatusRecord(null, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return new BackupStatusRecord(null, null);
        }
    }

    public async Task RecordAsync(BackupRun run, CancellationToken ct)
    {
        var previous = await ReadAsync(ct);
        var record = new BackupStatusRecord(run, run.Succeeded ? run : previous.LastSuccess);
        var temporary = PathName + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(PathName)!);
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(record, BackupManifest.Json), ct);
        File.Move(temporary, PathName, overwrite: true);
    }
}

public static class BackupServices
{
    /// <summary>The backup and restore of ADR-032 and the status record the administrators' page reads.</summary>
    public static IServiceCollection AddJianxunBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.SectionName));
        services.AddSingleton<BackupStatus>();
        services.AddScoped<BackupWriter>();
        services.AddScoped<BackupRestorer>();
        return services;
    }
}
