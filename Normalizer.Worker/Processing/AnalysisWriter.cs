using System.Diagnostics;
using System.Text.Json.Nodes;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Normalization;
using Normalizer.Worker.Streaming;
using Npgsql;
using SevenTaps.Analysis.Summaries;

namespace Normalizer.Worker.Processing;

/// <summary>
/// What every writer of the analysis tables does the same way, within the caller's transaction: enter the live
/// generation, merge the dimensions, write statements' fact rows (whose inserts keep the summaries,
/// <see cref="LearnerLessonSummary"/> and <see cref="QuestionAnswerCounts"/>), recompute after voiding, and recompute
/// the learner totals last. Used by the stream consumer (<see cref="StatementBatchProcessor"/>, which keeps the batch
/// policy), the CSV import, the sentiment backfill and re-normalization.
/// </summary>
/// <remarks>
/// Exactly-once effect: every write is an idempotent upsert keyed by statement (responses, activities) or a
/// commutative merge (users, lessons, questions), and the learner-lesson-day sums add only the fact rows an
/// insert actually inserted (a sum is commutative too), so re-delivery and arrival order change nothing.
/// Voiding in any order: ingest marks a target voided in the same transaction that stores the voiding statement,
/// before the latter reaches the stream. A statement and the voiding of it take the same transaction-scoped
/// advisory lock (the target's id) before <c>is_voided</c> is read again, so either the target's rows are
/// committed before the voiding statement deletes them, or the target is seen voided and yields no rows.
/// </remarks>
internal sealed class AnalysisWriter(CurrentLessonCatalogue catalogue, ILogger<AnalysisWriter> logger)
{
    public const string NotFound = "statement not found in xapi.statements";

    /// <summary>
    /// What deleting a voided statement's fact rows returns: the keys they were summed into (a response's are its
    /// activity's, but the summaries are recomputed from whatever the rows say).
    /// </summary>
    internal const string VoidedKeys = "user_id, lesson_url, question_id, \"timestamp\"";

    /// <summary>
    /// Every writer of the live tables enters it first in its transaction, before any table is named: while a
    /// re-normalization swaps schemas, the writer waits and then writes the new generation.
    /// </summary>
    internal static async Task EnterLiveGenerationAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var generation = new NpgsqlCommand(EnterLiveGenerationSql, connection);
        generation.Parameters.Add(LiveGenerationKey());
        await generation.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string EnterLiveGenerationSql = "SELECT pg_advisory_xact_lock_shared($1)";

    private static NpgsqlParameter LiveGenerationKey() => new() { Value = SevenTaps.Contracts.AdvisoryLocks.AnalysisGeneration };

    /// <summary>
    /// Writes the entries' rows into <paramref name="tables"/> within the connection's current transaction: the
    /// live consumer's batches (which enter the live generation here), and re-normalization filling a shadow schema
    /// from the stored statements.
    /// </summary>
    /// <remarks>
    /// Round trips are few, so the rows every transaction shares are held briefly. A batch without voiding statements
    /// takes three: the locks and the statements; the merge into users, lessons and questions (in key order), the facts
    /// with their summaries and the learners' totals; and the commit. Every statement of a course merges into the same
    /// lesson row, so concurrent transactions of a course queue on it from their second round trip to their commit.
    /// That queue is also what keeps them out of deadlocks: the summary rows two transactions share (a card's answer
    /// counts, a learner's day) are locked statement by statement, not in one global order. Merging the dimensions
    /// last instead cut the queueing in a trickle but let three workers deadlock on those rows (each deadlock waits
    /// out PostgreSQL's one-second detection): 240 statements/s against one worker's 3,300.
    /// </remarks>
    internal async Task<IReadOnlyDictionary<string, string>> WriteStatementsAsync(
        NpgsqlConnection connection, AnalysisTables tables, IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(connection, entries.Select(entry => entry.StatementId!.Value).Distinct().ToArray(), lockFirst: tables.IsLive, cancellationToken);
        var failures = entries.Where(entry => !stored.ContainsKey(entry.StatementId!.Value))
            .ToDictionary(entry => entry.Id, _ => NotFound);
        var normalized = stored.ToDictionary(pair => pair.Key, pair => StatementNormalizer.Normalize(pair.Value.Statement, catalogue.Value));

        var kept = new Dictionary<Guid, NormalizedStatement>();
        foreach (var (id, statement) in normalized)
        {
            if (statement.Skipped is { } reason)
            {
                logger.LogWarning("Statement {StatementId} yields no rows: {Reason}", id, reason);
            }
            else if (!statement.IsVoiding && !stored[id].IsVoided)
            {
                kept[id] = statement;
            }
        }

        var learners = kept.Values.Select(statement => statement.Activity?.UserId ?? statement.Response?.UserId).OfType<string>().ToList();
        var voiding = normalized.Values.Any(statement => statement.VoidsStatementId is not null);
        // Without voiding, the learners' totals ride in the batch's last round trip of facts.
        var closing = voiding ? [] : LearnerTotals(tables.Schema, learners);
        var affected = await WriteFactsPerTraceAsync(connection, tables, entries, normalized, kept, MergeDimensions(tables, kept.Values), closing, cancellationToken);
        if (voiding)
        {
            if (!affected.IsEmpty)
            {
                await RecomputeAsync(connection, tables, affected, cancellationToken);
            }
            await RecomputeTotalsAsync(connection, tables.Schema, learners.Concat(affected.Users), cancellationToken);
        }
        return failures;
    }

