using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Tells analytics and the dashboards that the analysis tables changed: one INCR of
/// <see cref="AnalyticsCache.DataVersionKey"/> after each committed batch (analytics' cached answers are keyed on it),
/// and an announcement on <see cref="AnalyticsCache.DataVersionChannel"/>, which wakes the dashboards' watchers so
/// they need not poll. Announcements are at least <see cref="AnnounceInterval"/> apart: a bump within the interval is
/// announced at its end, so a busy stream announces four times a second, not after every batch, and the last bump is
/// always announced. When Redis is down the bump is lost, but so is the acknowledgement of the batch (same Redis):
/// the entries are claimed and written again later, and that batch bumps the version.
/// </summary>
internal sealed class AnalysisDataVersionBump(IConnectionMultiplexer redis, TimeProvider time, ILogger<AnalysisDataVersionBump> logger)
{
    public static readonly TimeSpan AnnounceInterval = TimeSpan.FromMilliseconds(250);

    private long _announcedAt;
    private int _announcing;

    public async Task BumpAsync()
    {
        try
        {
            await redis.GetDatabase().StringIncrementAsync(AnalyticsCache.DataVersionKey);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not bump the analysis data version ({Reason})", exception.Message);
            return;
        }
        await AnnounceAsync();
    }

    private Task AnnounceAsync()
    {
        if (Interlocked.Exchange(ref _announcing, 1) == 1)
        {
            // An announcement is on its way and goes out after this bump.
            return Task.CompletedTask;
        }
        var wait = AnnounceInterval - time.GetElapsedTime(Interlocked.Read(ref _announcedAt));
        if (wait <= TimeSpan.Zero)
        {
            // Awaited, so a command that bumps once and exits has announced it.
            return PublishAsync();
        }
        _ = PublishLaterAsync(wait);
        return Task.CompletedTask;
    }

    private async Task PublishLaterAsync(TimeSpan wait)
    {
        await Task.Delay(wait, time);
        await PublishAsync();
    }

    private async Task PublishAsync()
    {
        Interlocked.Exchange(ref _announcedAt, time.GetTimestamp());
        // From here on a bump needs an announcement of its own.
        Volatile.Write(ref _announcing, 0);
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(AnalyticsCache.DataVersionChannel), RedisValue.EmptyString);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The dashboards read the version again when their connection comes back, and every few seconds.
            logger.LogWarning("Could not announce the analysis data version ({Reason})", exception.Message);
        }
    }
}
