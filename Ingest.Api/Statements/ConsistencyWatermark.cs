namespace Ingest.Api.Statements;

/// <summary>
/// The answer to X-Experience-API-Consistent-Through: every statement stored at or before this instant is
/// visible to queries. A statement gets its <c>stored</c> time before its transaction commits, so while any
/// write is in flight the watermark stays just before the oldest one. (Per ingest replica: with several
/// replicas each speaks for its own writes.)
/// </summary>
public sealed class ConsistencyWatermark(TimeProvider time)
{
    private readonly SortedDictionary<DateTimeOffset, int> _inFlight = [];

    public IDisposable Enter(DateTimeOffset stored)
    {
        lock (_inFlight)
        {
            _inFlight[stored] = _inFlight.GetValueOrDefault(stored) + 1;
        }
        return new Exit(this, stored);
    }

    public DateTimeOffset ConsistentThrough
    {
        get
        {
            lock (_inFlight)
            {
                return _inFlight.Count == 0 ? time.GetUtcNow() : _inFlight.Keys.First().AddTicks(-TimeSpan.TicksPerMillisecond);
            }
        }
    }

    private void Leave(DateTimeOffset stored)
    {
        lock (_inFlight)
        {
            if (--_inFlight[stored] == 0)
            {
                _inFlight.Remove(stored);
            }
        }
    }

    private sealed class Exit(ConsistencyWatermark owner, DateTimeOffset stored) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(stored);
            }
        }
    }
}
