using Jianxun.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jianxun.Web.Infrastructure;

/// <summary>
/// Readiness of PDF reading (ADR-019): the worker was found at start, or the server is Degraded (it runs; PDF imports and
/// scans answer 503 with <see cref="PdfWorker.MissingMessage"/>). Checked once at start: a deployment does not change under a
/// running server, and the reads themselves check again.
/// </summary>
internal sealed class PdfWorkerHealthCheck(PdfWorkerStatus worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(worker.IsAvailable
            ? HealthCheckResult.Healthy("PDF 读取组件可用")
            : HealthCheckResult.Degraded($"PDF 读取组件缺失，PDF 导入和批示扫描件暂不可用：{worker.Problem}"));
}
