using System.Buffers;

namespace Jianxun.Core.Search;

/// <summary>
/// The ids a full-text match returned, in order, in a buffer rented from the shared pool: a common phrase matches
/// 150,000 documents, and a new list for each search was large-object garbage that brought on full collections.
/// </summary>
internal sealed class MatchedIds : IDisposable
{
    private long[] _buffer = ArrayPool<long>.Shared.Rent(1024);

    public int Count { get; private set; }

    public ReadOnlySpan<long> Span => _buffer.AsSpan(0, Count);

    public void Add(long id)
    {
        if (Count == _buffer.Length)
        {
            var next = ArrayPool<long>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, Count).CopyTo(next);
            ArrayPool<long>.Shared.Return(_buffer);
            _buffer = next;
        }
        _buffer[Count++] = id;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<long>.Shared.Return(_buffer);
            _buffer = [];
            Count = 0;
        }
    }
}
