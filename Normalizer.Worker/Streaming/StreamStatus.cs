using Microsoft.Extensions.Options;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>The statement stream as operators watch it.</summary>
/// <param name="Length">Entries in the stream now (acknowledged entries are trimmed by housekeeping).</param>
/// <param name="EntriesAdded">Entries ever added: two readings a known time apart give the ingest rate.</param>
/// <param name="DeadLetters">Entries on the dead-letter stream.</param>
/// <param name="Groups">Each consumer group's lag and pending entries.</param>
/// <param name="At">When this was read (Redis's clock is not asked: the rate is computed by whoever polls).</param>
public sealed record StreamStatus(long Length, long EntriesAdded, long DeadLetters, IReadOnlyList<ConsumerGroupStatus> Groups, DateTimeOffset At);

/// <param name="Lag">Entries not yet delivered to the group (null when Redis cannot tell, after deletions it cannot count).</param>
/// <param name="Pending">Delivered but not yet acknowledged.</param>
public sealed record ConsumerGroupStatus(string Name, long Consumers, long Pending, long? Lag, string LastDeliveredId);

/// <summary>Reads <c>XINFO STREAM</c> and <c>XINFO GROUPS</c> of the statement stream (Redis 7: entries-added and lag).</summary>
internal sealed class StreamStatusReader(IConnectionMultiplexer redis, IOptions<NormalizerOptions> options, TimeProvider time)
{
    public async Task<StreamStatus> ReadAsync()
    {
        var database = redis.GetDatabase();
        if (!await database.KeyExistsAsync(StatementStream.Key))
        {
            return new StreamStatus(0, 0, await database.StreamLengthAsync(options.Value.DeadLetterStream), [], time.GetUtcNow());
        }
        var stream = Fields(await database.ExecuteAsync("XINFO", "STREAM", StatementStream.Key));
        var groups = (RedisResult[])(await database.ExecuteAsync("XINFO", "GROUPS", StatementStream.Key))!;
        return new StreamStatus(
            (long)stream["length"],
            (long)stream["entries-added"],
            await database.StreamLengthAsync(options.Value.DeadLetterStream),
            groups.Select(Fields).Select(group => new ConsumerGroupStatus(
                (string)group["name"]!, (long)group["consumers"], (long)group["pending"],
                group["lag"].IsNull ? null : (long)group["lag"], (string)group["last-delivered-id"]!)).ToList(),
            time.GetUtcNow());
    }

    /// <summary>A reply of alternating names and values.</summary>
    private static Dictionary<string, RedisResult> Fields(RedisResult reply)
    {
        var items = (RedisResult[])reply!;
        var fields = new Dictionary<string, RedisResult>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            fields[(string)items[i]!] = items[i + 1];
        }
        return fields;
    }
}
