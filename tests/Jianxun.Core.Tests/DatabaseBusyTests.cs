using Jianxun.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jianxun.Core.Tests;

/// <summary>Which database errors mean "another transaction held the locks too long" (503, try again) rather than a fault.</summary>
public sealed class DatabaseBusyTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new SqliteException("database is locked", 5), true },
        { new SqliteException("database table is locked", 6), true },
        { new DbUpdateException("wrapped", new SqliteException("database is locked", 5)), true },
        { new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), true },
        { new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled), true },
        { new PostgresException("could not obtain lock", "ERROR", "ERROR", PostgresErrorCodes.LockNotAvailable), true },
        { new SqliteException("UNIQUE constraint failed", 19), false },
        { new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), false },
        { new NpgsqlException("connection refused"), false },
        { new InvalidOperationException("something else"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_RecognisesLockWaitsThatGaveUp_AndNothingElse(Exception exception, bool busy)
        => Assert.Equal(busy, DatabaseBusy.Is(exception));
}
