using Npgsql;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Renormalization;

/// <summary>
/// The highest <c>xapi.statements.seq</c> below which nothing can still appear. <c>seq</c> is handed out before
/// commit, so a row with a lower number can commit after one with a higher: reading <c>max(seq)</c> alone would
/// miss it. Every ingest write transaction holds <see cref="AdvisoryLocks.StatementWrites"/> (shared) from before
/// it takes a number until it ends, so once the lock is granted exclusively no write is in flight, and every
/// number up to the maximum read then belongs to a committed row or to none. The barrier lasts one query.
/// </summary>
internal sealed class StatementWatermark(NpgsqlDataSource dataSource)
{
    public async Task<long> SettledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var barrier = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection))
        {
            barrier.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLocks.StatementWrites });
            await barrier.ExecuteNonQueryAsync(cancellationToken);
        }
        // A statement of its own, so its snapshot is taken after the lock was granted (READ COMMITTED).
        await using var max = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM xapi.statements", connection);
        var settled = (long)(await max.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return settled;
    }
}
