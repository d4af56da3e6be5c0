using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jianxun.Data.Sqlite;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Jianxun.Data.Sqlite</c> only.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        CoreServices.ConfigureDatabase(options, new JianxunOptions { Database = DatabaseProvider.Sqlite }, "Data Source=design-time.db");
        return new AppDbContext(options.Options);
    }
}
