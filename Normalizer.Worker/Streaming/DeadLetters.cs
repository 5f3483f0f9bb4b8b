using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Entries that failed: the reason of the last failure is kept per entry (a hash shared by all replicas, so a
/// worker that takes over an entry knows why it failed elsewhere), and an entry given up on moves to the
/// dead-letter stream with that reason, where operators list and replay it (<see cref="DeadLetterQueue"/>).
/// </summary>
internal sealed class DeadLetters(IConnectionMultiplexer redis, IOptions<NormalizerOptions> options, TimeProvider time)
{
    public const string StatementIdField = SevenTaps.Contracts.StatementStream.StatementIdField;
    public const string TraceParentField = SevenTaps.Contracts.StatementStream.TraceParentField;
    public const string EntryIdField = "entry_id";
    public const string ReasonField = "reason";
    public const string DeliveriesField = "deliveries";
    public const string ConsumerField = "consumer";
    public const string DeadLetteredAtField = "dead_lettered_at";

    private string ReasonsKey => $"{options.Value.DeadLetterStream}:reasons";

    public async Task RecordFailuresAsync(IReadOnlyDictionary<string, string> failures)
    {
        if (failures.Count > 0)
        {
            await redis.GetDatabase().HashSetAsync(ReasonsKey, [.. failures.Select(failure => new HashEntry(failure.Key, failure.Value))]);
        }
    }

    /// <summary>
    /// Acknowledges done entries and, when they were <paramref name="redelivered"/>, forgets their past failures (an
    /// entry delivered for the first time has none: a failed entry stays pending and comes back only when claimed).
    /// </summary>
    public async Task AcknowledgeAsync(string group, IReadOnlyList<string> entryIds, bool redelivered)
    {
        if (entryIds.Count == 0)
        {
            return;
        }
        var ids = entryIds.Select(id => (RedisValue)id).ToArray();
        var database = redis.GetDatabase();
        await Task.WhenAll(
            database.StreamAcknowledgeAsync(SevenTaps.Contracts.StatementStream.Key, group, ids),
            redelivered ? database.HashDeleteAsync(ReasonsKey, ids) : Task.CompletedTask);
    }

    /// <summary>Moves an entry to the dead-letter stream and acknowledges it, atomically (MULTI/EXEC).</summary>
    public async Task MoveAsync(string group, StreamEntry entry, long deliveries, string lastConsumer)
    {
        var database = redis.GetDatabase();
        var reason = (string?)await database.HashGetAsync(ReasonsKey, entry.Id)
            ?? $"not acknowledged after {deliveries} deliveries (the consumers holding it stopped or kept failing)";
        var transaction = database.CreateTransaction();
        _ = transaction.StreamAddAsync(options.Value.DeadLetterStream,
        [
            new(StatementIdField, entry.RawStatementId ?? ""),
            new(TraceParentField, entry.TraceParent ?? ""),
            new(EntryIdField, entry.Id),
            new(ReasonField, reason),
            new(DeliveriesField, deliveries),
            new(ConsumerField, lastConsumer),
            new(DeadLetteredAtField, time.GetUtcNow().ToString("O")),
        ]);
        _ = transaction.StreamAcknowledgeAsync(SevenTaps.Contracts.StatementStream.Key, group, entry.Id);
        _ = transaction.HashDeleteAsync(ReasonsKey, entry.Id);
        await transaction.ExecuteAsync();
    }
}
