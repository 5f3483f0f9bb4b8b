using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Ingest.Api.Streaming;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>
/// Writes statements to <c>xapi.statements</c>. Several requests share one transaction (see
/// <see cref="StatementWriter"/>), each with its own outcome: a conflict in one request does not fail another.
/// Rows go in with binary COPY, or for a few plain statements as one INSERT in a single round trip; the outbox row
/// that hands them to Redis goes in the same transaction.
/// </summary>
/// <remarks>
/// Voiding must hold whichever of target and voiding statement commits first, also when both are written at
/// once by different transactions. Every write transaction therefore takes one advisory lock: shared
/// normally, exclusive when it contains voiding statements. A voiding transaction thus sees every target
/// committed before it, and a later transaction sees every voider that committed before it.
/// </remarks>
public sealed class StatementStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<StatementStore> logger)
{
    private const string UniqueViolation = "23505";
    private const string PrimaryKey = "PK_statements";
    // After a write found an id already stored, writes look ids up first for this long (a client retrying).
    private static readonly TimeSpan LookUpAfterDuplicate = TimeSpan.FromSeconds(30);
    // Shared with the normalizer's re-normalization, which takes it exclusively as a barrier.
    private const long VoidingLockKey = AdvisoryLocks.StatementWrites;
    private const int MaxAttempts = 3;

    public static readonly ActivitySource ActivitySource = new("SevenTaps.Ingest.Store");

    private long _lookUpIdsUntilTicks;

    /// <summary>What a write did: one outcome per request, and the hand-off of the newly committed statements (null when none).</summary>
    public sealed record StoredBatch(WriteOutcome[] Outcomes, OutboxHandOff? HandOff);

