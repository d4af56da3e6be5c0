using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Core.Common;
using Jianxun.Core.Storage;
using Jianxun.Publishing;
using Jianxun.Testing;
using Jianxun.Text;
using SkiaSharp;

namespace Jianxun.Web.Tests;

/// <summary>Runs alone, so that the process's memory measured around a request is this test's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileUploadCollection
{
    public const string Name = "hostile uploads";
}

/// <summary>
/// The hostile-file corpus through the API (ADR-016): photo and import bombs answer a Chinese 4xx ProblemDetails in bounded
/// time, the process's working set (sampled during the request) rises by less than 200 MB, nothing is saved, and
/// /healthz answers afterwards.
/// </summary>
public abstract class HostileUploadTests(JianxunApplicationFactory app)
{
    private const long MemoryBudget = 200L * 1024 * 1024;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(20);

    /// <summary>The reader process's meter (Jianxun.Text's PdfReaderProcess.MeterName; internal there).</summary>
    private const string PdfReaderMeterName = "Jianxun.PdfReader";

    /// <summary>What a PDF whose reader process was stopped is refused with (ADR-019): the memory limit, or on a starved machine the time limit.</summary>
    private static string[] ReaderRefusals =>
    [
        UserFileLimits.PdfReaderMemoryRefusal(UserFileLimits.MaxPdfReaderMemoryBytes),
        UserFileLimits.PdfReaderTimeRefusal(UserFileLimits.ImportTimeBudget),
    ];

    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    [SkippableFact]
    public async Task Photo_HugePngWithTinyFile_Returns400NamingTheLimitInBoundedMemory()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var png = HostileFiles.HugePng();

        var problem = await MeasureAsync(() => PostPhotoAsync(api, id, png, "photo.png"));

