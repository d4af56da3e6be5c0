namespace Jianxun.Cli;

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
