using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingest.Api.Statements;
using Microsoft.Net.Http.Headers;

namespace Ingest.Api.Apis;

/// <summary>
/// Writes statements as GET returns them: stored JSON passed through untouched in the exact format (no
/// re-serialization on the hot path), reformatted for ids/canonical, and wrapped in multipart/mixed with the
/// attachment contents when asked for.
/// </summary>
public sealed class StatementResultWriter(IReadOnlyList<string> statements, bool isResult, string? more, IReadOnlyList<AttachmentPart> attachments) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var json = BuildJson();
        if (attachments.Count == 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = json.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(json, context.RequestAborted);
            }
            return;
        }

        var boundary = $"xapi-{Guid.NewGuid():N}";
        context.Response.ContentType = $"multipart/mixed; boundary={boundary}";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        var body = context.Response.Body;
        await WritePartAsync(body, boundary, $"{HeaderNames.ContentType}: application/json; charset=utf-8", json, context.RequestAborted);
        foreach (var attachment in attachments)
        {
            var headers = $"{HeaderNames.ContentType}: {attachment.ContentType}\r\n{StatementRequestReader.TransferEncodingHeader}: binary\r\n{StatementRequestReader.HashHeader}: {attachment.Sha2}";
            await WritePartAsync(body, boundary, headers, attachment.Content, context.RequestAborted);
        }
        await body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"), context.RequestAborted);
    }

    private byte[] BuildJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (isResult)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("statements");
                foreach (var statement in statements)
                {
                    writer.WriteRawValue(statement, skipInputValidation: true);
                }
                writer.WriteEndArray();
                writer.WriteString("more", more ?? "");
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteRawValue(statements[0], skipInputValidation: true);
            }
        }
        return buffer.ToArray();
    }

    private static async Task WritePartAsync(Stream body, string boundary, string headers, byte[] content, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.ASCII.GetBytes($"--{boundary}\r\n{headers}\r\n\r\n"), cancellationToken);
        await body.WriteAsync(content, cancellationToken);
        await body.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>The SHA-2 hashes of every attachment of these statements (lower case, as stored).</summary>
    public static IReadOnlyCollection<string> AttachmentHashes(IEnumerable<JsonObject> statements) =>
        statements.SelectMany(statement => (statement["attachments"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(attachment => attachment["sha2"]?.GetValue<string>()?.ToLower(CultureInfo.InvariantCulture))
            .OfType<string>()
            .ToHashSet();
}