        Assert.Equal("“photo.png”：图片尺寸超过上限：每边不超过 10000 像素、总像素不超过 4000 万（这张是 16000×16000）。", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("photos").GetArrayLength());
        await AssertHealthyAsync();
    }

    public static TheoryData<string> PhotoJunk() => ["truncated-png", "truncated-jpeg", "jpeg-header-60000", "docx-named-jpg", "pdf-named-png"];

    [SkippableTheory]
    [MemberData(nameof(PhotoJunk))]
    public async Task Photo_MalformedOrMisnamed_Returns400AndSavesNothing(string name)
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var file = name switch
        {
            "truncated-png" => HostileFiles.Truncate(TestImages.Png(300, 200)),
            "truncated-jpeg" => HostileFiles.Truncate(Jpeg(300, 200)),
            "jpeg-header-60000" => HostileFiles.HugeJpegHeader(),
            "docx-named-jpg" => HostileFiles.DeepDocx(100),
            _ => HostileFiles.ManyPagesPdf(1),
        };

        var problem = await MeasureAsync(() => PostPhotoAsync(api, id, file, "photo.jpg"));

        Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, (await api.GetJsonAsync($"/api/submissions/{id}")).GetProperty("photos").GetArrayLength());
    }

    [SkippableFact]
    public async Task Photo_LargePolyglotJpeg_IsStoredOnceAtPrintSizeWithoutTheZip()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor");
        var id = await DraftAsync(api);
        var polyglot = HostileFiles.Polyglot(Jpeg(4000, 3000), HostileFiles.DeepDocx(100));

        using var form = new MultipartFormDataContent { { new ByteArrayContent(polyglot), "file", "现场.jpg" } };
        var photo = (await (await api.PostAsync($"/api/submissions/{id}/photos", form)).JsonAsync(HttpStatusCode.Created))[0];

        Assert.Equal(UserFileLimits.StoredPhotoMaxSide, photo.GetProperty("width").GetInt32());
        Assert.Equal(1860, photo.GetProperty("height").GetInt32());
        var served = await api.GetByteArrayAsync($"/api/submissions/{id}/photos/{photo.GetProperty("id").GetInt32()}");
        Assert.Equal(new ImageInfo(2480, 1860, "image/jpeg"), ImageInfo.Read(served));
        Assert.Equal(-1, served.AsSpan().IndexOf("PK\u0003\u0004"u8));
        Assert.Equal(served.Length, photo.GetProperty("size").GetInt32());
    }

    public static TheoryData<string> ImportBombs() => ["deep-docx", "xml-bomb-docx", "lying-sizes-docx", "many-entries-docx", "stream-bomb-pdf", "deep-pdf", "many-pages-pdf"];

    [SkippableTheory]
    [MemberData(nameof(ImportBombs))]
    public async Task Import_Bomb_Returns400NamingTheLimitAndServerStaysUp(string name)
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var file = name switch
        {
            "deep-docx" => HostileFiles.DeepDocx(),
            "xml-bomb-docx" => HostileFiles.XmlBombDocx(),
            "lying-sizes-docx" => HostileFiles.LyingSizesDocx(),
            "many-entries-docx" => HostileFiles.ManyEntriesDocx(),
            "stream-bomb-pdf" => HostileFiles.StreamBombPdf(256L * 1024 * 1024),
            "deep-pdf" => HostileFiles.DeepPdf(),
            _ => HostileFiles.ManyPagesPdf(),
        };
        var before = (await editor.GetJsonAsync("/api/archive")).GetArrayLength();

        var problem = await MeasureAsync(async () =>
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name + (name.EndsWith("pdf", StringComparison.Ordinal) ? ".pdf" : ".docx") } };
            return await editor.PostAsync("/api/imports/preview", form);
        });

        Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(before, (await editor.GetJsonAsync("/api/archive")).GetArrayLength());
        await AssertHealthyAsync();
    }

    /// <summary>
    /// The PDF that makes PdfPig 0.1.16 allocate gigabytes inside one call (fuzz-pdf-hang.pdf) used to take the server down:
    /// it is read in the killable reader process (ADR-019), refused naming the limit that stopped it, and the server's own
    /// working set hardly moves (the reader's memory is the child's).
    /// </summary>
    [SkippableFact]
    public async Task Import_PdfPigHang_Returns400NamingTheReaderLimitAndServerStaysUp()
    {
        RequireDatabase();
        using var editor = await app.ApiClientAsync("editor");
        var before = (await editor.GetJsonAsync("/api/archive")).GetArrayLength();

        var problem = await MeasureAsync(
            async () =>
            {
                using var form = new MultipartFormDataContent { { new ByteArrayContent(HostileFiles.PdfPigHangPdf()), "file", "旧简讯.pdf" } };
                return await editor.PostAsync("/api/imports/preview", form);
            },
            UserFileLimits.ImportTimeBudget + TimeSpan.FromSeconds(10));

        Assert.Contains(problem.GetProperty("errors").GetProperty("file")[0].GetString(), ReaderRefusals);
        Assert.Equal(before, (await editor.GetJsonAsync("/api/archive")).GetArrayLength());
        await AssertHealthyAsync();
    }

    /// <summary>The import page with several files: the hang shows as that file's failure, and the next file is previewed.</summary>
    [SkippableFact]
    public async Task ImportPage_PdfPigHangAmongOtherFiles_ShowsItsRefusalAndPreviewsTheNext()
    {
        RequireDatabase();
        using var editor = await app.LoginAsync("editor");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(
            await editor.GetStringAsync("/archive/import"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(HostileFiles.PdfPigHangPdf()), "Files", "旧简讯.pdf" },
            { new ByteArrayContent(ArchiveBulletins.Text(41, 341, "柏振华")), "Files", "2023-41.txt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };

        using var response = await editor.PostAsync("/archive/import", upload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(ReaderRefusals, r => html.Contains("失败：" + r, StringComparison.Ordinal));
        Assert.Contains("预览并导入", html);
        await AssertHealthyAsync();
    }

    /// <summary>A leader-instruction scan that is a PDF is opened in the reader process too: the reader's meter records the run.</summary>
    [SkippableFact]
    public async Task Instruction_PdfScan_IsCheckedInTheReaderProcess()
    {
        RequireDatabase();
        await Scores.ScoreTestData.EnsureRuleSetAsync(app);
        using var editor = await app.ApiClientAsync("editor");
        var article = await Scores.ScoreTestData.PublishedArticleAsync(editor);
        var runs = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PdfReaderMeterName && instrument.Name == "jianxun.pdf_reader.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref runs));
        listener.Start();

        using var accepted = await PostScanAsync(editor, article.Id, HostileFiles.ManyPagesPdf(2));
        await accepted.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, runs);

        using var refused = await PostScanAsync(editor, article.Id, HostileFiles.ManyPagesPdf(UserFileLimits.MaxPdfPages + 1));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"不超过 {UserFileLimits.MaxPdfPages} 页", problem.GetProperty("errors").GetProperty("scan")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(2, runs);
    }

    private static async Task<HttpResponseMessage> PostScanAsync(HttpClient editor, int articleId, byte[] pdf)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JianxunApplicationFactory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "date" },
            { new StringContent(Scores.ScoreTestData.InstructionLevel), "level" },
            { new StringContent("此件很好。"), "text" },
            { new ByteArrayContent(pdf), "scan", "批示.pdf" },
        };
        return await editor.PostAsync($"/api/submissions/{articleId}/instructions/upload", form);
    }

    /// <summary>The photo check under a seeded mutation loop: a refusal is a <see cref="ValidationException"/>, nothing else.</summary>
    [Fact]
    public void ImageIntake_MutatedImages_RefuseOrPrepareButNeverCrash()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("JIANXUN_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
        var random = new Random(seconds > 0 ? Environment.TickCount : 20261128);
        byte[][] corpus = [TestImages.Png(120, 80), Jpeg(160, 90), Jpeg(3000, 200)];
        var run = Stopwatch.StartNew();
        var done = 0;
        for (; seconds > 0 ? run.Elapsed.TotalSeconds < seconds : done < 150; done++)
        {
            var input = Mutate(corpus[random.Next(corpus.Length)], random);
            try
            {
                var prepared = ImageIntake.Prepare(input, UserFileLimits.StoredPhotoMaxSide, "file");
                Assert.True(ImageInfo.TryRead(prepared.Content, out _));
            }
            catch (ValidationException)
            {
            }
        }

        Assert.True(done > 0);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = original.ToArray();
        for (var i = 0; i < 1 + random.Next(6); i++)
        {
            var at = random.Next(data.Length);
            data[at] = random.Next(3) switch
            {
                0 => (byte)(data[at] ^ (1 << random.Next(8))),
                1 => 0xFF,
                _ => (byte)random.Next(256),
            };
        }

        return random.Next(4) == 0 ? data[..random.Next(data.Length)] : data;
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 90, 160));
            using var paint = new SKPaint { Color = new SKColor(200, 120, 40) };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static async Task<int> DraftAsync(HttpClient api)
    {
        using var response = await api.PostAsJsonAsync("/api/submissions", new
        {
            title = "城投集团召开安全生产工作会议",
            paragraphs = new[] { "近日，城投集团召开安全生产工作会议，部署汛期安全工作。" },
            eventDate = "2024-05-20",
            authors = new[] { "林小禾" },
        });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private static async Task<HttpResponseMessage> PostPhotoAsync(HttpClient api, int id, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        return await api.PostAsync($"/api/submissions/{id}/photos", form);
    }

    /// <summary>Sends the request while sampling the working set; asserts a 400 ProblemDetails, the time and the memory rise.</summary>
    private static async Task<JsonElement> MeasureAsync(Func<Task<HttpResponseMessage>> send, TimeSpan? timeBudget = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });
        var started = Stopwatch.GetTimestamp();
        using var response = await send();
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await sampler;

        Assert.True(elapsed < (timeBudget ?? TimeBudget), $"{elapsed.TotalSeconds:0.0} s");
        Assert.True(peak - baseline < MemoryBudget, $"working set rose by {(peak - baseline) / 1048576} MB");
        return await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task AssertHealthyAsync()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

[Collection(HostileUploadCollection.Name)]
public sealed class SqliteHostileUploadTests(SqliteApp app) : HostileUploadTests(app), IClassFixture<SqliteApp>;

[Collection(HostileUploadCollection.Name)]
public sealed class PostgresHostileUploadTests(PostgresApp app) : HostileUploadTests(app), IClassFixture<PostgresApp>;
