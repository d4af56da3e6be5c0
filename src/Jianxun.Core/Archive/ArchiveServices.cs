using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Archive;

public static class ArchiveServices
{
    /// <summary>Import of old bulletins and the archive queries.</summary>
    public static IServiceCollection AddJianxunArchive(this IServiceCollection services)
        => services.AddScoped<ImportHandlers>().AddScoped<ArchiveQueries>().AddScoped<PendingImports>();
}
