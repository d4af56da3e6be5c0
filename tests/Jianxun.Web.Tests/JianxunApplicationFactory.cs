using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Search;
using Jianxun.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Web.Tests;

/// <summary>
/// Jianxun in process on a throw-away database, migrated and seeded with the demo organisation.
/// Tests talk to it only through HTTP and the intent methods below.
/// </summary>
public partial class JianxunApplicationFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Jianxun-demo-2026";

    private readonly DatabaseKind _kind;
    private readonly string? _connectionString;
    private readonly TempDirectory? _ownDataDirectory;
    private TestDatabase? _database;

    public JianxunApplicationFactory(DatabaseKind kind, string? dataDirectory = null, string? connectionString = null)
    {
        _kind = kind;
        _connectionString = connectionString;
        if (dataDirectory is null)
        {
            _ownDataDirectory = new TempDirectory();
        }
        DataDirectory = dataDirectory ?? _ownDataDirectory!.Path;
    }

    public DatabaseKind Kind => _kind;

    /// <summary>Today in the office by the app's clock (<see cref="TestClock"/>): the date tests send and expect.</summary>
    public static DateOnly Today => TestClock.OfficeToday;
    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        string connectionString;
        if (_connectionString is not null)
        {
            connectionString = _connectionString;
        }
        else
        {
            if (_database is null)
            {
                if (_isTemplate)
                {
                    _database = new TestDatabase(_kind);
                }
                else
                {
                    // Start from a copy of the seeded template: seeding (two rendered issues, seven password hashes) once per run, not per class.
                    var template = Template(_kind);
                    _database = TestDatabase.CloneOf(template._database!);
                    CopyFiles(template.DataDirectory, DataDirectory);
                }
            }
            connectionString = _database.ConnectionString;
        }
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jianxun:DataDirectory", DataDirectory);
        builder.UseSetting("Jianxun:Database", _kind == DatabaseKind.Sqlite ? "Sqlite" : "Postgres");
        builder.UseSetting("ConnectionStrings:Jianxun", connectionString);
        builder.UseSetting("Jianxun:ApplyMigrationsOnStartup", "true");
        builder.UseSetting("Jianxun:SeedDemoData", "true");
        builder.ConfigureTestServices(services =>
        {
            // One clock for the app, the seeding of the template and the test code (Today): the date never depends on the run.
            services.UseClock(TestClock.Shared);
            // Test speed only: password hashes need not resist brute force here.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            // The real index of the provider, which a test can make a rebuild wait in (HoldNextRebuild); untouched otherwise.
            services.AddScoped<ISearchIndex>(sp => new HoldableSearchIndex(SearchServices.IndexFor(sp.GetRequiredService<AppDbContext>()), _rebuildHold));
        });
    }

    private readonly RebuildHold _rebuildHold = new();

    /// <summary>
    /// Makes the next search index rebuild stop inside its transaction, after it has emptied the index and before it writes
    /// the first documents, until the test releases it, fails it, or the app stops.
    /// </summary>
    public RebuildHold HoldNextRebuild()
    {
        _rebuildHold.Arm();
        return _rebuildHold;
    }

    private bool _isTemplate;
    private static readonly object TemplateLock = new();
    private static readonly Dictionary<DatabaseKind, JianxunApplicationFactory> Templates = [];

    /// <summary>One migrated and seeded database (and data directory) per provider and test run, copied by every other factory.</summary>
    private static JianxunApplicationFactory Template(DatabaseKind kind)
    {
        lock (TemplateLock)
        {
            if (!Templates.TryGetValue(kind, out var template))
            {
                template = new JianxunApplicationFactory(kind) { _isTemplate = true };
                using (template.CreateClient())
                {
                    // Starting the host migrates and seeds.
                }
                // Stop the host but keep its database and data directory until the process ends.
                template.StopHost();
                Templates[kind] = template;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    template._database?.Dispose();
                    template._ownDataDirectory?.Dispose();
                };
            }
            return template;
        }
    }

    private void StopHost() => base.Dispose(true);

    /// <summary>
    /// A copy of the seeded template that outlives one app, for a test that restarts the app or needs SQLite as a file in
    /// WAL mode (as in production) rather than the shared in-memory database: SQLite as a file in
    /// <paramref name="dataDirectory"/>, PostgreSQL copied on the server. The template's data directory is copied there too;
    /// pass both to <c>new JianxunApplicationFactory(kind, dataDirectory, copy.ConnectionString)</c>.
    /// </summary>
    public static TestDatabase CopyOfSeededDatabase(DatabaseKind kind, string dataDirectory)
    {
        var template = Template(kind);
        CopyFiles(template.DataDirectory, dataDirectory);
        return TestDatabase.CloneOf(template._database!, kind == DatabaseKind.Sqlite ? dataDirectory : null);
    }

    private static void CopyFiles(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_isTemplate)
        {
            _database?.Dispose();
            _ownDataDirectory?.Dispose();
        }
    }

    /// <summary>A browser-like client without a session (cookies kept, redirects not followed).</summary>
    public HttpClient CreateAnonymousClient() => NewClient(handleCookies: true);

    /// <summary>
    /// A client of this host that follows no redirect, with or without a cookie jar. Every intent method starts here, so a
    /// host on Kestrel (<see cref="KestrelApp"/>) replaces the in-memory handler with a real socket in one place.
    /// </summary>
    public virtual HttpClient NewClient(bool handleCookies)
        => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });

    /// <summary>Signs in through the login form, as a person would; the client keeps the cookie.</summary>
    public async Task<HttpClient> LoginAsync(string userName, string password = DemoPassword)
    {
        var client = CreateAnonymousClient();
        using var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await GetAntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Posts a page's form with the anti-forgery token the page handed out.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IDictionary<string, string> fields, string? handler = null)
    {
        var token = await GetAntiforgeryTokenAsync(client, path);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await client.PostAsync(handler is null ? path : $"{path}?handler={handler}", new FormUrlEncodedContent(all));
    }

    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No anti-forgery token on {path}");
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(string userName, string password)
        => await CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { userName, password });

    /// <summary>A program's client: bearer token from <c>POST /api/auth/token</c>, no cookies.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName, string password = DemoPassword)
    {
        using var response = await RequestTokenAsync(userName, password);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = NewClient(handleCookies: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.GetProperty("accessToken").GetString());
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteApp() : JianxunApplicationFactory(DatabaseKind.Sqlite);

public sealed class PostgresApp() : JianxunApplicationFactory(DatabaseKind.Postgres);
