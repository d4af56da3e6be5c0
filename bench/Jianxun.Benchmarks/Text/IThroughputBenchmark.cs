namespace Jianxun.Benchmarks.Text;

/// <summary>
/// A benchmark class whose every benchmark processes the same input once per operation. The runner then adds
/// MB/s and allocated-bytes-per-MB columns (<see cref="ThroughputColumns"/>). The size must not depend on setup
/// state: the columns read it from a fresh instance.
/// </summary>
public interface IThroughputBenchmark
{
    long InputBytes { get; }
}
