using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianxun.Testing;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace Jianxun.Web.Tests.Scores;

/// <summary>信息工作考核 through the API: rankings, breakdowns, who sees what, recorded events, exports; on each database.</summary>
public abstract class ScoresApiTests(JianxunApplicationFactory app)
{
    private async Task RequireDatabaseAsync()
    {
        TestDatabase.SkipIfUnavailable(app.Kind);
        await ScoreTestData.EnsureRuleSetAsync(app);
    }

    private static string[] Categories => ["本刊采用", "上级采用", "领导批示", "定额考核", "约稿报送"];

    [SkippableFact]
    public async Task Ranking_DefaultPeriod_IsTheCurrentMonthWithEveryFigure()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");

        var ranking = await editor.GetJsonAsync("/api/scores");

        var period = ranking.GetProperty("period").GetString()!;
        var today = JianxunApplicationFactory.Today;
        Assert.Equal(today.ToString("yyyy-MM", CultureInfo.InvariantCulture), period);
        Assert.Equal($"{today.Year}年{today.Month}月", ranking.GetProperty("periodLabel").GetString());
        Assert.Equal(JsonValueKind.Null, ranking.GetProperty("group").ValueKind);
        Assert.Contains("区属国企", ranking.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.False(ranking.GetProperty("isFinal").GetBoolean());
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("unit").GetString() == "城投集团");
        foreach (var row in rows)
        {
            foreach (var field in new[] { "unitId", "rank", "sent", "adopted", "higherAdopted", "instructions", "quotaPeriodsMet", "quotaPeriods", "callsAnswered", "callsAsked" })
            {
                Assert.Equal(JsonValueKind.Number, row.GetProperty(field).ValueKind);
            }
            Assert.Equal(JsonValueKind.Number, row.GetProperty("points").ValueKind);
            Assert.True(row.GetProperty("adoptionRate").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
            Assert.Equal(JsonValueKind.Object, row.GetProperty("byCategory").ValueKind);
            Assert.Equal(row.GetProperty("points").GetDecimal(), row.GetProperty("byCategory").EnumerateObject().Sum(c => c.Value.GetDecimal()));
        }
        // Ranked by points, equal points sharing a rank.
        var points = rows.Select(r => r.GetProperty("points").GetDecimal()).ToList();
        Assert.Equal(points.OrderDescending(), points);
        Assert.Equal(1, rows[0].GetProperty("rank").GetInt32());
        Assert.NotEmpty(ranking.GetProperty("ruleSets").EnumerateArray());
        Assert.Contains($"{today.Year}年{today.Month}月", ranking.GetProperty("ruleSets")[0].GetProperty("months").EnumerateArray().Select(m => m.GetString()));

        // Within a peer group; by quarter and by year.
        var group = await editor.GetJsonAsync($"/api/scores?period={period}&group={Uri.EscapeDataString("区属国企")}");
        Assert.Equal("区属国企", group.GetProperty("group").GetString());
        Assert.All(group.GetProperty("rows").EnumerateArray(), r => Assert.Equal("区属国企", r.GetProperty("peerGroup").GetString()));
        var quarter = await editor.GetJsonAsync($"/api/scores?period={today.Year}-Q{((today.Month - 1) / 3) + 1}");
        Assert.Equal($"{today.Year}-Q{((today.Month - 1) / 3) + 1}", quarter.GetProperty("period").GetString());
        Assert.EndsWith("季度", quarter.GetProperty("periodLabel").GetString(), StringComparison.Ordinal);
        var year = await editor.GetJsonAsync($"/api/scores?period={today.Year}");
        Assert.Equal($"{today.Year}年度", year.GetProperty("periodLabel").GetString());
    }

