using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Normalizer.Worker.Streaming;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>The data version's announcements on the real Redis: throttled under a burst of batches, never missing the last.</summary>
[Collection(NormalizerCollection.Name)]
public sealed class DataVersionAnnouncementTests(NormalizerFixture system)
{
    [Fact]
    public async Task A_burst_of_bumps_is_announced_at_most_four_times_a_second_and_its_last_bump_is_announced()
    {
        await using var redis = await system.RedisAsync();
        var announced = new ConcurrentQueue<long>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(AnalyticsCache.DataVersionChannel), (_, _) => announced.Enqueue(Stopwatch.GetTimestamp()));
        var bump = new AnalysisDataVersionBump(redis, TimeProvider.System, NullLogger<AnalysisDataVersionBump>.Instance);
        var before = (long)await redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey);

        var started = Stopwatch.GetTimestamp();
        for (var batch = 0; batch < 20; batch++)
        {
            await bump.BumpAsync();
        }
        var lastBump = Stopwatch.GetTimestamp();
        var burst = Stopwatch.GetElapsedTime(started);

        Assert.Equal(before + 20, (long)await redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey));
        // The first bump is announced at once; the other 19 together, once the interval is over.
        await Eventually.HoldsAsync(() => Task.FromResult(announced.Any(at => at > lastBump)), seconds: 5);
        await Task.Delay(AnalysisDataVersionBump.AnnounceInterval * 2);
        Assert.InRange(announced.Count, 2, (int)(burst / AnalysisDataVersionBump.AnnounceInterval) + 3);
    }
}
