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
    /// <remarks>
    /// StatementRef rule (Communication 2.1.3, "Filter Conditions for StatementRefs"): a statement whose object is a
    /// StatementRef also matches the agent/verb/activity/registration filters when the statement it refers to matches
    /// them (recursively, voided targets included); since/until/paging apply to the referring statement itself.
    /// Direct matches and referring statements are two branches, each using its own index, merged in order.
    /// </remarks>
    public async Task<IReadOnlyList<Row>> QueryAsync(StatementQuery query, Guid? onlyCredential, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand();
        await using (command)
        {
            // Conditions name their parameter {0} (it becomes $N) and the row alias {s}.
            var matching = new List<string>();
            var bounds = new List<string>();
            void Add(List<string> conditions, string condition, object value, NpgsqlDbType type)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
                conditions.Add(condition.Replace("{0}", "$" + command.Parameters.Count));
            }

            if (query.AgentIfi is { } agent)
            {
                Add(matching, query.RelatedAgents ? "{s}.related_agents @> ARRAY[{0}]" : "{s}.agents @> ARRAY[{0}]", agent, NpgsqlDbType.Text);
            }
            if (query.VerbId is { } verb)
            {
                Add(matching, "{s}.verb_id = {0}", verb, NpgsqlDbType.Text);
            }
            if (query.ActivityId is { } activity)
            {
                Add(matching, query.RelatedActivities ? "{s}.related_activities @> ARRAY[{0}]" : "{s}.activity_id = {0}", activity, NpgsqlDbType.Text);
            }
            if (query.Registration is { } registration)
            {
                Add(matching, "{s}.registration = {0}", registration, NpgsqlDbType.Uuid);
            }
            bounds.Add("NOT {s}.is_voided");
            if (query.Since is { } since)
            {
                Add(bounds, "{s}.stored > {0}", since, NpgsqlDbType.TimestampTz);
            }
            if (query.Until is { } until)
            {
                Add(bounds, "{s}.stored <= {0}", until, NpgsqlDbType.TimestampTz);
            }
            if (onlyCredential is { } credential)
            {
                Add(bounds, "{s}.credential_id = {0}", credential, NpgsqlDbType.Uuid);
            }
            if (query.AfterSequence is { } after)
            {
                Add(bounds, query.Ascending ? "{s}.seq > {0}" : "{s}.seq < {0}", after, NpgsqlDbType.Bigint);
            }
            command.Parameters.Add(new NpgsqlParameter { Value = query.Limit + 1, NpgsqlDbType = NpgsqlDbType.Integer });
            var order = (query.Ascending ? " ORDER BY seq" : " ORDER BY seq DESC") + " LIMIT $" + command.Parameters.Count;

            static string Where(IEnumerable<string> conditions, string alias) => string.Join(" AND ", conditions.Select(condition => condition.Replace("{s}", alias)));
            const string Columns = "s.seq, s.statement::text AS statement, s.stored";
            var direct = $"SELECT {Columns} FROM xapi.statements s WHERE {Where(matching.Concat(bounds), "s")}";
            command.CommandText = matching.Count == 0
                ? direct + order
                : $"""
                  WITH RECURSIVE referring(id) AS (
                      SELECT r.id FROM xapi.statements r JOIN xapi.statements t ON t.id = r.object_statement_id
                      WHERE r.object_statement_id IS NOT NULL AND {Where(matching, "t")}
                      UNION
                      SELECT r.id FROM xapi.statements r JOIN referring x ON r.object_statement_id = x.id)
                  SELECT seq, statement, stored FROM (
                      ({direct}{order})
                      UNION
                      (SELECT {Columns} FROM xapi.statements s JOIN referring ON referring.id = s.id WHERE {Where(bounds, "s")}{order})
                  ) page{order}
                  """;

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
