using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Jianxun.Testing;
using Xunit.Abstractions;

namespace Jianxun.Web.Tests;

/// <summary>
/// The page-level authorization matrix (issue 15): every route a browser can GET outside the API × every role × the objects of
/// <see cref="PageMatrix"/>, with the session cookie. Fails on a route without an entry, on any 5xx, on a page shown where
/// denial is due, on an allowed role refused or sent to sign in, on anonymous not sent to sign in, on a hidden object that
/// answers otherwise than an unknown one, and on a 4xx that is not in Chinese; on each database, one host each.
/// </summary>
public abstract partial class PageMatrixTests(JianxunApplicationFactory app, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task EveryPageAndRole_AnswersAsTheTableSays()
    {
        TestDatabase.SkipIfUnavailable(app.Kind);
        var clock = Stopwatch.StartNew();
        await using var world = await MatrixWorld.CreateAsync(app);
        var browsers = new Dictionary<MatrixRole, HttpClient> { [MatrixRole.Anonymous] = app.CreateAnonymousClient() };
        foreach (var (role, user) in MatrixWorld.Users)
        {
            browsers[role] = await app.LoginAsync(user);
        }

        var routes = app.BrowserRoutes();
        var table = PageMatrix.Pages;
        var failures = new List<string>();
        failures.AddRange(routes.Except(table.Select(o => o.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => $"{k}: 新页面没有授权矩阵条目，请在 PageMatrix.cs 中写明谁可以打开 (new page without an entry)"));
        failures.AddRange(table.Select(o => o.Key).Except(routes, StringComparer.Ordinal).Select(k => $"{k}: an entry for a route the app no longer has"));
        var requests = 0;
        var allowed = 0;
        foreach (var operation in table.Where(o => routes.Contains(o.Key)))
        {
            foreach (var @case in operation.Cases)
            {
                var path = await @case.Path(world);
                var unknownPath = @case.Knows is null ? null : FirstId().Replace(path, $"/{MatrixWorld.UnknownId}", 1);
                foreach (var role in Enum.GetValues<MatrixRole>())
                {
                    var (status, location, body) = await GetAsync(browsers[role], path);
                    requests++;
                    int? unknownStatus = null;
                    if (unknownPath is not null && role != MatrixRole.Anonymous && !@case.Knows!.Contains(role) && !@case.Allowed.Contains(role))
                    {
                        unknownStatus = (await GetAsync(browsers[role], unknownPath)).Status;
                        requests++;
                    }
                    if (Judge(@case, role, status, location, body, unknownStatus) is { } violation)
                    {
                        failures.Add($"{operation.Key} [{@case.Object}] as {role}: {status} — {violation}");
                    }
                    else if (@case.Allowed.Contains(role))
                    {
                        allowed++;
                    }
                }
            }
        }
        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Page matrix on {app.Kind}: {routes.Count} routes, {table.Sum(o => o.Cases.Count)} objects, {requests} requests ({allowed} allowed cases), "
            + $"{failures.Count} failures, in {clock.Elapsed.TotalSeconds:F1} s."));
        Assert.True(failures.Count == 0, $"{failures.Count} page matrix failure(s):\n" + string.Join('\n', failures));
    }

    private static string? Judge(MatrixCase @case, MatrixRole role, int status, string? location, string body, int? unknownStatus)
    {
        var toLogin = status is 302 && location?.Contains("/account/login", StringComparison.Ordinal) == true;
        if (status >= 500)
        {
            return "5xx";
        }
        if (status is >= 400 and < 500 && !ChineseText().IsMatch(body))
        {
            return "a 4xx that says nothing in Chinese";
        }
        if (@case.Allowed.Contains(role))
        {
            return status is 401 or 403 || toLogin ? "refused though the table allows it" : null;
        }
        if (role == MatrixRole.Anonymous)
        {
            return toLogin || status == 401 ? null : "anonymous not sent to sign in";
        }
        if (status is >= 200 and < 300)
        {
            return @case.DeniedAsNotice is { } notice && body.Contains(notice.DeniedMarker, StringComparison.Ordinal)
                   && !body.Contains(notice.ShownMarker, StringComparison.Ordinal)
                ? null
                : "shown where denial is due";
        }
        return unknownStatus is int unknown && unknown != status ? $"reveals that the object exists ({status}, an unknown id gets {unknown})" : null;
    }

    private static async Task<(int Status, string? Location, string Body)> GetAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        return ((int)response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The object's id: the first number in the path after the resource name.</summary>
    [GeneratedRegex(@"/\d+(?=/|\?|$)")]
    private static partial Regex FirstId();

    [GeneratedRegex("[\u4e00-\u9fff]")]
    private static partial Regex ChineseText();
}

public sealed class SqlitePageMatrixTests(SqliteApp app, ITestOutputHelper output) : PageMatrixTests(app, output), IClassFixture<SqliteApp>;

public sealed class PostgresPageMatrixTests(PostgresApp app, ITestOutputHelper output) : PageMatrixTests(app, output), IClassFixture<PostgresApp>;
