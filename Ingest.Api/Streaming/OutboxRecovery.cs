using Npgsql;

namespace Ingest.Api.Streaming;

/// <summary>
/// Sends what the outbox still holds: statements committed while Redis was down, or left by a replica that
/// stopped between commit and send. Rows are claimed with SKIP LOCKED so several ingest replicas never send
/// the same rows at once; rows younger than <see cref="Grace"/> are left to the fast path.
/// </summary>
public sealed class OutboxRecovery(NpgsqlDataSource dataSource, StatementPublisher publisher, ILogger<OutboxRecovery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    /// <summary>Outbox rows (one per committed transaction, up to a few thousand statements each) per recovery round.</summary>
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                while (await RecoverBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Outbox recovery could not read the outbox ({Reason}); trying again", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Sends a round of old outbox rows; returns how many rows were sent (0 when Redis is still down).</summary>
    public async Task<int> RecoverBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT id, statement_ids, traceparents FROM xapi.outbox_batches
            WHERE created_at < now() - $1
            ORDER BY id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue(Grace);
        command.Parameters.AddWithValue(BatchSize);
        var pending = new List<OutboxHandOff>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var ids = reader.GetFieldValue<Guid[]>(1);
                var traceParents = reader.GetFieldValue<string?[]>(2);
                pending.Add(new OutboxHandOff(reader.GetInt64(0), ids.Select((id, index) => new CommittedStatement(id, traceParents[index])).ToList()));
            }
        }
        if (pending.Count == 0)
        {
            return 0;
        }

        // The rows stay locked while they are sent and are deleted in the same transaction.
        var sent = await publisher.SendAndClearAsync(pending, cancellationToken, deleteWith: transaction);
        await transaction.CommitAsync(cancellationToken);
        if (sent)
        {
            logger.LogInformation("Sent {Count} statement(s) from the outbox", pending.Sum(handOff => handOff.Statements.Count));
        }
        return sent ? pending.Count : 0;
    }
}
