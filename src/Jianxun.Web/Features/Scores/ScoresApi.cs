using Jianxun.Core.Common;
using Jianxun.Core.Scoring;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Jianxun.Web.Features.Scores;

/// <summary>信息工作考核 for programs: rankings, explained breakdowns, exports, rule sets, and the recorded events of an article.</summary>
internal static class ScoresApi
{
    public static IEndpointRouteBuilder MapScores(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scores").WithTags("Scores").RequireAuthorization();
        api.MapGet("/", GetRanking).WithName(nameof(GetRanking));
        api.MapGet("/units/{id:int}", GetUnitScore).WithName(nameof(GetUnitScore));
        api.MapGet("/export.xlsx", ExportRanking).WithName(nameof(ExportRanking));
        api.MapGet("/units/{id:int}/export.xlsx", ExportUnitScore).WithName(nameof(ExportUnitScore));
        api.MapGet("/report.pdf", RankingReport).WithName(nameof(RankingReport));
        api.MapPost("/publish", PublishRanking).WithName(nameof(PublishRanking));
        api.MapPost("/unpublish", UnpublishRanking).WithName(nameof(UnpublishRanking));
        api.MapPost("/recompute", RecomputeScores).WithName(nameof(RecomputeScores));
        api.MapGet("/rule-sets", ListRuleSets).WithName(nameof(ListRuleSets));
        api.MapPost("/rule-sets", CreateRuleSet).WithName(nameof(CreateRuleSet));
        api.MapGet("/rule-sets/{id:int}", GetRuleSet).WithName(nameof(GetRuleSet));
        api.MapPost("/rule-sets/{id:int}/revise", ReviseRuleSet).WithName(nameof(ReviseRuleSet));

        var events = app.MapGroup("/api/submissions/{id:int}").WithTags("Scores").RequireAuthorization();
        events.MapGet("/score-events", GetScoreEvents).WithName(nameof(GetScoreEvents));
        events.MapPost("/higher-adoptions", RecordHigherAdoption).WithName(nameof(RecordHigherAdoption));
        events.MapDelete("/higher-adoptions/{hid:int}", DeleteHigherAdoption).WithName(nameof(DeleteHigherAdoption));
        events.MapPost("/instructions", RecordInstruction).WithName(nameof(RecordInstruction));
        // With a scan: a form upload. Programs send it with a bearer token; people use the article page's form.
        events.MapPost("/instructions/upload", RecordInstructionWithScan).WithName(nameof(RecordInstructionWithScan)).DisableAntiforgery()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme })
            .WithMetadata(new RequestSizeLimitAttribute(MaxScanBytes + (1024 * 1024)));
        events.MapDelete("/instructions/{iid:int}", DeleteInstruction).WithName(nameof(DeleteInstruction));
        events.MapGet("/instructions/{iid:int}/scan", GetInstructionScan).WithName(nameof(GetInstructionScan));
        return app;
    }

    internal const int MaxScanBytes = (int)Jianxun.Text.UserFileLimits.MaxScanBytes;

    /// <summary>2026-03, 2026-Q1 or 2026; the current month when not given.</summary>
    internal static ScorePeriod Period(string? period, ScoreHandlers handler)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return ScorePeriod.ForMonth(handler.Today.Year, handler.Today.Month);
        }
        return ScorePeriod.TryParse(period, out var parsed)
            ? parsed
            : throw ValidationException.For("period", $"无法识别考核期间“{period}”：月份写作 2026-03，季度写作 2026-Q1，年度写作 2026。");
    }

    internal static async Task<Ok<RankingDto>> GetRanking(HttpContext http, ScoreHandlers handler, CancellationToken ct, string? period = null, string? group = null)
        => TypedResults.Ok(await handler.RankingAsync(http.User.ToActor(), Period(period, handler), group, ct));

    internal static async Task<Ok<UnitBreakdownDto>> GetUnitScore(int id, HttpContext http, ScoreHandlers handler, CancellationToken ct, string? period = null)
        => TypedResults.Ok(await handler.UnitAsync(http.User.ToActor(), id, Period(period, handler), ct));

    internal static async Task<FileContentHttpResult> ExportRanking(HttpContext http, ScoreHandlers handler, TimeProvider clock, CancellationToken ct, string? period = null, string? group = null)
    {
        var ranking = await handler.RankingAsync(http.User.ToActor(), Period(period, handler), group, ct);
        return TypedResults.File(ScoreExports.RankingWorkbook(ranking, clock), ScoreExports.XlsxContentType,
            $"信息工作考核排名-{ranking.Period}{(ranking.Group is null ? "" : "-" + ranking.Group)}.xlsx");
    }

    internal static async Task<FileContentHttpResult> ExportUnitScore(int id, HttpContext http, ScoreHandlers handler, CancellationToken ct, string? period = null)
    {
        var unit = await handler.UnitAsync(http.User.ToActor(), id, Period(period, handler), ct);
        return TypedResults.File(ScoreExports.UnitWorkbook(unit), ScoreExports.XlsxContentType, $"信息工作考核得分-{unit.Unit}-{unit.Period}.xlsx");
    }

    /// <summary>The PDF opens in the browser (to print), with a name for saving it.</summary>
    internal static async Task<FileContentHttpResult> RankingReport(HttpContext http, ScoreHandlers handler, ScoreExports exports, TimeProvider clock, CancellationToken ct,
        string? period = null, string? group = null)
    {
        var ranking = await handler.RankingAsync(http.User.ToActor(), Period(period, handler), group, ct);
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName($"信息工作考核排名-{ranking.Period}{(ranking.Group is null ? "" : "-" + ranking.Group)}.pdf");
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(exports.RankingReportPdf(ranking, clock), "application/pdf");
    }

    internal static async Task<Ok<RankingDto>> PublishRanking(HttpContext http, ScoreHandlers handler, CancellationToken ct, string? period = null)
    {
        var actor = http.User.ToActor();
        var p = Period(period, handler);
        await handler.PublishAsync(actor, p, ct);
        return TypedResults.Ok(await handler.RankingAsync(actor, p, null, ct));
    }

    internal static async Task<Ok<RankingDto>> UnpublishRanking(HttpContext http, ScoreHandlers handler, CancellationToken ct, string? period = null)
    {
        var actor = http.User.ToActor();
        var p = Period(period, handler);
        await handler.UnpublishAsync(actor, p, ct);
        return TypedResults.Ok(await handler.RankingAsync(actor, p, null, ct));
    }

    internal static async Task<Ok<RankingDto>> RecomputeScores(HttpContext http, ScoreHandlers handler, CancellationToken ct, string? period = null)
        => TypedResults.Ok(await handler.RecomputeAsync(http.User.ToActor(), Period(period, handler), ct));

    internal static async Task<Ok<IReadOnlyList<RuleSetDto>>> ListRuleSets(HttpContext http, ScoreHandlers handler, CancellationToken ct, bool includeSuperseded = true)
        => TypedResults.Ok(await handler.ListRuleSetsAsync(http.User.ToActor(), includeSuperseded, ct));

    internal static async Task<Ok<RuleSetDto>> GetRuleSet(int id, HttpContext http, ScoreHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetRuleSetAsync(http.User.ToActor(), id, ct));

    internal static async Task<Created<RuleSetDto>> CreateRuleSet(SaveRuleSetRequest request, HttpContext http, ScoreHandlers handler, CancellationToken ct)
    {
        var set = await handler.SaveRuleSetAsync(http.User.ToActor(), null, request, ct);
        return TypedResults.Created($"/api/scores/rule-sets/{set.Id}", set);
    }

    /// <summary>Saves a new version that supersedes <paramref name="id"/>; the old version keeps scoring the months pinned to it.</summary>
    internal static async Task<Created<RuleSetDto>> ReviseRuleSet(int id, SaveRuleSetRequest request, HttpContext http, ScoreHandlers handler, CancellationToken ct)
    {
        var set = await handler.SaveRuleSetAsync(http.User.ToActor(), id, request, ct);
        return TypedResults.Created($"/api/scores/rule-sets/{set.Id}", set);
    }

    internal static async Task<Ok<SubmissionScoreEventsDto>> GetScoreEvents(int id, HttpContext http, ScoreHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.EventsAsync(http.User.ToActor(), id, ct));

    internal static async Task<Created<HigherAdoptionDto>> RecordHigherAdoption(int id, RecordHigherAdoptionRequest request, HttpContext http, ScoreHandlers handler,
        CancellationToken ct)
    {
        var recorded = await handler.RecordHigherAdoptionAsync(http.User.ToActor(), id, request, ct);
        return TypedResults.Created($"/api/submissions/{id}/score-events", recorded);
    }

    internal static async Task<NoContent> DeleteHigherAdoption(int id, int hid, HttpContext http, ScoreHandlers handler, CancellationToken ct)
    {
        await handler.DeleteHigherAdoptionAsync(http.User.ToActor(), id, hid, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Created<InstructionDto>> RecordInstruction(int id, RecordInstructionRequest request, HttpContext http, ScoreHandlers handler,
        CancellationToken ct)
    {
        var recorded = await handler.RecordInstructionAsync(http.User.ToActor(), id, request, null, ct);
        return TypedResults.Created($"/api/submissions/{id}/score-events", recorded);
    }

    internal static async Task<Created<InstructionDto>> RecordInstructionWithScan(int id, [FromForm] string? date, [FromForm] string? level,
        [FromForm] string? leaderName, [FromForm] string? text, IFormFile? scan, HttpContext http, ScoreHandlers handler, CancellationToken ct)
    {
        var recorded = await handler.RecordInstructionAsync(http.User.ToActor(), id,
            new RecordInstructionRequest(Date(date), level, leaderName, text), await ReadScanAsync(scan, ct), ct);
        return TypedResults.Created($"/api/submissions/{id}/score-events", recorded);
    }

    internal static async Task<NoContent> DeleteInstruction(int id, int iid, HttpContext http, ScoreHandlers handler, CancellationToken ct)
    {
        await handler.DeleteInstructionAsync(http.User.ToActor(), id, iid, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<FileStreamHttpResult> GetInstructionScan(int id, int iid, HttpContext http, ScoreHandlers handler, CancellationToken ct)
    {
        var (content, contentType, fileName) = await handler.OpenScanAsync(http.User.ToActor(), id, iid, ct);
        // Downloaded under the name it was uploaded with.
        return TypedResults.File(content, contentType, fileName, enableRangeProcessing: false);
    }

    /// <summary>A date from a form field (2026-03-05), with a Chinese message rather than the framework's binding error.</summary>
    internal static DateOnly? Date(string? text)
        => string.IsNullOrWhiteSpace(text) ? null
            : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d
            : throw ValidationException.For("date", "日期格式应为 2026-03-05。");

    /// <summary>An uploaded scan as bytes; refused before reading when it is too large.</summary>
    internal static async Task<(byte[] Content, string FileName)?> ReadScanAsync(IFormFile? scan, CancellationToken ct)
    {
        if (scan is null || scan.Length == 0)
        {
            return null;
        }
        ScoreHandlers.RefuseOversizedScan(scan.Length);
        using var buffer = new MemoryStream();
        await scan.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), scan.FileName);
    }
}
