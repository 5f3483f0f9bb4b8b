using System.Text;
using System.Text.Json;
using Agent.Api.Guard;
using Agent.Api.Infrastructure;
using Agent.Api.Workbench;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SevenTaps.ApiKeys;
using SevenTaps.Text;

namespace Agent.Api.Apis;

/// <summary>
/// The SQL workbench's state and runs: every run goes through <see cref="SqlGuard"/> (as <c>POST /query</c>), is kept in
/// the history with its result, and can be cancelled in PostgreSQL while it runs; saved queries keep every version.
/// The caller is the person the dashboard names in <see cref="AuditHeaders.OnBehalfOf"/>, else the API key.
/// </summary>
public static class WorkbenchApi
{
    private const int MaxNameLength = 200;
    private const int MaxDescriptionLength = 2_000;
    private const int MaxParameters = 20;

    public static RouteGroupBuilder MapWorkbenchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{PublicRoutes.Agent}/workbench").WithTags("Workbench").RequireAuthorization(ApiKeyScopes.Agent);

        api.MapPost("/runs", Run).WithName("RunWorkbenchQuery")
            .WithSummary("Runs one query through the SQL guard under the caller's run id, records it in the history with its result, and returns the outcome (ok, refused, timeout, cancelled, error)");
        api.MapPost("/runs/{id:guid}/cancel", Cancel).WithName("CancelWorkbenchRun")
            .WithSummary("Cancels the caller's run in PostgreSQL (pg_cancel_backend on its backend), whichever agent replica runs it; 404 when it is not running");
        api.MapGet("/runs", History).WithName("WorkbenchHistory")
            .WithSummary("The latest runs, newest first: who, when, SQL, duration, rows, outcome (mine=true: only the caller's)");
        api.MapGet("/runs/{id:guid}", StoredRun).WithName("WorkbenchRun")
            .WithSummary("One run with its stored result: what a share link shows, without running the query again");
        api.MapGet("/runs/{id:guid}/export", Export).WithName("ExportWorkbenchRun")
            .WithSummary("The run's query run again through the guard, every row (up to the export cap) as CSV, streamed");
        api.MapGet("/limits", Limits).WithName("WorkbenchLimits")
            .WithSummary("The limits a run and an export work under: the grid's row cap, the export's cap, the statement timeout");
        api.MapGet("/library", Library).WithName("WorkbenchLibrary")
            .WithSummary("The query library: the built-in queries (basic, advanced, keyword) and the analysts' shared ones, with descriptions and parameters");
        api.MapGet("/queries", SavedQueries).WithName("SavedQueries")
            .WithSummary("The caller's saved queries with their latest version");
        api.MapPost("/queries", SaveQuery).WithName("SaveQuery")
            .WithSummary("Saves a new query (version 1)");
        api.MapGet("/queries/{id:guid}", SavedQueryVersions).WithName("SavedQuery")
            .WithSummary("A saved query (the caller's or a shared one) with every version");
        api.MapPost("/queries/{id:guid}/versions", SaveVersion).WithName("SaveQueryVersion")
            .WithSummary("Saves the SQL as the next version of the caller's query (nothing when it is the latest version's SQL)");
        api.MapGet("/tiles/{tile}", TileSql).WithName("TileSql")
            .WithSummary("The SQL that gives a dashboard tile's figures for its view, the view's values written in as literals (from, to: UTC days; lesson; cohort: its Monday; interval; the explorer's view, filters, sort, pageSize)");
        api.MapGet("/exchanges/{id:guid}", ExchangeSql).WithName("ExchangeSql")
            .WithSummary("The SQL of one of the caller's chat answers with its parameters written in as literals: what Seven ran, as one statement to run in the workbench");