    /// <summary>
    /// The learners' totals, from their learner-lessons as this transaction leaves them: after every fact write and
    /// voiding of the batch, so the totals' row locks are the last this transaction takes (<see cref="LearnerTotalsRecompute"/>).
    /// </summary>
    internal static async Task RecomputeTotalsAsync(NpgsqlConnection connection, string schema, IEnumerable<string> userIds, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, LearnerTotals(schema, userIds), cancellationToken);

    private static List<NpgsqlBatchCommand> LearnerTotals(string schema, IEnumerable<string> userIds)
    {
        var users = userIds.ToList();
        return users.Count == 0 ? [] : LearnerTotalsRecompute.Recompute(schema, users).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Loads the statements in one round trip. With <paramref name="lockFirst"/> (the live tables) it first enters the live generation and takes the
    /// statements' advisory locks (each statement's and each voiding statement's target's id, in one key order for
    /// every worker, so none waits in a cycle), and reads <c>is_voided</c> after them: so either a statement's rows
    /// are committed before the voiding statement of it deletes them, or the statement is read voided and yields none.
    /// </summary>
    private static async Task<Dictionary<Guid, (JsonObject Statement, bool IsVoided)>> LoadAsync(
        NpgsqlConnection connection, Guid[] ids, bool lockFirst, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (lockFirst)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(EnterLiveGenerationSql) { Parameters = { LiveGenerationKey() } });
            // The key is the first 64 bits of the id (or of the voided target's id). Volatile functions in the select
            // list run after ORDER BY, so the locks are taken in key order.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                SELECT pg_advisory_xact_lock(k) FROM (
                    SELECT DISTINCT ('x' || replace(left(coalesce(voids_statement_id, id)::text, 18), '-', ''))::bit(64)::bigint AS k
                    FROM xapi.statements WHERE id = ANY($1)) AS keys
                ORDER BY k
                """)
            {
                Parameters = { new NpgsqlParameter { Value = ids } },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, statement, is_voided FROM xapi.statements WHERE id = ANY($1)")
        {
            Parameters = { new NpgsqlParameter { Value = ids } },
        });

        var statements = new Dictionary<Guid, (JsonObject, bool)>(ids.Length);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var skip = batch.BatchCommands.Count - 1; skip > 0; skip--)
        {
            await reader.NextResultAsync(cancellationToken);
        }
        while (await reader.ReadAsync(cancellationToken))
        {
            var json = JsonNode.Parse(reader.GetString(1)) as JsonObject
                ?? throw new InvalidDataException($"xapi.statements row {reader.GetGuid(0)} does not hold a JSON object");
            statements[reader.GetGuid(0)] = (json, reader.GetBoolean(2));
        }
        return statements;
    }

    /// <summary>Merges the statements' users, lessons and questions into the tables: the CSV import's dimensions.</summary>
    internal static Task UpsertDimensionsAsync(
        NpgsqlConnection connection, AnalysisTables tables, IReadOnlyList<NormalizedStatement> statements, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, MergeDimensions(tables, statements), cancellationToken);

    /// <summary>
    /// The users, lessons and questions the statements assert, merged in memory (one row per key) and then into the
    /// tables in key order; referenced before referencing (questions point at lessons).
    /// </summary>
    private static List<NpgsqlBatchCommand> MergeDimensions(AnalysisTables tables, IEnumerable<NormalizedStatement> statements)
    {
        var all = statements.ToList();
        var users = DimensionRow<UserRow>.MergeAll(all.Select(AnalysisTables.UserOf).OfType<DimensionRow<UserRow>>());
        var lessons = DimensionRow<LessonRow>.MergeAll(all.Select(AnalysisTables.LessonOf).OfType<DimensionRow<LessonRow>>());
        var questions = DimensionRow<QuestionRow>.MergeAll(all.Select(AnalysisTables.QuestionOf).OfType<DimensionRow<QuestionRow>>());
        List<NpgsqlBatchCommand> merges = [];
        if (users.Count > 0)
        {
            merges.Add(tables.Users.Upsert(users));
        }
        if (lessons.Count > 0)
        {
            merges.Add(tables.Lessons.Upsert(lessons));
        }
        if (questions.Count > 0)
        {
            merges.Add(tables.Questions.Upsert(questions));
        }
        return merges;
    }

    /// <summary>
    /// Each statement's own rows (response, activity; or, for a voiding statement, the deletion of its target's)
    /// under a Consumer span that continues the trace of the request that stored it: one span and one round trip
    /// per trace, so Npgsql's spans of those writes are its children. <paramref name="prelude"/> rides in the first
    /// round trip and <paramref name="closing"/> in the last (in a round trip of their own when there are no facts).
    /// </summary>
    private static async Task<AffectedKeys> WriteFactsPerTraceAsync(
        NpgsqlConnection connection,
        AnalysisTables tables,
        IReadOnlyList<StreamEntry> entries,
        IReadOnlyDictionary<Guid, NormalizedStatement> normalized,
        IReadOnlyDictionary<Guid, NormalizedStatement> kept,
        IReadOnlyList<NpgsqlBatchCommand> prelude,
        IReadOnlyList<NpgsqlBatchCommand> closing,
        CancellationToken cancellationToken)
    {
        var affected = new AffectedKeys();
        var handled = new HashSet<Guid>();
        // A statement delivered twice in one batch is written once.
        var traces = entries.GroupBy(entry => entry.TraceParent)
            .Select(trace => (trace.Key, Ids: trace.Select(entry => entry.StatementId!.Value).Where(id => normalized.ContainsKey(id) && handled.Add(id)).ToList()))
            .Where(trace => trace.Ids.Count > 0)
            .ToList();
        if (traces.Count == 0)
        {
            await ExecuteAsync(connection, [.. prelude, .. closing], cancellationToken);
            return affected;
        }
        for (var index = 0; index < traces.Count; index++)
        {
            var (traceParent, ids) = traces[index];
            ActivityContext.TryParse(traceParent, null, out var parent);
            using var span = NormalizerTelemetry.ActivitySource.StartActivity($"process {SevenTaps.Contracts.StatementStream.Key}", ActivityKind.Consumer, parent);
            span?.SetTag("messaging.system", "redis");
            span?.SetTag("messaging.operation.type", "process");
            span?.SetTag("messaging.destination.name", SevenTaps.Contracts.StatementStream.Key);
            span?.SetTag("messaging.batch.message_count", ids.Count);
            span?.SetTag(NormalizerTelemetry.StatementIdsTag, ids.Select(id => id.ToString()).ToArray());

            var responses = ids.Select(id => kept.GetValueOrDefault(id)?.Response).OfType<ResponseRow>().ToList();
            var activities = ids.Select(id => kept.GetValueOrDefault(id)?.Activity).OfType<ActivityRow>().ToList();
            var targets = ids.Select(id => normalized[id].VoidsStatementId).OfType<Guid>().Distinct().ToList();

            await using var batch = new NpgsqlBatch(connection);
            if (index == 0)
            {
                AddAll(batch, prelude);
            }
            if (responses.Count > 0)
            {
                batch.BatchCommands.Add(tables.Responses.Insert(responses));
            }
            if (activities.Count > 0)
            {
                batch.BatchCommands.Add(tables.Activities.Insert(activities));
            }
            if (targets.Count > 0)
            {
                span?.SetTag("seventaps.voided_statement_ids", targets.Select(id => id.ToString()).ToArray());
                batch.BatchCommands.Add(tables.Responses.Delete(targets, VoidedKeys));
                batch.BatchCommands.Add(tables.Activities.Delete(targets, VoidedKeys));
            }
            if (index == traces.Count - 1)
            {
                AddAll(batch, closing);
            }
            if (batch.BatchCommands.Count == 0)
            {
                continue;
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    affected.Add(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetFieldValue<DateTime>(3));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return affected;
    }

    private static void AddAll(NpgsqlBatch batch, IEnumerable<NpgsqlBatchCommand> commands)
    {
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>The activity rows (statement, lesson) of the users $1, lessons $2 or questions $3 (text[] each).</summary>
    internal static string RemainingActivitiesSql(AnalysisTables tables) =>
        $"SELECT statement_id, lesson_url FROM {tables.Activities.QualifiedName} WHERE user_id = ANY($1) OR lesson_url = ANY($2) OR question_id = ANY($3)";

    /// <summary>
    /// After voiding, the users, lessons and questions the voided statements asserted are recomputed from the
    /// statements that still assert them (every such statement has an activity row), and deleted when none does;
    /// their learner-lesson summaries and answer counts from the remaining fact rows: the tables end up as if the voided statements had
    /// never arrived.
    /// </summary>
    private async Task RecomputeAsync(NpgsqlConnection connection, AnalysisTables tables, AffectedKeys affected, CancellationToken cancellationToken)
    {
        // Lock first, then read: a concurrent merge into these rows either committed before (and its statement is
        // read below) or waits and merges into the recomputed row.
        await using (var locks = new NpgsqlBatch(connection))
        {
            locks.BatchCommands.Add(tables.Users.Lock(affected.Users));
            locks.BatchCommands.Add(tables.Lessons.Lock(affected.Lessons));
            locks.BatchCommands.Add(tables.Questions.Lock(affected.Questions));
            await locks.ExecuteNonQueryAsync(cancellationToken);
        }

        var remainingIds = new List<Guid>();
        var remainingLessons = new Dictionary<Guid, string>();
        await using (var command = new NpgsqlCommand(RemainingActivitiesSql(tables), connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = affected.Users.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = affected.Lessons.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = affected.Questions.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                remainingIds.Add(reader.GetGuid(0));
                if (!reader.IsDBNull(1))
                {
                    remainingLessons[reader.GetGuid(0)] = reader.GetString(1);
                }
            }
        }

        var stored = await LoadAsync(connection, remainingIds.ToArray(), lockFirst: false, cancellationToken);
        // Rows no statement backs (a CSV import) still hold their lesson: it stays, whatever the statements say.
        var heldByImports = remainingLessons.Where(row => !stored.ContainsKey(row.Key)).Select(row => row.Value).ToHashSet(StringComparer.Ordinal);
        var remaining = stored.Values
            .Select(stored => StatementNormalizer.Normalize(stored.Statement, catalogue.Value))
            .ToList();
        var users = DimensionRow<UserRow>.MergeAll(remaining.Select(AnalysisTables.UserOf).OfType<DimensionRow<UserRow>>().Where(row => affected.Users.Contains(row.Key)));
        var lessons = DimensionRow<LessonRow>.MergeAll(remaining.Select(AnalysisTables.LessonOf).OfType<DimensionRow<LessonRow>>().Where(row => affected.Lessons.Contains(row.Key)));
        var questions = DimensionRow<QuestionRow>.MergeAll(remaining.Select(AnalysisTables.QuestionOf).OfType<DimensionRow<QuestionRow>>().Where(row => affected.Questions.Contains(row.Key)));

        // Referencing before referenced: a question may stop pointing at a lesson that is then deleted.
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(tables.Questions.Overwrite(questions));
        batch.BatchCommands.Add(tables.Questions.Delete(affected.Questions.Except(questions.Select(row => row.Key))));
        batch.BatchCommands.Add(tables.Lessons.Overwrite(lessons));
        batch.BatchCommands.Add(tables.Lessons.Delete(affected.Lessons.Except(lessons.Select(row => row.Key)).Except(heldByImports)));
        batch.BatchCommands.Add(tables.Users.Overwrite(users));
        batch.BatchCommands.Add(tables.Users.Delete(affected.Users.Except(users.Select(row => row.Key))));
        foreach (var command in LearnerLessonSummary.All.SelectMany(summary => summary.Recompute(tables.Schema, affected.LearnerLessonDays))
                     .Concat(QuestionAnswerCounts.Recompute(tables.Schema, affected.Questions))
                     .Concat(FreeTextSentimentCounts.Recompute(tables.Schema, affected.Questions)))
        {
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
