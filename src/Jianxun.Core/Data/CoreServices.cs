using Jianxun.Core.Accounts;
using Jianxun.Core.Archive;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Demo;
using Jianxun.Core.Operations;
using Jianxun.Core.Organisation;
using Jianxun.Core.Search;
using Jianxun.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Data;

/// <summary>Registers what the web app and the command line share: settings, the database, handlers.</summary>
public static class CoreServices
{
    public const string ConnectionStringName = "Jianxun";
    public const string SqliteMigrationsAssembly = "Jianxun.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Jianxun.Data.Postgres";

    public static IServiceCollection AddJianxunCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JianxunOptions>()
            .Bind(configuration.GetSection(JianxunOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Database != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)),
                "Jianxun:Database=Postgres 需要在 ConnectionStrings:Jianxun 中给出 PostgreSQL 连接字符串。")
            .Validate(o => Common.OfficeClock.TryFindZone(o.TimeZone, out _), "Jianxun:TimeZone 设置的时区在本机不存在，请使用如 Asia/Shanghai 的时区名称。")
            .ValidateOnStart();

        // Log lines are bounded whatever logs them (EF Core's command failures included): issue 15, docs/security/input.md.
        services.AddBoundedLogLines();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var settings = sp.GetRequiredService<IOptions<JianxunOptions>>().Value;
            ConfigureDatabase(options, settings, configuration.GetConnectionString(ConnectionStringName));
            // Never log parameter values (user text, ids by the thousand); said here so that no setting turns it on by accident.
            options.EnableSensitiveDataLogging(false);
            options.AddInterceptors(sp.GetRequiredService<Search.SearchIndexInterceptor>());
        });

        services.UseClock(TimeProvider.System);
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<UnitHandlers>();
        services.AddScoped<SeriesHandlers>();
        services.AddScoped<UserHandlers>();
        services.AddScoped<UserSessions>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<SignInThrottle>();
        services.AddOptions<SignInLimitOptions>().Bind(configuration.GetSection(SignInLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Home.HomeQueries>();
        services.AddScoped<Submissions.SubmissionHandlers>();
        services.AddScoped<Submissions.CallHandlers>();
        services.AddScoped<Submissions.DocumentDrafts>();
        // LibreOffice for .doc/.wps/.rtf/.odt (ADR-030): Jianxun:Converter:SofficePath, or found on PATH when not set.
        services.AddSingleton(_ => new LegacyDocumentConverter(configuration["Jianxun:Converter:SofficePath"]));
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Storage.FileStore>();
        services.AddScoped<Storage.StoredImages>();
        services.AddJianxunArchive();
        services.AddSingleton(new Issues.PublishingFonts(configuration["Jianxun:Fonts:Directory"]));
        services.AddScoped<Issues.IssueRenderer>();
        services.AddScoped<Issues.IssueHandlers>();
        services.AddScoped<Issues.ReadingScope>();
        services.AddJianxunSearch();
        services.AddScoped<Scoring.ScoreHandlers>();
        services.AddSingleton<Scoring.ScoreExports>();
        services.AddOptions<Notifications.SmtpOptions>().Bind(configuration.GetSection("Jianxun:Smtp"));
        if (!string.IsNullOrWhiteSpace(configuration["Jianxun:Smtp:Host"]))
        {
            services.AddSingleton<Notifications.IMailSender, Notifications.SmtpMailSender>();
        }
        else
        {
            services.AddSingleton<Notifications.IMailSender, Notifications.NoMailSender>();
        }
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DemoSeeder>();
        services.AddJianxunBackups(configuration);
        return services;
    }

    /// <summary>The account rules: five wrong passwords lock an account for 15 minutes.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.Password.RequiredLength = 8;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = true;
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
    }

    /// <summary>
    /// The provider, its migrations and the query splitting default. One SQL statement per query is the default, said
    /// explicitly (without it EF warns on every query with two collections): such queries here load one article's units
    /// and photos, or an issue's sections and their items, a few rows each; the loads that can grow say AsSplitQuery (ADR-024).
    /// </summary>
    public static void ConfigureDatabase(DbContextOptionsBuilder options, JianxunOptions settings, string? connectionString)
    {
        switch (settings.Database)
        {
            case DatabaseProvider.Sqlite:
                var cs = string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(EnsureDataDirectory(settings), "jianxun.db")}"
                    : connectionString;
                options.UseSqlite(cs, x => x.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, x => x.MigrationsAssembly(PostgresMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {settings.Database}.");
        }
    }

    public static string EnsureDataDirectory(JianxunOptions settings)
    {
        var dir = settings.ResolvedDataDirectory;
        Directory.CreateDirectory(dir);
        return dir;
    }
}
