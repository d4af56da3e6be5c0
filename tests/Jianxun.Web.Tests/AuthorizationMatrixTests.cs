using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jianxun.Testing;
using Xunit.Abstractions;

namespace Jianxun.Web.Tests;

/// <summary>
/// The authorization matrix of issue 15: every operation the app's OpenAPI document lists × every role × the objects of
/// <see cref="AuthorizationMatrix"/>. Fails on a 2xx where denial is due, on any 5xx, on an allowed role refused as
/// unauthenticated or forbidden, on a hidden object that answers otherwise than an unknown one, and on an operation
/// without an entry; on each database.
/// </summary>
public abstract partial class AuthorizationMatrixTests(JianxunApplicationFactory app, ITestOutputHelper output)
{
    private enum Verdict
    {
        Allowed,
        Denied,
        GapOpen,
        GapClosed,
        Failed,
    }

    private sealed record Cell(MatrixOperation Operation, MatrixCase Case, MatrixRole Role, int Status, Verdict Verdict, string Note);

    [SkippableFact]
    public async Task EveryOperationAndRole_AnswersAsTheTableSays()
    {
        TestDatabase.SkipIfUnavailable(app.Kind);
        var clock = Stopwatch.StartNew();
        await using var world = await MatrixWorld.CreateAsync(app);
        var seeded = clock.Elapsed;

        var documented = await DocumentedOperationsAsync(world.Client(MatrixRole.Anonymous));
        var table = AuthorizationMatrix.Operations;
        var missing = documented.Except(table.Select(o => o.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stale = table.Select(o => o.Key).Except(documented, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var duplicated = table.GroupBy(o => o.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        var cells = new List<Cell>();
        foreach (var operation in table.Where(o => documented.Contains(o.Key)))
        {
            foreach (var @case in operation.Cases)
            {
                cells.AddRange(await RunAsync(world, operation, @case));
            }
        }
        // The last cases signed everyone out everywhere: the wait signs in afresh.
        using (var admin = await app.ApiClientAsync("admin"))
        {
            await WaitForRebuildAsync(admin);
        }

        Report(documented.Count, cells, seeded, clock.Elapsed);
        var failures = new List<string>();
        failures.AddRange(missing.Select(k => $"{k}: 新接口没有授权矩阵条目，请在 AuthorizationMatrix.cs 中写明谁可以调用（new operation without an entry)"));
        failures.AddRange(stale.Select(k => $"{k}: the table has an entry for an operation the OpenAPI document no longer lists"));
        failures.AddRange(duplicated.Select(k => $"{k}: two entries"));
        failures.AddRange(cells.Where(c => c.Verdict == Verdict.Failed).Select(Describe));
        Assert.True(failures.Count == 0, $"{failures.Count} authorization matrix failure(s):\n" + string.Join('\n', failures));
    }

    /// <summary>Every "METHOD /route" of the document the running app serves.</summary>
    private static async Task<HashSet<string>> DocumentedOperationsAsync(HttpClient anonymous)
    {
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                keys.Add($"{method.Name.ToUpperInvariant()} {path.Name}");
            }
        }
        return keys;
    }

    /// <summary>
    /// One case for every role: anonymous first, then the roles that must be refused, then the known gaps, then the roles
    /// that may succeed (whose success may change the object for the ones after them).
    /// </summary>
    private static async Task<List<Cell>> RunAsync(MatrixWorld world, MatrixOperation operation, MatrixCase @case)
    {
        var path = await @case.Path(world);
        var unknownPath = @case.Knows is null ? null : FirstId().Replace(path, $"/{MatrixWorld.UnknownId}", 1);
        var order = Enum.GetValues<MatrixRole>()
            .OrderBy(r => r == MatrixRole.Anonymous ? 0 : !@case.Allowed.Contains(r) && @case.GapFor(r) is null ? 1 : @case.GapFor(r) is not null ? 2 : 3)
            .ThenBy(r => (int)r);
        var cells = new List<Cell>();
        foreach (var role in order)
        {
            var status = await SendAsync(world, role, operation.Method, path, @case);
            int? unknownStatus = null;
            if (unknownPath is not null && role != MatrixRole.Anonymous && !@case.Knows!.Contains(role) && !@case.Allowed.Contains(role))
            {
                unknownStatus = await SendAsync(world, role, operation.Method, unknownPath, @case);
            }
            cells.Add(Judge(operation, @case, role, status, unknownStatus));
        }
        return cells;
    }

    private static async Task<int> SendAsync(MatrixWorld world, MatrixRole role, string method, string path, MatrixCase @case)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = @case.Body is null ? null : await @case.Body(world, path);
        using var response = await world.Client(role).SendAsync(request);
        return (int)response.StatusCode;
    }

    private static Cell Judge(MatrixOperation operation, MatrixCase @case, MatrixRole role, int status, int? unknownStatus)
    {
        var allowed = @case.Allowed.Contains(role);
        var gap = @case.GapFor(role);
        Cell Make(Verdict verdict, string note = "") => new(operation, @case, role, status, verdict, note);

        if (status >= 500)
        {
            return Make(Verdict.Failed, "5xx");
        }
        if (allowed)
        {
            return status is 401 or 403 ? Make(Verdict.Failed, "refused though the table allows it") : Make(Verdict.Allowed);
        }
        string? violation = null;
        if (role == MatrixRole.Anonymous && status != 401)
        {
            violation = "anonymous without 401";
        }
        else if (status is >= 200 and < 300)
        {
            violation = "2xx where denial is due";
        }
        else if (unknownStatus is int unknown && unknown != status)
        {
            violation = $"reveals that the object exists ({status}, an unknown id gets {unknown})";
        }
        if (violation is null)
        {
            return gap is null ? Make(Verdict.Denied, status is 400 or 409 ? "denied by a business check, not by authorization" : "")
                : Make(Verdict.GapClosed, "known gap no longer found: remove the marker");
        }
        return gap is null ? Make(Verdict.Failed, violation) : Make(Verdict.GapOpen, violation);
    }

    private static string Describe(Cell c)
        => $"{c.Operation.Key} [{c.Case.Object}] as {c.Role}: {c.Status} — {c.Note}";

    /// <summary>The rebuild the last case started must end before the app does.</summary>
    private static async Task WaitForRebuildAsync(HttpClient admin)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await admin.GetJsonAsync("/api/admin/search/reindex");
            if (status.GetProperty("state").GetString() != "Running")
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    private void Report(int operations, List<Cell> cells, TimeSpan seeded, TimeSpan total)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Authorization matrix on {app.Kind}: {operations} operations, {cells.Select(c => (c.Operation.Key, c.Case.Object)).Distinct().Count()} objects, "
            + $"{cells.Count} role cases; objects made in {seeded.TotalSeconds:F1} s, all in {total.TotalSeconds:F1} s.");
        text.AppendLine(inv, $"allowed {Count(cells, Verdict.Allowed)} · denied {Count(cells, Verdict.Denied)} · known gaps still open {Count(cells, Verdict.GapOpen)}"
            + $" · known gaps closed {Count(cells, Verdict.GapClosed)} · failed {Count(cells, Verdict.Failed)}");
        text.AppendLine();
        var roles = Enum.GetValues<MatrixRole>();
        text.AppendLine("operation".PadRight(58) + string.Concat(roles.Select(r => Short(r).PadLeft(6))));
        foreach (var group in cells.GroupBy(c => c.Operation.Key, StringComparer.Ordinal))
        {
            text.Append(group.Key.PadRight(58));
            foreach (var role in roles)
            {
                // Per role over the operation's objects: A allowed on all, a on some, - denied on all, G a known gap open, X a failure.
                var mine = group.Where(c => c.Role == role).ToList();
                var mark = mine.Any(c => c.Verdict == Verdict.Failed) ? "X"
                    : mine.Any(c => c.Verdict == Verdict.GapOpen) ? "G"
                    : mine.All(c => c.Verdict == Verdict.Allowed) ? "A"
                    : mine.Any(c => c.Verdict == Verdict.Allowed) ? "a" : "-";
                text.Append(mark.PadLeft(6));
            }
            text.AppendLine();
        }
        text.AppendLine();
        text.AppendLine("A allowed on every object · a allowed on some · - denied · G known gap open · X failure");
        foreach (var (verdict, title) in new[] { (Verdict.Failed, "Failures"), (Verdict.GapOpen, "Known gaps still open"), (Verdict.GapClosed, "Known gaps no longer found") })
        {
            var list = cells.Where(c => c.Verdict == verdict).ToList();
            if (list.Count > 0)
            {
                text.AppendLine().AppendLine(inv, $"{title} ({list.Count}):");
                foreach (var c in list)
                {
                    text.AppendLine(inv, $"  {Describe(c)}{(c.Case.GapFor(c.Role) is { } g ? $" — {g.Why}" : "")}");
                }
            }
        }
        var business = cells.Where(c => c.Verdict == Verdict.Denied && c.Note.Length > 0).ToList();
        if (business.Count > 0)
        {
            text.AppendLine().AppendLine(inv, $"Denied by a business check before authorization ({business.Count}, not a failure):");
            foreach (var c in business)
            {
                text.AppendLine(inv, $"  {Describe(c)}");
            }
        }
        output.WriteLine(text.ToString());
    }

    private static int Count(List<Cell> cells, Verdict verdict) => cells.Count(c => c.Verdict == verdict);

    private static string Short(MatrixRole role) => role switch
    {
        MatrixRole.Anonymous => "anon",
        MatrixRole.Contributor => "contr",
        MatrixRole.OtherContributor => "other",
        MatrixRole.Reviewer => "revw",
        MatrixRole.Reader => "reader",
        MatrixRole.Editor => "editor",
        MatrixRole.Signer => "signer",
        MatrixRole.Admin => "admin",
    };

    /// <summary>The object's id: the first number in the path after the resource name.</summary>
    [GeneratedRegex(@"/\d+(?=/|\?|$)")]
    private static partial Regex FirstId();
}

public sealed class SqliteAuthorizationMatrixTests(SqliteApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output), IClassFixture<SqliteApp>;

public sealed class PostgresAuthorizationMatrixTests(PostgresApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output), IClassFixture<PostgresApp>;
