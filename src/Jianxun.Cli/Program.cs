using Jianxun.Cli;

return await JianxunCli.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error), configurationOverrides: null);
