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
    private const int BatchSize = 2_000;

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

    /// <summary>Sends one batch of old outbox rows; returns how many were sent (0 when Redis is still down).</summary>
    public async Task<int> RecoverBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT statement_id, traceparent FROM xapi.outbox
            WHERE created_at < now() - $1
            ORDER BY created_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue(Grace);
        command.Parameters.AddWithValue(BatchSize);
        var pending = new List<CommittedStatement>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add(new CommittedStatement(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
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
            logger.LogInformation("Sent {Count} statement(s) from the outbox", pending.Count);
        }
        return sent ? pending.Count : 0;
    }
}
