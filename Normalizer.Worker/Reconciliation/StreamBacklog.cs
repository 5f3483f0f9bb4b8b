using Microsoft.Extensions.Options;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Reconciliation;

/// <summary>
/// How far the consumer group has got: the time of the oldest stream entry it still needs (the first not yet
/// delivered, or the lowest delivered but not acknowledged). Entry ids are Redis' clock in milliseconds, and ingest
/// adds an entry after its statement is stored, so a statement stored well before that time was handed to the workers
/// already if its entry ever existed: while it has no rows, the entry was lost. A statement stored later may still be
/// on its way through a backlog, and the reconciler leaves it to the stream.
/// </summary>
internal sealed class StreamBacklog(IConnectionMultiplexer redis, IOptions<NormalizerOptions> options, TimeProvider time)
{
    /// <summary>The oldest entry's time; now when the group needs none; <see cref="DateTimeOffset.MinValue"/> while the group does not exist.</summary>
    public async Task<DateTimeOffset> OldestNeededAsync()
    {
        var database = redis.GetDatabase();
        if (!await database.KeyExistsAsync(StatementStream.Key))
        {
            return DateTimeOffset.MinValue;
        }
        var group = (await database.StreamGroupInfoAsync(StatementStream.Key))
            .FirstOrDefault(candidate => candidate.Name == options.Value.ConsumerGroup);
        if (group.Name is null)
        {
            return DateTimeOffset.MinValue;
        }
        // Undelivered first, pending second: an entry moving from one to the other meanwhile is seen at least once.
        var undelivered = await database.StreamRangeAsync(StatementStream.Key, $"({group.LastDeliveredId}", "+", count: 1);
        var pending = await database.StreamPendingAsync(StatementStream.Key, group.Name);
        var oldest = new[]
        {
            undelivered.Length > 0 ? TimeOf(undelivered[0].Id) : null,
            pending.PendingMessageCount > 0 ? TimeOf(pending.LowestPendingMessageId) : null,
        }.OfType<DateTimeOffset>().DefaultIfEmpty(time.GetUtcNow()).Min();
        return oldest;
    }

    /// <summary>An entry id is <c>milliseconds-sequence</c>.</summary>
    private static DateTimeOffset? TimeOf(RedisValue entryId) =>
        long.TryParse(entryId.ToString().Split('-')[0], out var milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
}
