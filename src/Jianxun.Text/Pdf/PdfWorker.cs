using System.Runtime.InteropServices;

namespace Jianxun.Text;

/// <summary>Whether the PDF reader process (ADR-019) can be started: the worker's files and a dotnet host to run them.</summary>
/// <param name="WorkerPath">The worker's entry assembly, as looked for.</param>
/// <param name="Problem">Null when the worker can be started; otherwise what is missing (English, for the log).</param>
public sealed record PdfWorkerStatus(string WorkerPath, string? HostPath, string? Problem)
{
    public bool IsAvailable => Problem is null;
}

/// <summary>The PDF reader process cannot be started: a deployment fault, not the user's file. Users get <see cref="PdfWorker.MissingMessage"/>.</summary>
public sealed class PdfWorkerMissingException(string message) : InvalidOperationException(message);

/// <summary>
/// Finds the PDF reader process (ADR-019) without starting it: its assembly and runtime configuration exist and a dotnet host
/// is found. Cheap (a few file checks), so the apps check it at start and before every PDF read; starting the worker to prove
/// it runs would cost about a second at every start.
/// </summary>
public static class PdfWorker
{
    /// <summary>What a user is told when a PDF cannot be read because the worker is missing (pages and the API, 503).</summary>
    public const string MissingMessage = "PDF 读取组件缺失，暂时无法读取 PDF 文件（Word、文本文件不受影响）。请联系管理员检查部署：Jianxun.PdfWorker.dll 应在程序目录中。";

    /// <summary>Beside this process's own assemblies, where every Jianxun app ships it.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, PdfReaderProcess.WorkerFileName);

    /// <summary>Checks the worker at <paramref name="configuredPath"/> (<c>Jianxun:PdfWorkerPath</c>), or <see cref="DefaultPath"/> when null or empty.</summary>
    public static PdfWorkerStatus Check(string? configuredPath)
    {
        var path = string.IsNullOrWhiteSpace(configuredPath) ? DefaultPath : Path.GetFullPath(configuredPath);
        var host = FindHost();
        string? problem = null;
        if (!File.Exists(path))
        {
            problem = $"{path} is missing";
        }
        else if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
        {
            problem = $"{Path.ChangeExtension(path, ".runtimeconfig.json")} is missing";
        }
        else if (host is null)
        {
            problem = "no dotnet host found to start it (set DOTNET_ROOT; Jianxun is deployed framework-dependent)";
        }
        return new PdfWorkerStatus(path, host, problem);
    }

    /// <summary>The one line the apps log at start when the worker is missing (Chinese, then English).</summary>
    public static string StartupProblem(PdfWorkerStatus status)
        => $"PDF 读取组件缺失，PDF 导入和 PDF 批示扫描件将被拒绝（503）/ PDF reader process unavailable, PDF imports and scans will be refused (503): {status.Problem} (ADR-019)";

    /// <summary>
    /// The dotnet host of the runtime this process runs on: <c>ROOT/shared/Microsoft.NETCore.App/VERSION/</c> gives
    /// <c>ROOT/dotnet</c>. That holds for <c>dotnet run</c>, an apphost, <c>dotnet app.dll</c> and test hosts alike;
    /// <c>DOTNET_HOST_PATH</c> (set by the SDK) and <c>DOTNET_ROOT</c> are fallbacks for unusual layouts.
    /// </summary>
    internal static string? FindHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string?[] candidates =
        [
            Path.Combine(root, name),
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Path.GetFileName(Environment.ProcessPath) == name ? Environment.ProcessPath : null,
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot ? Path.Combine(dotnetRoot, name) : null,
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
