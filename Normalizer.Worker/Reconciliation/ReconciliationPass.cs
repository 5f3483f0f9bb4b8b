using Microsoft.Extensions.Options;
using Normalizer.Worker.Processing;
using Normalizer.Worker.Streaming;
using Npgsql;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Reconciliation;

/// <summary>
/// One reconciliation: under the reconciliation lock, walks <c>xapi.statements</c> from the mark up to a settled
/// sequence number (and no further than the stream has delivered: <see cref="StreamBacklog"/>) in ranges of
/// <see cref="ReconcilerOptions.RangeSize"/>, normalizes the statements each range lost (<see cref="LostStatements"/>)
/// through the consumer's own batch path, and advances the mark past the range.
/// </summary>
/// <remarks>
/// Ingest deletes its outbox rows once Redis acknowledged the entries, and Redis syncs its append-only file once a
/// second: a power loss can drop entries whose statements are stored. Those would never be normalized without this.
/// Normalizing is idempotent, so a statement the stream also delivers (late, or meanwhile) is written once in effect.
/// A statement that fails to normalize is put back on the stream, where the consumer's retries and the dead-letter
/// stream take over as for any other entry; the mark then moves past it.
/// </remarks>
internal sealed class ReconciliationPass(
    NpgsqlDataSource dataSource,
    StatementBatchProcessor processor,
    StreamBacklog backlog,
    IConnectionMultiplexer redis,
    AnalysisDataVersionBump dataVersion,
    IOptions<ReconcilerOptions> options,
    IOptions<NormalizerOptions> normalizerOptions,
    ReconcilerMetrics metrics,
    ILogger<ReconciliationPass> logger)
{
    /// <summary>Stream entry ids the batch processor reports failures by; these entries were never on the stream.</summary>
    private const string EntryIdPrefix = "reconciled:";

    /// <summary>Brings the mark up to <paramref name="settled"/>; false when another replica holds the lock (it does the work).</summary>
    /// <param name="settled">A sequence number below which every statement write has ended (<see cref="Renormalization.StatementWatermark"/>).</param>
    /// <exception cref="NpgsqlException">The database is unreachable; the mark stays where the last finished range left it.</exception>
    public async Task<bool> RunAsync(long settled, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(connection, "pg_try_advisory_lock", cancellationToken))
        {
            return false;
        }
        try
        {
            var mark = await ReconciliationMark.ReadAsync(connection, cancellationToken);
            metrics.MarkAt(mark);
            var target = await DeliveredThroughAsync(connection, mark, settled, cancellationToken);
            while (mark < target)
            {
                var through = Math.Min(target, mark + options.Value.RangeSize);
                var lost = await LostStatements.FindAsync(connection, mark, through, cancellationToken);
                if (lost.Count > 0)
                {
                    await NormalizeAsync(lost, mark, through, cancellationToken);
                }
                await ReconciliationMark.AdvanceAsync(connection, mark, through, cancellationToken);
                mark = through;
                metrics.MarkAt(mark);
            }
            return true;
        }
        finally
        {
            // The session lock outlives a transaction; a broken connection has released it already.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await LockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// <paramref name="settled"/>, or less: just below the first statement the stream may still be delivering (stored
    /// less than an interval before the oldest entry the group still needs). A backlog is the consumer's to work
    /// through; reconciling it too would normalize every statement twice exactly when the workers are busiest.
    /// </summary>
    private async Task<long> DeliveredThroughAsync(NpgsqlConnection connection, long mark, long settled, CancellationToken cancellationToken)
    {
        if (mark >= settled)
        {
            return mark;
        }
        var oldestNeeded = await backlog.OldestNeededAsync();
        if (oldestNeeded == DateTimeOffset.MinValue)
        {
            return mark;
        }
        var stillComing = await LostStatements.FirstStoredSinceAsync(connection, mark, settled, oldestNeeded - options.Value.Interval, cancellationToken);
        return stillComing is { } first ? Math.Min(settled, first - 1) : settled;
    }

    private async Task NormalizeAsync(IReadOnlyList<LostStatement> lost, long after, long through, CancellationToken cancellationToken)
    {
        var failed = new List<LostStatement>();
        foreach (var chunk in lost.Chunk(normalizerOptions.Value.BatchSize))
        {
            var entries = chunk.Select(statement => new Streaming.StreamEntry(
                EntryIdPrefix + statement.Sequence, statement.StatementId, statement.StatementId.ToString(), TraceParent: null)).ToList();
            var failures = await processor.ProcessAsync(entries, cancellationToken);
            failed.AddRange(chunk.Where(statement => failures.ContainsKey(EntryIdPrefix + statement.Sequence)));
        }
        if (failed.Count > 0)
        {
            await HandBackAsync(failed);
            metrics.HandedBack(failed.Count);
        }
        var reconciled = lost.Count - failed.Count;
        metrics.Reconciled(reconciled);
        // Analytics' cached answers predate these rows.
        await dataVersion.BumpAsync();
        logger.LogWarning(
            "Reconciled {Count} stored statements whose stream entries were lost (seq {After}..{Through}; {Failed} failed and were put back on the stream): {StatementIds}",
            reconciled, after + 1, through, failed.Count, string.Join(", ", lost.Take(20).Select(statement => statement.StatementId)));
    }

    /// <summary>Back on the statement stream, as ingest would have left them, so a failing statement ends up a dead letter like any other.</summary>
    private async Task HandBackAsync(IReadOnlyList<LostStatement> failed)
    {
        var database = redis.GetDatabase();
        foreach (var statement in failed)
        {
            await database.StreamAddAsync(StatementStream.Key, StatementStream.StatementIdField, statement.StatementId.ToString());
        }
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(StatementStream.AddedChannel), failed.Count);
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = AdvisoryLocks.Reconciliation } },
        };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
