using Microsoft.Extensions.Options;
using Npgsql;

namespace SevenTaps.Audit;

/// <summary>
/// Deletes the audit records older than the retention, a batch per statement (each its own transaction, so readers and
/// writers wait for no long delete), and leaves one record saying how many went.
/// </summary>
public sealed class AuditPurge(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time, IOptions<AuditRetentionOptions> options)
{
    /// <summary>The oldest records first, by the index on <c>at</c>; the id names the rows to delete.</summary>
    private const string DeleteBatchSql = $"""
        DELETE FROM {AuditRecordConfiguration.Schema}.{AuditRecordConfiguration.Table}
        WHERE id IN (SELECT id FROM {AuditRecordConfiguration.Schema}.{AuditRecordConfiguration.Table} WHERE at < $1 ORDER BY at LIMIT $2)
        """;

    /// <summary>Deletes what is older than the retention; returns how many records went (0 when records are kept forever).</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value;
        if (retention.RetentionDays == 0)
        {
            return 0;
        }
        var cutoff = time.GetUtcNow().AddDays(-retention.RetentionDays);
        long deleted = 0;
        int batch;
        do
        {
            await using var command = dataSource.CreateCommand(DeleteBatchSql);
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            command.Parameters.Add(new NpgsqlParameter { Value = retention.PurgeBatchSize });
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == retention.PurgeBatchSize);

        // A purge that found nothing is not an action worth a record (there would be one every interval).
        if (deleted > 0)
        {
            await audit.AppendAsync(AuditActor.Itself(), new AuditEvent(AuditActions.AuditPurge, AuditRecordConfiguration.Schema + "." + AuditRecordConfiguration.Table,
                AuditOutcomes.Succeeded, $"{deleted} records older than {cutoff:O} ({retention.RetentionDays} days) deleted"), cancellationToken);
        }
        return deleted;
    }
}
