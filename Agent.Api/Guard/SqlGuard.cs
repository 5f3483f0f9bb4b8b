using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agent.Api.Guard;

/// <summary>
/// Runs one read-only query for Seven, a model or the SQL workbench, checked by PostgreSQL itself rather than by
/// keywords:
/// <list type="number">
/// <item>the text goes, as one extended-protocol statement (a second one cannot ride along: the server refuses to
/// prepare two), into <c>DECLARE ... CURSOR FOR</c>, which PostgreSQL's grammar allows only for one SELECT or VALUES
/// without data-modifying WITH or INTO;</item>
/// <item>its plan (<c>EXPLAIN (VERBOSE, FORMAT JSON)</c>, which does not run it) must consist of reading steps over the
/// published analysis tables, call only non-volatile functions of PostgreSQL's own not on the deny list, and cost
/// at most <see cref="GuardOptions.MaxCost"/>;</item>
/// <item>then it runs, as the login role <see cref="QueryRole"/>, in a READ ONLY transaction with a statement timeout,
/// and at most <see cref="GuardOptions.MaxRows"/> + 1 rows are fetched from the cursor; the transaction is rolled back (disposed uncommitted).</item>
/// </list>
/// Parameters are positional (<c>$1</c>); the verified queries use them, so what ran is exactly the SQL and values.
/// </summary>
public sealed class SqlGuard(GuardedConnections connections, IOptions<GuardOptions> options)
{
    private const string Cursor = "seven_guarded";
    internal static readonly ActivitySource ActivitySource = new("SevenTaps.Agent.Guard");

