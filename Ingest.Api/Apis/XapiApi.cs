using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Ingest.Api.Security;
using Ingest.Api.Statements;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>The xAPI Statement Resource and About Resource (xAPI Communication 1.0.3 / 2.0.0).</summary>
public static class XapiApi
{
    public const string WritePolicy = "xapi-write";
    public const string ReadPolicy = "xapi-read";
    public const string CorsPolicy = "xapi-clients";

    public static IEndpointRouteBuilder MapXapiApi(this IEndpointRouteBuilder app)
    {
        var xapi = app.MapGroup(PublicRoutes.Xapi).WithTags("xAPI").RequireCors(CorsPolicy);

        xapi.MapGet("/about", GetAbout)
            .WithName("GetAbout")
            .WithSummary("The xAPI versions this LRS supports and its limits as an extension (no authentication, as the specification requires).")
            .AllowAnonymous();

        var statements = xapi.MapGroup("/statements").AddEndpointFilter<XapiVersionFilter>();

        statements.MapPut("", PutStatement)
            .WithName("PutStatement")
            .WithSummary("Stores one statement with the given statementId; repeating it with the same content is a no-op.")
            .RequireAuthorization(WritePolicy);

        statements.MapPost("", PostStatements)
            .WithName("PostStatements")
            .WithSummary("Stores one statement or an array, all or nothing; returns their ids in order.")
            .RequireAuthorization(WritePolicy);

        statements.MapMethods("", [HttpMethods.Get, HttpMethods.Head], GetStatements)
            .WithName("GetStatements")
            .WithSummary("One statement by statementId/voidedStatementId, or a filtered, paged StatementResult.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ReadPolicy);

        return app;
    }

    /// <summary>The About extension that states this LRS's limits, so a client can size its requests before it is refused.</summary>
    public const string LimitsExtension = "https://seventaps.com/xapi/extensions/limits";

    public static Ok<AboutResponse> GetAbout(IOptions<XapiOptions> options)
    {
        var limits = options.Value;
        return TypedResults.Ok(new AboutResponse(["1.0.3", "2.0.0"], new Dictionary<string, object>
        {
            [LimitsExtension] = new AboutLimits(limits.MaxStatementsPerRequest, limits.MaxStatementBytes, limits.MaxRequestBodyBytes, limits.MaxDocumentBytes, limits.MaxQueryLimit),
        }));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutStatement(
        [FromQuery] string? statementId, HttpContext context, ClaimsPrincipal user, [AsParameters] XapiServices services)
    {
        if (context.Request.Query.Keys.FirstOrDefault(key => key != "statementId") is { } unexpected)
        {
            return XapiErrors.Invalid(unexpected, "is not a parameter of PUT statements");
        }
        if (!Guid.TryParse(statementId, out var id))
        {
            return XapiErrors.Invalid("statementId", "the query parameter is required and must be a UUID");
        }

        var body = await StatementRequestReader.ReadAsync(context.Request, services.Options.Value.RequestLimits, context.RequestAborted);
        if (body.Body is null)
        {
            return body.Status == StatusCodes.Status413PayloadTooLarge
                ? XapiErrors.TooLarge($"{body.ErrorPath} {body.Error}".Trim())
                : XapiErrors.Invalid(body.ErrorPath!, body.Error!);
        }
        using var read = body.Body;
        if (read.IsArray)
        {
            return XapiErrors.Invalid("", "PUT stores exactly one statement object; POST an array instead");
        }
        var statement = read.Statements[0];
        if (statement["id"] is JsonValue given && (!Guid.TryParse(given.ToString(), out var bodyId) || bodyId != id))
        {
            return XapiErrors.Invalid("id", $"does not match the statementId parameter {id}");
        }
        statement["id"] ??= id.ToString();

        return await StoreAsync(context, user, services, read, index => "") switch
        {
            WriteOutcome.Stored => TypedResults.NoContent(),
            InvalidStatements invalid => XapiErrors.Invalid(invalid.Errors),
            WriteOutcome.Rejected rejected => XapiErrors.Invalid(rejected.Path, rejected.Message),
            WriteOutcome.Conflict conflict => XapiErrors.Conflict(conflict.Id.ToString()),
            _ => XapiErrors.Unavailable(context),
        };
    }

    public static async Task<Results<Ok<Guid[]>, ValidationProblem, ProblemHttpResult>> PostStatements(
        HttpContext context, ClaimsPrincipal user, [AsParameters] XapiServices services)
    {
        if (context.Request.Query.Count > 0)
        {
            return XapiErrors.Invalid(context.Request.Query.Keys.First(), "POST statements takes no query parameters");
        }
        var body = await StatementRequestReader.ReadAsync(context.Request, services.Options.Value.RequestLimits, context.RequestAborted);
        if (body.Body is null)
        {
            return body.Status == StatusCodes.Status413PayloadTooLarge
                ? XapiErrors.TooLarge($"{body.ErrorPath} {body.Error}".Trim())
                : XapiErrors.Invalid(body.ErrorPath!, body.Error!);
        }
        using var read = body.Body;
        if (read.Statements.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<Guid>());
        }

        return await StoreAsync(context, user, services, read, index => read.IsArray ? $"statements[{index}]" : "") switch
        {
            WriteOutcome.Stored stored => TypedResults.Ok(stored.Ids.ToArray()),
            InvalidStatements invalid => XapiErrors.Invalid(invalid.Errors),
            WriteOutcome.Rejected rejected => XapiErrors.Invalid(rejected.Path, rejected.Message),
            WriteOutcome.Conflict conflict => XapiErrors.Conflict(conflict.Id.ToString()),
            _ => XapiErrors.Unavailable(context),
        };
    }

    public static async Task<IResult> GetStatements(HttpContext context, ClaimsPrincipal user, [AsParameters] XapiServices services)
    {
        var (query, parameter, error) = StatementQuery.Parse(context.Request.Query, services.Options.Value);
        if (query is null)
        {
            return XapiErrors.Invalid(parameter!, error!);
        }

        // Taken before reading, so it never claims more than the read could see.
        var consistentThrough = services.Watermark.ConsistentThrough;
        context.Response.Headers[XapiResponseHeaders.ConsistentThroughHeader] = XapiResponseHeaders.Format(consistentThrough);
        var reader = Identity(user);
        var onlyCredential = reader.CanReadAll ? (Guid?)null : reader.Id;

        if (query.IsSingle)
        {
            var row = await services.Queries.FindAsync(query.StatementId ?? query.VoidedStatementId!.Value, voided: query.VoidedStatementId is not null, onlyCredential, context.RequestAborted);
            if (row is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: query.VoidedStatementId is not null ? "No voided statement has this id." : "No (unvoided) statement has this id.");
            }
            context.Response.Headers.LastModified = row.Stored.ToString("R", CultureInfo.InvariantCulture);
            return await ResultAsync([row.Json], isResult: false, more: null, query, context, services);
        }

        var rows = await services.Queries.QueryAsync(query, onlyCredential, context.RequestAborted);
        var page = rows.Take(query.Limit).ToList();
        var more = rows.Count > query.Limit ? MoreLink(context, page[^1].Sequence) : null;
        context.Response.Headers.LastModified = (page.Count > 0 ? page.Max(row => row.Stored) : consistentThrough).ToString("R", CultureInfo.InvariantCulture);
        return await ResultAsync(page.Select(row => row.Json).ToList(), isResult: true, more, query, context, services);
    }

