using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>
/// The app on Kestrel on a free port: TestServer enforces no request body limit, so only a real server proves that an
/// oversized upload is a 413 (issue 15 item 7). The database is SQLite: the limits are the web server's, not the database's.
/// </summary>
public sealed class KestrelApp : JianxunApplicationFactory
{
    public KestrelApp()
        : base(DatabaseKind.Sqlite)
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>A real socket to the port Kestrel listens on; redirects are not followed (the login's 302 is the answer).</summary>
    public override HttpClient NewClient(bool handleCookies)
        => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = handleCookies, CookieContainer = new CookieContainer() })
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
}

public sealed class KestrelUploadLimitTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    /// <summary>Every upload endpoint with the limit that it must name: the API's in ProblemDetails, the pages' on the error page.</summary>
    public static TheoryData<string, string, string, string> Uploads() => new()
    {
        // endpoint, who, which limit (as the message names it), kind
        { "/api/submissions/{draft}/photos", "contributor", "60 MB", "api" },
        { "/api/submissions/{submitted}/instructions/upload", "editor", "21 MB", "api" },
        { "/api/imports/preview", "editor", "51 MB", "api" },
        { "/submissions/{draft}?handler=Photo", "contributor", "28.6 MB", "page" },
        { "/submissions/{submitted}/score-events?handler=Instruction", "editor", "28.6 MB", "page" },
        { "/archive/import", "editor", "204 MB", "page" },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task Upload_OverTheEndpointsLimitOnKestrel_Returns413InChineseNamingThatLimitAndTheServerStaysHealthy(
        string endpoint, string who, string limit, string kind)
    {
        // The message rounds the limit to 0.1 MB (28.6 MB is Kestrel's 30,000,000 bytes): 0.1 MB more is over it whichever way it rounded.
        var bytes = (long)((double.Parse(limit.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) + 0.1) * 1024 * 1024);
        var path = endpoint.Replace("{draft}", (await DraftIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{submitted}", (await SubmittedIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var client = kind == "api" ? await app.ApiClientAsync(who) : await app.LoginAsync(who);
        // A page's form carries its anti-forgery token as the browser sends it: a form field ahead of the file.
        var token = kind == "page" ? await JianxunApplicationFactory.GetAntiforgeryTokenAsync(client, path.Split('?')[0]) : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new OversizedForm(bytes, token) };
        // A real client asks first, so the server can refuse before the body is sent (Kestrel checks Content-Length then).
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
        var message = $"上传的内容超过了此处的上限 {limit}，没有保存任何内容。";
        if (kind == "api")
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
            Assert.Equal("上传内容过大", problem.GetProperty("title").GetString());
            Assert.StartsWith(message, problem.GetProperty("detail").GetString());
        }
        else
        {
            Assert.Contains(message, WebUtility.HtmlDecode(Regex.Replace(body, "<[^>]+>", "")));
        }
        using var anonymous = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        using var api = await app.ApiClientAsync("contributor");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/submissions")).StatusCode);
    }

    private int? _draft;
    private int? _submitted;

    private async Task<int> DraftIdAsync()
    {
        using var api = await app.ApiClientAsync("contributor");
        return _draft ??= await NewDraftAsync(api);
    }

    /// <summary>An article that reached the office, where the editor records instructions (产发集团's: its unit has no unit review).</summary>
    private async Task<int> SubmittedIdAsync()
    {
        if (_submitted is int id)
        {
            return id;
        }
        using var api = await app.ApiClientAsync("contributor2");
        id = await NewDraftAsync(api);
        (await api.PostAsync($"/api/submissions/{id}/submit", null)).EnsureSuccessStatusCode();
        return (_submitted = id).Value;
    }

    private static async Task<int> NewDraftAsync(HttpClient api)
    {
        using var response = await api.PostAsync("/api/submissions", System.Net.Http.Json.JsonContent.Create(new
        {
            title = "城投集团召开安全生产工作会议",
            paragraphs = new[] { "近日，城投集团召开安全生产工作会议，部署汛期安全工作。" },
            eventDate = "2024-05-20",
            authors = new[] { "林小禾" },
        }));
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    /// <summary>
    /// A multipart form of at least <c>length</c> bytes (the token field, then a file of zero bytes), streamed and never held in
    /// memory, with its Content-Length declared.
    /// </summary>
    private sealed class OversizedForm : HttpContent
    {
        private readonly byte[] _head;
        private readonly byte[] _tail = "\r\n--jianxun--\r\n"u8.ToArray();
        private readonly long _zeros;

        public OversizedForm(long length, string? token)
        {
            var head = (token is null ? "" : $"--jianxun\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n")
                       + "--jianxun\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
            _head = System.Text.Encoding.ASCII.GetBytes(head);
            _zeros = length;
            Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=jianxun");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_head);
            var buffer = new byte[81920];
            for (var left = _zeros; left > 0; left -= buffer.Length)
            {
                await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)));
            }
            await stream.WriteAsync(_tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _zeros + _tail.Length;
            return true;
        }
    }
}
