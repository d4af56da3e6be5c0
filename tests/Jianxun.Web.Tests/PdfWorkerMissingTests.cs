using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Jianxun.Testing;
using Jianxun.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jianxun.Web.Tests;

/// <summary>A deployment whose PDF reader process is missing (Jianxun:PdfWorkerPath points at no file), the rest intact.</summary>
public sealed class MissingPdfWorkerApp : JianxunApplicationFactory
{
    public MissingPdfWorkerApp() : base(DatabaseKind.Sqlite)
    {
    }

    public string WorkerPath { get; } = Path.Combine(Path.GetTempPath(), $"jianxun-no-worker-{Guid.NewGuid():N}", "Jianxun.PdfWorker.dll");

    public ConcurrentQueue<(LogLevel Level, string Message)> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jianxun:PdfWorkerPath", WorkerPath);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new Captured(Logs)));
    }

    private sealed class Captured(ConcurrentQueue<(LogLevel, string)> logs) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.Enqueue((logLevel, formatter(state, exception)));
            }
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// ADR-019: a deployment without the PDF reader process says so at start and in /healthz (Degraded), and answers PDF imports
/// and PDF scans with a Chinese 503 instead of a 500; Word and text imports keep working.
/// </summary>
public sealed partial class PdfWorkerMissingTests(MissingPdfWorkerApp app) : IClassFixture<MissingPdfWorkerApp>
{
    private const string PdfBytes = "%PDF-1.4\n%EOF\n";

    [Fact]
    public async Task Start_WithoutTheWorker_LogsOneClearLineAndHealthIsDegraded()
    {
        using var anonymous = app.CreateAnonymousClient();
        using var response = await anonymous.GetAsync("/healthz");
        var health = await response.JsonAsync();

        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var pdf = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "pdf-reader");
        Assert.Equal("Degraded", pdf.GetProperty("status").GetString());
        Assert.Contains("PDF 读取组件缺失", pdf.GetProperty("description").GetString(), StringComparison.Ordinal);
        // One line at start (the health check's own warning on each Degraded answer aside).
        var line = Assert.Single(app.Logs, l => l.Level == LogLevel.Error && l.Message.Contains("PDF 读取组件缺失", StringComparison.Ordinal));
        Assert.Contains(app.WorkerPath, line.Message, StringComparison.Ordinal);
        Assert.Contains("PDF reader process unavailable", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfImport_WithoutTheWorker_Answers503InChinese_AndATextImportStillWorks()
    {
        using var editor = await app.ApiClientAsync("editor");

        using (var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(PdfBytes)), "file", "旧简讯.pdf" } })
        {
            var problem = await (await editor.PostAsync("/api/imports/preview", form)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(PdfWorker.MissingMessage, problem.GetProperty("detail").GetString());
        }

        using var text = new MultipartFormDataContent { { new ByteArrayContent(ArchiveBulletins.Text(41, 341, "柏振华")), "file", "2023-41.txt" } };
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync("/api/imports/preview", text)).StatusCode);
    }

    [Fact]
    public async Task ImportPage_WithoutTheWorker_ShowsThePdfsReasonAndPreviewsTheTextFile()
    {
        using var editor = await app.LoginAsync("editor");
        var token = System.Net.WebUtility.HtmlDecode(AntiforgeryField().Match(await editor.GetStringAsync("/archive/import")).Groups[1].Value);
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(PdfBytes)), "Files", "旧简讯.pdf" },
            { new ByteArrayContent(ArchiveBulletins.Text(42, 342, "柏振华")), "Files", "2023-42.txt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };

        using var response = await editor.PostAsync("/archive/import", upload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("失败：PDF 读取组件缺失", html, StringComparison.Ordinal);
        Assert.Contains("预览并导入", html);
    }

    [Fact]
    public async Task InstructionPdfScan_WithoutTheWorker_Answers503InChinese()
    {
        using var editor = await app.ApiClientAsync("editor");
        await Scores.ScoreTestData.EnsureRuleSetAsync(app);
        var article = await Scores.ScoreTestData.PublishedArticleAsync(editor);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JianxunApplicationFactory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "date" },
            { new StringContent(Scores.ScoreTestData.InstructionLevel), "level" },
            { new StringContent("此件很好。"), "text" },
            { new ByteArrayContent(HostileFiles.ManyPagesPdf(1)), "scan", "批示.pdf" },
        };

        var problem = await (await editor.PostAsync($"/api/submissions/{article.Id}/instructions/upload", form)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(PdfWorker.MissingMessage, problem.GetProperty("detail").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
