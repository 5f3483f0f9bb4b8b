using System.Globalization;
using System.Text.Json;
using Ingest.Api.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using SevenTaps.Xapi;

namespace Ingest.Api.Apis;

/// <summary>
/// The Document Resources of xAPI 1.0.3 and 2.0.0 (Communication "Document Resources"): State
/// (<c>/activities/state</c>), Activity Profile (<c>/activities/profile</c>) and Agent Profile (<c>/agents/profile</c>).
/// Documents of any content type, SHA-1 ETags, If-Match / If-None-Match, JSON merge on POST, lists of ids.
/// </summary>
public static class DocumentsApi
{
    public const string StateReadPolicy = "xapi-state-read";
    public const string StateWritePolicy = "xapi-state-write";
    public const string ProfileReadPolicy = "xapi-profile-read";
    public const string ProfileWritePolicy = "xapi-profile-write";

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var xapi = app.MapGroup(PublicRoutes.Xapi).WithTags("xAPI documents").RequireCors(XapiApi.CorsPolicy);
        Map(xapi, "/activities/state", DocumentKind.State, "State", StateReadPolicy, StateWritePolicy);
        Map(xapi, "/activities/profile", DocumentKind.ActivityProfile, "ActivityProfile", ProfileReadPolicy, ProfileWritePolicy);
        Map(xapi, "/agents/profile", DocumentKind.AgentProfile, "AgentProfile", ProfileReadPolicy, ProfileWritePolicy);
        return app;
    }

    private static void Map(RouteGroupBuilder xapi, string path, DocumentKind kind, string name, string readPolicy, string writePolicy)
    {
        var resource = xapi.MapGroup(path).AddEndpointFilter<XapiVersionFilter>();
        var id = DocumentAddress.IdParameter(kind);

        resource.MapMethods("", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, [AsParameters] DocumentServices services) => GetDocuments(kind, context, services))
            .WithName($"Get{name}")
            .WithSummary($"With {id}: the document, its ETag and Last-Modified (404 when absent). Without: the JSON array of ids, updated after since when given.")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(readPolicy);

        resource.MapPut("", (HttpContext context, [AsParameters] DocumentServices services) => WriteDocument(kind, merge: false, context, services))
            .WithName($"Put{name}")
            .WithSummary(kind == DocumentKind.State
                ? "Stores the document; If-Match / If-None-Match are honoured (412); under 2.0, replacing a stored one without either header is 409."
                : "Stores the document with If-None-Match: * (new) or If-Match (replacing); without either header 409 when one is stored, else 400; 412 when a precondition fails.")
            .AddOpenApiOperationTransformer(DocumentBody)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(writePolicy);

        resource.MapPost("", (HttpContext context, [AsParameters] DocumentServices services) => WriteDocument(kind, merge: true, context, services))
            .WithName($"Post{name}")
            .WithSummary("Merges a JSON object into the stored JSON object (top-level properties replaced), or stores the document when there is none; 400 when either is not a JSON object.")
            .AddOpenApiOperationTransformer(DocumentBody)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(writePolicy);

        resource.MapDelete("", (HttpContext context, [AsParameters] DocumentServices services) => DeleteDocuments(kind, context, services))
            .WithName($"Delete{name}")
            .WithSummary(kind == DocumentKind.State
                ? "With stateId: deletes that document (If-Match honoured, 412). Without: deletes every State document of the Activity and Agent (and registration)."
                : "Deletes the document (If-Match honoured, 412).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(writePolicy);
    }

    public static async Task<IResult> GetDocuments(DocumentKind kind, HttpContext context, DocumentServices services)
    {
        var parsed = DocumentAddress.Parse(kind, context.Request.Query, XapiVersionFilter.VersionOf(context), single: false);
        if (parsed.Address is not { } address)
        {
            return XapiErrors.Invalid(parsed.ErrorPath!, parsed.Error!);
        }

        if (address.DocumentId is null)
        {
            var (ids, lastUpdated) = await services.Store.ListAsync(address, parsed.Since, context.RequestAborted);
            var json = JsonSerializer.SerializeToUtf8Bytes(ids);
            return Document(context, json, DocumentStore.JsonMediaType, DocumentStore.ETagOf(json), lastUpdated);
        }

        var document = await services.Store.FindAsync(address, context.RequestAborted);
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No document has this address.")
            : Document(context, document.Content, document.ContentType, document.ETag, document.Updated);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> WriteDocument(
        DocumentKind kind, bool merge, HttpContext context, DocumentServices services)
    {
        var parsed = DocumentAddress.Parse(kind, context.Request.Query, XapiVersionFilter.VersionOf(context), single: true);
        if (parsed.Address is not { } address)
        {
            return XapiErrors.Invalid(parsed.ErrorPath!, parsed.Error!);
        }
        if (DocumentPreconditions.From(context.Request.Headers) is not { } preconditions)
        {
            return XapiErrors.Invalid(HeaderNames.IfMatch, "If-Match and If-None-Match must be * or a list of quoted ETags");
        }
        var limit = services.Options.Value.MaxDocumentBytes;
        if (await ReadBodyAsync(context.Request, limit, context.RequestAborted) is not { } content)
        {
            return XapiErrors.TooLarge($"A document may have at most {limit:N0} bytes.");
        }

        var outcome = await services.Store.WriteAsync(address, content, context.Request.ContentType ?? "application/octet-stream", merge, preconditions,
            UnconditionalPutOf(kind, XapiVersionFilter.VersionOf(context)), context.RequestAborted);
        return outcome switch
        {
            DocumentWriteOutcome.Written => TypedResults.NoContent(),
            DocumentWriteOutcome.PreconditionFailed => PreconditionFailed(),
            DocumentWriteOutcome.ConflictWithoutPrecondition => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "The document exists. Check its current state (GET it), then PUT with If-Match set to its ETag; or If-None-Match: * to store only a new document."),
            DocumentWriteOutcome.PreconditionRequired => XapiErrors.Invalid(HeaderNames.IfMatch,
                "a profile document is written with If-None-Match: * (a new document) or If-Match: its ETag (a stored one)"),
            _ => XapiErrors.Invalid("Content-Type", "merging needs the stored and the posted document to be application/json objects; PUT replaces a document of another kind"),
        };
    }

    /// <summary>
    /// Profiles always need If-Match / If-None-Match on PUT. State documents need them to be replaced from 2.0 on, whose
    /// concurrency rules cover the State Resource; 1.0.3 State clients (SCORM-era players) PUT without them.
    /// </summary>
    private static UnconditionalPut UnconditionalPutOf(DocumentKind kind, XapiVersion version) => kind switch
    {
        not DocumentKind.State => UnconditionalPut.Refused,
        _ when version == XapiVersion.V2_0_0 => UnconditionalPut.NotOverStored,
        _ => UnconditionalPut.Allowed,
    };

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteDocuments(DocumentKind kind, HttpContext context, DocumentServices services)
    {
        var parsed = DocumentAddress.Parse(kind, context.Request.Query, XapiVersionFilter.VersionOf(context), single: kind != DocumentKind.State);
        if (parsed.Address is not { } address)
        {
            return XapiErrors.Invalid(parsed.ErrorPath!, parsed.Error!);
        }
        if (parsed.Since is not null)
        {
            return XapiErrors.Invalid("since", "applies only to a list of ids");
        }
        if (address.DocumentId is null)
        {
            await services.Store.DeleteAllAsync(address, context.RequestAborted);
            return TypedResults.NoContent();
        }
        if (DocumentPreconditions.From(context.Request.Headers) is not { } preconditions)
        {
            return XapiErrors.Invalid(HeaderNames.IfMatch, "If-Match and If-None-Match must be * or a list of quoted ETags");
        }
        return await services.Store.DeleteAsync(address, preconditions, context.RequestAborted) ? TypedResults.NoContent() : PreconditionFailed();
    }

    /// <summary>
    /// Documents the body of a PUT or POST as any media type. (<c>Accepts</c> would say so too, but it also makes routing
    /// refuse other content types with 415, and a document may be of any type.)
    /// </summary>
    private static Task DocumentBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The document, of any content type; POST merges application/json objects.",
            Content = new Dictionary<string, OpenApiMediaType> { ["*/*"] = new() },
        };
        return Task.CompletedTask;
    }

    private static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed",
            detail: "The document changed (If-Match) or exists (If-None-Match); nothing was modified.");

    private static FileContentHttpResult Document(HttpContext context, byte[] content, string contentType, string etag, DateTimeOffset? updated)
    {
        context.Response.Headers.ETag = $"\"{etag}\"";
        if (updated is { } lastModified)
        {
            context.Response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        }
        return TypedResults.Bytes(content, contentType);
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > limit)
            {
                return null;
            }
            content.Write(buffer, 0, read);
        }
        return content.ToArray();
    }
}

/// <summary>What the document endpoints need, bound with [AsParameters].</summary>
public sealed record DocumentServices(DocumentStore Store, IOptions<XapiOptions> Options);
