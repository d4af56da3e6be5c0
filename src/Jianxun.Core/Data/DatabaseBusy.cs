using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jianxun.Core.Data;

/// <summary>
/// Recognises a write that gave up waiting for another transaction's locks: SQLite's "database is locked" (busy or
/// locked) after its busy timeout, PostgreSQL's command timeout or lock timeout. A search index rebuild holds its
/// locks for minutes, so saves made meanwhile end this way; users get "try again later" rather than an internal error.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                // 57014: statement cancelled by statement_timeout; 55P03: lock_not_available (lock_timeout, NOWAIT).
                case PostgresException { SqlState: PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable }:
                case NpgsqlException { InnerException: TimeoutException }:
                    return true;
            }
        }
        return false;
    }
}
