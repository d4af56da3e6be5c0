using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jianxun.Data.Postgres;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Jianxun.Data.Postgres</c> only; no server is contacted.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        CoreServices.ConfigureDatabase(options, new JianxunOptions { Database = DatabaseProvider.Postgres }, "Host=localhost;Database=jianxun_design");
        return new AppDbContext(options.Options);
    }
}
