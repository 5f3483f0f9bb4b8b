using SevenTaps.Contracts;
using SevenTaps.Hosting;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Wakes idle consume loops when ingest announces new entries (<see cref="StatementStream.AddedChannel"/>), so
/// a statement is read within milliseconds rather than at the next poll. Polling stays as the safety net:
/// pub/sub delivers at most once and not while the connection is down.
/// </summary>
internal sealed class StreamSignal(IConnectionMultiplexer redis, ILogger<StreamSignal> logger) : IHostedService
{
    // A loop that finishes a short batch waits here before it reads again, so announcements that arrived while it was
    // busy must be kept; more than one per loop would only cost empty reads.
    private readonly WakeUpSignal _added = new(capacity: 2);

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

    /// <summary>Waits until entries are announced or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _added.WaitAsync(timeout, cancellationToken);
}
