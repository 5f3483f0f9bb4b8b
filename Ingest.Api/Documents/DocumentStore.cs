using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Ingest.Api.Documents;

/// <summary>
/// The documents in <c>xapi.documents</c>. A write reads the stored document, checks the request's preconditions,
/// merges a JSON POST, and writes, all in one transaction holding an advisory lock on the document's address: two
/// writers of one document are serialized, so neither can pass a precondition the other has just made false.
/// </summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string JsonMediaType = "application/json";

    public sealed record Document(byte[] Content, string ContentType, string ETag, DateTimeOffset Updated);

    /// <summary>A document's address as SQL conditions on $1..$5 (kind, activity, agent, registration, id).</summary>
    private const string AddressCondition =
        "kind = $1 AND activity_id = $2 AND agent = $3 AND registration IS NOT DISTINCT FROM $4 AND document_id = $5";

    public async Task<Document?> FindAsync(DocumentAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, address, cancellationToken);
    }

    /// <summary>The ids of a list request, and when the most recent of them was updated.</summary>
    public async Task<(IReadOnlyList<string> Ids, DateTimeOffset? LastUpdated)> ListAsync(
        DocumentAddress address, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT document_id, updated FROM xapi.documents WHERE kind = $1 AND activity_id = $2 AND agent = $3 " +
            "AND ($4::uuid IS NULL OR registration = $4) AND ($5::timestamptz IS NULL OR updated > $5) ORDER BY document_id");
        AddPrefix(command, address);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)since ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var ids = new List<string>();
        DateTimeOffset? last = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
            var updated = reader.GetFieldValue<DateTimeOffset>(1);
            last = last is null || updated > last ? updated : last;
        }
        return (ids, last);
    }

    /// <summary>
    /// Stores <paramref name="content"/> at <paramref name="address"/> (PUT), or merges it into the stored JSON
    /// document (POST with <paramref name="merge"/>; with no stored document a POST stores it as a PUT would).
    /// </summary>
    /// <param name="unconditionalPut">What a PUT without If-Match or If-None-Match may do.</param>
    public async Task<DocumentWriteOutcome> WriteAsync(
        DocumentAddress address, byte[] content, string contentType, bool merge, DocumentPreconditions preconditions,
        UnconditionalPut unconditionalPut, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, address, cancellationToken);
        var stored = await FindAsync(connection, address, cancellationToken);
        if (!preconditions.Hold(stored?.ETag))
        {
            return DocumentWriteOutcome.PreconditionFailed;
        }
        if (!merge && !preconditions.Any && unconditionalPut != UnconditionalPut.Allowed)
        {
            if (stored is not null)
            {
                return DocumentWriteOutcome.ConflictWithoutPrecondition;
            }
            if (unconditionalPut == UnconditionalPut.Refused)
            {
                return DocumentWriteOutcome.PreconditionRequired;
            }
        }
        if (merge && IsJson(contentType) && ParseObject(content) is null)
        {
            // Communication "JSON Procedure": a posted application/json document that is not a JSON object is 400,
            // also when there is nothing to merge it into.
            return DocumentWriteOutcome.NotMergeable;
        }
        if (merge && stored is not null)
        {
            if (Merge(stored, content, contentType) is not { } merged)
            {
                return DocumentWriteOutcome.NotMergeable;
            }
            content = merged;
            contentType = JsonMediaType;
        }

        await using var upsert = new NpgsqlCommand(
            "INSERT INTO xapi.documents (kind, activity_id, agent, registration, document_id, content, content_type, etag, updated) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (kind, activity_id, agent, registration, document_id) " +
            "DO UPDATE SET content = excluded.content, content_type = excluded.content_type, etag = excluded.etag, updated = excluded.updated",
            connection, transaction);
        AddAddress(upsert, address);
        upsert.Parameters.Add(new NpgsqlParameter { Value = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        upsert.Parameters.Add(new NpgsqlParameter { Value = contentType, NpgsqlDbType = NpgsqlDbType.Text });
        upsert.Parameters.Add(new NpgsqlParameter { Value = ETagOf(content), NpgsqlDbType = NpgsqlDbType.Text });
        upsert.Parameters.Add(new NpgsqlParameter { Value = Now(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DocumentWriteOutcome.Written;
    }

    /// <summary>Deletes one document, when the preconditions hold; false when they do not.</summary>
    public async Task<bool> DeleteAsync(DocumentAddress address, DocumentPreconditions preconditions, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, address, cancellationToken);
        if (preconditions.Any && !preconditions.Hold((await FindAsync(connection, address, cancellationToken))?.ETag))
        {
            return false;
        }
        await using var delete = new NpgsqlCommand($"DELETE FROM xapi.documents WHERE {AddressCondition}", connection, transaction);
        AddAddress(delete, address);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes every State document of an Activity and Agent (of one registration, when given).</summary>
    public async Task DeleteAllAsync(DocumentAddress address, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM xapi.documents WHERE kind = $1 AND activity_id = $2 AND agent = $3 AND ($4::uuid IS NULL OR registration = $4)");
        AddPrefix(command, address);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Lower-case hexadecimal SHA-1 of the content, as the specification defines a document's ETag.</summary>
    public static string ETagOf(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    public static bool IsJson(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The merge of a JSON POST (Communication "JSON Procedure"): each top-level property of the posted object
    /// replaces the stored one. Null when either side is not <c>application/json</c> or not a JSON object.
    /// </summary>
    private static byte[]? Merge(Document stored, byte[] posted, string postedType)
    {
        if (!IsJson(stored.ContentType) || !IsJson(postedType) || ParseObject(stored.Content) is not { } target || ParseObject(posted) is not { } source)
        {
            return null;
        }
        foreach (var (name, value) in source.ToList())
        {
            source.Remove(name);
            target[name] = value;
        }
        return JsonSerializer.SerializeToUtf8Bytes(target);
    }

    private static JsonObject? ParseObject(byte[] utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<Document?> FindAsync(NpgsqlConnection connection, DocumentAddress address, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT content, content_type, etag, updated FROM xapi.documents WHERE {AddressCondition}", connection);
        AddAddress(command, address);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Document(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    /// <summary>Serializes the writers of one address until the transaction ends.</summary>
    private static async Task LockAsync(NpgsqlConnection connection, DocumentAddress address, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection);
        command.Parameters.AddWithValue($"{(short)address.Kind}\n{address.ActivityId}\n{address.Agent}\n{address.Registration}\n{address.DocumentId}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddPrefix(NpgsqlCommand command, DocumentAddress address)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (short)address.Kind, NpgsqlDbType = NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter { Value = address.ActivityId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = address.Agent, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)address.Registration ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
    }

    private static void AddAddress(NpgsqlCommand command, DocumentAddress address)
    {
        AddPrefix(command, address);
        command.Parameters.Add(new NpgsqlParameter { Value = address.DocumentId!, NpgsqlDbType = NpgsqlDbType.Text });
    }

    /// <summary>Millisecond precision, so that a <c>since</c> taken from a returned time compares as the client expects.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
