using System.Data.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Issues;

namespace Jianxun.Web.Infrastructure;

internal static class SeriesFontCheck
{
    /// <summary>
    /// At start-up, after the default fonts: every active series' own fonts (版式) must be in the font directory, or the
    /// start stops with a message naming the series and the font (<see cref="PublishingFonts.ValidateSeriesAsync"/>).
    /// </summary>
    public static async Task ValidateSeriesFontsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await app.Services.GetRequiredService<PublishingFonts>()
                .ValidateSeriesAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
        }
        catch (DbException e)
        {
            // REVIEW: a database that is unreachable or not migrated yet (production runs `jianxun db migrate` on its own)
            // must not keep the site down; publishing checks the fonts again before it renders anything.
            Log.SeriesFontsNotChecked(app.Logger, e);
        }
    }
}
