using Jianxun.Core.Data;
using Jianxun.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Web.Tests;

/// <summary>Intent methods for the input-boundary tests (ADR-017): states the API can no longer produce.</summary>
public partial class JianxunApplicationFactory
{
    /// <summary>
    /// Writes text straight into an article and its revisions, as rows stored before the boundary refused control and
    /// bidi characters (an old version, an import) would hold it.
    /// </summary>
    public async Task PlantStoredTextAsync(int submissionId, string title, string firstParagraph)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Submissions.FirstAsync(x => x.Id == submissionId);
        s.Title = title;
        s.Paragraphs = [firstParagraph, .. s.Paragraphs.Skip(1)];
        await db.SaveChangesAsync();
    }

    /// <summary>Removes an article's stored photo files from the disk (a lost file), so that rendering its issue fails.</summary>
    public async Task LoseStoredPhotosAsync(int submissionId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>();
        foreach (var name in await db.Set<Core.Submissions.SubmissionPhoto>().Where(p => p.SubmissionId == submissionId).Select(p => p.StoredName).ToListAsync())
        {
            files.Delete(name);
        }
    }
}