    /// <summary>
    /// Writes the requests in one transaction, which also deletes the outbox rows <paramref name="sentOutboxRows"/>
    /// (of statements the stream has already: <see cref="StatementPublisher.TakeSent"/>).
    /// </summary>
    public async Task<StoredBatch> WriteAsync(
        IReadOnlyList<WriteRequest> requests, long[] sentOutboxRows, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("xapi.statements write");
        activity?.SetTag("seventaps.requests", requests.Count);
        activity?.SetTag("seventaps.statements", requests.Sum(request => request.Statements.Count));

        for (var attempt = 1; ; attempt++)
        {
            var lookUpIds = attempt > 1 || time.GetUtcNow().UtcTicks < Interlocked.Read(ref _lookUpIdsUntilTicks);
            try
            {
                return await TryWriteAsync(requests, sentOutboxRows, lookUpIds, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == UniqueViolation && exception.ConstraintName == PrimaryKey && attempt < MaxAttempts)
            {
                // An id was stored already: a client's retry (written without looking ids up), or another ingest
                // replica's insert between our look-up and our COPY. Write again, looking every id up.
                Interlocked.Exchange(ref _lookUpIdsUntilTicks, (time.GetUtcNow() + LookUpAfterDuplicate).UtcTicks);
                logger.LogDebug("A statement id of the batch is stored already; writing it again after looking ids up (attempt {Attempt})", attempt);
            }
        }
    }

    /// <param name="lookUpIds">
    /// Whether to look the statements' ids up before writing. Not looking them up is right for fresh statements, which
    /// nearly all are, and saves a probe of the primary key per statement (a quarter of PostgreSQL's time per
    /// statement at batches of 1,000); a stored id then fails the COPY on the primary key, and the batch is written
    /// again with them looked up.
    /// </param>
    private async Task<StoredBatch> TryWriteAsync(
        IReadOnlyList<WriteRequest> requests, long[] sentOutboxRows, bool lookUpIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!lookUpIds && IsSmallAndPlain(requests))
        {
            return await WriteInOneRoundTripAsync(connection, requests, sentOutboxRows, cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (existing, voidedOnArrival) = await LockAndLoadExistingAsync(connection, requests, lookUpIds, cancellationToken);
        var (outcomes, committed) = DecideAll(requests, existing);

        OutboxHandOff? handOff = null;
        await using var batch = new NpgsqlBatch(connection);
        AddSentOutboxRows(batch, sentOutboxRows);
        if (committed.Count > 0)
        {
            await CopyStatementsAsync(connection, committed, voidedOnArrival, cancellationToken);
            AddVoidTargets(batch, committed);
            AddAttachmentsAndDefinitions(batch, committed);
            handOff = await InsertOutboxAsync(batch, committed, cancellationToken);
        }
        else
        {
            await ClearSentOutboxRowsAsync(batch, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new StoredBatch(outcomes, handOff);
    }

    /// <summary>
    /// 7taps' usual request: a statement or a few, none voiding, ids not looked up. Then nothing needs reading before
    /// the write (no voiding target to check; whether a stored voiding statement targets a statement is a subquery of
    /// its insert), so lock, rows and outbox go in one batch, which PostgreSQL runs as one implicit transaction and
    /// commits at its end: one round trip instead of five (a COPY alone takes two), for the same guarantees. A stored id
    /// fails the insert on the primary key, rolls the whole batch back, and the write is tried again with ids looked up.
    /// </summary>
    private static async Task<StoredBatch> WriteInOneRoundTripAsync(
        NpgsqlConnection connection, IReadOnlyList<WriteRequest> requests, long[] sentOutboxRows, CancellationToken cancellationToken)
    {
        var (outcomes, committed) = DecideAll(requests, new Dictionary<Guid, ExistingStatement>());
        await using var batch = new NpgsqlBatch(connection);
        AddSentOutboxRows(batch, sentOutboxRows);
        if (committed.Count == 0)
        {
            await ClearSentOutboxRowsAsync(batch, cancellationToken);
            return new StoredBatch(outcomes, null);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock_shared($1)") { Parameters = { new NpgsqlParameter { Value = VoidingLockKey } } });
        batch.BatchCommands.Add(InsertStatements(committed));
        AddAttachmentsAndDefinitions(batch, committed);
        var handOff = await InsertOutboxAsync(batch, committed, cancellationToken);
        return new StoredBatch(outcomes, handOff);
    }

    /// <summary>At most this many statements are inserted as rows of one INSERT; larger writes use COPY.</summary>
    private const int MaxInsertedRows = 16;

    private static bool IsSmallAndPlain(IReadOnlyList<WriteRequest> requests)
    {
        var count = 0;
        foreach (var request in requests)
        {
            foreach (var statement in request.Statements)
            {
                if (statement.IsVoiding || ++count > MaxInsertedRows)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Each request decided in order: its outcome, and the statements the batch newly commits.</summary>
    private static (WriteOutcome[] Outcomes, List<(PreparedStatement, WriteRequest)> Committed) DecideAll(
        IReadOnlyList<WriteRequest> requests, IReadOnlyDictionary<Guid, ExistingStatement> existing)
    {
        var outcomes = new WriteOutcome[requests.Count];
        var accepted = new Dictionary<Guid, PreparedStatement>();
        var committed = new List<(PreparedStatement, WriteRequest)>();
        for (var index = 0; index < requests.Count; index++)
        {
            var request = requests[index];
            var decision = Decide(request, existing, accepted);
            outcomes[index] = decision.Outcome;
            if (decision.Outcome is WriteOutcome.Stored)
            {
                foreach (var statement in decision.New)
                {
                    accepted[statement.Id] = statement;
                    committed.Add((statement, request));
                }
            }
        }
        return (outcomes, committed);
    }

    /// <summary>Decides one request against what is stored and what earlier requests of this batch accepted.</summary>
    private static (WriteOutcome Outcome, List<PreparedStatement> New) Decide(
        WriteRequest request, IReadOnlyDictionary<Guid, ExistingStatement> existing, IReadOnlyDictionary<Guid, PreparedStatement> accepted)
    {
        var fresh = new List<PreparedStatement>();
        for (var index = 0; index < request.Statements.Count; index++)
        {
            var statement = request.Statements[index];
            JsonNode? previous = existing.TryGetValue(statement.Id, out var stored) ? JsonNode.Parse(stored.Json)
                : accepted.TryGetValue(statement.Id, out var earlier) ? earlier.Submitted()
                : null;
            if (previous is not null)
            {
                if (!StatementComparer.AreEquivalent(previous, statement.Submitted()))
                {
                    return (new WriteOutcome.Conflict(statement.Id), []);
                }
                continue;
            }

            if (statement.VoidsStatementId is { } target
                && ((existing.TryGetValue(target, out var storedTarget) && storedTarget.IsVoiding)
                    || (accepted.TryGetValue(target, out var batchTarget) && batchTarget.IsVoiding)
                    || request.Statements.Any(other => other.Id == target && other.IsVoiding)))
            {
                var path = request.Statements.Count > 1 ? $"statements[{index}].object.id" : "object.id";
                return (new WriteOutcome.Rejected(path, $"statement {target} is itself a voiding statement and cannot be voided"), []);
            }
            fresh.Add(statement);
        }
        return (new WriteOutcome.Stored(request.Statements.Select(statement => statement.Id).ToList()), fresh);
    }

    private sealed record ExistingStatement(string Json, bool IsVoiding);

    /// <summary>
    /// Takes the voiding lock, then loads the stored statements among the voiding targets (and among the statements'
    /// own ids with <paramref name="lookUpIds"/>), and the ids that an already stored voiding statement targets
    /// (they are stored voided).
    /// </summary>
    /// <remarks>
    /// The voider lookup is one probe of the partial index on voids_statement_id per id (a subquery per id, which
    /// the planner cannot turn into a join), whatever the table's statistics say. Written as
    /// <c>voids_statement_id = ANY($1)</c>, or as a join, a table not yet analyzed (a new LRS taking its first
    /// hundreds of thousands of statements) was planned as a sequential scan per write transaction: 95 ms per
    /// batch of 1,000 in the ingest bench, and 3-20x the PostgreSQL CPU per statement.
    /// </remarks>
    private static async Task<(Dictionary<Guid, ExistingStatement> Existing, HashSet<Guid> VoidedOnArrival)> LockAndLoadExistingAsync(
        NpgsqlConnection connection, IReadOnlyList<WriteRequest> requests, bool lookUpIds, CancellationToken cancellationToken)
    {
        var statements = requests.SelectMany(request => request.Statements).ToList();
        var targets = statements.Select(statement => statement.VoidsStatementId).OfType<Guid>().Distinct().ToArray();
        var ids = statements.Select(statement => statement.Id).Concat(targets).Distinct().ToArray();
        var exclusive = statements.Any(statement => statement.IsVoiding);

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(exclusive ? "SELECT pg_advisory_xact_lock($1)" : "SELECT pg_advisory_xact_lock_shared($1)")
        {
            Parameters = { new NpgsqlParameter { Value = VoidingLockKey } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT id, statement::text, voids_statement_id IS NOT NULL, false FROM xapi.statements WHERE id = ANY($2)
            UNION ALL
            SELECT target.id, NULL, false, true
            FROM unnest($1) AS target(id)
            WHERE (SELECT true FROM xapi.statements s WHERE s.voids_statement_id = target.id LIMIT 1)
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new NpgsqlParameter { Value = lookUpIds ? ids : targets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        });

        var existing = new Dictionary<Guid, ExistingStatement>();
        var voidedOnArrival = new HashSet<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(3))
            {
                voidedOnArrival.Add(reader.GetGuid(0));
            }
            else
            {
                existing[reader.GetGuid(0)] = new ExistingStatement(reader.GetString(1), reader.GetBoolean(2));
            }
        }
        return (existing, voidedOnArrival);
    }

    private static async Task CopyStatementsAsync(
        NpgsqlConnection connection, IReadOnlyList<(PreparedStatement Statement, WriteRequest Request)> rows, IReadOnlySet<Guid> voidedOnArrival,
        CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY xapi.statements (id, statement, stored, timestamp, verb_id, activity_id, registration, agents, " +
            "related_agents, related_activities, object_statement_id, voids_statement_id, is_voided, credential_id, trace_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (statement, request) in rows)
        {
            var keys = statement.Keys;
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(statement.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(statement.Utf8Json, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(statement.Stored, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(statement.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(keys.VerbId ?? "", NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, keys.ObjectActivityId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync<Guid?>(copy, keys.Registration is { } registration ? Guid.Parse(registration) : null, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(DirectAgents(keys), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(keys.RelatedAgentIfis.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(keys.RelatedActivityIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync<Guid?>(copy, keys.ObjectStatementRefId is { } target ? Guid.Parse(target) : null, NpgsqlDbType.Uuid, cancellationToken);
            await WriteNullableAsync(copy, statement.VoidsStatementId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(!statement.IsVoiding && voidedOnArrival.Contains(statement.Id), NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(request.CredentialId, NpgsqlDbType.Uuid, cancellationToken);
            await WriteNullableAsync(copy, TraceIdOf(request.TraceParent), NpgsqlDbType.Text, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// The statements as rows of one INSERT, with the same values <see cref="CopyStatementsAsync"/> writes; none is a
    /// voiding statement (<see cref="IsSmallAndPlain"/>), and each is stored voided when a stored voiding statement targets it.
    /// </summary>
    private static NpgsqlBatchCommand InsertStatements(IReadOnlyList<(PreparedStatement Statement, WriteRequest Request)> rows)
    {
        var command = new NpgsqlBatchCommand();
        var sql = new StringBuilder(
            "INSERT INTO xapi.statements (id, statement, stored, timestamp, verb_id, activity_id, registration, agents, " +
            "related_agents, related_activities, object_statement_id, voids_statement_id, credential_id, trace_id, is_voided) VALUES ");
        foreach (var (statement, request) in rows)
        {
            var keys = statement.Keys;
            var first = command.Parameters.Count + 1;
            Add(command, statement.Id, NpgsqlDbType.Uuid);
            Add(command, statement.Utf8Json, NpgsqlDbType.Jsonb);
            Add(command, statement.Stored, NpgsqlDbType.TimestampTz);
            Add(command, statement.Timestamp, NpgsqlDbType.TimestampTz);
            Add(command, keys.VerbId ?? "", NpgsqlDbType.Text);
            Add(command, keys.ObjectActivityId, NpgsqlDbType.Text);
            Add(command, keys.Registration is { } registration ? Guid.Parse(registration) : null, NpgsqlDbType.Uuid);
            Add(command, DirectAgents(keys), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(command, keys.RelatedAgentIfis.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(command, keys.RelatedActivityIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(command, keys.ObjectStatementRefId is { } target ? Guid.Parse(target) : null, NpgsqlDbType.Uuid);
            Add(command, statement.VoidsStatementId, NpgsqlDbType.Uuid);
            Add(command, request.CredentialId, NpgsqlDbType.Uuid);
            Add(command, TraceIdOf(request.TraceParent), NpgsqlDbType.Text);
            sql.Append(first == 1 ? "(" : ", (");
            sql.AppendJoin(", ", Enumerable.Range(first, command.Parameters.Count - first + 1).Select(number => $"${number}"));
            // One probe of the partial index on voids_statement_id per statement, as in LockAndLoadExistingAsync.
            sql.Append($", EXISTS (SELECT 1 FROM xapi.statements voider WHERE voider.voids_statement_id = ${first}))");
        }
        command.CommandText = sql.ToString();
        return command;
    }

    private static void Add(NpgsqlBatchCommand command, object? value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });

    /// <summary>
    /// Adds one outbox row for the whole transaction (the hand-off of every statement it commits) as the batch's last
    /// command, and runs the batch.
    /// </summary>
    private static async Task<OutboxHandOff> InsertOutboxAsync(
        NpgsqlBatch batch, IReadOnlyList<(PreparedStatement Statement, WriteRequest Request)> rows, CancellationToken cancellationToken)
    {
        var statements = rows.Select(row => new CommittedStatement(row.Statement.Id, row.Request.TraceParent)).ToList();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO xapi.outbox_batches (statement_ids, traceparents, created_at) VALUES ($1, $2, $3) RETURNING id")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = statements.Select(statement => statement.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new NpgsqlParameter { Value = statements.Select(statement => statement.TraceParent).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { Value = rows[0].Statement.Stored, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        });
        // The reader passes over the commands that return no rows; the lock's SELECT returns one, the outbox row's id last.
        long? outboxId = null;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetName(0) == "id")
                {
                    outboxId = reader.GetInt64(0);
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
        return new OutboxHandOff(outboxId ?? throw new InvalidOperationException("the outbox row's id was not returned"), statements);
    }

    /// <summary>A write that commits no statement still deletes the sent outbox rows it was given.</summary>
    private static async Task ClearSentOutboxRowsAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddSentOutboxRows(NpgsqlBatch batch, long[] ids)
    {
        if (ids.Length > 0)
        {
            batch.BatchCommands.Add(StatementPublisher.DeleteSent(ids));
        }
    }

    /// <summary>New voiding statements void their stored targets (targets arriving later are stored voided).</summary>
    private static void AddVoidTargets(NpgsqlBatch batch, IReadOnlyList<(PreparedStatement Statement, WriteRequest Request)> rows)
    {
        var targets = rows.Select(row => row.Statement.VoidsStatementId).OfType<Guid>().ToArray();
        if (targets.Length > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE xapi.statements SET is_voided = true WHERE id = ANY($1) AND voids_statement_id IS NULL AND NOT is_voided")
            {
                Parameters = { new NpgsqlParameter { Value = targets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
            });
        }
    }

    private static void AddAttachmentsAndDefinitions(NpgsqlBatch batch, IReadOnlyList<(PreparedStatement Statement, WriteRequest Request)> rows)
    {
        AddAttachments(batch, rows.Select(row => row.Request).Distinct().SelectMany(request => request.Attachments).ToList());
        AddDefinitions(batch, rows.Select(row => row.Statement).ToList());
    }

    /// <summary>Attachment content is stored once per hash, however many statements carry it.</summary>
    private static void AddAttachments(NpgsqlBatch batch, IReadOnlyList<AttachmentPart> parts)
    {
        if (parts.Count == 0)
        {
            return;
        }
        var distinct = parts.DistinctBy(part => part.Sha2).ToList();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO xapi.attachments (sha2, content_type, length, content)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bytea[])
            ON CONFLICT (sha2) DO NOTHING
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = distinct.Select(part => part.Sha2).ToArray() },
                new NpgsqlParameter { Value = distinct.Select(part => part.ContentType).ToArray() },
                new NpgsqlParameter { Value = distinct.Select(part => (long)part.Content.Length).ToArray() },
                new NpgsqlParameter { Value = distinct.Select(part => part.Content).ToArray() },
            },
        });
    }

    /// <summary>
    /// The definitions defining credentials gave (none for the others, so their batches skip this): one row per
    /// distinct definition of an Activity, moved to the latest time it was given. Rows are written in key order, so
    /// two transactions defining the same Activities lock them in the same order.
    /// </summary>
    private static void AddDefinitions(NpgsqlBatch batch, IReadOnlyList<PreparedStatement> statements)
    {
        var given = statements.SelectMany(statement => statement.Definitions.Select(definition => (definition, statement.Stored))).ToList();
        if (given.Count == 0)
        {
            return;
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO xapi.activity_definitions (activity_id, digest, definition, defined)
            SELECT DISTINCT ON (activity_id, digest) activity_id, digest, definition, defined
            FROM (SELECT a AS activity_id, md5(d::text) AS digest, d AS definition, t AS defined, n
                  FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[]) WITH ORDINALITY AS given(a, d, t, n)) rows
            ORDER BY activity_id, digest, n DESC
            ON CONFLICT (activity_id, digest) DO UPDATE SET defined = excluded.defined
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = given.Select(item => item.definition.ActivityId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { Value = given.Select(item => item.definition.Definition).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter { Value = given.Select(item => item.Stored).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            },
        });
    }

    /// <summary>The <c>agent</c> filter matches the actor or an Agent/Group object.</summary>
    private static string[] DirectAgents(StatementIndexKeys keys) =>
        new[] { keys.ActorIfi, keys.ObjectAgentIfi }.OfType<string>().Distinct().ToArray();

    private static string? TraceIdOf(string? traceParent) =>
        traceParent is { Length: >= 55 } ? traceParent.Substring(3, 32) : null;

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
