using Normalizer.Worker.Processing;
using Npgsql;
using SevenTaps.Analysis;

namespace Normalizer.Worker.Reconciliation;

/// <summary>
/// The durable high-water mark (<see cref="AnalysisSchema.ReconciliationMark"/>): every stored statement with a
/// <c>seq</c> up to it is normalized. Only the replica holding the reconciliation lock reads and advances it.
/// </summary>
internal static class ReconciliationMark
{
    private const string Table = AnalysisSchema.ReconciliationMark.Table;
    private const string NormalizedThrough = AnalysisSchema.ReconciliationMark.NormalizedThrough;

    public static async Task<long> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {NormalizedThrough} FROM {Table}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{Table} has no row: the migration that creates it inserts one."));
    }

    /// <summary>
    /// Moves the mark from <paramref name="from"/> to <paramref name="to"/>. Inside the live generation (shared
    /// <see cref="SevenTaps.Contracts.AdvisoryLocks.AnalysisGeneration"/>), so a re-normalization that swaps schemas
    /// carries the advanced mark over rather than an older copy.
    /// </summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, long from, long to, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AnalysisWriter.EnterLiveGenerationAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"UPDATE {Table} SET {NormalizedThrough} = $2, {AnalysisSchema.ReconciliationMark.AdvancedAt} = now() WHERE {NormalizedThrough} = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = from }, new NpgsqlParameter { Value = to } },
        };
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"{Table} moved from {from} while this replica held the reconciliation lock.");
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
