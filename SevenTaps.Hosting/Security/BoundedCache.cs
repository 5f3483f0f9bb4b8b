namespace SevenTaps.Security;

/// <summary>
/// A least-recently-used map with a hard entry limit and a lifetime per entry, for anything keyed by what callers
/// send: however many distinct keys arrive, it never holds more than <see cref="Capacity"/> entries (the least
/// recently used one goes first). One lock guards it; every operation is O(1) except the invalidations that scan.
/// <para>
/// <see cref="Version"/> changes with every invalidation (<see cref="Remove"/>, <see cref="RemoveWhere"/>,
/// <see cref="Clear"/>), not with evictions for room: a caller that read the version before looking something up
/// in the database passes it to <see cref="Set(TKey, TValue, long)"/>, which stores nothing if an invalidation came
/// in between, so a revocation that arrives while a lookup is in flight is never overwritten by the stale result.
/// </para>
/// </summary>
public sealed class BoundedCache<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries;
    private readonly LinkedList<Entry> _recency = new();
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _version;

    public BoundedCache(int capacity, TimeSpan lifetime, TimeProvider time, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        Capacity = capacity;
        Lifetime = lifetime;
        _time = time;
        _entries = new Dictionary<TKey, LinkedListNode<Entry>>(comparer);
    }

    public int Capacity { get; }

    public TimeSpan Lifetime { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public long Version => Interlocked.Read(ref _version);

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > _time.GetUtcNow())
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
                RemoveNode(node);
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Stores (or replaces) an entry for <see cref="Lifetime"/>.</summary>
    public void Set(TKey key, TValue value) => Set(key, value, ifVersion: null);

    /// <summary>Stores the entry unless an invalidation happened since <paramref name="ifVersion"/> was read; true when stored.</summary>
    public bool Set(TKey key, TValue value, long ifVersion) => Set(key, value, (long?)ifVersion);

    /// <summary>Changes an entry (its lifetime starts again and it becomes the most recently used), or adds it when absent.</summary>
    public TValue AddOrUpdate(TKey key, Func<TValue> add, Func<TValue, TValue> update)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(key, out var node) && node.Value.Expires > now)
            {
                var updated = update(node.Value.Value);
                node.Value = node.Value with { Value = updated, Expires = now + Lifetime };
                _recency.Remove(node);
                _recency.AddFirst(node);
                return updated;
            }
            var added = add();
            Add(key, added, now);
            return added;
        }
    }

    public bool Remove(TKey key)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _version);
            if (_entries.TryGetValue(key, out var node))
            {
                RemoveNode(node);
                return true;
            }
            return false;
        }
    }

    /// <summary>Removes every entry the predicate picks; the count removed.</summary>
    public int RemoveWhere(Func<TKey, TValue, bool> predicate)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _version);
            var removed = 0;
            for (var node = _recency.First; node is not null;)
            {
                var next = node.Next;
                if (predicate(node.Value.Key, node.Value.Value))
                {
                    RemoveNode(node);
                    removed++;
                }
                node = next;
            }
            return removed;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _version);
            _entries.Clear();
            _recency.Clear();
        }
    }

    private bool Set(TKey key, TValue value, long? ifVersion)
    {
        lock (_lock)
        {
            if (ifVersion is { } expected && expected != _version)
            {
                return false;
            }
            if (_entries.TryGetValue(key, out var existing))
            {
                RemoveNode(existing);
            }
            Add(key, value, _time.GetUtcNow());
            return true;
        }
    }

    private void Add(TKey key, TValue value, DateTimeOffset now)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            RemoveNode(existing);
        }
        while (_entries.Count >= Capacity && _recency.Last is { } oldest)
        {
            RemoveNode(oldest);
        }
        _entries[key] = _recency.AddFirst(new Entry(key, value, now + Lifetime));
    }

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _recency.Remove(node);
    }

    private sealed record Entry(TKey Key, TValue Value, DateTimeOffset Expires);
}
