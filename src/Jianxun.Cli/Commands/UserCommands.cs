using System.CommandLine;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Cli.Commands;

internal static class UserCommands
{
    public static Command Create(CliConsole console, Func<ServiceProvider> services)
    {
        var user = new Command("user", "用户账户。");

        var name = new Option<string>("--name") { Description = "登录名（英文字母、数字和 - . _ @）。", Required = true };
        var displayName = new Option<string?>("--display-name") { Description = "姓名；省略时与登录名相同。" };
        var unit = new Option<string?>("--unit") { Description = "所属单位：简称、全称或编号。报送员和单位审核必须填写。" };
        var role = new Option<string[]>("--role")
        {
            Description = "角色，可重复：Contributor(报送员) UnitReviewer(单位审核) Editor(编辑) Signer(签发) Reader(读者) Admin(管理员)。",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "从标准输入读取密码（第一行），避免密码出现在命令历史中。" };
        var add = new Command("add", "新建用户，例如创建第一个管理员：echo 密码 | jianxun user add --name admin --role Admin --password-stdin")
        {
            name, displayName, unit, role, passwordStdin,
        };
        add.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                await console.Error.WriteLineAsync("请用 --password-stdin 从标准输入提供密码。");
                return 2;
            }
            var password = (await console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            try
            {
                int? unitId = null;
                if (parse.GetValue(unit) is { Length: > 0 } unitText)
                {
                    var units = await scope.ServiceProvider.GetRequiredService<UnitHandlers>().ListAsync(includeInactive: false, ct);
                    var match = units.FirstOrDefault(u => string.Equals(u.ShortName, unitText, StringComparison.Ordinal)
                                                          || string.Equals(u.Name, unitText, StringComparison.Ordinal)
                                                          || string.Equals(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), unitText, StringComparison.Ordinal));
                    if (match is null)
                    {
                        await console.Error.WriteLineAsync($"找不到单位“{unitText}”。现有单位：{string.Join("、", units.Select(u => u.ShortName))}");
                        return 1;
                    }
                    unitId = match.Id;
                }
                var userName = parse.GetValue(name)!;
                var created = await scope.ServiceProvider.GetRequiredService<UserHandlers>().CreateAsync(Actor.System,
                    new CreateUserRequest(userName, parse.GetValue(displayName) ?? userName, unitId, parse.GetValue(role) ?? [], password), ct);
                await console.Out.WriteLineAsync($"已创建用户 {created.UserName}（{created.DisplayName}），角色：{string.Join("、", created.Roles.Select(Roles.DisplayName))}。");
                return 0;
            }
            catch (ValidationException e)
            {
                foreach (var message in e.Errors.SelectMany(x => x.Value))
                {
                    await console.Error.WriteLineAsync(message);
                }
                return 1;
            }
        });
        user.Subcommands.Add(add);

        var list = new Command("list", "列出全部用户。");
        list.SetAction(async (parse, ct) =>
        {
            await using var sp = services();
            await using var scope = sp.CreateAsyncScope();
            foreach (var u in await scope.ServiceProvider.GetRequiredService<UserHandlers>().ListAsync(Actor.System, ct))
            {
                await console.Out.WriteLineAsync($"{u.UserName}\t{u.DisplayName}\t{u.UnitShortName}\t{string.Join(",", u.Roles)}\t{(u.IsActive ? "active" : "inactive")}");
            }
            return 0;
        });
        user.Subcommands.Add(list);
        return user;
    }
}
