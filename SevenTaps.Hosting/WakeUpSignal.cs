namespace SevenTaps.Hosting;

/// <summary>
/// Wakes a loop that waits for news (a pub/sub announcement, a NOTIFY, a reconnection) and then reads the state as it
/// is. Announcements that arrive while the loop is busy collapse into at most <paramref name="capacity"/> stored
/// wake-ups: one read covers every announcement before it, so more would only cost empty reads.
/// </summary>
public sealed class WakeUpSignal(int capacity = 1)
{
    private readonly SemaphoreSlim _pending = new(0, capacity);

    /// <summary>Stores a wake-up unless <c>capacity</c> are already pending. Safe from any thread, never blocks.</summary>
    public void Wake()
    {
        if (_pending.CurrentCount < capacity)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another announcement stored the last one first.
            }
        }
    }

    /// <summary>Takes a pending wake-up, waiting for one until <paramref name="timeout"/>; false when none came.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    /// <summary>Takes a pending wake-up, waiting for one as long as it takes.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _pending.WaitAsync(cancellationToken);
}
