using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Core.Tests;

public sealed class ModelTests
{
    // No server is needed: the model is compared with each provider's migrations snapshot.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=unused")]
    public void HasPendingModelChanges_ForEachProvider_IsFalse(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        CoreServices.ConfigureDatabase(options, new JianxunOptions { Database = provider }, connectionString);
        using var db = new AppDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration covers: run `dotnet ef migrations add <Name> --project src/Jianxun.Data.{provider} --startup-project src/Jianxun.Data.{provider}`.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
