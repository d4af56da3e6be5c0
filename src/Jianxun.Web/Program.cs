using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Jianxun.Core.Data;
using Jianxun.Web.Features.Accounts;
using Jianxun.Web.Features.Archive;
using Jianxun.Web.Features.Auditing;
using Jianxun.Web.Features.Issues;
using Jianxun.Web.Features.Organisation;
using Jianxun.Web.Features.Scores;
using Jianxun.Web.Features.Search;
using Jianxun.Web.Features.Submissions;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

if (!builder.Environment.IsDevelopment())
{
    // Structured logs for the machines that collect them; Development keeps the readable console.
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole();
}

builder.Services.AddJianxunCore(builder.Configuration);
builder.AddJianxunAuthentication();
builder.Services.AddScoped<SignInService>();
builder.Services.AddSingleton<SearchReindexJob>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchReindexJob>());

builder.Services.AddProblemDetails();
// ADR-017: text checked at the boundary, every 4xx in Chinese (API and pages).
builder.Services.AddInputBoundary();
// Enums travel as their names ("Submitted", "Inserted"), which programs can read without a table.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddValidation();
builder.Services.AddExceptionHandler<DomainExceptionHandler>();
builder.Services.AddOpenApi();
// The PDF reader process (ADR-019) is looked for once, at start: a missing one is Degraded, not a 500 at the first PDF.
builder.Services.AddSingleton(sp => Jianxun.Text.PdfWorker.Check(sp.GetRequiredService<IOptions<JianxunOptions>>().Value.PdfWorkerPath));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<PdfWorkerHealthCheck>("pdf-reader");
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.ConfigureFilter(new PageDomainExceptionFilter());
    });
builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
// Chinese text goes out as characters, not as &#x...; entities (HTML-escaping of markup stays on).
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
// Security headers on every response, HSTS, trusted proxies, Secure cookies, AllowedHosts checked (ADR-018).
builder.AddJianxunSecurity();

var app = builder.Build();

var settings = app.Services.GetRequiredService<IOptions<JianxunOptions>>().Value;
// A missing font is a clear error at start, not a broken PDF later.
app.Services.GetRequiredService<Jianxun.Core.Issues.PublishingFonts>().Validate();
// A missing PDF reader is one clear line at start; the server still runs (Word and text imports need no worker).
if (app.Services.GetRequiredService<Jianxun.Text.PdfWorkerStatus>() is { IsAvailable: false } pdfWorker)
{
    Log.PdfWorkerMissing(app.Logger, Jianxun.Text.PdfWorker.StartupProblem(pdfWorker));
}
if (app.Environment.IsDevelopment() || settings.ApplyMigrationsOnStartup)
{
    // REVIEW: start-up migration is for Development and single-machine installs; production runs `jianxun db migrate`.
    await using var scope = app.Services.CreateAsyncScope();
    var lastReported = -1;
    var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None,
        new Progress<(int Done, int Total)>(p =>
        {
            // Every tenth, like the command line's every twentieth: a rebuild of a large archive takes minutes.
            var tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            if (Interlocked.Exchange(ref lastReported, tenth) != tenth)
            {
                Log.SearchRebuild(app.Logger, p.Done, p.Total);
            }
        }));
    Log.MigrationsApplied(app.Logger, applied.Count, settings.Database.ToString());
}
// A series' own fonts (版式) too, once the database is there.
await app.ValidateSeriesFontsAsync();

app.UseJianxunSecurity();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(CultureInfo.GetCultureInfo("zh-CN")),
    SupportedCultures = [CultureInfo.GetCultureInfo("zh-CN")],
    SupportedUICultures = [CultureInfo.GetCultureInfo("zh-CN")],
});
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500" });
app.UseWhen(ctx => AuthenticationSetup.IsApi(ctx.Request), api => api.UseStatusCodePages());
app.UseWhen(ctx => !AuthenticationSetup.IsApi(ctx.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));

// Self-hosted assets, served before sign-in is checked. REVIEW: UseStaticFiles rather than MapStaticAssets,
// whose endpoint manifest lost the Content-Type under WebApplicationFactory's Kestrel mode (browser tests).
app.UseStaticFiles();
// Explicit routing after the error middleware, so that a re-executed error page is routed afresh.
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseApiAntiforgery();

app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/healthz", new HealthCheckOptions
{
    ResponseWriter = async (ctx, report) =>
    {
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    },
}).AllowAnonymous();

// Every endpoint below checks the text it binds before its handler runs (ADR-017).
var endpoints = app.MapGroup("").WithInputBoundary().WithProblemResponses();
endpoints.MapAccounts();
endpoints.MapOrganisation();
endpoints.MapAuditing();
endpoints.MapSubmissions();
endpoints.MapIssues();
endpoints.MapArchive();
endpoints.MapSearch();
endpoints.MapScores();

await app.RunAsync();

public partial class Program;
