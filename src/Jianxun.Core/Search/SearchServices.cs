using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Search;

public static class SearchServices
{
    public static IServiceCollection AddJianxunSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndexInterceptor>();
        services.AddScoped(sp => IndexFor(sp.GetRequiredService<AppDbContext>()));
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchHandlers>();
        return services;
    }

    /// <summary>The index dialect of the context's provider.</summary>
    public static ISearchIndex IndexFor(AppDbContext db)
        => db.Database.IsNpgsql() ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db);
}
