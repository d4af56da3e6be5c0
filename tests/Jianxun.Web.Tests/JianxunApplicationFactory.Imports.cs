using System.Net.Http.Json;
using System.Text.Json;

namespace Jianxun.Web.Tests;

/// <summary>Intent methods for the archive import.</summary>
public partial class JianxunApplicationFactory
{
    /// <summary>
    /// POST /api/imports as the import page does: the preview's pending token, series, year, number, total and date, and its
    /// sections (or <paramref name="sections"/> made from them, for a test that corrects the preview), for
    /// <paramref name="readerUnitIds"/> when given.
    /// </summary>
    public static async Task<HttpResponseMessage> CommitImportAsync(HttpClient client, JsonElement preview,
        Func<JsonElement, object>? sections = null, int[]? readerUnitIds = null)
        => await client.PostAsJsonAsync("/api/imports", new
        {
            pendingToken = preview.GetProperty("pendingToken").GetString(),
            seriesId = preview.GetProperty("seriesId").GetInt32(),
            year = preview.GetProperty("year").GetInt32(),
            number = preview.GetProperty("number").GetInt32(),
            totalNumber = preview.GetProperty("totalNumber").GetInt32(),
            date = preview.GetProperty("date").GetString(),
            sections = sections is null ? (object)preview.GetProperty("sections") : sections(preview.GetProperty("sections")),
            readerUnitIds,
        });
}
