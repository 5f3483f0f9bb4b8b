using System.Text.Json;
using Normalizer.Worker.Imports;
using Normalizer.Worker.Normalization;
using Npgsql;
using SevenTaps.Analysis;
using SevenTaps.Analysis.Model;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Catalogue;

/// <summary>What loading a catalogue did.</summary>
/// <param name="Lessons">Entries in the catalogue.</param>
/// <param name="Changed">False when the same document was already loaded.</param>
/// <param name="Relabelled">Existing lessons whose number or name changed.</param>
/// <param name="LoadedAt">When the stored catalogue was loaded.</param>
public sealed record CatalogueLoad(int Lessons, bool Changed, int Relabelled, DateTimeOffset LoadedAt);

/// <summary>The stored catalogue as the operator loaded it.</summary>
public sealed record StoredCatalogue(JsonElement Document, DateTimeOffset LoadedAt);

/// <summary>
/// The lesson catalogue in the database (<c>analysis.lesson_catalogue</c>), shared by every replica. Loading one
/// stores it and re-labels the existing lessons in the same transaction; each replica then picks it up
/// (<see cref="CatalogueSync"/>) and re-labels again, which covers rows it wrote with the old one meanwhile. A load
/// leaves an audit record: in its transaction when it stored the catalogue, on its own when the document was refused.
/// </summary>
internal sealed class CatalogueStore(NpgsqlDataSource dataSource, CurrentLessonCatalogue current, AuditTrail audit, TimeProvider time, ILogger<CatalogueStore> logger)
{
    private const string Table = AnalysisSchema.LessonCatalogue.Table;

    /// <summary>Stores the document $1 (jsonb) loaded at $2 unless it is the one stored; returns the new time, or no row.</summary>
    internal static readonly string StoreSql = $"""
        INSERT INTO {Table} AS c (id, document, loaded_at) VALUES ({StoredLessonCatalogue.SingleId}, $1::jsonb, $2)
        ON CONFLICT (id) DO UPDATE SET document = excluded.document, loaded_at = excluded.loaded_at
        WHERE c.document IS DISTINCT FROM excluded.document
        RETURNING loaded_at
        """;

    internal const string LoadedAtSql = $"SELECT loaded_at FROM {Table}";

    internal const string ReadSql = $"SELECT document::text, loaded_at FROM {Table}";

    /// <summary>
    /// One statement: every lesson the catalogue knows (by URL $1, or an imported lesson by number) takes its number
    /// $2 and name $3; a lesson from statements (its URL not starting with $4) that it does not know loses its number
    /// (numbers come only from the catalogue) and keeps its name (the statements' own name, which only
    /// re-normalization could recompute). Rows are locked in key order, as the workers' merges lock them, and only
    /// against other updates (FOR NO KEY UPDATE): the workers' fact rows referencing a lesson need not wait.
    /// </summary>
    internal const string RelabelSql = $"""
        WITH labels AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS m(lesson_url, lesson_number, lesson_name)),
        target AS (
            SELECT l.lesson_url, m.lesson_number, coalesce(m.lesson_name, l.lesson_name) AS lesson_name
            FROM {AnalysisSchema.Lessons.Table} l LEFT JOIN labels m USING (lesson_url)
            WHERE m.lesson_url IS NOT NULL OR NOT starts_with(l.lesson_url, $4)
            ORDER BY l.lesson_url
            FOR NO KEY UPDATE OF l)
        UPDATE {AnalysisSchema.Lessons.Table} AS l SET lesson_number = t.lesson_number, lesson_name = t.lesson_name
        FROM target t
        WHERE l.lesson_url = t.lesson_url AND (l.lesson_number, l.lesson_name) IS DISTINCT FROM (t.lesson_number, t.lesson_name)
        """;

