using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace Ingest.Api.Streaming;

/// <summary>A committed statement to hand to the normalizer.</summary>
public sealed record CommittedStatement(Guid Id, string? TraceParent);

/// <summary>
/// Hands committed statements to the Redis Stream and then removes their outbox rows. It never blocks a
/// request: when Redis is down the rows simply stay in the outbox, and <see cref="OutboxRecovery"/> sends them
/// once Redis is back. An entry may therefore be sent twice (sent, then the delete failed); the normalizer is
/// idempotent, so that costs nothing.
/// </summary>
public sealed class StatementPublisher(
    IConnectionMultiplexer redis,
    NpgsqlDataSource dataSource,
    ILogger<StatementPublisher> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("SevenTaps.Ingest.Stream");
    private const int MaxBatch = 2_000;

    private readonly Channel<CommittedStatement> _committed = Channel.CreateUnbounded<CommittedStatement>();

    public void Publish(IEnumerable<CommittedStatement> statements)
    {
        foreach (var statement in statements)
        {
            _committed.Writer.TryWrite(statement);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CommittedStatement>();
        try
        {
            while (await _committed.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _committed.Reader.TryRead(out var statement))
                {
                    batch.Add(statement);
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
    /// Adds the entries to the stream; on success deletes their outbox rows (within <paramref name="deleteWith"/>
    /// when the caller holds them locked). Returns whether Redis took them.
    /// </summary>
    public async Task<bool> SendAndClearAsync(
        IReadOnlyList<CommittedStatement> statements, CancellationToken cancellationToken, NpgsqlTransaction? deleteWith = null)
    {
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

        try
        {
            const string delete = "DELETE FROM xapi.outbox WHERE statement_id = ANY($1)";
            await using var command = deleteWith is null
                ? dataSource.CreateCommand(delete)
                : new NpgsqlCommand(delete, deleteWith.Connection, deleteWith);
            command.Parameters.Add(new NpgsqlParameter { Value = statements.Select(statement => statement.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            logger.LogWarning("Sent statements could not be cleared from the outbox ({Reason}); they will be sent again", exception.Message);
        }
        return true;
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