    public Task<GuardOutcome> RunAsync(string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken) =>
        RunAsync(sql, parameters, backend: null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(string, IReadOnlyList{object?}, CancellationToken)"/>, on a backend named
    /// <paramref name="backend"/>'s name (its <c>application_name</c> for the transaction, so that whoever cancels it
    /// can check it still runs this query: a pooled backend runs other queries afterwards); its callback learns the
    /// backend's pid once it has that name, before the query runs.
    /// </summary>
    public Task<GuardOutcome> RunAsync(string sql, IReadOnlyList<object?> parameters, NamedBackend? backend, CancellationToken cancellationToken) =>
        WithCursorAsync(sql, parameters, backend, async (connection, transaction, cost, started) =>
        {
            var limits = options.Value;
            await using var fetch = Single(connection, transaction, $"FETCH FORWARD {limits.MaxRows + 1} FROM {Cursor}", []);
            await using var reader = await fetch.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            var truncated = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == limits.MaxRows)
                {
                    truncated = true;
                    break;
                }
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => ResultValues.Read(reader, i)).ToArray());
            }
            Activity.Current?.SetTag("seven.guard.rows", rows.Count);
            return new GuardOutcome(new GuardedResult(columns, rows, truncated, cost, Stopwatch.GetElapsedTime(started)), null);
        }, cancellationToken);

    /// <summary>
    /// Every row of the query, up to <paramref name="maxRows"/>, handed to <paramref name="write"/> in batches as
    /// they are fetched (for a streamed export): the same checks, role, read-only transaction and statement timeout
    /// (per batch) as <see cref="RunAsync(string, IReadOnlyList{object?}, CancellationToken)"/>, without its row cap.
    /// <paramref name="begin"/> gets the column names once the query passed the checks, before any row. Refusals
    /// and stops are returned; the result says whether <paramref name="maxRows"/> cut it.
    /// </summary>
    public Task<GuardOutcome> ExportAsync(
        string sql, IReadOnlyList<object?> parameters, int maxRows,
        Func<IReadOnlyList<string>, Task> begin, Func<IReadOnlyList<object?[]>, Task> write, CancellationToken cancellationToken) =>
        WithCursorAsync(sql, parameters, null, async (connection, transaction, cost, started) =>
        {
            const int batchSize = 1_000;
            var count = 0;
            var truncated = false;
            string[]? columns = null;
            while (!truncated)
            {
                await using var fetch = Single(connection, transaction, $"FETCH FORWARD {batchSize} FROM {Cursor}", []);
                await using var reader = await fetch.ExecuteReaderAsync(cancellationToken);
                if (columns is null)
                {
                    columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
                    await begin(columns);
                }
                var batch = new List<object?[]>(batchSize);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (count == maxRows)
                    {
                        truncated = true;
                        break;
                    }
                    batch.Add(Enumerable.Range(0, reader.FieldCount).Select(i => ResultValues.Read(reader, i)).ToArray());
                    count++;
                }
                await write(batch);
                if (batch.Count < batchSize && !truncated)
                {
                    break;
                }
            }
            return new GuardOutcome(new GuardedResult(columns ?? [], [], truncated, cost, Stopwatch.GetElapsedTime(started)), null);
        }, cancellationToken);

    /// <summary>Checks the query and declares it as the cursor <see cref="Cursor"/>; then <paramref name="read"/> fetches from it.</summary>
    private async Task<GuardOutcome> WithCursorAsync(
        string sql, IReadOnlyList<object?> parameters, NamedBackend? backend,
        Func<NpgsqlConnection, NpgsqlTransaction, double, long, Task<GuardOutcome>> read, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (string.IsNullOrWhiteSpace(sql))
        {
            return GuardOutcome.Refused(RefusalCodes.Input, "there is no SQL to run");
        }
        if (sql.Length > limits.MaxSqlLength)
        {
            return GuardOutcome.Refused(RefusalCodes.Input, $"the SQL is {sql.Length:N0} characters long; at most {limits.MaxSqlLength:N0} are accepted");
        }
        if (sql.Contains('\0'))
        {
            return GuardOutcome.Refused(RefusalCodes.Input, "the SQL contains a NUL character");
        }

        using var activity = ActivitySource.StartActivity("guarded query");
        var started = Stopwatch.GetTimestamp();
        var dataSource = await connections.DataSourceAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            await using (var settings = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"),
                    new NpgsqlBatchCommand($"SET LOCAL statement_timeout = {(long)limits.StatementTimeout.TotalMilliseconds}"),
                    new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {(long)limits.StatementTimeout.TotalMilliseconds}"),
                },
            })
            {
                if (backend is not null)
                {
                    settings.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('application_name', $1, true)") { Parameters = { new() { Value = backend.Name } } });
                }
                await settings.ExecuteNonQueryAsync(cancellationToken);
            }
            if (backend is not null)
            {
                await backend.Started(connection.ProcessID, cancellationToken);
            }

            var declare = $"DECLARE {Cursor} NO SCROLL CURSOR FOR\n{sql}\n";
            var plan = (string)(await Single(connection, transaction, "EXPLAIN (VERBOSE, FORMAT JSON) " + declare, parameters).ExecuteScalarAsync(cancellationToken))!;
            var findings = PlanInspector.Inspect(plan);
            activity?.SetTag("seven.guard.cost", findings.TotalCost);
            if (findings.Refusals.Count > 0)
            {
                return new GuardOutcome(null, findings.Refusals[0]);
            }
            if (await RefusedFunctionsAsync(connection, transaction, findings.Functions, cancellationToken) is { Count: > 0 } refused)
            {
                return GuardOutcome.Refused(RefusalCodes.Function,
                    $"it calls {string.Join(", ", refused)}: only PostgreSQL's own functions without side effects are allowed");
            }
            if (findings.TotalCost > limits.MaxCost)
            {
                return GuardOutcome.Refused(RefusalCodes.Cost,
                    $"the planner estimates a cost of {findings.TotalCost:N0}, above the limit of {limits.MaxCost:N0}; narrow it (a filter, an aggregate, a join condition)");
            }

            await Single(connection, transaction, declare, parameters).ExecuteNonQueryAsync(cancellationToken);
            return await read(connection, transaction, findings.TotalCost, started);
        }
        catch (PostgresException exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.SqlState);
            return new GuardOutcome(null, Classify(exception));
        }
    }

    /// <summary>
    /// One statement as the extended protocol sends it: a batch of one command is never split on semicolons. A value
    /// may be an <see cref="NpgsqlParameter"/> already (the query endpoint's untyped text); it is bound as given.
    /// </summary>
    private static NpgsqlBatch Single(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, IReadOnlyList<object?> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is NpgsqlParameter given ? given.Clone() : new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return new NpgsqlBatch(connection, transaction) { BatchCommands = { command } };
    }

    /// <summary>
    /// Names not allowed: on the deny list (files, network, settings, sessions, locks, large objects...), qualified
    /// with a schema other than pg_catalog, not PostgreSQL's own, or volatile in any overload (side effects,
    /// pg_sleep, random: a read-only answer must not depend on them).
    /// </summary>
    private static async Task<IReadOnlyList<string>> RefusedFunctionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlySet<string> names, CancellationToken cancellationToken)
    {
        var refused = names.Where(name => name.Contains('.') || FunctionPolicy.IsDenied(name)).ToList();
        var unqualified = names.Except(refused).ToArray();
        if (unqualified.Length == 0)
        {
            return refused;
        }
        await using var check = Single(connection, transaction, """
            SELECT n.name FROM unnest($1::text[]) AS n(name)
            WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.proname = n.name AND p.pronamespace = 'pg_catalog'::regnamespace)
               OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.proname = n.name AND (p.provolatile = 'v' OR p.pronamespace <> 'pg_catalog'::regnamespace))
            ORDER BY 1
            """, [unqualified]);
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            refused.Add(reader.GetString(0));
        }
        return refused;
    }

    private static GuardRefusal Classify(PostgresException exception)
    {
        var message = exception.MessageText;
        return exception.SqlState switch
        {
            PostgresErrorCodes.QueryCanceled => new(RefusalCodes.Timeout, "it ran longer than the statement timeout and was stopped"),
            PostgresErrorCodes.LockNotAvailable => new(RefusalCodes.Timeout, "it waited longer than the lock timeout and was stopped"),
            PostgresErrorCodes.InsufficientPrivilege => new(RefusalCodes.Permission, $"the query role may not do this (PostgreSQL: {message})"),
            PostgresErrorCodes.ReadOnlySqlTransaction => new(RefusalCodes.NotASelect, $"it would write (PostgreSQL: {message})"),
            PostgresErrorCodes.SyntaxError or PostgresErrorCodes.FeatureNotSupported or PostgresErrorCodes.WrongObjectType
                => new(RefusalCodes.NotASelect, $"PostgreSQL does not accept it as one SELECT: {message}"),
            _ => new(RefusalCodes.DatabaseError, $"PostgreSQL: {message}"),
        };
    }
}

/// <summary>A name for the backend that runs a query (<c>application_name</c>), and what to do with its pid once it has it.</summary>
public sealed record NamedBackend(string Name, Func<int, CancellationToken, Task> Started);
