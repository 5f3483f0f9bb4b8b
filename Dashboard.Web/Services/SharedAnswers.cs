using System.Collections.Concurrent;

namespace Dashboard.Web.Services;

/// <summary>
/// The tiles' answers, shared by every view in this process: one call to Analytics.Api per request and data version
/// (<see cref="DataVersionWatcher"/>), however many people have the same view open; callers that come while the call
/// runs await the same call. An answer is kept at most <see cref="Lifetime"/> (answers without <c>to</c> count back
/// from now, as analytics' own cache knows), and the answers of older versions are dropped once a newer one is asked
/// for. Without a known version (Redis unavailable) nothing is shared.
/// </summary>
/// <remarks>
/// The call is made on behalf of the first person who asked (<see cref="AuditHeaders.OnBehalfOf"/>): the answers are
/// the same for every role, and the dashboard has already checked each person's access to the page.
/// </remarks>
public sealed class SharedAnswers(DataVersionWatcher dataVersion, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private const int MaxEntries = 2_000;

    private readonly ConcurrentDictionary<(string Path, long Version), Entry> entries = new();
    private long prunedFor = -1;

    private sealed class Entry(Func<Task<object>> fetch, long createdAt)
    {
        private readonly Lazy<Task<object>> answer = new(fetch);

        public Task<object> Answer => answer.Value;

        public long CreatedAt { get; } = createdAt;
    }

    /// <summary>
    /// The answer to <paramref name="path"/> at the current data version, from <paramref name="fetch"/> (given that
    /// version) once for all callers. The call runs to its end even when this caller stops waiting: others may wait for it.
    /// </summary>
    public async Task<Timed<T>> GetAsync<T>(string path, Func<long?, CancellationToken, Task<Timed<T>>> fetch, CancellationToken cancellationToken)
    {
        if (dataVersion.Current is not { } version)
        {
            return await fetch(null, cancellationToken);
        }
        Prune(version);
        var key = (path, version);
        while (true)
        {
            var entry = entries.GetOrAdd(key, _ => new Entry(async () => (object)await fetch(version, CancellationToken.None), time.GetTimestamp()));
            if (time.GetElapsedTime(entry.CreatedAt) >= Lifetime)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
                continue;
            }
            try
            {
                return (Timed<T>)await entry.Answer.WaitAsync(cancellationToken);
            }
            catch (Exception) when (entry.Answer.IsFaulted)
            {
                // A failed call is not kept: the next caller tries again.
                entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
        }
    }

    private void Prune(long version)
    {
        if (Interlocked.Exchange(ref prunedFor, version) == version && entries.Count < MaxEntries)
        {
            return;
        }
        foreach (var (key, entry) in entries)
        {
            if (key.Version < version || time.GetElapsedTime(entry.CreatedAt) >= Lifetime)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }
}
