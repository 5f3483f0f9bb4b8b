using Npgsql;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Where one statement stands, for the operations page: when the LRS stored it, the trace of the ingest request that
/// stored it (<c>xapi.statements.trace_id</c>, which ingest takes from the request's traceparent), and its
/// normalization state.
/// </summary>
/// <param name="State">
/// <c>normalized</c> (its rows are in the analysis tables), <c>voided</c> or <c>voiding</c> (neither kind has rows),
/// <c>dead-lettered</c> (the workers gave up on it: <paramref name="Reason"/>), or <c>waiting</c> (stored, on the stream
/// or about to be read).
/// </param>
public sealed record StatementTrace(Guid StatementId, DateTimeOffset Stored, DateTimeOffset Timestamp, string? Verb, string? TraceId, string State, string? Reason);

/// <summary>Looks a statement up in the LRS's table, the analysis tables and the dead-letter stream.</summary>
internal sealed class StatementTraces(NpgsqlDataSource dataSource, DeadLetterQueue deadLetters)
{
    /// <summary>The statement, or null when the LRS has none with this id.</summary>
    public async Task<StatementTrace?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.stored, s."timestamp", s.verb_id, s.trace_id, s.is_voided, s.voids_statement_id IS NOT NULL,
                   EXISTS (SELECT 1 FROM analysis.user_activities a WHERE a.statement_id = s.id)
                   OR EXISTS (SELECT 1 FROM analysis.user_responses r WHERE r.statement_id = s.id)
            FROM xapi.statements s
            WHERE s.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var (stored, timestamp) = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
        var verb = reader.IsDBNull(2) ? null : reader.GetString(2);
        var traceId = reader.IsDBNull(3) ? null : reader.GetString(3);
        var (voided, voiding, normalized) = (reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6));
        if (normalized || voided || voiding)
        {
            return new StatementTrace(id, stored, timestamp, verb, traceId, normalized ? "normalized" : voided ? "voided" : "voiding", null);
        }
        var letter = await DeadLetterAsync(id.ToString(), cancellationToken);
        return new StatementTrace(id, stored, timestamp, verb, traceId, letter is null ? "waiting" : "dead-lettered", letter?.Reason);
    }

    /// <summary>The statement's dead letter, if it has one (the stream is read in pages; it holds what failed, a short list).</summary>
    private async Task<DeadLetter?> DeadLetterAsync(string statementId, CancellationToken cancellationToken)
    {
        string? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await deadLetters.ListAsync(after, DeadLetterQueue.MaxPageSize);
            if (page.Items.FirstOrDefault(letter => string.Equals(letter.StatementId, statementId, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
            if (page.Next is null)
            {
                return null;
            }
            after = page.Next;
        }
        return null;
    }
}
