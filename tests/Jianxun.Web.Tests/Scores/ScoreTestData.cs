using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jianxun.Web.Tests.Scores;

/// <summary>What the assessment tests need from the demo data, found (or made) through the API.</summary>
internal static class ScoreTestData
{
    public const string HigherKind = "district-daily";
    public const string InstructionLevel = "district-principal";

    /// <summary>
    /// The demo seeds the rule set 云澜区国资委信息工作考核细则 from last month; should a database have none, the
    /// administrator saves one with the same higher-adoption kinds and instruction levels.
    /// </summary>
    /// <summary>
    /// The day of the demo's newer published issue (DemoSeeder publishes at today − 20 and today − 8): its month and year
    /// always have points, whatever day of the month or year the tests' clock says it is.
    /// </summary>
    public static DateOnly DemoIssueDate => JianxunApplicationFactory.Today.AddDays(-8);

    public static string DemoMonth => DemoIssueDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string DemoYear => DemoIssueDate.Year.ToString(CultureInfo.InvariantCulture);

    public static async Task EnsureRuleSetAsync(JianxunApplicationFactory app)
    {
        using var admin = await app.ApiClientAsync("admin");
        await EnsureRuleSetAsync(admin);
    }

    public static async Task EnsureRuleSetAsync(HttpClient admin)
    {
        var sets = await admin.GetJsonAsync("/api/scores/rule-sets");
        if (sets.EnumerateArray().Any(s => s.GetProperty("inForce").GetBoolean()))
        {
            return;
        }
        var today = JianxunApplicationFactory.Today;
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        using var response = await admin.PostAsJsonAsync("/api/scores/rule-sets", new
        {
            name = "测试考核细则",
            effectiveFrom = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            rules = new
            {
                ownAdoption = new object[]
                {
                    new { column = (string?)null, kind = "Full", points = 3 },
                    new { column = (string?)null, kind = "Brief", points = 1 },
                    new { column = (string?)null, kind = "Combined", points = 2 },
                },
                higherAdoption = new[] { new { key = HigherKind, name = "区委区政府信息刊物采用", points = 5 } },
                instructions = new[] { new { key = InstructionLevel, name = "区级主要领导", points = 10 } },
                multipliers = new[] { new { name = "领导关注稿件", column = "领导关注", factor = 1.5 } },
            },
        });
        await response.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A bearer-token client for a server on a real port (the browser tests' Kestrel), where the factory's clients do not reach.</summary>
    public static async Task<HttpClient> ApiClientAsync(string baseUrl, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = JianxunApplicationFactory.DemoPassword });
        var token = (await response.JsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A published article of one unit, in a column without a multiplier, so that a recorded event adds exactly its rule's points.</summary>
    public static async Task<(int Id, string Title, int UnitId, string Unit)> PublishedArticleAsync(HttpClient editor, string? unit = null)
    {
        var list = await editor.GetJsonAsync("/api/submissions?status=Published");
        var item = list.GetProperty("items").EnumerateArray().First(i =>
            !i.GetProperty("units").GetString()!.Contains('、', StringComparison.Ordinal)
            && i.GetProperty("column").GetString() is not "领导关注"
            && (unit is null || i.GetProperty("units").GetString() == unit));
        var id = item.GetProperty("id").GetInt32();
        var article = await editor.GetJsonAsync($"/api/submissions/{id}");
        var first = article.GetProperty("units")[0];
        return (id, article.GetProperty("title").GetString()!, first.GetProperty("id").GetInt32(), first.GetProperty("shortName").GetString()!);
    }

    /// <summary>The points a rule of the rules in force gives, as the article's score events offer them.</summary>
    public static decimal RulePoints(JsonElement events, string list, string key) =>
        events.GetProperty(list).EnumerateArray().First(k => k.GetProperty("key").GetString() == key).GetProperty("points").GetDecimal();

    public static JsonElement Row(JsonElement ranking, string unit) =>
        ranking.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("unit").GetString() == unit);

    public static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
