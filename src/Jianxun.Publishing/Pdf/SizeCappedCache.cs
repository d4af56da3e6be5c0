namespace Jianxun.Publishing.Pdf;

/// <summary>
/// A thread-safe least-recently-used cache whose entries add up to at most a given number of bytes (as estimated by
/// the caller). Values are computed outside the lock, so two threads missing the same key at once both compute it;
/// the first one stored wins and both get that one.
/// </summary>
internal sealed class SizeCappedCache<TValue>(long capacityBytes)
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private long _bytes;

    public long CapacityBytes { get; } = capacityBytes;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public TValue GetOrAdd(string key, Func<TValue> create, Func<TValue, long> size)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Value;
            }
        }

        var value = create();
        var bytes = size(value);
        if (bytes > CapacityBytes)
        {
            return value;
        }

        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                return raced.Value.Value;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, value, bytes));
            _bytes += bytes;
            while (_bytes > CapacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
            }

            return value;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private sealed record Entry(string Key, TValue Value, long Bytes);
}
