using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Ingest.Api.Statements;

/// <summary>
/// Reads the statements of a PUT or POST body: <c>application/json</c> (one statement or an array), or
/// <c>multipart/mixed</c> whose first part is that JSON and whose other parts are attachment contents, each
/// identified by <c>X-Experience-API-Hash</c> (xAPI Communication, "Attachments").
/// </summary>
public static class StatementRequestReader
{
    public const string HashHeader = "X-Experience-API-Hash";
    public const string TransferEncodingHeader = "Content-Transfer-Encoding";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <param name="Statements">The statements as read; emptied by the handler once they are prepared.</param>
    public sealed record Body(List<JsonObject> Statements, bool IsArray, IReadOnlyDictionary<string, AttachmentPart> Attachments);

    private static readonly IReadOnlyDictionary<string, AttachmentPart> NoAttachments = new Dictionary<string, AttachmentPart>();

    /// <summary>Either the body or an error: (path, message, status).</summary>
    public sealed record Result(Body? Body, string? ErrorPath, string? Error, int Status = StatusCodes.Status400BadRequest);

    public static async Task<Result> ReadAsync(HttpRequest request, int maxStatements, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return Fail("Content-Type", "is required: application/json or multipart/mixed");
        }
        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("Content-Type", $"charset {contentType.Charset} is not supported; send UTF-8");
        }

        if (contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadJsonAsync(request.Body, maxStatements, cancellationToken);
        }
        if (contentType.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, contentType, maxStatements, cancellationToken);
        }
        return Fail("Content-Type", $"{contentType.MediaType} is not accepted: send application/json or multipart/mixed");
    }

    private static async Task<Result> ReadJsonAsync(Stream body, int maxStatements, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(body, documentOptions: DocumentOptions, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return Fail("", $"is not valid JSON: {exception.Message}");
        }

        switch (node)
        {
            case JsonObject statement:
                return new Result(new Body([statement], IsArray: false, Attachments: NoAttachments), null, null);
            case JsonArray array:
                if (array.Count > maxStatements)
                {
                    return Fail("", $"holds {array.Count} statements; at most {maxStatements} are accepted per request", StatusCodes.Status413PayloadTooLarge);
                }
                var statements = new List<JsonObject>(array.Count);
                for (var index = 0; index < array.Count; index++)
                {
                    if (array[index] is not JsonObject element)
                    {
                        return Fail($"statements[{index}]", "must be a statement object");
                    }
                    statements.Add(element);
                }
                return new Result(new Body(statements, IsArray: true, Attachments: NoAttachments), null, null);
            default:
                return Fail("", "must be a statement object or an array of statements");
        }
    }

    private static async Task<Result> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, int maxStatements, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Fail("Content-Type", "multipart/mixed needs a boundary");
        }

        var reader = new MultipartReader(boundary, request.Body);
        var first = await reader.ReadNextSectionAsync(cancellationToken);
        if (first is null || !MediaTypeHeaderValue.TryParse(first.ContentType, out var firstType)
            || !firstType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("Content-Type", "the first part of a multipart/mixed request must be the application/json statements");
        }
        var json = await ReadJsonAsync(first.Body, maxStatements, cancellationToken);
        if (json.Body is null)
        {
            return json;
        }

        var attachments = new Dictionary<string, AttachmentPart>(StringComparer.OrdinalIgnoreCase);
        for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
        {
            var hash = section.Headers?.TryGetValue(HashHeader, out var value) == true ? value.ToString() : null;
            if (string.IsNullOrWhiteSpace(hash))
            {
                return Fail(HashHeader, "every attachment part needs an X-Experience-API-Hash header");
            }
            var encoding = section.Headers!.TryGetValue(TransferEncodingHeader, out var transfer) ? transfer.ToString() : null;
            if (!string.Equals(encoding, "binary", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(TransferEncodingHeader, "attachment parts must be sent with Content-Transfer-Encoding: binary");
            }

            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content, cancellationToken);
            var bytes = content.ToArray();
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, hash.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Fail(HashHeader, $"part {hash} does not match its content (SHA-256 {actual})");
            }
            attachments[actual] = new AttachmentPart(actual, section.ContentType ?? "application/octet-stream", bytes);
        }

        var declared = DeclaredWithoutUrl(json.Body.Statements);
        if (declared.FirstOrDefault(sha2 => !attachments.ContainsKey(sha2)) is { } missing)
        {
            return Fail("attachments", $"attachment {missing} has no fileUrl and no multipart part carrying it");
        }
        var allDeclared = json.Body.Statements.SelectMany(AttachmentHashes).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (attachments.Keys.FirstOrDefault(sha2 => !allDeclared.Contains(sha2)) is { } extra)
        {
            return Fail(HashHeader, $"part {extra} is not declared by any statement's attachments");
        }
        return new Result(json.Body with { Attachments = attachments }, null, null);
    }

    /// <summary>Attachments without a fileUrl must travel in the request (xAPI Data "Attachments").</summary>
    public static IReadOnlyList<string> DeclaredWithoutUrl(IEnumerable<JsonObject> statements) =>
        statements.SelectMany(statement => Attachments(statement))
            .Where(attachment => attachment["fileUrl"] is null)
            .Select(attachment => attachment["sha2"]?.GetValue<string>())
            .OfType<string>()
            .ToList();

    private static IEnumerable<string> AttachmentHashes(JsonObject statement) =>
        Attachments(statement).Select(attachment => attachment["sha2"]?.GetValue<string>()).OfType<string>();

    private static IEnumerable<JsonObject> Attachments(JsonObject statement) =>
        (statement["attachments"] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static Result Fail(string path, string message, int status = StatusCodes.Status400BadRequest) => new(null, path, message, status);
}
