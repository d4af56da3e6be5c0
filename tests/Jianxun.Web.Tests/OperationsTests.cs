using System.Net;
using System.Text.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

public sealed class OperationsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Healthz_DatabaseReachable_ReportsHealthyWithoutSignIn()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/healthz");
        var body = await response.JsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("database", body.GetProperty("checks")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_MatchesTheCommittedCopy()
    {
        var document = await app.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/auth/token", document);
        Assert.Contains("/api/me", document);

        // STYLE: the generated OpenAPI document is committed, so API changes show up in review.
        var committed = Path.Combine(RepositoryRoot(), "src", "Jianxun.Web", "Jianxun.Web.json");
        var normalised = document.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("JIANXUN_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committed, normalised);
        }
        Assert.True(File.Exists(committed) && (await File.ReadAllTextAsync(committed)).ReplaceLineEndings("\n") == normalised,
            "src/Jianxun.Web/Jianxun.Web.json is out of date: run the tests once with JIANXUN_UPDATE_OPENAPI=1 and commit the file.");
    }

    [Fact]
    public async Task OpenApi_EveryOperation_DeclaresItsProblemAnswers()
    {
        // Issue 18: a client reads from the document which errors to expect: 400 for a body, 404 for an id, 401/403 where
        // sign-in is required, each a ProblemDetails.
        using var document = JsonDocument.Parse(await app.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"));
        var signIn = app.ApiOperationsRequiringSignIn();
        var missing = new List<string>();
        var checkedSignIn = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.GetProperty("responses");
                var expected = new List<string>();
                if (operation.Value.TryGetProperty("requestBody", out _))
                {
                    expected.Add("400");
                }
                if (path.Name.Contains('{', StringComparison.Ordinal))
                {
                    expected.Add("404");
                }
                if (signIn.Contains(key))
                {
                    expected.AddRange(["401", "403"]);
                    checkedSignIn++;
                }
                foreach (var status in expected)
                {
                    if (!responses.TryGetProperty(status, out var response) || !response.TryGetProperty("content", out var content)
                        || !content.TryGetProperty("application/problem+json", out _))
                    {
                        missing.Add($"{key}: {status}");
                    }
                }
            }
        }
        Assert.Empty(missing);
        // The sign-in list is read from the app, so an empty one would make the 401/403 half of this test check nothing.
        Assert.Equal(signIn.Count, checkedSignIn);
        Assert.True(checkedSignIn > 50, $"only {checkedSignIn} operations need sign-in");
    }

    [Fact]
    public async Task UnknownApiRoute_Returns404ProblemDetails()
    {
        using var api = await app.ApiClientAsync("editor");
        await (await api.GetAsync("/api/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownPage_ShowsChineseNotFoundPage()
    {
        using var client = await app.LoginAsync("editor");
        using var response = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("找不到页面", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToLogin()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/admin/units");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task StaticStyles_AreServedWithoutSignIn()
    {
        var css = await app.CreateAnonymousClient().GetStringAsync("/css/site.css");
        Assert.Contains("--red", css);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jianxun.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Jianxun.slnx not found above " + AppContext.BaseDirectory);
    }
}

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_KeepsTokensValid()
    {
        using var data = new TempDirectory();
        var database = $"Data Source={Path.Combine(data.Path, "jianxun.db")}";
        string token;
        using (var first = new JianxunApplicationFactory(DatabaseKind.Sqlite, data.Path, database))
        {
            using var api = await first.ApiClientAsync("editor");
            token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "keys"), "*.xml"));

        using var second = new JianxunApplicationFactory(DatabaseKind.Sqlite, data.Path, database);
        using var client = second.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetJsonAsync("/api/me");
        Assert.Equal("editor", me.GetProperty("userName").GetString());
    }
}
