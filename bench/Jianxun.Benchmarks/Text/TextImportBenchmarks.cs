using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Jianxun.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// Text import on one core: decode the extracted text, parse it into sections and articles, extract dates, persons
/// and organisations. One operation imports the whole corpus (1 MB of UTF-8, or 128 KB in quick mode), bulletin by
/// bulletin, on one thread with the process pinned to one CPU so the GC gets no second core either.
/// </summary>
[MemoryDiagnoser]
public class TextImportBenchmarks : IThroughputBenchmark
{
    private static readonly BulletinParseOptions WithEntities = new();
    private static readonly BulletinParseOptions WithoutEntities = new() { ExtractEntities = false };

    private readonly IReadOnlyList<byte[]> _files = BulletinCorpus.Build(BulletinCorpus.TargetBytes);
    private string[] _texts = [];
    private IntPtr? _affinity;

    public long InputBytes => _files.Sum(f => (long)f.Length);

    [GlobalSetup]
    public void Setup()
    {
        _affinity = PinToOneCore();
        _texts = _files.Select(f => BulletinTextReader.Decode(f)).ToArray();

        // Loads jieba's dictionary (about 0.75 s), which is start-up, not throughput.
        BulletinParser.Parse(_texts[0]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_affinity is { } mask && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            Process.GetCurrentProcess().ProcessorAffinity = mask;
        }
    }

    [Benchmark(Baseline = true, Description = "Import (decode + parse + entities)")]
    public int Import()
    {
        var articles = 0;
        foreach (var file in _files)
        {
            var parsed = BulletinParser.Parse(BulletinTextReader.Decode(file), WithEntities);
            articles += parsed.Sections.Sum(s => s.Articles.Count);
        }

        return articles;
    }

    [Benchmark(Description = "Parse only (no entities)")]
    public int ParseOnly()
    {
        var articles = 0;
        foreach (var text in _texts)
        {
            articles += BulletinParser.Parse(text, WithoutEntities).Sections.Sum(s => s.Articles.Count);
        }

        return articles;
    }

    [Benchmark(Description = "Segment (jieba, search mode)")]
    public int Segment()
    {
        var words = 0;
        foreach (var text in _texts)
        {
            words += ChineseSegmenter.Shared.Segment(text).Count;
        }

        return words;
    }

    private static IntPtr? PinToOneCore()
    {
        if (Environment.ProcessorCount < 2 || !(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            return null;
        }

        var process = Process.GetCurrentProcess();
        var previous = process.ProcessorAffinity;
        process.ProcessorAffinity = 1;
        return previous;
    }
}
