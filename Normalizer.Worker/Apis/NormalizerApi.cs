using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Imports;
using Normalizer.Worker.Renormalization;
using Normalizer.Worker.Streaming;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;

namespace Normalizer.Worker.Apis;

/// <summary>
/// Operations on the normalizer (scope <c>admin</c>): CSV import of a 7taps export, the dead-letter stream, the
/// lesson catalogue every replica labels lessons with, the statement stream's status and re-normalization. Imports,
/// replays, catalogue loads and re-normalizations leave audit records naming the key (and the dashboard user it acts for).
/// </summary>
internal static class NormalizerApi
{
    /// <summary>A catalogue is a small document; the real one is 3 KB.</summary>
    public const long MaxCatalogueBytes = 1024 * 1024;

    /// <summary>The audit record's target for an upload that was not given a file name.</summary>
    private const string RequestBody = "request body";

    public static IEndpointRouteBuilder MapNormalizerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(PublicRoutes.Normalizer).WithTags("Normalizer").RequireAuthorization(ApiKeyScopes.Admin);

        api.MapPost("/imports/csv", ImportCsv).WithName("ImportCsv")
            .WithSummary("Imports a 7taps response export (body text/csv; importDate=YYYY-MM-DD dates every row, as the export has no times). Re-importing changes nothing.")
            .Accepts<string>("text/csv");
        api.MapGet("/dead-letters", ListDeadLetters).WithName("ListDeadLetters")
            .WithSummary("Entries given up on, oldest first: entry id, statement id, reason, when, deliveries. Paged with after=<entryId> and limit.");
        api.MapPost("/dead-letters/{entryId}/replay", ReplayDeadLetter).WithName("ReplayDeadLetter")
            .WithSummary("Puts a dead letter back on the statement stream (with its traceparent) and removes it from the dead-letter stream.");
        api.MapPost("/dead-letters/replay", ReplayAllDeadLetters).WithName("ReplayAllDeadLetters")
            .WithSummary("Replays every dead letter.");
        api.MapGet("/catalogue", GetCatalogue).WithName("GetCatalogue")
            .WithSummary("The lesson catalogue in use, as loaded, and when it was loaded.");
        api.MapPut("/catalogue", PutCatalogue).WithName("PutCatalogue")
            .WithSummary("Loads a lesson catalogue (lesson_mapping.json shape; fileName names it in the audit record): relabels existing lessons at once; every replica labels new rows with it within seconds.")
            .Accepts<object>("application/json");
        api.MapGet("/status", GetStreamStatus).WithName("GetStreamStatus")
            .WithSummary("The statement stream: length, entries ever added (two readings give the ingest rate), dead letters, and each consumer group's lag and pending entries.");
        api.MapGet("/statements/{id:guid}", GetStatement).WithName("GetStatement")
            .WithSummary("One statement: when the LRS stored it, its trace id (the ingest request's), and its normalization state (normalized, voided, voiding, dead-lettered with the reason, waiting); 404 when the LRS has none with this id.");
        api.MapPost("/renormalizations", StartRenormalization).WithName("StartRenormalization")
            .WithSummary("Starts a re-normalization in the background of the worker that answers (202); 409 while one is running.");
        api.MapGet("/renormalizations/current", GetRenormalization).WithName("GetRenormalization")
            .WithSummary("The latest re-normalization started here: state (running, succeeded, failed), progress lines and outcome.");
        return app;
    }

    public static async Task<Ok<StreamStatus>> GetStreamStatus([AsParameters] NormalizerServices services) =>
        TypedResults.Ok(await services.StreamStatus.ReadAsync());

    public static async Task<Results<Ok<StatementTrace>, NotFound>> GetStatement(Guid id, [AsParameters] NormalizerServices services, CancellationToken cancellationToken) =>
        await services.Statements.FindAsync(id, cancellationToken) is { } statement ? TypedResults.Ok(statement) : TypedResults.NotFound();

    public static async Task<Results<Accepted<RenormalizationStatus>, ProblemHttpResult>> StartRenormalization(HttpContext context, [AsParameters] NormalizerServices services) =>
        await services.Renormalizations.StartAsync(ApiKeyActor.Of(context)) is { } started
            ? TypedResults.Accepted($"{PublicRoutes.Normalizer}/renormalizations/current", started)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A re-normalization is running", detail: "Follow it at renormalizations/current; start another when it has finished.");

    public static async Task<Results<Ok<RenormalizationStatus>, ProblemHttpResult>> GetRenormalization([AsParameters] NormalizerServices services) =>
        await services.Renormalizations.CurrentAsync() is { } status
            ? TypedResults.Ok(status)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No re-normalization", detail: "None has been started through this API.");

    public static async Task<Results<Ok<CsvImportResult>, ValidationProblem, ProblemHttpResult>> ImportCsv(
        HttpRequest request, string? importDate, string? fileName, [AsParameters] NormalizerServices services, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(importDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["importDate"] = ["Required, as YYYY-MM-DD: the export has no answer times, so every row is dated at this day (midnight UTC)."],
            });
        }
        if (request.ContentType is not { } contentType || !(contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the export as text/csv");
        }
        var (csv, problem) = await RequestText.ReadAsync(request, services.Options.Value.MaxCsvImportBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            var imported = await services.Importer.ImportAsync(
                csv!, date, string.IsNullOrWhiteSpace(fileName) ? RequestBody : fileName, ApiKeyActor.Of(request.HttpContext), cancellationToken);
            // The rows did not come through the stream, so no batch told analytics its cached answers are stale.
            await services.DataVersion.BumpAsync();
            return TypedResults.Ok(imported);
        }
        catch (ExportFormatException exception)
        {
            return TypedResults.ValidationProblem(
                exception.Problems.GroupBy(p => p.Column is null ? $"line {p.Line}" : $"line {p.Line}, column '{p.Column}'")
                    .ToDictionary(group => group.Key, group => group.Select(p => p.Problem).ToArray()),
                title: "The CSV export cannot be imported; nothing was written.");
        }
    }

    public static async Task<Results<Ok<DeadLetterPage>, ValidationProblem>> ListDeadLetters(
        string? after, int? limit, [AsParameters] NormalizerServices services)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is not null && !DeadLetterQueue.IsEntryId(after))
        {
            errors["after"] = ["A dead-letter entry id (e.g. 1733011200000-0), as the previous page's next."];
        }
        if (limit is < 1 or > DeadLetterQueue.MaxPageSize)
        {
            errors["limit"] = [$"Between 1 and {DeadLetterQueue.MaxPageSize}."];
        }
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await services.DeadLetters.ListAsync(after, limit ?? 100));
    }

    public static async Task<Results<Ok<ReplayedDeadLetter>, ProblemHttpResult, ValidationProblem>> ReplayDeadLetter(
        string entryId, HttpContext context, [AsParameters] NormalizerServices services, CancellationToken cancellationToken)
    {
        if (!DeadLetterQueue.IsEntryId(entryId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["entryId"] = ["A dead-letter entry id, e.g. 1733011200000-0."] });
        }
        return await services.DeadLetters.ReplayAsync(entryId, ApiKeyActor.Of(context), cancellationToken) is { } streamEntryId
            ? TypedResults.Ok(new ReplayedDeadLetter(entryId, streamEntryId))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter", detail: $"{entryId} is not on the dead-letter stream (replayed already?).");
    }

    public static async Task<Ok<ReplayedDeadLetters>> ReplayAllDeadLetters(
        HttpContext context, [AsParameters] NormalizerServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReplayedDeadLetters(await services.DeadLetters.ReplayAllAsync(ApiKeyActor.Of(context), cancellationToken)));

    public static async Task<Results<Ok<StoredCatalogue>, ProblemHttpResult>> GetCatalogue([AsParameters] NormalizerServices services, CancellationToken cancellationToken) =>
        await services.Catalogue.GetAsync(cancellationToken) is { } stored
            ? TypedResults.Ok(stored)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No lesson catalogue", detail: "None has been loaded: PUT one, or set Normalizer:LessonCatalogueFile.");

    public static async Task<Results<Ok<CatalogueLoad>, ValidationProblem, ProblemHttpResult>> PutCatalogue(
        HttpRequest request, string? fileName, [AsParameters] NormalizerServices services, CancellationToken cancellationToken)
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxCatalogueBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            var loaded = await services.Catalogue.LoadAsync(
                json!, string.IsNullOrWhiteSpace(fileName) ? RequestBody : fileName, ApiKeyActor.Of(request.HttpContext), cancellationToken);
            await services.DataVersion.BumpAsync(); // lessons were relabelled
            return TypedResults.Ok(loaded);
        }
        catch (CatalogueException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [exception.Message] });
        }
    }
}

/// <summary>A replayed dead letter and its new entry on the statement stream.</summary>
public sealed record ReplayedDeadLetter(string EntryId, string StatementStreamEntryId);

public sealed record ReplayedDeadLetters(int Replayed);