    private static async Task<IResult> ResultAsync(
        IReadOnlyList<string> statements, bool isResult, string? more, StatementQuery query, HttpContext context, XapiServices services)
    {
        var attachments = Array.Empty<AttachmentPart>() as IReadOnlyList<AttachmentPart>;
        if (query.Format == StatementFormat.Exact && !query.Attachments)
        {
            // Stored as received, so a single contextActivities object (7taps sends parent so) is still one; the LRS
            // returns every contextActivities value as an array (Data "contextActivities"), which only the formatter
            // does: statements without contextActivities are sent as stored.
            statements = statements.Select(json => json.Contains("\"contextActivities\"", StringComparison.Ordinal)
                ? StatementFormatter.ToExact(JsonNode.Parse(json)!.AsObject()).ToJsonString()
                : json).ToList();
        }
        else
        {
            var parsed = statements.Select(json => JsonNode.Parse(json)!.AsObject()).ToList();
            if (query.Attachments)
            {
                attachments = await services.Queries.LoadAttachmentsAsync(StatementResultWriter.AttachmentHashes(parsed), context.RequestAborted);
            }
            var languages = AcceptLanguagePreferences.Parse(context.Request.Headers.AcceptLanguage.ToString());
            // canonical: the Activities Resource's definitions replace the statements' own (Communication "GET Statements").
            var canonical = query.Format == StatementFormat.Canonical
                ? new FoundDefinitions(await services.Definitions.FindAsync(
                    parsed.SelectMany(ActivityDefinitionMerge.ActivitiesIn).Select(activity => activity["id"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal),
                    context.RequestAborted))
                : null;
            statements = parsed.Select(statement => StatementFormatter.Format(statement, query.Format, languages, canonical).ToJsonString()).ToList();
        }
        return new StatementResultWriter(statements, isResult, more, attachments);
    }

    /// <summary>The same query from where this page ended (a relative IRL, as the spec asks).</summary>
    private static string MoreLink(HttpContext context, long lastSequence)
    {
        var parameters = context.Request.Query
            .Where(pair => pair.Key != StatementQuery.Cursor)
            .Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value.ToString())}")
            .Append($"{StatementQuery.Cursor}={lastSequence}");
        return $"{PublicRoutes.Xapi}/statements?{string.Join('&', parameters)}";
    }

    private static async Task<WriteOutcome> StoreAsync(
        HttpContext context, ClaimsPrincipal user, XapiServices services, StatementRequestReader.Body body, Func<int, string> pathPrefix)
    {
        var version = XapiVersionFilter.VersionOf(context);
        var credential = Identity(user);
        var prepared = services.Preparer.Prepare(body.Statements, body.Received, body.Attachments, version, credential, pathPrefix);
        // The prepared statements carry their serialized JSON: the DOMs and the pooled document go now, not when the
        // response is sent. Kept while a batch of 1,000 waits for its transaction, they outlived the young generation
        // and made the garbage collector promote and collect them (a fifth of ingest's CPU per statement at batches
        // of 1,000), and the document's arrays went back to the pool only after the commit.
        body.Dispose();
        if (prepared.Errors.Count > 0)
        {
            return new InvalidStatements(prepared.Errors);
        }

        using var inFlight = services.Watermark.Enter(prepared.Statements[0].Stored);
        var request = new WriteRequest(prepared.Statements, body.Attachments.Values.ToList(), credential.Id, Activity.Current?.Id);
        return await services.Writer.WriteAsync(request, context.RequestAborted);
    }

    /// <summary>Validation failures travel through the same switch as storage outcomes.</summary>
    private sealed record InvalidStatements(IReadOnlyList<KeyValuePair<string, string>> Errors) : WriteOutcome;

    private static LrsCredentialIdentity Identity(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(LrsBasicAuthenticationHandler.CredentialIdClaim)!),
        user.Identity?.Name ?? "",
        XapiScopes.ReadAll.Any(scope => user.HasClaim(XapiScopes.ClaimType, scope)),
        XapiScopes.Defining.Any(scope => user.HasClaim(XapiScopes.ClaimType, scope)));
}

/// <summary>The About Resource.</summary>
public sealed record AboutResponse(IReadOnlyList<string> Version, IReadOnlyDictionary<string, object> Extensions);

/// <summary>The value of <see cref="XapiApi.LimitsExtension"/>: what one request may hold before it is 413.</summary>
public sealed record AboutLimits(int StatementsPerRequest, int StatementBytes, long RequestBytes, int DocumentBytes, int StatementsPerPage);
