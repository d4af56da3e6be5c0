using System.CommandLine;
using Jianxun.Cli.Commands;
using Jianxun.Core.Accounts;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jianxun.Cli;

/// <summary>
/// The <c>jianxun</c> command. It reads the same settings as the web app: appsettings.json beside the
/// program, environment variables (<c>Jianxun__DataDirectory</c>, <c>ConnectionStrings__Jianxun</c>, …).
/// </summary>
public static class JianxunCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, IReadOnlyDictionary<string, string?>? configurationOverrides)
    {
        var root = new RootCommand("简讯（Jianxun）命令行：数据库迁移、用户管理、备份与恢复。设置与网站相同（appsettings.json、环境变量 Jianxun__*）。");
        root.Subcommands.Add(DbCommands.Create(console, () => BuildServices(configurationOverrides)));
        root.Subcommands.Add(UserCommands.Create(console, () => BuildServices(configurationOverrides)));
        root.Subcommands.Add(IssueCommands.Create(console, () => BuildServices(configurationOverrides)));
        root.Subcommands.Add(ImportCommands.Create(console, () => BuildServices(configurationOverrides)));
        root.Subcommands.Add(SearchCommands.Create(console, () => BuildServices(configurationOverrides)));
        root.Subcommands.Add(PhotoCommands.Create(console, () => BuildServices(configurationOverrides)));
        foreach (var command in BackupCommands.Create(console, () => BuildServices(configurationOverrides)))
        {
            root.Subcommands.Add(command);
        }
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }

    internal static ServiceProvider BuildServices(IReadOnlyDictionary<string, string?>? overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var settings = configuration.GetSection(JianxunOptions.SectionName).Get<JianxunOptions>() ?? new JianxunOptions();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddJianxunCore(configuration);
        // The web app's key ring and decision (ADR-024).
        var keysEncrypted = services.AddJianxunKeyRing(settings, configuration);
        services.AddLogging(b =>
        {
            b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole();
            if (!keysEncrypted)
            {
                b.AddFilter(KeyRing.KeyManagerLogCategory, LogLevel.Error);
            }
        });
        services.AddIdentityCore<AppUser>(CoreServices.ConfigureIdentity)
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }
}
