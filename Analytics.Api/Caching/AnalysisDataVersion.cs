using StackExchange.Redis;

namespace Analytics.Api.Caching;

/// <summary>
/// The version of the analysis tables: a counter the normalizer increments after each committed batch
/// (<see cref="AnalyticsCache.DataVersionKey"/>). Read from Redis at most once per <see cref="RefreshInterval"/>,
/// so a cached answer outlives new data by at most that long, and a busy API costs Redis one GET a second; a caller
/// who has seen a newer version (<see cref="AnalyticsCache.DataVersionHeader"/>) has it read at once.
/// </summary>
public sealed class AnalysisDataVersion(IConnectionMultiplexer redis, TimeProvider time, ILogger<AnalysisDataVersion> logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private sealed record Reading(long? Version, long ReadAt);

    private Reading? _last;

    /// <summary>
    /// The current version, or null while Redis cannot tell (then nothing may be served from the cache). A reading
    /// older than <paramref name="atLeast"/> is stale whatever its age.
    /// </summary>
    public async ValueTask<long?> CurrentAsync(long? atLeast = null)
    {
        if (_last is { } last && time.GetElapsedTime(last.ReadAt) < RefreshInterval && !(atLeast > last.Version))
        {
            return last.Version;
        }
        long? version;
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey);
            version = value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Remembered like a version, so an outage costs one failed call a second, not one per request.
            logger.LogWarning("Redis is unavailable ({Reason}); analytics answers are computed uncached", exception.Message);
            version = null;
        }
        _last = new Reading(version, time.GetTimestamp());
        return version;
    }
}
