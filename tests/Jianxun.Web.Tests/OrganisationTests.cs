using System.Net;
using System.Net.Http.Json;
using Jianxun.Testing;

namespace Jianxun.Web.Tests;

/// <summary>Units, series and users through the API and the administration pages, on each database.</summary>
public abstract class OrganisationTests(JianxunApplicationFactory app)
{
    private void RequireDatabase() => TestDatabase.SkipIfUnavailable(app.Kind);

    [SkippableFact]
    public async Task Units_AnySignedInUser_ListsTheRegistry()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("contributor2");
        var units = (await api.GetJsonAsync("/api/units")).EnumerateArray().ToList();
        Assert.Contains(units, u => u.GetProperty("shortName").GetString() == "城投集团" && u.GetProperty("requiresUnitReview").GetBoolean());
        Assert.Contains(units, u => u.GetProperty("shortName").GetString() == "城投置业" && u.GetProperty("parentId").ValueKind == System.Text.Json.JsonValueKind.Number);
        Assert.True(units.Count >= 8);
    }

    [SkippableFact]
    public async Task Series_ListsColumnsInPrintOrderWithIds()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("reader");
        var series = (await api.GetJsonAsync("/api/series")).EnumerateArray().First();
        Assert.Equal("国资简讯", series.GetProperty("name").GetString());
        var columns = series.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["领导关注", "国资动态", "国企动态", "简讯"], columns.Select(c => c.GetProperty("name").GetString()));
        Assert.All(columns, c => Assert.True(c.GetProperty("id").GetInt32() > 0));
        Assert.True(columns[3].GetProperty("isBriefs").GetBoolean());
    }

    [SkippableFact]
    public async Task CreateUnit_AsAdmin_Returns201ListsItAndAuditsIt()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("admin");
        using var response = await api.PostAsJsonAsync("/api/units", new
        {
            name = "云澜区数字科技有限公司",
            shortName = "数科公司",
            aliases = new[] { "区数科" },
            parentId = (int?)null,
            peerGroup = "区属国企",
            requiresUnitReview = true,
        });
        var unit = await response.JsonAsync(HttpStatusCode.Created);
        var id = unit.GetProperty("id").GetInt32();
        Assert.Equal($"/api/units/{id}", response.Headers.Location!.OriginalString);

        var listed = await api.GetJsonAsync($"/api/units/{id}");
        Assert.Equal(["区数科"], listed.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        var audit = await api.GetJsonAsync($"/api/audit?entityType=Unit&entityId={id}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("unit.created", entry.GetProperty("action").GetString());
        Assert.Equal("admin", entry.GetProperty("userName").GetString());
    }

    [SkippableFact]
    public async Task CreateUnit_EmptyNames_Returns400WithChineseFieldMessages()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("admin");
        using var response = await api.PostAsJsonAsync("/api/units", new { name = "", shortName = " " });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("请填写单位全称。", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("请填写单位简称。", problem.GetProperty("errors").GetProperty("shortName")[0].GetString());
    }

    [SkippableFact]
    public async Task CreateUnit_MalformedJson_Returns400ProblemDetails()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("admin");
        using var response = await api.PostAsync("/api/units", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task GetUnit_Unknown_Returns404ProblemDetails()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("editor");
        var problem = await (await api.GetAsync("/api/units/999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("找不到该单位。", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task UnitsPage_InvalidForm_ShowsMessagesAndKeepsWhatWasTyped()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        using var response = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/units", new Dictionary<string, string>
        {
            ["Form.Name"] = "云澜区某某新设公司",
            ["Form.ShortName"] = "城投集团",
            ["Form.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("已有简称为“城投集团”的单位。", html);
        Assert.Contains("value=\"云澜区某某新设公司\"", html);
    }

    [SkippableFact]
    public async Task UnitsPage_ValidForm_CreatesUnit()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        using var response = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/units", new Dictionary<string, string>
        {
            ["Form.Name"] = "云澜区康养产业集团有限公司",
            ["Form.ShortName"] = "康养集团",
            ["Form.Aliases"] = "区康养集团\n康养公司",
            ["Form.PeerGroup"] = "区属国企",
            ["Form.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await admin.GetStringAsync("/admin/units");
        Assert.Contains("已保存单位“康养集团”。", html);
        Assert.Contains("区康养集团、康养公司", html);
    }

    [SkippableFact]
    public async Task SeriesPage_BriefsColumnNotInList_ShowsMessage()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        using var response = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/series", new Dictionary<string, string>
        {
            ["Form.Name"] = "党建工作简报",
            ["Form.Issuer"] = "区国资委党建工作科",
            ["Form.FirstTotalNumber"] = "1",
            ["Form.Columns"] = "工作动态\n基层风采",
            ["Form.BriefsColumn"] = "短讯",
            ["Form.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("编号简讯栏目“短讯”不在栏目列表中。", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task SeriesPage_ValidForm_CreatesSeriesWithOrderedColumns()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        using var response = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/series", new Dictionary<string, string>
        {
            ["Form.Name"] = "安全生产简报",
            ["Form.Issuer"] = "区国资委安全监管科",
            ["Form.FirstTotalNumber"] = "21",
            ["Form.Columns"] = "工作部署\n检查督导\n短讯",
            ["Form.BriefsColumn"] = "短讯",
            ["Form.DistributionFa"] = "各区属国有企业",
            ["Form.DefaultCopies"] = "40",
            ["Form.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var api = await app.ApiClientAsync("editor");
        var series = (await api.GetJsonAsync("/api/series")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "安全生产简报");
        Assert.Equal(["工作部署", "检查督导", "短讯"], series.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(21, series.GetProperty("firstTotalNumber").GetInt32());
    }

    [SkippableFact]
    public async Task UsersPage_AdminCreatesContributor_WhoCanThenSignIn()
    {
        RequireDatabase();
        using var admin = await app.LoginAsync("admin");
        using var api = await app.ApiClientAsync("admin");
        var unitId = (await api.GetJsonAsync("/api/units")).EnumerateArray().First(u => u.GetProperty("shortName").GetString() == "水务集团").GetProperty("id").GetInt32();

        using var response = await JianxunApplicationFactory.PostFormAsync(admin, "/admin/users", new Dictionary<string, string>
        {
            ["Form.UserName"] = "water.writer",
            ["Form.DisplayName"] = "何清源",
            ["Form.UnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Roles"] = "Contributor",
            ["Form.Password"] = "Water-pass-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var writer = await app.ApiClientAsync("water.writer", "Water-pass-2026");
        var me = await writer.GetJsonAsync("/api/me");
        Assert.Equal("水务集团", me.GetProperty("unit").GetProperty("shortName").GetString());
    }

    [SkippableFact]
    public async Task EditUserPage_Deactivate_RefusesLaterSignIn()
    {
        RequireDatabase();
        using var api = await app.ApiClientAsync("admin");
        var created = await (await api.PostAsJsonAsync("/api/users", new { userName = "leaving", displayName = "离岗人员", roles = new[] { "Reader" }, password = "Leaving-123" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        using var admin = await app.LoginAsync("admin");
        using var response = await JianxunApplicationFactory.PostFormAsync(admin, $"/admin/users/{id}", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "离岗人员",
            ["Form.Roles"] = "Reader",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var token = await app.RequestTokenAsync("leaving", "Leaving-123");
        var problem = await token.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("该账户已停用，请联系管理员。", problem.GetProperty("detail").GetString());
    }
}

public sealed class SqliteOrganisationTests(SqliteApp app) : OrganisationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOrganisationTests(PostgresApp app) : OrganisationTests(app), IClassFixture<PostgresApp>;
