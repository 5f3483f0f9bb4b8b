using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace Ingest.Api.Streaming;

/// <summary>A committed statement to hand to the normalizer.</summary>
public sealed record CommittedStatement(Guid Id, string? TraceParent);

/// <summary>The statements of one committed transaction and the outbox row that holds them until the stream has them.</summary>
public sealed record OutboxHandOff(long OutboxId, IReadOnlyList<CommittedStatement> Statements);

/// <summary>
/// Hands committed statements to the Redis Stream and then has their outbox row removed. It never blocks a
/// request: when Redis is down the rows simply stay in the outbox, and <see cref="OutboxRecovery"/> sends them
/// once Redis is back. An entry may therefore be sent twice (sent, then the delete failed); the normalizer is
/// idempotent, so that costs nothing.
/// </summary>
/// <remarks>
/// The rows of sent statements are deleted by the next statement write, in its own transaction
/// (<see cref="TakeSent"/>): a statement trickling in alone then costs one transaction, not two. When no write comes
/// within <see cref="ClearDelay"/>, well before <see cref="OutboxRecovery"/> would take the rows for unsent, the
/// publisher deletes them itself.
/// </remarks>
public sealed class StatementPublisher(
    IConnectionMultiplexer redis,
    NpgsqlDataSource dataSource,
    ILogger<StatementPublisher> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("SevenTaps.Ingest.Stream");
    private const int MaxBatch = 2_000;
    private const string Delete = "DELETE FROM xapi.outbox_batches WHERE id = ANY($1)";

    private const int MaxCleared = 2_000;
    internal static readonly TimeSpan ClearDelay = TimeSpan.FromMilliseconds(250);

    private readonly Channel<OutboxHandOff> _committed = Channel.CreateUnbounded<OutboxHandOff>();
    private readonly ConcurrentQueue<long> _sent = new();

    public void Publish(OutboxHandOff handOff) => _committed.Writer.TryWrite(handOff);

    /// <summary>Outbox rows whose statements Redis has, for a statement write to delete in its transaction.</summary>
    public long[] TakeSent()
    {
        var ids = new List<long>();
        while (ids.Count < MaxCleared && _sent.TryDequeue(out var id))
        {
            ids.Add(id);
        }
        return [.. ids];
    }

    /// <summary>Outbox rows to delete: of statements Redis took, or taken for a write that did not commit.</summary>
    public void MarkSent(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            _sent.Enqueue(id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutboxHandOff>();
        Task<bool>? readable = null;
        try
        {
            while (true)
            {
                readable ??= _committed.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (!_sent.IsEmpty && await Task.WhenAny(readable, Task.Delay(ClearDelay, stoppingToken)) != readable)
                {
                    await ClearSentAsync(stoppingToken);
                    continue;
                }
                if (!await readable)
                {
                    break;
                }
                readable = null;
                batch.Clear();
                var statements = 0;
                while (statements < MaxBatch && _committed.Reader.TryRead(out var handOff))
                {
                    batch.Add(handOff);
                    statements += handOff.Statements.Count;
                }
                await SendAndClearAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Anything not sent is still in the outbox: the next start (or another replica) sends it.
        }
    }

    /// <summary>
    /// Adds the statements to the stream; on success deletes their outbox rows within <paramref name="deleteWith"/>
    /// when the caller holds them locked, or leaves them to the next write (<see cref="TakeSent"/>). Returns whether
    /// Redis took them.
    /// </summary>
    public async Task<bool> SendAndClearAsync(
        IReadOnlyList<OutboxHandOff> handOffs, CancellationToken cancellationToken, NpgsqlTransaction? deleteWith = null)
    {
        var statements = handOffs.SelectMany(handOff => handOff.Statements).ToList();
        if (statements.Count == 0)
        {
            return true;
        }
        try
        {
            await SendAsync(statements);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis did not take {Count} statement(s) ({Reason}); they stay in the outbox", statements.Count, exception.Message);
            return false;
        }

        if (deleteWith is null)
        {
            MarkSent(handOffs.Select(handOff => handOff.OutboxId));
            return true;
        }
        await using var command = new NpgsqlCommand(Delete, deleteWith.Connection, deleteWith) { Parameters = { OutboxIds([.. handOffs.Select(handOff => handOff.OutboxId)]) } };
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>The delete of outbox rows $1 (a statement write runs it in its own transaction).</summary>
    public static NpgsqlBatchCommand DeleteSent(long[] ids) => new(Delete) { Parameters = { OutboxIds(ids) } };

    private static NpgsqlParameter OutboxIds(long[] ids) => new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    /// <summary>No write came to delete the sent rows: delete them here.</summary>
    private async Task ClearSentAsync(CancellationToken cancellationToken)
    {
        var ids = TakeSent();
        try
        {
            await using var batch = dataSource.CreateBatch();
            // A lost delete only means the entries are sent again (the normalizer is idempotent), so this
            // commit need not wait for the WAL flush that every statement commit already pays.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
            batch.BatchCommands.Add(DeleteSent(ids));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            logger.LogWarning("Sent statements could not be cleared from the outbox ({Reason}); they will be sent again", exception.Message);
        }
    }

    /// <summary>
    /// One producer span per originating request, child of that request's span; the entry carries the
    /// producer span's context, so the worker's span continues the same trace.
    /// </summary>
    private async Task SendAsync(IReadOnlyList<CommittedStatement> statements)
    {
        var database = redis.GetDatabase();
        var sends = new List<Task>(statements.Count);
        var spans = new List<Activity>();
        try
        {
            foreach (var group in statements.GroupBy(statement => statement.TraceParent))
            {
                ActivityContext.TryParse(group.Key, null, out var parent);
                var span = ActivitySource.StartActivity($"send {StatementStream.Key}", ActivityKind.Producer, parent);
                if (span is not null)
                {
                    span.SetTag("messaging.system", "redis");
                    span.SetTag("messaging.destination.name", StatementStream.Key);
                    span.SetTag("messaging.batch.message_count", group.Count());
                    spans.Add(span);
                }
                var traceParent = span?.Id ?? group.Key;
                foreach (var statement in group)
                {
                    NameValueEntry[] fields = traceParent is null
                        ? [new(StatementStream.StatementIdField, statement.Id.ToString())]
                        : [new(StatementStream.StatementIdField, statement.Id.ToString()), new(StatementStream.TraceParentField, traceParent)];
                    sends.Add(database.StreamAddAsync(StatementStream.Key, fields));
                }
                span?.Stop();
            }
            await Task.WhenAll(sends);
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(StatementStream.AddedChannel), statements.Count, CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            foreach (var span in spans)
            {
                span.SetStatus(ActivityStatusCode.Error, exception.Message);
            }
            throw;
        }
        finally
        {
            foreach (var span in spans)
            {
                span.Dispose();
            }
        }
    }
}
