using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Tells analytics that the analysis tables changed, so its cached answers are stale: one INCR of
/// <see cref="AnalyticsCache.DataVersionKey"/> after each committed batch. When Redis is down the bump is lost,
/// but so is the acknowledgement of the batch (same Redis): the entries are claimed and written again later, and
/// that batch bumps the version.
/// </summary>
internal sealed class AnalysisDataVersionBump(IConnectionMultiplexer redis, ILogger<AnalysisDataVersionBump> logger)
{
    public async Task BumpAsync()
    {
        try
        {
            await redis.GetDatabase().StringIncrementAsync(AnalyticsCache.DataVersionKey);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not bump the analysis data version ({Reason})", exception.Message);
        }
    }
}
