using System.Diagnostics;
using Normalizer.Worker.Streaming;
using Npgsql;

namespace Normalizer.Worker.Processing;

/// <summary>
/// The stream consumer's batch policy: a batch of stream entries is written in one transaction (through
/// <see cref="AnalysisWriter"/>), so it is either fully applied or not at all; a deadlock is retried, a batch that
/// fails is written entry by entry so that one bad statement holds back no other, and the batch is a span linked to
/// the entries' traces.
/// </summary>
internal sealed class StatementBatchProcessor(NpgsqlDataSource dataSource, AnalysisWriter writer, ILogger<StatementBatchProcessor> logger)
{
    public const string InvalidId = "the entry has no valid statement_id";

    private const string DeadlockDetected = "40P01";
    private const string SerializationFailure = "40001";
    private const int MaxAttempts = 5;

    /// <summary>Writes the entries' rows; returns the entries that failed, with the reason. The others are done.</summary>
    /// <exception cref="NpgsqlException">The database is unreachable (<see cref="IsTransient"/>): nothing was written, try again later.</exception>
    public async Task<IReadOnlyDictionary<string, string>> ProcessAsync(IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<string, string>();
        foreach (var entry in entries.Where(entry => entry.StatementId is null))
        {
            failures[entry.Id] = InvalidId;
        }
        var valid = entries.Where(entry => entry.StatementId is not null).ToList();
        if (valid.Count == 0)
        {
            return failures;
        }

        using var batchSpan = NormalizerTelemetry.ActivitySource.StartActivity(
            "normalize batch", ActivityKind.Internal, parentContext: default, links: LinksOf(valid));
        batchSpan?.SetTag("messaging.batch.message_count", valid.Count);
        try
        {
            Record(failures, await WriteWithRetryAsync(valid, cancellationToken));
        }
        catch (Exception exception) when (!IsTransient(exception) && exception is not OperationCanceledException)
        {
            // One bad statement must not hold back the others: find it by writing each entry on its own.
            logger.LogWarning(exception, "A batch of {Count} entries failed; writing them one by one", valid.Count);
            batchSpan?.AddException(exception);
            foreach (var entry in valid)
            {
                try
                {
                    Record(failures, await WriteWithRetryAsync([entry], cancellationToken));
                }
                catch (Exception single) when (!IsTransient(single) && single is not OperationCanceledException)
                {
                    logger.LogError(single, "Statement {StatementId} (entry {EntryId}) could not be normalized", entry.StatementId, entry.Id);
                    failures[entry.Id] = single.Message;
                }
            }
        }
        return failures;
    }

    /// <summary>The database is unreachable or overloaded: no statement's fault, so it never counts against an entry.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is NpgsqlException { IsTransient: true } or TimeoutException;

    private static void Record(Dictionary<string, string> failures, IReadOnlyDictionary<string, string> more)
    {
        foreach (var (entryId, reason) in more)
        {
            failures[entryId] = reason;
        }
    }

    private static ActivityLink[] LinksOf(IEnumerable<StreamEntry> entries) =>
        entries.Select(entry => entry.TraceParent).Distinct()
            .Select(traceParent => ActivityContext.TryParse(traceParent, null, out var context) ? new ActivityLink(context) : default)
            .Where(link => link.Context != default)
            .ToArray();

    private async Task<IReadOnlyDictionary<string, string>> WriteWithRetryAsync(IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(entries, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState is DeadlockDetected or SerializationFailure && attempt < MaxAttempts)
            {
                // Only recomputing rows after a voiding can lock out of key order; PostgreSQL broke the cycle, go again.
                logger.LogDebug("Batch write aborted ({SqlState}); retrying (attempt {Attempt})", exception.SqlState, attempt);
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var failures = await writer.WriteStatementsAsync(connection, AnalysisTables.Live, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return failures;
    }
}