    /// <summary>Loads the catalogue document <paramref name="json"/> from <paramref name="source"/> (a file name, or the request body).</summary>
    /// <exception cref="CatalogueException">Not JSON, or no lesson in it.</exception>
    public async Task<CatalogueLoad> LoadAsync(string json, string source, AuditActor actor, CancellationToken cancellationToken)
    {
        LessonCatalogue catalogue;
        try
        {
            catalogue = Parse(json);
        }
        catch (CatalogueException exception)
        {
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.CatalogueLoad, source, AuditOutcomes.Failed, exception.Message), cancellationToken);
            throw;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Loading the same document again keeps its time, so replicas have nothing to pick up.
        await using var store = new NpgsqlCommand(StoreSql, connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = json }, new NpgsqlParameter { Value = time.GetUtcNow() } },
        };
        var changedAt = await TimeAsync(store, cancellationToken);
        if (changedAt is not null)
        {
            // Delivered when the transaction commits: every replica's CatalogueSync takes the new catalogue up.
            await using var announce = new NpgsqlCommand($"SELECT pg_notify('{ChangeChannels.LessonCatalogue}', '')", connection, transaction);
            await announce.ExecuteNonQueryAsync(cancellationToken);
        }
        var loadedAt = changedAt ?? (await ReadAsync(connection, transaction, cancellationToken))!.Value.LoadedAt;
        var relabelled = await RelabelAsync(connection, transaction, catalogue, cancellationToken);
        // A replica loading its configured file finds it stored on every start but the first: only a change is recorded then.
        if (changedAt is not null || actor.Via != AuditActor.ServiceItself)
        {
            await audit.AppendAsync(connection, actor, new AuditEvent(AuditActions.CatalogueLoad, source, AuditOutcomes.Succeeded,
                $"{catalogue.Entries.Count} lessons, {(changedAt is null ? "unchanged" : "new catalogue")}; {relabelled} lessons relabelled"), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        current.Set(catalogue, loadedAt);
        logger.LogInformation("Lesson catalogue of {Count} lessons loaded ({Changed}); {Relabelled} lessons relabelled",
            catalogue.Entries.Count, changedAt is null ? "unchanged" : "new", relabelled);
        return new CatalogueLoad(catalogue.Entries.Count, changedAt is not null, relabelled, loadedAt);
    }

    private static LessonCatalogue Parse(string json)
    {
        LessonCatalogue catalogue;
        try
        {
            catalogue = LessonCatalogue.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new CatalogueException($"The catalogue is not JSON: {exception.Message}");
        }
        return catalogue.Entries.Count > 0
            ? catalogue
            : throw new CatalogueException("The catalogue has no lessons: expected {\"lessons\": {\"1\": {\"lesson_number\": 1, \"lesson_name\": ..., \"lesson_url\": ...}}}.");
    }

    public async Task<StoredCatalogue?> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, cancellationToken) is { } stored
            ? new StoredCatalogue(JsonDocument.Parse(stored.Document).RootElement.Clone(), stored.LoadedAt)
            : null;
    }

    /// <summary>Takes up the stored catalogue when it is not the one this replica uses; true when it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var version = new NpgsqlCommand(LoadedAtSql, connection))
        {
            if (await TimeAsync(version, cancellationToken) is not { } loadedAt || loadedAt == current.LoadedAt)
            {
                return false;
            }
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = (await ReadAsync(connection, transaction, cancellationToken))!.Value;
        var catalogue = LessonCatalogue.Parse(stored.Document);
        current.Set(catalogue, stored.LoadedAt);
        var relabelled = await RelabelAsync(connection, transaction, catalogue, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Lesson catalogue of {LoadedAt:O} taken up; {Relabelled} lessons relabelled", stored.LoadedAt, relabelled);
        return true;
    }

    /// <summary>The first column of the first row as a timestamptz (ExecuteScalar would give a DateTime); null when no row.</summary>
    private static async Task<DateTimeOffset?> TimeAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    private static async Task<(string Document, DateTimeOffset LoadedAt)?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    /// <summary>Relabels the lessons as <see cref="RelabelSql"/> says.</summary>
    private static async Task<int> RelabelAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LessonCatalogue catalogue, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, LessonCatalogueEntry>(StringComparer.Ordinal);
        foreach (var entry in catalogue.Entries)
        {
            labels.TryAdd(ExportKeys.LessonUrl(entry.Number), entry);
            if (catalogue.FindByUrl(entry.Url) is { } known)
            {
                labels.TryAdd(known.Url!, known);
            }
        }
        await using var command = new NpgsqlCommand(RelabelSql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = labels.Keys.ToArray() },
                new NpgsqlParameter { Value = labels.Values.Select(entry => entry.Number).ToArray() },
                new NpgsqlParameter { Value = labels.Values.Select(entry => entry.Name).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text },
                new NpgsqlParameter { Value = ExportKeys.Prefix },
            },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A catalogue document that cannot be used; the message says why.</summary>
public sealed class CatalogueException(string message) : Exception(message);
