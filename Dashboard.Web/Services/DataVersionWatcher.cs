using SevenTaps.Hosting;
using StackExchange.Redis;

namespace Dashboard.Web.Services;

/// <summary>
/// The one listener per process for new data. The normalizer increments a counter after each committed batch
/// (<see cref="AnalyticsCache.DataVersionKey"/>) and announces it (<see cref="AnalyticsCache.DataVersionChannel"/>);
/// an announcement wakes this watcher, which reads the counter and tells the open views when it moved, at most once
/// per <see cref="MinimumInterval"/>: a busy stream then refreshes the tiles once a second instead of after every
/// batch. Announcements are not stored, so one sent while this process was reconnecting to Redis is lost: the counter
/// is also read when the connection comes back and every <see cref="FallbackInterval"/>, and every
/// <see cref="UnsubscribedInterval"/> while the subscription could not be made. Reads are at least
/// <see cref="ReadInterval"/> apart, since a busy stream announces every batch. An idle dashboard therefore costs
/// Redis one GET every few seconds, and a busy one at most four a second.
/// </summary>
public sealed class DataVersionWatcher(IConnectionMultiplexer redis, TimeProvider time, ILogger<DataVersionWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan UnsubscribedInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(250);

    private const long Unknown = -1;

    // One stored wake-up is enough: the loop reads the counter, which covers every announcement before it.
    private readonly WakeUpSignal _announced = new();

    private long current = Unknown;

    /// <summary>The version last read, or null while Redis cannot tell (then views are not refreshed, nor answers shared).</summary>
    public long? Current => Interlocked.Read(ref current) is var version && version >= 0 ? version : null;

    /// <summary>Raised on a thread-pool thread with the new version; handlers must not block.</summary>
    public event Action<long>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += (_, _) => _announced.Wake();
        var subscribed = false;
        long announced = Unknown, announcedAt = 0;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            subscribed = subscribed || await SubscribeAsync();
            long version;
            try
            {
                var value = await redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey);
                version = value.IsNull ? 0 : (long)value;
                if (failing)
                {
                    logger.LogInformation("Redis answers again; live updates resume");
                    failing = false;
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // Logged once per outage, not four times a second.
                if (!failing)
                {
                    logger.LogWarning("Cannot read the analysis data version ({Reason}); dashboards are not updated live until Redis answers", exception.Message);
                    failing = true;
                }
                version = Unknown;
            }
            Interlocked.Exchange(ref current, version);

            if (version != Unknown && version != announced)
            {
                if (announced == Unknown)
                {
                    // The first reading: the views opened so far loaded what there is.
                    announced = version;
                }
                else if (MinimumInterval - time.GetElapsedTime(announcedAt) is { Ticks: > 0 } early)
                {
                    // Announced less than a second ago: read again once the second is over, whatever arrives meanwhile.
                    await Task.Delay(early, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                else
                {
                    announced = version;
                    announcedAt = time.GetTimestamp();
                    Announce(version);
                }
            }
            var readAt = time.GetTimestamp();
            await WaitAsync(subscribed && !failing ? FallbackInterval : UnsubscribedInterval, stoppingToken);
            if (ReadInterval - time.GetElapsedTime(readAt) is { Ticks: > 0 } soon)
            {
                // Woken again right after a read: the batches announced meanwhile are read together.
                await Task.Delay(soon, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> SubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(AnalyticsCache.DataVersionChannel), (_, _) => _announced.Wake());
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Read below as a failure (the same Redis); the counter is polled until the subscription is made.
            return false;
        }
    }

    private async Task WaitAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        try
        {
            await _announced.WaitAsync(timeout, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the loop ends.
        }
    }

    private void Announce(long version)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<long>>() ?? [])
        {
            try
            {
                handler(version);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A view failed to take up data version {Version}", version);
            }
        }
    }
}
