using Jianxun.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jianxun.Web.Infrastructure;

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("数据库可连接")
            : HealthCheckResult.Unhealthy("数据库无法连接");
}
