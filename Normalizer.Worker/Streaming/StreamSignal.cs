using Microsoft.Extensions.Options;
using SevenTaps.Contracts;
using SevenTaps.Hosting;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Wakes idle consume loops when ingest announces new entries (<see cref="StatementStream.AddedChannel"/>), so
/// a statement is read within milliseconds rather than at the next poll. Polling stays as the safety net:
/// pub/sub delivers at most once and not while the connection is down.
/// </summary>
internal sealed class StreamSignal(
    IConnectionMultiplexer redis,
    IOptions<NormalizerOptions> options,
    TimeProvider time,
    ILogger<StreamSignal> logger) : IHostedService
{
    // A loop that finishes a short batch waits here before it reads again, so announcements that arrived while it was
    // busy must be kept; more than one per loop would only cost empty reads.
    private readonly WakeUpSignal _added = new(capacity: 2);

    /// <summary>1 while a loop lingers in <see cref="NormalizerOptions.GatherWindow"/>.</summary>
    private int _gathering;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(StatementStream.AddedChannel), (_, _) => _added.Wake());
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The multiplexer re-subscribes when Redis comes back; until then the loops poll.
            logger.LogWarning("Could not subscribe to {Channel} ({Reason}); polling only", StatementStream.AddedChannel, exception.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Returns when entries were announced and the gather window has passed, or when <paramref name="pollInterval"/>
    /// passed without an announcement. While one loop lingers, the announcements it will read are not another loop's
    /// cue: that loop waits for the next one, so a trickle is not split between the loops one statement each.
    /// </summary>
    public async Task WaitForEntriesAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var window = options.Value.GatherWindow;
        while (await _added.WaitAsync(pollInterval, cancellationToken))
        {
            if (window <= TimeSpan.Zero)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _gathering, 1, 0) == 0)
            {
                try
                {
                    await Task.Delay(window, time, cancellationToken);
                }
                finally
                {
                    // Before the loop reads: an announcement from now on may be of an entry that read misses.
                    Volatile.Write(ref _gathering, 0);
                }
                return;
            }
        }
    }
}
