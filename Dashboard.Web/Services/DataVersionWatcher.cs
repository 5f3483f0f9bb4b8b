using StackExchange.Redis;

namespace Dashboard.Web.Services;

/// <summary>
/// The one listener per process for new data: it reads the counter the normalizer increments after each committed
/// batch (<see cref="AnalyticsCache.DataVersionKey"/>) every <see cref="PollInterval"/> and tells the open views
/// when it moved, at most once per <see cref="MinimumInterval"/>: a busy stream then refreshes the tiles once a second
/// instead of after every batch. The counter is a plain Redis key (no message is published when it changes), and a
/// GET four times a second is nothing to Redis.
/// </summary>
public sealed class DataVersionWatcher(IConnectionMultiplexer redis, TimeProvider time, ILogger<DataVersionWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private const long Unknown = -1;

    private long current = Unknown;

    /// <summary>The version last read, or null while Redis cannot tell (then views are not refreshed, nor answers shared).</summary>
    public long? Current => Interlocked.Read(ref current) is var version && version >= 0 ? version : null;

    /// <summary>Raised on a thread-pool thread with the new version; handlers must not block.</summary>
    public event Action<long>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        long announced = Unknown, announcedAt = 0;
        var failing = false;
        do
        {
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

            if (version == Unknown || version == announced)
            {
                continue;
            }
            if (announced == Unknown)
            {
                // The first reading: the views opened so far loaded what there is.
                announced = version;
                continue;
            }
            if (time.GetElapsedTime(announcedAt) >= MinimumInterval)
            {
                announced = version;
                announcedAt = time.GetTimestamp();
                Announce(version);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
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
