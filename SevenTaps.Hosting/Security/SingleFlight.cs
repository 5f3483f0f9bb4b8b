using System.Collections.Concurrent;

namespace SevenTaps.Security;

/// <summary>
/// Callers asking for the same key while its work runs share that one run instead of starting their own.
/// <para>
/// Why: a process that has just started has verified no secret yet, and a dashboard page asks for a dozen tiles at
/// once with the same API key; each would run its own PBKDF2 (hundreds of milliseconds of a core each, seconds under
/// load) where one answers them all. The work runs to its end even when every caller stops waiting (it is bounded:
/// a lookup and one hash), so a caller's cancellation never fails the others; its outcome, value or exception, goes to
/// everyone who waited for it, and the next caller after it starts afresh.
/// </para>
/// </summary>
public sealed class SingleFlight<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _running = new();

    public Task<TValue> RunAsync(TKey key, Func<Task<TValue>> work, CancellationToken cancellationToken)
    {
        // Not started until it is the one stored: a caller that finds a run already there drops its own unstarted.
        Lazy<Task<TValue>> candidate = null!;
        candidate = new Lazy<Task<TValue>>(() => RunThenForgetAsync(key, candidate, work));
        return _running.GetOrAdd(key, candidate).Value.WaitAsync(cancellationToken);
    }

    private async Task<TValue> RunThenForgetAsync(TKey key, Lazy<Task<TValue>> flight, Func<Task<TValue>> work)
    {
        try
        {
            return await work();
        }
        finally
        {
            // Only this run's entry: a later caller's run is its own.
            _running.TryRemove(KeyValuePair.Create(key, flight));
        }
    }
}
