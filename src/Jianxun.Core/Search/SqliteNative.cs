using System.Runtime.InteropServices;
using SQLitePCL;

namespace Jianxun.Core.Search;

/// <summary>
/// The two SQLite calls of the id loop in <see cref="SqliteSearchIndex"/>, bound straight to the bundled
/// <c>e_sqlite3</c> library that Microsoft.Data.Sqlite loads. SQLitePCL's wrappers take a <see cref="SafeHandle"/> and
/// add and release a reference on every call; over the 150,000–200,000 rows of a common phrase that was about a third
/// of the time spent stepping (measured: 45 → 31 ms for 195,473 rows, docs/performance.md).
/// Only used when SQLitePCL itself runs on <c>e_sqlite3</c>, so both bind the same library and the statement handle
/// belongs to it; another provider (a system SQLite, SQLCipher) keeps SQLitePCL's calls.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>Whether SQLitePCL runs on the bundled library (checked once).</summary>
    public static readonly bool IsBundled = string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal);

    /// <summary><c>sqlite3_step</c>; a normal transition, since a step may run for milliseconds.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(IntPtr statement);

    /// <summary><c>sqlite3_column_int64</c>: reads a value of the current row, a few instructions.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static partial long ColumnInt64(IntPtr statement, int column);
}
