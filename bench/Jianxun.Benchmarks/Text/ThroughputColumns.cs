using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Jianxun.Benchmarks.Text;

/// <summary>MB/s (from the median) and allocated bytes per MB of input, for <see cref="IThroughputBenchmark"/> classes.</summary>
internal sealed class ThroughputColumns : IColumn
{
    private const double Mb = 1024 * 1024;
    private static readonly Dictionary<Type, long> Sizes = [];
    private readonly bool _allocation;

    private ThroughputColumns(bool allocation)
    {
        _allocation = allocation;
    }

    public static IColumn[] All { get; } = [new ThroughputColumns(false), new ThroughputColumns(true)];

    public string Id => _allocation ? "Jianxun.AllocPerMB" : "Jianxun.MBps";

    public string ColumnName => _allocation ? "Alloc/MB input" : "MB/s (median)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _allocation
        ? "Managed bytes allocated per MB (2^20 bytes) of input"
        : "Input MB (2^20 bytes of UTF-8) processed per second, from the median operation time";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(b => InputBytes(b) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var bytes = InputBytes(benchmarkCase);
        var report = summary[benchmarkCase];
        if (bytes is not > 0 || report?.ResultStatistics is null)
        {
            return "-";
        }

        var mb = bytes.Value / Mb;
        if (_allocation)
        {
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return allocated is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{allocated.Value / mb / Mb:0.0} MB");
        }

        var seconds = report.ResultStatistics.Median / 1e9;
        return string.Create(CultureInfo.InvariantCulture, $"{mb / seconds:0.00}");
    }

    private static long? InputBytes(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (!typeof(IThroughputBenchmark).IsAssignableFrom(type))
        {
            return null;
        }

        lock (Sizes)
        {
            if (!Sizes.TryGetValue(type, out var size))
            {
                size = ((IThroughputBenchmark)Activator.CreateInstance(type)!).InputBytes;
                Sizes[type] = size;
            }

            return size;
        }
    }
}
