using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Normalizer.Worker;
using Normalizer.Worker.Streaming;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>Ingest's announcements on the real Redis, as the consume loops wait for them.</summary>
[Collection(NormalizerCollection.Name)]
public sealed class StreamSignalTests(NormalizerFixture system)
{
    private static readonly TimeSpan GatherWindow = TimeSpan.FromSeconds(1);

    /// <summary>Longer than the test: the loops return on announcements only.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task One_loop_lingers_for_the_gather_window_while_the_others_wait_for_a_later_announcement()
    {
        await using var redis = await system.RedisAsync();
        var signal = await ListeningAsync(redis, GatherWindow);
        using var stop = new CancellationTokenSource();
        var loops = new[] { signal.WaitForEntriesAsync(PollInterval, stop.Token), signal.WaitForEntriesAsync(PollInterval, stop.Token) };

        // Two statements 100 ms apart: both loops are woken, one lingers, the other goes back to waiting.
        await AnnounceAsync(redis);
        await Task.Delay(100);
        await AnnounceAsync(redis);
        await Task.Delay(GatherWindow / 2);
        Assert.All(loops, loop => Assert.False(loop.IsCompleted));

        var first = await Task.WhenAny(loops).WaitAsync(TimeSpan.FromSeconds(30));
        var other = loops.Single(loop => loop != first);
        await Task.Delay(GatherWindow / 2);
        Assert.False(other.IsCompleted);

        // The next statement is the other loop's cue, and it lingers in turn.
        await AnnounceAsync(redis);
        await Task.Delay(GatherWindow / 2);
        Assert.False(other.IsCompleted);
        await other.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Without_a_gather_window_an_announcement_wakes_a_loop_at_once()
    {
        await using var redis = await system.RedisAsync();
        var signal = await ListeningAsync(redis, TimeSpan.Zero);
        var loop = signal.WaitForEntriesAsync(PollInterval, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(loop.IsCompleted);

        await AnnounceAsync(redis);
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<StreamSignal> ListeningAsync(IConnectionMultiplexer redis, TimeSpan gatherWindow)
    {
        var signal = new StreamSignal(redis, Options.Create(new NormalizerOptions { GatherWindow = gatherWindow }), TimeProvider.System, NullLogger<StreamSignal>.Instance);
        await signal.StartAsync(CancellationToken.None);
        return signal;
    }

    private static Task<long> AnnounceAsync(IConnectionMultiplexer redis) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(StatementStream.AddedChannel), "1");
}