        return api;
    }

    public static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> Run(
        RunRequest request, HttpContext context, SqlGuard guard, RunningQueries running, AgentContext db, TimeProvider time)
    {
        if (request.Parameters is { Length: > MaxParameters })
        {
            return Invalid($"parameters: at most {MaxParameters}");
        }
        object?[] parameters;
        try
        {
            parameters = (request.Parameters ?? []).Select(QueryApi.JsonParameter).ToArray();
        }
        catch (BadHttpRequestException exception)
        {
            return Invalid(exception.Message);
        }
        var id = request.Id ?? Guid.CreateVersion7();
        if (await db.WorkbenchRuns.AnyAsync(run => run.Id == id, context.RequestAborted))
        {
            return Invalid("id: a run with this id exists already");
        }
        var who = Caller(context);
        var run = new WorkbenchRun
        {
            Id = id, RunBy = who, StartedAt = time.GetUtcNow(), Sql = request.Sql ?? "", Outcome = "running",
            Parameters = request.Parameters is { Length: > 0 } given ? JsonSerializer.Serialize(given) : null, SavedQueryId = request.SavedQueryId,
        };
        // In the table before it runs: a cancel may come to any replica, which finds the run and its backend there.
        db.WorkbenchRuns.Add(run);
        await db.SaveChangesAsync(context.RequestAborted);

        GuardOutcome outcome;
        bool cancelled;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var backend = new NamedBackend(RunningQueries.Tag(id), async (pid, token) =>
        {
            if (await running.StartedOnAsync(id, pid, token))
            {
                // Cancelled before its backend was known: it stops here, before the query runs.
                await stop.CancelAsync();
            }
        });
        try
        {
            outcome = await guard.RunAsync(run.Sql, parameters, backend, stop.Token);
            cancelled = outcome.Refusal?.Code == RefusalCodes.Timeout && await running.CancelRequestedAsync(id, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Asked for, or the caller went away: either way the query is stopped and the run is recorded.
            outcome = GuardOutcome.Refused(RefusalCodes.Timeout, "cancelled");
            cancelled = true;
        }

        run.DurationMs = Math.Round((time.GetUtcNow() - run.StartedAt).TotalMilliseconds, 1);
        if (outcome.Result is { } result)
        {
            run.Outcome = "ok";
            run.RowCount = result.Rows.Count;
            run.Truncated = result.Truncated;
            run.Result = JsonSerializer.Serialize(new StoredResult(result.Columns, result.Rows));
        }
        else
        {
            var refusal = outcome.Refusal!;
            (run.Outcome, run.Message) = refusal.Code switch
            {
                RefusalCodes.Timeout when cancelled => ("cancelled", "Cancelled: the query was stopped in PostgreSQL at your request."),
                RefusalCodes.Timeout => ("timeout", $"Stopped: {refusal.Reason}."),
                RefusalCodes.DatabaseError => ("error", $"Error: {refusal.Reason}"),
                _ => ("refused", $"Refused: {refusal.Reason}."),
            };
        }
        // Recorded even when the caller went away: the history has every run.
        await db.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Ok(RunResponse.From(run, outcome.Refusal?.Code, outcome.Result));
    }

    public static async Task<Results<Accepted, NotFound>> Cancel(Guid id, HttpContext context, RunningQueries running) =>
        await running.CancelAsync(id, Caller(context), context.RequestAborted) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound();

    public static async Task<Ok<List<RunSummary>>> History(bool? mine, HttpContext context, AgentContext db, IOptions<WorkbenchOptions> options)
    {
        var who = Caller(context);
        var runs = db.WorkbenchRuns.AsNoTracking();
        if (mine == true)
        {
            runs = runs.Where(run => run.RunBy == who);
        }
        return TypedResults.Ok(await runs.OrderByDescending(run => run.StartedAt).Take(options.Value.HistoryLimit)
            .Select(run => new RunSummary(run.Id, run.RunBy, run.StartedAt, run.Sql, run.Parameters, run.Outcome, run.Message, run.DurationMs, run.RowCount, run.Truncated))
            .ToListAsync(context.RequestAborted));
    }

    public static async Task<Results<Ok<RunResponse>, NotFound>> StoredRun(Guid id, AgentContext db, CancellationToken cancellationToken) =>
        await db.WorkbenchRuns.AsNoTracking().FirstOrDefaultAsync(run => run.Id == id, cancellationToken) is { } run
            ? TypedResults.Ok(RunResponse.From(run, null, null))
            : TypedResults.NotFound();

    public static async Task<Results<EmptyHttpResult, NotFound, ProblemHttpResult>> Export(
        Guid id, HttpContext context, SqlGuard guard, AgentContext db, IOptions<WorkbenchOptions> options, ILogger<WorkbenchRun> logger)
    {
        if (await db.WorkbenchRuns.AsNoTracking().FirstOrDefaultAsync(run => run.Id == id, context.RequestAborted) is not { } run)
        {
            return TypedResults.NotFound();
        }
        object?[] parameters = run.Parameters is { } json
            ? JsonSerializer.Deserialize<JsonElement[]>(json)!.Select(QueryApi.JsonParameter).ToArray()
            : [];
        var response = context.Response;
        var cap = options.Value.ExportMaxRows;
        var outcome = await guard.ExportAsync(run.Sql, parameters, cap,
            async columns =>
            {
                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"seventaps-workbench-{run.StartedAt:yyyy-MM-dd'T'HHmm}.csv\"";
                response.Headers["X-SevenTaps-Export-Cap"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var header = new StringBuilder();
                for (var index = 0; index < columns.Count; index++)
                {
                    header.Append(index > 0 ? "," : "");
                    CsvCell.AppendText(header, columns[index]);
                }
                await response.WriteAsync(header.Append("\r\n").ToString(), context.RequestAborted);
            },
            async rows =>
            {
                var csv = new StringBuilder();
                foreach (var row in rows)
                {
                    for (var index = 0; index < row.Length; index++)
                    {
                        csv.Append(index > 0 ? "," : "");
                        AppendValue(csv, row[index]);
                    }
                    csv.Append("\r\n");
                }
                await response.WriteAsync(csv.ToString(), context.RequestAborted);
            }, context.RequestAborted);
        if (outcome.Refusal is { } refusal)
        {
            if (response.HasStarted)
            {
                // The rows so far are sent; a cut connection tells the client the file is incomplete.
                logger.LogWarning("Workbench export of run {Run} stopped after it started: {Reason}", id, refusal.Reason);
                context.Abort();
                return TypedResults.Empty;
            }
            return TypedResults.Problem(title: "The export was refused", detail: refusal.Reason, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
        }
        logger.LogInformation("Workbench export of run {Run} for {User}{Cut}", id, Caller(context), outcome.Result!.Truncated ? $", cut at {cap:N0} rows" : "");
        return TypedResults.Empty;
    }

    public static Ok<WorkbenchLimits> Limits(IOptions<GuardOptions> guard, IOptions<WorkbenchOptions> workbench) =>
        TypedResults.Ok(new WorkbenchLimits(guard.Value.MaxRows, workbench.Value.ExportMaxRows, guard.Value.StatementTimeout.TotalSeconds));

    public static async Task<Ok<List<LibraryQuery>>> Library(AgentContext db, CancellationToken cancellationToken)
    {
        var shared = await db.SavedQueries.AsNoTracking().Where(query => query.Shared).OrderBy(query => query.Name)
            .Select(query => new { query.Id, query.Name, query.Description, query.Owner, Sql = query.Versions.OrderByDescending(v => v.Version).Select(v => v.Sql).First() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(QueryLibrary.All.Concat(shared.Select(query => new LibraryQuery(
            query.Id.ToString(), "shared", query.Name, $"{query.Description} (by {query.Owner})".TrimStart(), query.Sql, []))).ToList());
    }

    public static async Task<Ok<List<SavedQuerySummary>>> SavedQueries(HttpContext context, AgentContext db)
    {
        var who = Caller(context);
        return TypedResults.Ok(await db.SavedQueries.AsNoTracking().Where(query => query.Owner == who).OrderBy(query => query.Name)
            .Select(query => new SavedQuerySummary(query.Id, query.Name, query.Description, query.Shared, query.Owner,
                query.Versions.Max(v => v.Version), query.Versions.OrderByDescending(v => v.Version).Select(v => v.Sql).First()))
            .ToListAsync(context.RequestAborted));
    }

    public static async Task<Results<Created<SavedQueryDetail>, ProblemHttpResult>> SaveQuery(
        SaveQueryRequest request, HttpContext context, AgentContext db, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            return Invalid($"name: 1 to {MaxNameLength} characters");
        }
        if (request.Description is { Length: > MaxDescriptionLength })
        {
            return Invalid($"description: at most {MaxDescriptionLength:N0} characters");
        }
        if (SqlProblem(request.Sql) is { } problem)
        {
            return problem;
        }
        var who = Caller(context);
        var now = time.GetUtcNow();
        var query = new SavedQuery
        {
            Id = Guid.CreateVersion7(), Owner = who, Name = request.Name.Trim(), Description = request.Description?.Trim(), Shared = request.Shared, CreatedAt = now,
            Versions = [new SavedQueryVersion { Version = 1, Sql = request.Sql!, SavedAt = now, SavedBy = who }],
        };
        db.SavedQueries.Add(query);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"{PublicRoutes.Agent}/workbench/queries/{query.Id}", SavedQueryDetail.From(query));
    }

    public static async Task<Results<Ok<SavedQueryDetail>, NotFound>> SavedQueryVersions(Guid id, HttpContext context, AgentContext db)
    {
        var who = Caller(context);
        var query = await db.SavedQueries.AsNoTracking().Include(q => q.Versions)
            .FirstOrDefaultAsync(q => q.Id == id && (q.Owner == who || q.Shared), context.RequestAborted);
        return query is null ? TypedResults.NotFound() : TypedResults.Ok(SavedQueryDetail.From(query));
    }

    public static async Task<Results<Ok<SavedQueryDetail>, NotFound, ProblemHttpResult>> SaveVersion(
        Guid id, SaveVersionRequest request, HttpContext context, AgentContext db, TimeProvider time)
    {
        if (SqlProblem(request.Sql) is { } problem)
        {
            return problem;
        }
        var who = Caller(context);
        var query = await db.SavedQueries.Include(q => q.Versions).FirstOrDefaultAsync(q => q.Id == id && q.Owner == who, context.RequestAborted);
        if (query is null)
        {
            return TypedResults.NotFound();
        }
        var latest = query.Versions.MaxBy(v => v.Version)!;
        if (latest.Sql != request.Sql)
        {
            query.Versions.Add(new SavedQueryVersion { QueryId = id, Version = latest.Version + 1, Sql = request.Sql!, SavedAt = time.GetUtcNow(), SavedBy = who });
            await db.SaveChangesAsync(context.RequestAborted);
        }
        return TypedResults.Ok(SavedQueryDetail.From(query));
    }

    public static Results<Ok<TileSqlResponse>, NotFound> TileSql(string tile, [AsParameters] TileView view, TimeProvider time) =>
        TileQueries.Sql(tile, view, time.GetUtcNow()) is { } sql ? TypedResults.Ok(new TileSqlResponse(tile, sql, TileQueries.Note(tile))) : TypedResults.NotFound();

    /// <summary>Only the person who asked gets it, as only they reopen the conversation.</summary>
    public static async Task<Results<Ok<ExchangeSqlResponse>, NotFound>> ExchangeSql(Guid id, HttpContext context, AgentContext db)
    {
        var who = ChatApi.UserName(context);
        var exchange = await db.Exchanges.AsNoTracking()
            .Where(exchange => exchange.Id == id && exchange.UserName == who && exchange.Sql != null)
            .Select(exchange => new { exchange.Question, exchange.Sql, exchange.Parameters })
            .FirstOrDefaultAsync(context.RequestAborted);
        if (who is null || exchange is null)
        {
            return TypedResults.NotFound();
        }
        var parameters = exchange.Parameters is { } json ? JsonSerializer.Deserialize<JsonElement[]>(json)! : [];
        return TypedResults.Ok(new ExchangeSqlResponse(id, exchange.Question, SqlLiterals.Inline(exchange.Sql!, parameters)));
    }

    /// <summary>The person the dashboard acts for, else the key's own name.</summary>
    internal static string Caller(HttpContext context) =>
        context.Request.Headers[AuditHeaders.OnBehalfOf].ToString() is { Length: > 0 and <= 256 } user ? user : context.User.Identity?.Name ?? "(unknown)";

    private static ProblemHttpResult? SqlProblem(string? sql) =>
        string.IsNullOrWhiteSpace(sql) ? Invalid("sql: there is no SQL")
        : sql.Length > 20_000 ? Invalid("sql: at most 20,000 characters")
        : sql.Contains('\0') ? Invalid("sql: contains a NUL character")
        : null;

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static void AppendValue(StringBuilder csv, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case IFormattable formattable:
                csv.Append(formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case object?[] array:
                CsvCell.AppendText(csv, string.Join("; ", array));
                break;
            default:
                CsvCell.AppendText(csv, value.ToString() ?? "");
                break;
        }
    }
}

/// <param name="Id">The run's id, chosen by the caller so it can cancel the run while it is in flight; a new one when null.</param>
/// <param name="Sql">One SELECT (or WITH ... SELECT); positional parameters as <c>$1</c>.</param>
public sealed record RunRequest(Guid? Id, string? Sql, JsonElement[]? Parameters, Guid? SavedQueryId);

public sealed record StoredResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <param name="Outcome"><c>ok</c>, <c>refused</c>, <c>timeout</c>, <c>cancelled</c> or <c>error</c>.</param>
/// <param name="Code">The guard's refusal code (<see cref="RefusalCodes"/>) when this answer is the run itself.</param>
public sealed record RunResponse(
    Guid Id, string RunBy, DateTimeOffset StartedAt, string Sql, string? Parameters, string Outcome, string? Code, string? Message,
    double DurationMs, int? RowCount, bool Truncated, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    internal static RunResponse From(WorkbenchRun run, string? code, GuardedResult? result)
    {
        var stored = result is not null ? new StoredResult(result.Columns, result.Rows)
            : run.Result is { } json ? JsonSerializer.Deserialize<StoredResult>(json)! : new StoredResult([], []);
        return new(run.Id, run.RunBy, run.StartedAt, run.Sql, run.Parameters, run.Outcome, code, run.Message,
            run.DurationMs, run.RowCount, run.Truncated, stored.Columns, stored.Rows);
    }
}

public sealed record RunSummary(
    Guid Id, string RunBy, DateTimeOffset StartedAt, string Sql, string? Parameters, string Outcome, string? Message, double DurationMs, int? RowCount, bool Truncated);

public sealed record SaveQueryRequest(string? Name, string? Description, string? Sql, bool Shared);

public sealed record SaveVersionRequest(string? Sql);

public sealed record SavedQuerySummary(Guid Id, string Name, string? Description, bool Shared, string Owner, int LatestVersion, string Sql);

public sealed record SavedQueryVersionView(int Version, string Sql, DateTimeOffset SavedAt, string SavedBy);

public sealed record SavedQueryDetail(Guid Id, string Name, string? Description, bool Shared, string Owner, IReadOnlyList<SavedQueryVersionView> Versions)
{
    internal static SavedQueryDetail From(SavedQuery query) => new(query.Id, query.Name, query.Description, query.Shared, query.Owner,
        query.Versions.OrderBy(v => v.Version).Select(v => new SavedQueryVersionView(v.Version, v.Sql, v.SavedAt, v.SavedBy)).ToList());
}

/// <param name="Note">What the tile does with the SQL's result beyond showing it (the themes tile ranks it in code), or null.</param>
public sealed record TileSqlResponse(string Tile, string Sql, string? Note);

public sealed record ExchangeSqlResponse(Guid ExchangeId, string Question, string Sql);

public sealed record WorkbenchLimits(int MaxRows, int ExportMaxRows, double StatementTimeoutSeconds);
