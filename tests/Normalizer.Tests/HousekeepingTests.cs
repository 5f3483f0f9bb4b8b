using Microsoft.Extensions.Logging.Abstractions;
using Normalizer.Worker;
using Normalizer.Worker.Streaming;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>Trimming the stream and removing dead consumers, on the system's real Redis (streams of their own, and the real one).</summary>
[Collection(NormalizerCollection.Name)]
public sealed class HousekeepingTests(NormalizerFixture system)
{
    private static readonly TimeSpan DeadConsumerIdle = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Trimming_removes_exactly_the_entries_every_group_has_acknowledged()
    {
        await using var redis = await system.RedisAsync();
        var database = redis.GetDatabase();
        var stream = $"test:housekeeping:{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var index = 0; index < 10; index++)
        {
            ids.Add((await database.StreamAddAsync(stream, "n", index))!);
        }
        var housekeeping = Housekeeping(redis);

        Assert.Equal(0L, await housekeeping.TrimAsync(stream)); // no group yet: nothing consumed
        await database.StreamCreateConsumerGroupAsync(stream, "a", StreamPosition.Beginning);
        await database.StreamCreateConsumerGroupAsync(stream, "b", StreamPosition.Beginning);
        // a: entries 0-5 delivered, 0-2 and 4 acknowledged (3 and 5 pending); b: 0-7 delivered and acknowledged.
        await database.StreamReadGroupAsync(stream, "a", "a1", StreamPosition.NewMessages, 6);
        await database.StreamAcknowledgeAsync(stream, "a", [ids[0], ids[1], ids[2], ids[4]]);
        await database.StreamReadGroupAsync(stream, "b", "b1", StreamPosition.NewMessages, 8);
        await database.StreamAcknowledgeAsync(stream, "b", [.. ids.Take(8).Select(id => (RedisValue)id)]);

        Assert.Equal(3L, await housekeeping.TrimAsync(stream));
        Assert.Equal(ids[3], (string?)(await database.StreamRangeAsync(stream, count: 1))[0].Id);
        Assert.Equal(0L, await housekeeping.TrimAsync(stream)); // idempotent

        // a acknowledges its pending entries: what it has not had delivered (6 on) is still needed.
        await database.StreamAcknowledgeAsync(stream, "a", [ids[3], ids[5]]);
        Assert.Equal(3L, await housekeeping.TrimAsync(stream));
        Assert.Equal(ids[6], (string?)(await database.StreamRangeAsync(stream, count: 1))[0].Id);

        // Both groups done with everything: the stream is empty, and the groups go on with new entries.
        foreach (var group in new[] { "a", "b" })
        {
            var rest = await database.StreamReadGroupAsync(stream, group, $"{group}1", StreamPosition.NewMessages, 10);
            await database.StreamAcknowledgeAsync(stream, group, [.. rest.Select(entry => entry.Id)]);
        }
        Assert.Equal(4L, await housekeeping.TrimAsync(stream));
        Assert.Equal(0L, await database.StreamLengthAsync(stream));
        var added = await database.StreamAddAsync(stream, "n", 10);
        Assert.Equal(added, (await database.StreamReadGroupAsync(stream, "a", "a1", StreamPosition.NewMessages, 10)).Single().Id);
        await database.KeyDeleteAsync(stream);
    }

    [Fact]
    public async Task Consumers_long_idle_with_nothing_pending_are_removed_and_the_others_kept()
    {
        await using var redis = await system.RedisAsync();
        var database = redis.GetDatabase();
        var stream = $"test:housekeeping:{Guid.NewGuid():N}";
        await database.StreamCreateConsumerGroupAsync(stream, "g", StreamPosition.Beginning, createStream: true);
        var first = await database.StreamAddAsync(stream, "n", 1);
        await database.StreamAddAsync(stream, "n", 2);
        await database.StreamReadGroupAsync(stream, "g", "gone-done", StreamPosition.NewMessages, 1);
        await database.StreamAcknowledgeAsync(stream, "g", first);
        await database.StreamReadGroupAsync(stream, "g", "gone-holding", StreamPosition.NewMessages, 1);
        await Task.Delay(DeadConsumerIdle + TimeSpan.FromMilliseconds(200));
        var recent = await database.StreamAddAsync(stream, "n", 3);
        await database.StreamReadGroupAsync(stream, "g", "alive", StreamPosition.NewMessages, 1);
        await database.StreamAcknowledgeAsync(stream, "g", recent);

        var removed = await Housekeeping(redis).RemoveDeadConsumersAsync(stream, "g");

        Assert.Equal(["gone-done"], removed);
        var consumers = (await database.StreamConsumerInfoAsync(stream, "g")).Select(consumer => consumer.Name.ToString()).Order().ToList();
        Assert.Equal(["alive", "gone-holding"], consumers);
        await database.KeyDeleteAsync(stream);
    }

    [Fact]
    public async Task The_workers_trim_the_statement_stream_once_everything_is_normalized()
    {
        await system.NormalizeAsync(TestStatements.Workload(300, seed: 51, lessonPrefix: "https://courses.example.com/trim"));
        await using var redis = await system.RedisAsync();
        var database = redis.GetDatabase();

        // The fixture runs housekeeping every second.
        await Eventually.HoldsAsync(async () => await database.StreamLengthAsync(StatementStream.Key) == 0, seconds: 30);
        var group = (await database.StreamGroupInfoAsync(StatementStream.Key)).Single(info => info.Name == NormalizerFixture.Group);
        Assert.Equal(0, group.PendingMessageCount);
        Assert.Equal(300L, await system.ScalarAsync<long>("SELECT count(*) FROM user_activities WHERE lesson_url LIKE 'https://courses.example.com/trim%'"));
    }

    private static StreamHousekeeping Housekeeping(IConnectionMultiplexer redis) => new(
        redis, Microsoft.Extensions.Options.Options.Create(new NormalizerOptions { DeadConsumerIdle = DeadConsumerIdle }),
        TimeProvider.System, NullLogger<StreamHousekeeping>.Instance);
}
