using System.ComponentModel.DataAnnotations;

namespace Jianxun.Core.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>The <c>Jianxun</c> settings section, shared by the web app and the command line.</summary>
public sealed class JianxunOptions
{
    public const string SectionName = "Jianxun";

    /// <summary>Holds the SQLite database, uploads, generated files and data-protection keys. Relative paths are resolved against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the web app starts (always on in Development).</summary>
    public bool ApplyMigrationsOnStartup { get; set; }

    /// <summary>Fill an empty database with the invented demo organisation (on in Development).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Lifetime of API access tokens, in minutes.</summary>
    [Range(5, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>
    /// The PDF reader process's assembly (ADR-019); empty: <c>Jianxun.PdfWorker.dll</c> beside the app, where every build and
    /// publish puts it. Checked at start: when missing, <c>/healthz</c> is Degraded and PDFs are refused with a 503.
    /// </summary>
    public string? PdfWorkerPath { get; set; }

    /// <summary>
    /// The office's time zone (IANA id, e.g. <c>Asia/Shanghai</c>): what "today" is for defaults, deadlines, scoring months and
    /// the times shown, whatever the server's own zone.
    /// </summary>
    public string TimeZone { get; set; } = Common.OfficeClock.DefaultTimeZone;

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);
}
