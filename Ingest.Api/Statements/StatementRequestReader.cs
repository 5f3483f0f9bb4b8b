using System.Runtime.InteropServices;
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

    /// <summary>
    /// The statements of a request: views of the pooled <paramref name="Json"/>, so the handler disposes the body as
    /// soon as they are prepared (and with them the document's arrays), not when the response is sent.
    /// </summary>
    /// <param name="Statements">The statements as DOMs, which the LRS validates and completes.</param>
    /// <param name="Received">The same statements as parsed, from which their stored JSON is built.</param>
    public sealed record Body(
        List<JsonObject> Statements, List<JsonElement> Received, bool IsArray, IReadOnlyDictionary<string, AttachmentPart> Attachments, PooledJsonDocument Json)
        : IDisposable
    {
        public void Dispose()
        {
            Statements.Clear();
            Received.Clear();
            Json.Dispose();
        }
    }

    private static readonly IReadOnlyDictionary<string, AttachmentPart> NoAttachments = new Dictionary<string, AttachmentPart>();

    /// <summary>Either the body or an error: (path, message, status).</summary>
    public sealed record Result(Body? Body, string? ErrorPath, string? Error, int Status = StatusCodes.Status400BadRequest);

    /// <summary>What one request may hold: statements, and bytes per statement (attachment contents aside).</summary>
    public sealed record Limits(int MaxStatements, int MaxStatementBytes);

    public static async Task<Result> ReadAsync(HttpRequest request, Limits limits, CancellationToken cancellationToken)
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
            return await ReadJsonAsync(request.Body, request.ContentLength, limits, cancellationToken);
        }
        if (contentType.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, contentType, limits, cancellationToken);
        }
        return Fail("Content-Type", $"{contentType.MediaType} is not accepted: send application/json or multipart/mixed");
    }

    private static async Task<Result> ReadJsonAsync(Stream body, long? length, Limits limits, CancellationToken cancellationToken)
    {
        PooledJsonDocument json;
        try
        {
            json = await PooledJsonDocument.ParseAsync(body, length, DocumentOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            return Fail("", $"is not valid JSON: {exception.Message}");
        }

        var result = Statements(json.RootElement, limits, json);
        if (result.Body is null)
        {
            json.Dispose();
        }
        return result;
    }

    private static Result Statements(JsonElement root, Limits limits, PooledJsonDocument json)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return Unstorable(root, "", limits) ?? new Result(new Body([JsonObject.Create(root)!], [root], IsArray: false, NoAttachments, json), null, null);
            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count > limits.MaxStatements)
                {
                    return Fail("", $"holds {count} statements; at most {limits.MaxStatements} are accepted per request", StatusCodes.Status413PayloadTooLarge);
                }
                var statements = new List<JsonObject>(count);
                var received = new List<JsonElement>(count);
                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        return Fail($"statements[{index}]", "must be a statement object");
                    }
                    if (Unstorable(element, $"statements[{index}]", limits) is { } refused)
                    {
                        return refused;
                    }
                    statements.Add(JsonObject.Create(element)!);
                    received.Add(element);
                    index++;
                }
                return new Result(new Body(statements, received, IsArray: true, NoAttachments, json), null, null);
            default:
                return Fail("", "must be a statement object or an array of statements");
        }
    }

    private static async Task<Result> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, Limits limits, CancellationToken cancellationToken)
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
        var json = await ReadJsonAsync(first.Body, null, limits, cancellationToken);
        if (json.Body is null)
        {
            return json;
        }
        try
        {
            var withAttachments = await ReadAttachmentsAsync(reader, json.Body, cancellationToken);
            if (withAttachments.Body is null)
            {
                json.Body.Dispose();
            }
            return withAttachments;
        }
        catch
        {
            json.Body.Dispose();
            throw;
        }
    }

    private static async Task<Result> ReadAttachmentsAsync(MultipartReader reader, Body body, CancellationToken cancellationToken)
    {
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

        var declared = DeclaredWithoutUrl(body.Statements);
        if (declared.FirstOrDefault(sha2 => !attachments.ContainsKey(sha2)) is { } missing)
        {
            return Fail("attachments", $"attachment {missing} has no fileUrl and no multipart part carrying it");
        }
        var allDeclared = body.Statements.SelectMany(AttachmentHashes).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (attachments.Keys.FirstOrDefault(sha2 => !allDeclared.Contains(sha2)) is { } extra)
        {
            return Fail(HashHeader, $"part {extra} is not declared by any statement's attachments");
        }
        return new Result(body with { Attachments = attachments }, null, null);
    }

    /// <summary>
    /// A statement the LRS refuses before validating it: one larger than the per-statement limit (413), or one
    /// holding the character U+0000 (400). JSON and xAPI allow U+0000 in strings, but PostgreSQL can hold it neither
    /// in JSONB nor in text, so storing it would mean altering the statement; and failing in the database would fail
    /// every request sharing the transaction with 503, which clients retry forever.
    /// </summary>
    private static Result? Unstorable(JsonElement statement, string path, Limits limits)
    {
        var utf8 = JsonMarshal.GetRawUtf8Value(statement);
        if (utf8.Length > limits.MaxStatementBytes)
        {
            return Fail(path, $"is {utf8.Length:N0} bytes; a statement may have at most {limits.MaxStatementBytes:N0} (attachment contents travel as multipart parts and do not count)",
                StatusCodes.Status413PayloadTooLarge);
        }
        return ContainsNulEscape(utf8)
            ? Fail(path, "contains the character U+0000 (\\u0000), which this LRS cannot store; nothing was stored")
            : null;
    }

    /// <summary>
    /// A <c>\u0000</c> escape: the only way U+0000 can appear in valid JSON. An escape is one preceded by an odd
    /// number of backslashes (<c>\\u0000</c> is a backslash followed by the text "u0000").
    /// </summary>
    private static bool ContainsNulEscape(ReadOnlySpan<byte> utf8)
    {
        for (var at = utf8.IndexOf("u0000"u8); at >= 0; at = utf8.IndexOf("u0000"u8))
        {
            var backslashes = 0;
            while (at - backslashes > 0 && utf8[at - backslashes - 1] == (byte)'\\')
            {
                backslashes++;
            }
            if (backslashes % 2 == 1)
            {
                return true;
            }
            utf8 = utf8[(at + 5)..];
        }
        return false;
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
