namespace Jianxun.Web.Infrastructure;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled exception for {Path}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string path);

    [LoggerMessage(2, LogLevel.Information, "Applied {Count} migrations on start-up ({Provider})")]
    public static partial void MigrationsApplied(ILogger logger, int count, string provider);

    [LoggerMessage(3, LogLevel.Information, "User {UserName} signed in with {Method}")]
    public static partial void SignedIn(ILogger logger, string userName, string method);

    [LoggerMessage(4, LogLevel.Warning, "Sign-in refused for {UserName} from {ClientAddress}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string userName, string clientAddress, string reason);

    [LoggerMessage(5, LogLevel.Warning, "The series' own fonts were not checked at start-up: the database could not be read")]
    public static partial void SeriesFontsNotChecked(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Rebuilding the search index after a migration: {Done}/{Total} articles")]
    public static partial void SearchRebuild(ILogger logger, int done, int total);

    [LoggerMessage(7, LogLevel.Information, "Search index rebuild started by {UserName}")]
    public static partial void SearchReindexStarted(ILogger logger, string userName);

    [LoggerMessage(8, LogLevel.Information, "Search index rebuilt: {Count} articles in {Seconds} s")]
    public static partial void SearchReindexSucceeded(ILogger logger, int count, string seconds);

    [LoggerMessage(9, LogLevel.Warning, "Search index rebuild cancelled: the app is stopping; the old index is kept")]
    public static partial void SearchReindexCancelled(ILogger logger);

    [LoggerMessage(10, LogLevel.Error, "Search index rebuild failed; the old index is kept")]
    public static partial void SearchReindexFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Error, "The end of a search index rebuild could not be audited")]
    public static partial void SearchReindexNotAudited(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Error, "{Problem}")]
    public static partial void PdfWorkerMissing(ILogger logger, string problem);
}
