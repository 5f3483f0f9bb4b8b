using Npgsql;
using SevenTaps.Analysis;

namespace Normalizer.Worker.Reconciliation;

/// <summary>A stored statement the analysis tables do not reflect.</summary>
/// <param name="Sequence">Its <c>xapi.statements.seq</c>.</param>
/// <param name="StatementId">Its id.</param>
internal sealed record LostStatement(long Sequence, Guid StatementId);

/// <summary>
/// The stored statements of a <c>seq</c> range whose normalization left no trace in the analysis tables: one range
/// scan of <c>ix_statements_seq</c> with a primary-key probe of the fact tables per statement, so a range the stream
/// delivered in full costs a few index pages.
/// </summary>
/// <remarks>
/// What normalizing a statement leaves, by kind (see <see cref="Processing.AnalysisWriter"/>):
/// <list type="bullet">
/// <item>a statement that is not voided and voids nothing yields a <c>user_activities</c> row keyed by its id
/// (every statement with a learner does); without one it is lost. The rare statement that yields no rows at all (no
/// actor, no usable object) looks lost too and is normalized once more, to the same nothing;</item>
/// <item>a voiding statement deletes its target's rows: while they exist, it is lost;</item>
/// <item>a voided statement yields nothing whether normalized or not (its voiding statement removes what it left),
/// so it is never lost.</item>
/// </list>
/// </remarks>
internal static class LostStatements
{
    private const string Sql = $"""
        SELECT s.seq, s.id
        FROM xapi.statements s
        WHERE s.seq > $1 AND s.seq <= $2 AND NOT s.is_voided
          AND CASE WHEN s.voids_statement_id IS NULL
                   THEN NOT EXISTS (SELECT 1 FROM {AnalysisSchema.UserActivities.Table} a WHERE a.{AnalysisSchema.UserActivities.StatementId} = s.id)
                   ELSE EXISTS (SELECT 1 FROM {AnalysisSchema.UserActivities.Table} a WHERE a.{AnalysisSchema.UserActivities.StatementId} = s.voids_statement_id)
                     OR EXISTS (SELECT 1 FROM {AnalysisSchema.UserResponses.Table} r WHERE r.{AnalysisSchema.UserResponses.StatementId} = s.voids_statement_id)
              END
        ORDER BY s.seq
        """;

    /// <summary>
    /// The first <c>seq</c> in <c>after &lt; seq &lt;= through</c> of a statement stored at or after
    /// <paramref name="since"/> (one the stream may still be delivering), or null when there is none.
    /// </summary>
    public static async Task<long?> FirstStoredSinceAsync(NpgsqlConnection connection, long after, long through, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT min(seq) FROM xapi.statements WHERE seq > $1 AND seq <= $2 AND stored >= $3", connection)
        {
            Parameters = { new NpgsqlParameter { Value = after }, new NpgsqlParameter { Value = through }, new NpgsqlParameter { Value = since } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is long first ? first : null;
    }

    /// <summary>Those with <c>after &lt; seq &lt;= through</c>, in storage order.</summary>
    public static async Task<IReadOnlyList<LostStatement>> FindAsync(NpgsqlConnection connection, long after, long through, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection)
        {
            Parameters = { new NpgsqlParameter { Value = after }, new NpgsqlParameter { Value = through } },
        };
        var lost = new List<LostStatement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lost.Add(new LostStatement(reader.GetInt64(0), reader.GetGuid(1)));
        }
        return lost;
    }
}
