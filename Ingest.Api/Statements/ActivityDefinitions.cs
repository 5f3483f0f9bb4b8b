using Ingest.Api.Security;
using Npgsql;
using NpgsqlTypes;

namespace Ingest.Api.Statements;

/// <summary>
/// The canonical definition of an Activity, for the Activities Resource: the definition in the most recently stored
/// statement whose object is that Activity, among statements written by credentials allowed to define Activities
/// (scope <c>define</c> or <c>all</c>; Communication "OAuth Authorization Scope": without it, statements do not modify
/// definitions). Read from the statements when asked, through the <c>activity_id</c> index, rather than kept in a
/// table of its own: that would add a write, and row locks on every shared Activity, to every ingest transaction.
/// </summary>
public sealed class ActivityDefinitions(NpgsqlDataSource dataSource)
{
    /// <summary>The definition as JSON text, or null when no defining statement has one.</summary>
    public async Task<string?> FindAsync(string activityId, CancellationToken cancellationToken)
    {
        // "seq + 0": ordered by seq itself, the planner may walk the whole seq index backwards looking for the
        // Activity's statements; with no defining statement among them (7taps' credential does not define) that reads
        // the entire table. Sorting the Activity's own statements, found through activity_id, bounds the cost by them.
        await using var command = dataSource.CreateCommand(
            "SELECT (s.statement -> 'object' -> 'definition')::text FROM xapi.statements s " +
            "WHERE s.activity_id = $1 AND s.credential_id IN (SELECT id FROM xapi.credentials WHERE scopes && $2) " +
            "AND s.statement -> 'object' ? 'definition' ORDER BY s.seq + 0 DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = activityId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = XapiScopes.Defining, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
