using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Ingest.Api.Statements;

/// <summary>Reads statements for GET /statements. Voided statements are found only by voidedStatementId.</summary>
public sealed class StatementQueries(NpgsqlDataSource dataSource)
{
    public sealed record Row(long Sequence, string Json, DateTimeOffset Stored);

    public async Task<Row?> FindAsync(Guid id, bool voided, Guid? onlyCredential, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, statement::text, stored FROM xapi.statements WHERE id = $1 AND is_voided = $2 AND ($3::uuid IS NULL OR credential_id = $3)");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(voided);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)onlyCredential ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Row(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)) : null;
    }

    /// <summary>One page in storage order, fetching one row more than asked to know whether there are more.</summary>
    public async Task<IReadOnlyList<Row>> QueryAsync(StatementQuery query, Guid? onlyCredential, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT seq, statement::text, stored FROM xapi.statements WHERE NOT is_voided");
        var command = dataSource.CreateCommand();
        await using (command)
        {
            // Each condition names its parameter {0}; it becomes the positional $N of that value.
            void Filter(string condition, object value, NpgsqlDbType type)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
                sql.Append(" AND ").Append(condition.Replace("{0}", "$" + command.Parameters.Count));
            }

            if (query.AgentIfi is { } agent)
            {
                Filter(query.RelatedAgents ? "related_agents @> ARRAY[{0}]" : "agents @> ARRAY[{0}]", agent, NpgsqlDbType.Text);
            }
            if (query.VerbId is { } verb)
            {
                Filter("verb_id = {0}", verb, NpgsqlDbType.Text);
            }
            if (query.ActivityId is { } activity)
            {
                Filter(query.RelatedActivities ? "related_activities @> ARRAY[{0}]" : "activity_id = {0}", activity, NpgsqlDbType.Text);
            }
            if (query.Registration is { } registration)
            {
                Filter("registration = {0}", registration, NpgsqlDbType.Uuid);
            }
            if (query.Since is { } since)
            {
                Filter("stored > {0}", since, NpgsqlDbType.TimestampTz);
            }
            if (query.Until is { } until)
            {
                Filter("stored <= {0}", until, NpgsqlDbType.TimestampTz);
            }
            if (onlyCredential is { } credential)
            {
                Filter("credential_id = {0}", credential, NpgsqlDbType.Uuid);
            }
            if (query.AfterSequence is { } after)
            {
                Filter(query.Ascending ? "seq > {0}" : "seq < {0}", after, NpgsqlDbType.Bigint);
            }
            sql.Append(query.Ascending ? " ORDER BY seq" : " ORDER BY seq DESC");
            command.Parameters.Add(new NpgsqlParameter { Value = query.Limit + 1, NpgsqlDbType = NpgsqlDbType.Integer });
            sql.Append(" LIMIT $").Append(command.Parameters.Count);
            command.CommandText = sql.ToString();

            var rows = new List<Row>(Math.Min(query.Limit + 1, 1024));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
            return rows;
        }
    }

    public async Task<IReadOnlyList<AttachmentPart>> LoadAttachmentsAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand("SELECT sha2, content_type, content FROM xapi.attachments WHERE sha2 = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var parts = new List<AttachmentPart>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            parts.Add(new AttachmentPart(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }
        return parts;
    }
}