    [SkippableFact]
    public async Task UnitBreakdown_LinesSumToTheUnitsPoints_ForEveryUnitMonthAndYear()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        foreach (var period in new[] { ScoreTestData.DemoMonth, ScoreTestData.DemoYear })
        {
            var ranking = await editor.GetJsonAsync($"/api/scores?period={period}");
            var withLines = 0;
            foreach (var row in ranking.GetProperty("rows").EnumerateArray())
            {
                var unit = await editor.GetJsonAsync($"/api/scores/units/{row.GetProperty("unitId").GetInt32()}?period={period}");
                var lines = unit.GetProperty("lines").EnumerateArray().ToList();
                var score = unit.GetProperty("score");
                Assert.Equal(row.GetProperty("points").GetDecimal(), score.GetProperty("points").GetDecimal());
                Assert.Equal(score.GetProperty("points").GetDecimal(), lines.Sum(l => l.GetProperty("points").GetDecimal()));
                Assert.Equal(JsonValueKind.Number, unit.GetProperty("rankInGroup").ValueKind); // the office always sees ranks
                Assert.Equal(12, unit.GetProperty("trend").GetArrayLength());
                Assert.All(lines, l =>
                {
                    Assert.Contains(l.GetProperty("category").GetString(), Categories.Append("封顶"));
                    Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("item").GetString()));
                    Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("rule").GetString()));
                });
                withLines += lines.Count > 0 ? 1 : 0;
            }
            Assert.True(withLines > 0, "the demo's published issues give some unit points");
        }
    }

    [SkippableFact]
    public async Task RecordedEvents_AddTheirRulePointsToTheUnit_AndDeletingTakesThemAway()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        var article = await ScoreTestData.PublishedArticleAsync(editor);
        var events = await editor.GetJsonAsync($"/api/submissions/{article.Id}/score-events");
        var higherPoints = ScoreTestData.RulePoints(events, "higherKinds", ScoreTestData.HigherKind);
        var instructionPoints = ScoreTestData.RulePoints(events, "instructionLevels", ScoreTestData.InstructionLevel);
        var before = ScoreTestData.Row(await editor.GetJsonAsync("/api/scores"), article.Unit);

        var higher = await (await editor.PostAsJsonAsync($"/api/submissions/{article.Id}/higher-adoptions",
            new { kind = ScoreTestData.HigherKind, body = "区委办公室", publication = "《每日要情》", note = "全文采用" })).JsonAsync(HttpStatusCode.Created);
        var instruction = await (await editor.PostAsJsonAsync($"/api/submissions/{article.Id}/instructions",
            new { level = ScoreTestData.InstructionLevel, leaderName = "区长", text = "请认真总结推广。" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("区委办公室", higher.GetProperty("body").GetString());
        Assert.False(instruction.GetProperty("hasScan").GetBoolean());

        var after = ScoreTestData.Row(await editor.GetJsonAsync("/api/scores"), article.Unit);
        Assert.Equal(before.GetProperty("points").GetDecimal() + higherPoints + instructionPoints, after.GetProperty("points").GetDecimal());
        Assert.Equal(before.GetProperty("higherAdopted").GetInt32() + 1, after.GetProperty("higherAdopted").GetInt32());
        Assert.Equal(before.GetProperty("instructions").GetInt32() + 1, after.GetProperty("instructions").GetInt32());

        // Every point explained: the breakdown names the article, the publication and the rule.
        var breakdown = await editor.GetJsonAsync($"/api/scores/units/{article.UnitId}");
        var lines = breakdown.GetProperty("lines").EnumerateArray().ToList();
        Assert.Contains(lines, l => l.GetProperty("category").GetString() == "上级采用"
            && l.GetProperty("item").GetString()!.Contains($"《{article.Title}》被区委办公室《每日要情》采用", StringComparison.Ordinal)
            && l.GetProperty("points").GetDecimal() == higherPoints
            && l.GetProperty("link").GetString() == $"/submissions/{article.Id}");
        Assert.Contains(lines, l => l.GetProperty("category").GetString() == "领导批示"
            && l.GetProperty("item").GetString()!.Contains("获区长批示", StringComparison.Ordinal)
            && l.GetProperty("points").GetDecimal() == instructionPoints);

        var listed = await editor.GetJsonAsync($"/api/submissions/{article.Id}/score-events");
        Assert.Contains(listed.GetProperty("higherAdoptions").EnumerateArray(), h => h.GetProperty("id").GetInt32() == higher.GetProperty("id").GetInt32());

        // The audit trail has both.
        using var admin = await app.ApiClientAsync("admin");
        var audit = await admin.GetJsonAsync($"/api/audit?entityType=Submission&entityId={article.Id}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
        Assert.Contains("score.higher.recorded", actions);
        Assert.Contains("score.instruction.recorded", actions);

        using (var deleted = await editor.DeleteAsync($"/api/submissions/{article.Id}/higher-adoptions/{higher.GetProperty("id").GetInt32()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using (var deleted = await editor.DeleteAsync($"/api/submissions/{article.Id}/instructions/{instruction.GetProperty("id").GetInt32()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var restored = ScoreTestData.Row(await editor.GetJsonAsync("/api/scores"), article.Unit);
        Assert.Equal(before.GetProperty("points").GetDecimal(), restored.GetProperty("points").GetDecimal());
        await (await editor.DeleteAsync($"/api/submissions/{article.Id}/higher-adoptions/{higher.GetProperty("id").GetInt32()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Instruction_WithAScan_IsStoredAndServedToTheUnit()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        var article = await ScoreTestData.PublishedArticleAsync(editor, "城投集团");
        var scan = TestImages.Png(120, 80);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JianxunApplicationFactory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "date" },
            { new StringContent(ScoreTestData.InstructionLevel), "level" },
            { new StringContent("区委书记"), "leaderName" },
            { new StringContent("此件很好。"), "text" },
            { new ByteArrayContent(scan), "scan", "批示.png" },
        };
        var recorded = await (await editor.PostAsync($"/api/submissions/{article.Id}/instructions/upload", form)).JsonAsync(HttpStatusCode.Created);
        Assert.True(recorded.GetProperty("hasScan").GetBoolean());
        var id = recorded.GetProperty("id").GetInt32();

        using var contributor = await app.ApiClientAsync("contributor");
        using var served = await contributor.GetAsync($"/api/submissions/{article.Id}/instructions/{id}/scan");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        // Stored re-encoded (ADR-016): the same picture and size, not the same bytes.
        Assert.Equal(new Jianxun.Publishing.ImageInfo(120, 80, "image/png"), Jianxun.Publishing.ImageInfo.Read(await served.Content.ReadAsByteArrayAsync()));

        // Not a scan by its content: refused with a Chinese message.
        using var bad = new MultipartFormDataContent
        {
            { new StringContent(ScoreTestData.InstructionLevel), "level" },
            { new StringContent("此件很好。"), "text" },
            { new ByteArrayContent("not an image"u8.ToArray()), "scan", "批示.png" },
        };
        var problem = await (await editor.PostAsync($"/api/submissions/{article.Id}/instructions/upload", bad)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("PDF、JPEG 或 PNG", problem.GetProperty("errors").GetProperty("scan")[0].GetString(), StringComparison.Ordinal);
        using var deleted = await editor.DeleteAsync($"/api/submissions/{article.Id}/instructions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [SkippableFact]
    public async Task Contributor_SeesOnlyTheirUnitsBreakdown_AndTheRankingOnceItIsPublished()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        using var contributor = await app.ApiClientAsync("contributor");
        using var reader = await app.ApiClientAsync("reader");
        var me = await contributor.GetJsonAsync("/api/me");
        var own = me.GetProperty("unit").GetProperty("id").GetInt32();
        var ranking = await editor.GetJsonAsync("/api/scores");
        var period = ranking.GetProperty("period").GetString();
        var other = ranking.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitId").GetInt32()).First(id => id != own);
        await (await editor.PostAsync($"/api/scores/unpublish?period={period}", null)).JsonAsync();

        // Their own unit, explained, without the rank while the ranking is unpublished.
        var mine = await contributor.GetJsonAsync($"/api/scores/units/{own}?period={period}");
        Assert.Equal("城投集团", mine.GetProperty("unit").GetString());
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("rankInGroup").ValueKind);
        var problem = await (await contributor.GetAsync($"/api/scores/units/{other}?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("只能查看本单位的得分明细。", problem.GetProperty("detail").GetString());
        await (await contributor.GetAsync($"/api/scores/units/{other}/export.xlsx?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        // The ranking: refused before publication, to units and readers alike.
        foreach (var client in new[] { contributor, reader })
        {
            var refused = await (await client.GetAsync($"/api/scores?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("尚未发布", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            await (await client.GetAsync($"/api/scores/export.xlsx?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/scores/report.pdf?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        await (await contributor.PostAsync($"/api/scores/publish?period={period}", null)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var published = await (await editor.PostAsync($"/api/scores/publish?period={period}", null)).JsonAsync();
        Assert.True(published.GetProperty("isPublished").GetBoolean());
        Assert.Equal(JsonValueKind.String, published.GetProperty("publishedAt").ValueKind);
        try
        {
            foreach (var client in new[] { contributor, reader })
            {
                var seen = await client.GetJsonAsync($"/api/scores?period={period}");
                Assert.True(seen.GetProperty("isPublished").GetBoolean());
                Assert.Equal(ranking.GetProperty("rows").GetArrayLength(), seen.GetProperty("rows").GetArrayLength());
            }
            var ranked = await contributor.GetJsonAsync($"/api/scores/units/{own}?period={period}");
            Assert.Equal(JsonValueKind.Number, ranked.GetProperty("rankInGroup").ValueKind);
            // Publishing a month publishes only that month.
            await (await contributor.GetAsync($"/api/scores?period={period![..4]}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            // Still only their own unit's breakdown.
            await (await contributor.GetAsync($"/api/scores/units/{other}?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            await (await editor.PostAsync($"/api/scores/unpublish?period={period}", null)).JsonAsync();
        }
        await (await contributor.GetAsync($"/api/scores?period={period}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task BadPeriod_IsA400ProblemWithAChineseMessage()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        foreach (var period in new[] { "2026-13", "2026-Q5", "abc", "26", "2026-3-1" })
        {
            foreach (var path in new[] { "/api/scores", "/api/scores/units/1", "/api/scores/export.xlsx", "/api/scores/report.pdf" })
            {
                var problem = await (await editor.GetAsync($"{path}?period={Uri.EscapeDataString(period)}")).AssertProblemAsync(HttpStatusCode.BadRequest);
                var message = problem.GetProperty("errors").GetProperty("period")[0].GetString();
                Assert.Contains($"无法识别考核期间“{period}”", message, StringComparison.Ordinal);
                Assert.Contains("2026-Q1", message, StringComparison.Ordinal);
            }
        }
        await (await editor.PostAsync("/api/scores/publish?period=2026-00", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task UnitPeople_CannotRecordOrDeleteEvents()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        var article = await ScoreTestData.PublishedArticleAsync(editor, "城投集团");
        var recorded = await (await editor.PostAsJsonAsync($"/api/submissions/{article.Id}/higher-adoptions",
            new { kind = ScoreTestData.HigherKind, body = "区政府办公室", publication = "《政务信息》" })).JsonAsync(HttpStatusCode.Created);
        try
        {
            foreach (var name in new[] { "contributor", "reviewer", "reader", "signer" })
            {
                using var client = await app.ApiClientAsync(name);
                await (await client.PostAsJsonAsync($"/api/submissions/{article.Id}/higher-adoptions",
                    new { kind = ScoreTestData.HigherKind, body = "区委办公室", publication = "《每日要情》" })).AssertProblemAsync(HttpStatusCode.Forbidden);
                await (await client.PostAsJsonAsync($"/api/submissions/{article.Id}/instructions",
                    new { level = ScoreTestData.InstructionLevel, text = "好。" })).AssertProblemAsync(HttpStatusCode.Forbidden);
                await (await client.DeleteAsync($"/api/submissions/{article.Id}/higher-adoptions/{recorded.GetProperty("id").GetInt32()}"))
                    .AssertProblemAsync(HttpStatusCode.Forbidden);
            }
            // The unit's own people see what was recorded on their article; another unit does not.
            using var contributor = await app.ApiClientAsync("contributor");
            var seen = await contributor.GetJsonAsync($"/api/submissions/{article.Id}/score-events");
            Assert.Contains(seen.GetProperty("higherAdoptions").EnumerateArray(), h => h.GetProperty("body").GetString() == "区政府办公室");
            using var contributor2 = await app.ApiClientAsync("contributor2");
            await (await contributor2.GetAsync($"/api/submissions/{article.Id}/score-events")).AssertProblemAsync(HttpStatusCode.NotFound);

            // An editor's mistakes are Chinese validation problems.
            var problem = await (await editor.PostAsJsonAsync($"/api/submissions/{article.Id}/higher-adoptions",
                new { kind = "no-such-kind", body = "", publication = "《每日要情》" })).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("请填写采用单位。", problem.GetProperty("errors").GetProperty("body")[0].GetString());
            var future = await (await editor.PostAsJsonAsync($"/api/submissions/{article.Id}/instructions",
                new { date = "2999-01-01", level = ScoreTestData.InstructionLevel, text = "好。" })).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("不能晚于今天", future.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await editor.DeleteAsync($"/api/submissions/{article.Id}/higher-adoptions/{recorded.GetProperty("id").GetInt32()}");
        }
    }

    [SkippableFact]
    public async Task ExcelExports_HoldTheSameFiguresAsTheJson()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        var year = ScoreTestData.DemoYear;
        var ranking = await editor.GetJsonAsync($"/api/scores?period={year}");

        using var response = await editor.GetAsync($"/api/scores/export.xlsx?period={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var workbook = await response.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(workbook))
        {
            Assert.Equal(["排名", "说明"], MiniExcel.GetSheetNames(stream));
        }
        var sheet = Sheet(workbook, "排名");
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count, sheet.Count);
        Assert.Equal(["排名", "单位", "分组", "报送", "采用", "采用率", "上级采用", "领导批示", "定额完成", "约稿响应", "得分",
            "本刊采用得分", "上级采用得分", "领导批示得分", "定额考核得分", "约稿报送得分"], sheet[0].Keys.Take(16));
        for (var i = 0; i < rows.Count; i++)
        {
            var json = rows[i];
            var excel = sheet[i];
            Assert.Equal(json.GetProperty("unit").GetString(), excel["单位"]);
            Assert.Equal(json.GetProperty("rank").GetInt32(), Number(excel["排名"]));
            Assert.Equal(json.GetProperty("sent").GetInt32(), Number(excel["报送"]));
            Assert.Equal(json.GetProperty("adopted").GetInt32(), Number(excel["采用"]));
            Assert.Equal(json.GetProperty("higherAdopted").GetInt32(), Number(excel["上级采用"]));
            Assert.Equal(json.GetProperty("instructions").GetInt32(), Number(excel["领导批示"]));
            Assert.Equal(json.GetProperty("points").GetDecimal(), Number(excel["得分"]));
            Assert.Equal(Ratio(json, "quotaPeriodsMet", "quotaPeriods"), excel["定额完成"]);
            Assert.Equal(Ratio(json, "callsAnswered", "callsAsked"), excel["约稿响应"]);
            Assert.Equal(json.GetProperty("adoptionRate").ValueKind == JsonValueKind.Null ? "—"
                : (json.GetProperty("adoptionRate").GetDouble() * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%", excel["采用率"]);
            foreach (var category in Categories)
            {
                var expected = json.GetProperty("byCategory").TryGetProperty(category, out var v) ? v.GetDecimal() : 0;
                Assert.Equal(expected, Number(excel[category + "得分"]));
            }
        }
        var about = Sheet(workbook, "说明");
        Assert.Contains(about, r => (string?)r["项目"] == "考核期间" && (string?)r["内容"] == $"{year}年度");

        // A unit's breakdown: every line and the total.
        var unitId = rows.First(r => r.GetProperty("points").GetDecimal() != 0).GetProperty("unitId").GetInt32();
        var breakdown = await editor.GetJsonAsync($"/api/scores/units/{unitId}?period={year}");
        var unitWorkbook = await editor.GetByteArrayAsync($"/api/scores/units/{unitId}/export.xlsx?period={year}");
        var lines = Sheet(unitWorkbook, "得分明细");
        var jsonLines = breakdown.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["日期", "类别", "事项", "计分依据", "得分"], lines[0].Keys.Take(5));
        Assert.Equal(jsonLines.Count + 1, lines.Count);
        for (var i = 0; i < jsonLines.Count; i++)
        {
            Assert.Equal(jsonLines[i].GetProperty("date").GetString(), lines[i]["日期"]);
            Assert.Equal(jsonLines[i].GetProperty("category").GetString(), lines[i]["类别"]);
            Assert.Equal(jsonLines[i].GetProperty("item").GetString(), lines[i]["事项"]);
            Assert.Equal(jsonLines[i].GetProperty("rule").GetString(), lines[i]["计分依据"]);
            Assert.Equal(jsonLines[i].GetProperty("points").GetDecimal(), Number(lines[i]["得分"]));
        }
        Assert.Equal("合计", lines[^1]["日期"]);
        Assert.Equal(breakdown.GetProperty("score").GetProperty("points").GetDecimal(), Number(lines[^1]["得分"]));
        var trend = Sheet(unitWorkbook, "月度走势");
        Assert.Equal(12, trend.Count);
    }

    [SkippableFact]
    public async Task PdfReport_ListsEveryUnitWithItsPoints_AndIsTheSameBytesTwice()
    {
        await RequireDatabaseAsync();
        using var editor = await app.ApiClientAsync("editor");
        var group = Uri.EscapeDataString("区属国企");
        var ranking = await editor.GetJsonAsync($"/api/scores?group={group}");

        using var response = await editor.GetAsync($"/api/scores/report.pdf?group={group}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith("-区属国企.pdf", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, await editor.GetByteArrayAsync($"/api/scores/report.pdf?group={group}"));

        var lines = PdfTableLines(pdf);
        var text = string.Concat(lines.Select(l => string.Concat(l)));
        Assert.Contains("信息工作考核排名", text, StringComparison.Ordinal);
        Assert.Contains(ranking.GetProperty("periodLabel").GetString() + "·区属国企", text, StringComparison.Ordinal);
        Assert.Contains("第1页", text, StringComparison.Ordinal);
        foreach (var row in ranking.GetProperty("rows").EnumerateArray())
        {
            // Each unit's row: rank, name, group, eight figures, then its points as printed.
            var unit = row.GetProperty("unit").GetString()!;
            var cells = lines.SingleOrDefault(l => l.Count > 10 && l[1] == unit);
            Assert.True(cells is not null, $"{unit} has a row in the report");
            Assert.Equal(row.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(ScoreTestData.Points(row.GetProperty("points").GetDecimal()), cells[10]);
        }
    }

    [SkippableFact]
    public async Task RuleSets_RevisingKeepsTheOldVersion_OnlyAdministratorsSave_RecomputeIsAdminOnly()
    {
        await RequireDatabaseAsync();
        using var admin = await app.ApiClientAsync("admin");
        using var editor = await app.ApiClientAsync("editor");
        using var contributor = await app.ApiClientAsync("contributor");
        var current = (await editor.GetJsonAsync("/api/scores/rule-sets")).EnumerateArray().First(s => s.GetProperty("inForce").GetBoolean());
        var id = current.GetProperty("id").GetInt32();
        Assert.Equal(id, (await editor.GetJsonAsync($"/api/scores/rule-sets/{id}")).GetProperty("id").GetInt32());
        await (await contributor.GetAsync("/api/scores/rule-sets")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var request = new
        {
            name = current.GetProperty("name").GetString(),
            effectiveFrom = current.GetProperty("effectiveFrom").GetString(),
            note = "测试：同样的规则，新的版本。",
            rules = current.GetProperty("rules"),
        };
        await (await editor.PostAsJsonAsync($"/api/scores/rule-sets/{id}/revise", request)).AssertProblemAsync(HttpStatusCode.Forbidden);

        // Invalid rules: the Chinese problems of ScoreRules.Validate, nothing saved.
        var duplicated = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(current.GetProperty("rules").GetRawText())!;
        var higher = duplicated["higherAdoption"].EnumerateArray().ToList();
        duplicated["higherAdoption"] = JsonSerializer.SerializeToElement(higher.Append(higher[0]));
        var invalid = await (await admin.PostAsJsonAsync($"/api/scores/rule-sets/{id}/revise", request with { rules = JsonSerializer.SerializeToElement(duplicated) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("重复", invalid.GetProperty("errors").GetProperty("rules")[0].GetString(), StringComparison.Ordinal);
        var notFirst = await (await admin.PostAsJsonAsync("/api/scores/rule-sets", request with { effectiveFrom = "2026-03-15" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("1 日", notFirst.GetProperty("errors").GetProperty("effectiveFrom")[0].GetString(), StringComparison.Ordinal);

        var revised = await (await admin.PostAsJsonAsync($"/api/scores/rule-sets/{id}/revise", request)).JsonAsync(HttpStatusCode.Created);
        var newId = revised.GetProperty("id").GetInt32();
        Assert.True(revised.GetProperty("inForce").GetBoolean());
        var old = await editor.GetJsonAsync($"/api/scores/rule-sets/{id}");
        Assert.Equal(newId, old.GetProperty("supersededById").GetInt32());
        Assert.False(old.GetProperty("inForce").GetBoolean());
        await (await admin.PostAsJsonAsync($"/api/scores/rule-sets/{id}/revise", request)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var lastMonth = JianxunApplicationFactory.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await (await editor.PostAsync($"/api/scores/recompute?period={lastMonth}", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var before = await editor.GetJsonAsync($"/api/scores?period={lastMonth}");
        var recomputed = await (await admin.PostAsync($"/api/scores/recompute?period={lastMonth}", null)).JsonAsync();
        // The same rules in a new version: the same points, now under the new version.
        Assert.Equal(before.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("points").GetDecimal()),
            recomputed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("points").GetDecimal()));
        Assert.Equal(newId, recomputed.GetProperty("ruleSets")[0].GetProperty("id").GetInt32());
        var audit = await admin.GetJsonAsync($"/api/audit?entityType=ScorePeriod&entityId={lastMonth}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "score.recomputed");
    }

    private static decimal Number(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    internal static List<IDictionary<string, object?>> Sheet(byte[] workbook, string name)
    {
        using var stream = new MemoryStream(workbook);
        return [.. MiniExcel.Query(stream, useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
    }

    /// <summary>The PDF's text as lines of cells: letters on one baseline, split where the gap is wider than a space (a cell's padding).</summary>
    internal static List<List<string>> PdfTableLines(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var result = new List<List<string>>();
        foreach (var page in document.GetPages())
        {
            foreach (var line in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value))
                         .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key))
            {
                var cells = new List<string>();
                var current = "";
                double? end = null;
                foreach (var letter in line.OrderBy(l => l.StartBaseLine.X))
                {
                    if (end is double e && letter.StartBaseLine.X - e > 4)
                    {
                        cells.Add(current);
                        current = "";
                    }
                    current += letter.Value;
                    end = letter.EndBaseLine.X;
                }
                cells.Add(current);
                result.Add(cells);
            }
        }
        return result;
    }

    private static string Ratio(JsonElement row, string done, string of) =>
        row.GetProperty(of).GetInt32() == 0 ? "—" : $"{row.GetProperty(done).GetInt32()}/{row.GetProperty(of).GetInt32()}";
}

public sealed class SqliteScoresApiTests(SqliteApp app) : ScoresApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresScoresApiTests(PostgresApp app) : ScoresApiTests(app), IClassFixture<PostgresApp>;
