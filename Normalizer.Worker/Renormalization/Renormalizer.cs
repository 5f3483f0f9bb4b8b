using System.Diagnostics;
using SevenTaps.Analysis;
using Normalizer.Worker.Processing;
using Normalizer.Worker.Streaming;
using Npgsql;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Renormalization;

/// <summary>
/// Rebuilds every derived row from <c>xapi.statements</c> into a shadow schema while the workers keep writing the
/// live one, then swaps the two in one transaction: readers see the old generation or the new, never a mix.
/// </summary>
/// <remarks>
/// Completeness: the shadow is filled up to a settled watermark (<see cref="StatementWatermark"/>), caught up in
/// rounds while the workers run, and caught up a last time inside the swap's transaction, which holds
/// <see cref="AdvisoryLocks.AnalysisGeneration"/> exclusively. Every worker batch holds it shared, so when the swap
/// gets it no batch is in flight, every statement a worker has written is below the watermark read then, and every
/// later batch waits and writes the new generation. Statements re-read from the stream after the swap are merged
/// idempotently, as re-deliveries are.
/// </remarks>
internal sealed class Renormalizer(
    RenormalizationConnections connections, AnalysisWriter writer, StatementWatermark watermark, AuditTrail audit, TimeProvider time, ILogger<Renormalizer> logger)
{
    private readonly NpgsqlDataSource dataSource = connections.DataSource;

    public const string ShadowSchemaName = "analysis_next";

    /// <summary>Statements per transaction while filling the shadow schema.</summary>
    private const int BatchSize = 2_000;

    /// <summary>Catch-up rounds go on while the workers run until at most this many statements are left for the swap.</summary>
    private const int SwapBacklog = 500;

    private const int MaxCatchUpRounds = 10;
    private const int MaxSwapAttempts = 5;
    private const string LockNotAvailable = "55P03";
    private const string DeadlockDetected = "40P01";

    /// <summary>How long the swap tries to get the table locks (never queueing for them) before it starts again.</summary>
    private static readonly TimeSpan SwapLockTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Rebuilds and swaps; either way it ends, one audit record says who asked and how it ended.</summary>
    public async Task<RenormalizationResult> RunAsync(Action<string> progress, AuditActor actor, CancellationToken cancellationToken)
    {
        try
        {
            var result = await RunExclusivelyAsync(progress, cancellationToken);
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.Renormalize, AnalysisSchema.Name, AuditOutcomes.Succeeded,
                $"{result.Statements} statements in {result.Elapsed.TotalSeconds:F1} s; {result.CarriedRows} rows carried over; {result.LeftOut.Count} left out"),
                CancellationToken.None);
            return result;
        }
        catch (Exception exception)
        {
            try
            {
                await audit.AppendAsync(actor, new AuditEvent(AuditActions.Renormalize, AnalysisSchema.Name, AuditOutcomes.Failed, exception.Message), CancellationToken.None);
            }
            catch (Exception auditFailure) when (auditFailure is NpgsqlException or TimeoutException)
            {
                // The database that failed the run may be the one the record goes to: the run's own error matters more.
                logger.LogWarning(auditFailure, "The failed re-normalization could not be audited");
            }
            throw;
        }
    }

    private async Task<RenormalizationResult> RunExclusivelyAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var guard = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(guard, "pg_try_advisory_lock", cancellationToken))
        {
            throw new InvalidOperationException("Another re-normalization is running.");
        }
        try
        {
            return await RebuildAndSwapAsync(progress, started, cancellationToken);
        }
        finally
        {
            // A session lock outlives the pooled connection's return to the pool: release it explicitly.
            await LockAsync(guard, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    private async Task<RenormalizationResult> RebuildAndSwapAsync(Action<string> progress, Stopwatch started, CancellationToken cancellationToken)
    {
        var schema = new ShadowSchema(AnalysisSchema.Name, ShadowSchemaName);
        var tables = new AnalysisTables(ShadowSchemaName);
        string structure;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            // The swap ends by calling it: better to stop before the rebuild than after.
            var missing = await ShadowSchema.ListAsync(connection, $"SELECT 'missing' WHERE to_regprocedure('{DatabaseRoles.ApplyAnalysisGrants}()') IS NULL", cancellationToken);
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The function {DatabaseRoles.ApplyAnalysisGrants} does not exist: AppHost creates it when it prepares the database. Nothing was changed.");
            }
            await DropOldGenerationsAsync(connection, schema, cancellationToken);
            structure = await schema.LiveStructureAsync(connection, cancellationToken);
            await schema.CreateAsync(connection, cancellationToken);
        }

        var leftOut = new List<string>();
        var through = await watermark.SettledAsync(cancellationToken);
        var statements = await FillAsync(tables, 0, through, leftOut, progress, cancellationToken);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await schema.CompleteAsync(connection, cancellationToken);
        }
        progress($"Filled {ShadowSchemaName} from {statements:N0} statements in {started.Elapsed.TotalSeconds:N1} s; catching up.");

        for (var round = 0; round < MaxCatchUpRounds; round++)
        {
            var next = await watermark.SettledAsync(cancellationToken);
            if (next - through <= SwapBacklog)
            {
                break;
            }
            statements += await FillAsync(tables, through, next, leftOut, progress, cancellationToken);
            through = next;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var swap = await SwapAsync(schema, tables, structure, through, leftOut, cancellationToken);
                progress($"Swapped in the new generation; workers paused {swap.WritersPaused.TotalMilliseconds:N0} ms " +
                    $"(catching up {swap.CaughtUp:N0} statements {swap.CaughtUpIn.TotalMilliseconds:N0} ms, carrying over rows {swap.CarriedIn.TotalMilliseconds:N0} ms); dropping {swap.OldSchema}.");
                await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
                {
                    await DropOldGenerationsAsync(connection, schema, cancellationToken);
                }
                return new RenormalizationResult(statements + swap.CaughtUp, swap.CaughtUp, swap.Carried, leftOut.Distinct().ToList(), swap.WritersPaused, started.Elapsed);
            }
            catch (PostgresException exception) when (exception.SqlState is LockNotAvailable or DeadlockDetected)
            {
                if (attempt == MaxSwapAttempts)
                {
                    throw new InvalidOperationException(
                        $"Long-running queries held the analysis tables at {MaxSwapAttempts} attempts to swap; nothing was swapped. Run it again.", exception);
                }
                logger.LogWarning("Long-running queries held the analysis tables; trying the swap again (attempt {Attempt})", attempt + 1);
            }
        }
    }

    /// <summary>
    /// Old generations are dropped right after the swap (waiting for queries still reading them); one that an
    /// interrupted run left behind is dropped by the next run.
    /// </summary>
    private static async Task DropOldGenerationsAsync(NpgsqlConnection connection, ShadowSchema schema, CancellationToken cancellationToken)
    {
        var old = await ShadowSchema.ListAsync(connection, $"SELECT nspname FROM pg_namespace WHERE nspname LIKE '{schema.Live}\\_old\\_%'", cancellationToken);
        foreach (var name in old)
        {
            await ShadowSchema.ExecuteAsync(connection, $"DROP SCHEMA {name} CASCADE", cancellationToken);
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = AdvisoryLocks.Renormalization } },
        };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>One transaction per batch of statements, in storage order.</summary>
    private async Task<long> FillAsync(
        AnalysisTables tables, long after, long through, List<string> leftOut, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var written = 0L;
        var lastReport = time.GetUtcNow();
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var (count, last) = await WriteBatchAsync(transaction, tables, after, through, leftOut, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (count == 0)
            {
                return written;
            }
            written += count;
            after = last;
            if (time.GetUtcNow() - lastReport > TimeSpan.FromSeconds(5))
            {
                progress($"{written:N0} statements written (seq {after:N0} of {through:N0})");
                lastReport = time.GetUtcNow();
            }
        }
    }

    /// <summary>The next batch of statements after <paramref name="after"/>, through the same code the workers use.</summary>
    private async Task<(int Count, long Last)> WriteBatchAsync(
        NpgsqlTransaction transaction, AnalysisTables tables, long after, long through, List<string> leftOut, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var entries = new List<StreamEntry>(BatchSize);
        var last = after;
        await using (var command = new NpgsqlCommand("SELECT id, seq FROM xapi.statements WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            command.Parameters.Add(new NpgsqlParameter { Value = through });
            command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                entries.Add(new StreamEntry(id.ToString(), id, id.ToString(), TraceParent: null));
                last = reader.GetInt64(1);
            }
        }
        if (entries.Count > 0)
        {
            await WriteIsolatingFailuresAsync(transaction, tables, entries, leftOut, cancellationToken);
        }
        return (entries.Count, last);
    }

    /// <summary>
    /// As the workers do: a batch that fails is written statement by statement (savepoints), and a statement that
    /// fails on its own is left out, as the workers leave it to the dead-letter stream.
    /// </summary>
    private async Task WriteIsolatingFailuresAsync(
        NpgsqlTransaction transaction, AnalysisTables tables, IReadOnlyList<StreamEntry> entries, List<string> leftOut, CancellationToken cancellationToken)
    {
        try
        {
            await WriteInSavepointAsync(transaction, tables, entries, cancellationToken);
            return;
        }
        catch (Exception exception) when (!StatementBatchProcessor.IsTransient(exception) && exception is not OperationCanceledException)
        {
            logger.LogWarning("A batch of {Count} statements failed ({Reason}); writing them one by one", entries.Count, exception.Message);
        }
        foreach (var entry in entries)
        {
            try
            {
                await WriteInSavepointAsync(transaction, tables, [entry], cancellationToken);
            }
            catch (Exception exception) when (!StatementBatchProcessor.IsTransient(exception) && exception is not OperationCanceledException)
            {
                leftOut.Add($"{entry.StatementId}: {exception.Message}");
            }
        }
    }

    private async Task WriteInSavepointAsync(NpgsqlTransaction transaction, AnalysisTables tables, IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        const string savepoint = "statements";
        await transaction.SaveAsync(savepoint, cancellationToken);
        try
        {
            var failures = await writer.WriteStatementsAsync(transaction.Connection!, tables, entries, cancellationToken);
            if (failures.Count > 0)
            {
                throw new InvalidOperationException(failures.First().Value);
            }
            await transaction.ReleaseAsync(savepoint, cancellationToken);
        }
        catch
        {
            await transaction.RollbackAsync(savepoint, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Pauses the workers, catches up the last statements, carries over the rows no statement derives, and renames
    /// the schemas, all in one transaction. Readers are held only for the rename itself: the tables are locked for
    /// writing first (readers go on), and exclusively just before the rename.
    /// </summary>
    private async Task<SwapResult> SwapAsync(
        ShadowSchema schema, AnalysisTables tables, string structure, long after, List<string> leftOut, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var pause = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection))
        {
            pause.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLocks.AnalysisGeneration });
            await pause.ExecuteNonQueryAsync(cancellationToken);
        }
        var paused = Stopwatch.StartNew();

        var through = await watermark.SettledAsync(cancellationToken);
        var caughtUp = 0L;
        while (true)
        {
            var (count, last) = await WriteBatchAsync(transaction, tables, after, through, leftOut, cancellationToken);
            if (count == 0)
            {
                break;
            }
            caughtUp += count;
            after = last;
        }

        var caughtUpIn = paused.Elapsed;

        var liveTables = await schema.TablesAsync(connection, cancellationToken);
        var lockList = string.Join(", ", liveTables.Select(table => $"{schema.Live}.\"{table}\""));
        // Other writers (imports) stop here; readers go on reading the old generation meanwhile.
        await LockTablesAsync(transaction, lockList, "EXCLUSIVE", cancellationToken);
        if (await schema.LiveStructureAsync(connection, cancellationToken) != structure)
        {
            throw new InvalidOperationException(
                $"Schema {schema.Live} changed while the rebuild ran (a migration was applied?); nothing was swapped. Run renormalize again.");
        }
        var carryOverStarted = paused.Elapsed;
        var carried = await CarriedRows.CopyAsync(connection, schema, tables, liveTables, cancellationToken);
        var carriedIn = paused.Elapsed - carryOverStarted;

        // A reader's query resolves its table names one by one: with all old tables locked exclusively, a query
        // either got all of them before (and the rename waits for it) or waits and then resolves all of them anew.
        await LockTablesAsync(transaction, lockList, "ACCESS EXCLUSIVE", cancellationToken);
        var old = $"{schema.Live}_old_{time.GetUtcNow():yyyyMMddHHmmss}";
        await ShadowSchema.ExecuteAsync(connection, $"ALTER SCHEMA {schema.Live} RENAME TO {old}; ALTER SCHEMA {schema.Name} RENAME TO {schema.Live}", cancellationToken);
        // The defined grants on the renamed schema, the owner's default privileges among them (which this role could
        // not copy): the new generation is readable, and so is any table a migration adds later, once this commits.
        await ShadowSchema.ExecuteAsync(connection, $"SELECT {DatabaseRoles.ApplyAnalysisGrants}()", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SwapResult(old, caughtUp, carried, paused.Elapsed, caughtUpIn, carriedIn);
    }

    /// <summary>
    /// Takes the locks on all tables at once or not at all (NOWAIT), trying again every few milliseconds until
    /// <see cref="SwapLockTimeout"/>. Waiting in the lock queue instead would hold some tables while a reader that
    /// holds another waits for one of them (a deadlock), and would queue every new reader behind the swap.
    /// </summary>
    private async Task LockTablesAsync(NpgsqlTransaction transaction, string tables, string mode, CancellationToken cancellationToken)
    {
        const string savepoint = "lock_tables";
        var deadline = time.GetUtcNow() + SwapLockTimeout;
        while (true)
        {
            await transaction.SaveAsync(savepoint, cancellationToken);
            try
            {
                await ShadowSchema.ExecuteAsync(transaction.Connection!, $"LOCK TABLE {tables} IN {mode} MODE NOWAIT", cancellationToken);
                await transaction.ReleaseAsync(savepoint, cancellationToken);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == LockNotAvailable && time.GetUtcNow() < deadline)
            {
                await transaction.RollbackAsync(savepoint, cancellationToken);
                await Task.Delay(LockRetryDelay, time, cancellationToken);
            }
        }
    }

    private sealed record SwapResult(string OldSchema, long CaughtUp, long Carried, TimeSpan WritersPaused, TimeSpan CaughtUpIn, TimeSpan CarriedIn);
}

/// <param name="Statements">Statements written into the new generation.</param>
/// <param name="CaughtUpInSwap">Of those, the ones written while the workers were paused.</param>
/// <param name="CarriedRows">Rows copied because no statement derives them.</param>
/// <param name="LeftOut">Statements that failed to normalize, with the reason (the workers dead-letter such statements).</param>
/// <param name="WritersPaused">How long the workers waited for the swap.</param>
/// <param name="Elapsed">The whole run.</param>
internal sealed record RenormalizationResult(
    long Statements, long CaughtUpInSwap, long CarriedRows, IReadOnlyList<string> LeftOut, TimeSpan WritersPaused, TimeSpan Elapsed);
