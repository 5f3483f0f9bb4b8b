using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>
/// Signed Statements (Data 2.6): a JWS in compact serialization, carried as an attachment with the signature
/// usageType, whose payload is the Statement as it was before the signature was added. The LRS must reject a
/// malformed signature: undecodable, an algorithm other than RS256/RS384/RS512, a payload that is not
/// equivalent to the received Statement, or (when the header carries an X.509 chain in <c>x5c</c>) a signature
/// that the leaf certificate's key does not verify.
/// </summary>
/// <remarks>
/// Without <c>x5c</c> the LRS has no key to check the signature against; like the specification, we then
/// check form and payload only (verifying who signed is the reader's business, Data 2.6.s6.b2).
/// </remarks>
public static class StatementSignature
{
    public const string UsageType = "http://adlnet.gov/expapi/attachments/signature";
    public const string ContentType = "application/octet-stream";

    private static readonly JsonDocumentOptions PayloadOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>The signature attachments of a statement: index in <c>attachments</c> and the declared attachment.</summary>
    public static IEnumerable<(int Index, JsonObject Attachment)> Attachments(JsonObject statement) =>
        (statement["attachments"] as JsonArray ?? [])
            .Select((node, index) => (index, node as JsonObject))
            .Where(pair => pair.Item2?["usageType"] is JsonValue usage && usage.GetValueKind() == JsonValueKind.String
                && usage.GetValue<string>() == UsageType)
            .Select(pair => (pair.index, pair.Item2!));

    /// <summary>Checks one signature of <paramref name="statement"/>; returns why it is malformed, or null when it is well formed.</summary>
    public static string? Check(JsonObject statement, ReadOnlySpan<byte> signature)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(signature).Trim();
        }
        catch (DecoderFallbackException)
        {
            return "is not a JWS: not UTF-8 text";
        }

        var segments = text.Split('.');
        if (segments.Length != 3 || segments.Any(segment => segment.Length == 0))
        {
            return "is not a JWS in compact serialization (header.payload.signature)";
        }
        if (Decode(segments[0]) is not { } headerBytes || Decode(segments[1]) is not { } payloadBytes || Decode(segments[2]) is not { } signatureBytes)
        {
            return "is not a JWS: a segment is not base64url";
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return "has a JWS header that is not a JSON object";
        }
        var algorithm = header["alg"] is JsonValue alg && alg.GetValueKind() == JsonValueKind.String ? alg.GetValue<string>() : null;
        if (HashOf(algorithm) is not { } hash)
        {
            return $"uses JWS algorithm '{algorithm ?? "(none)"}'; signed statements must use RS256, RS384 or RS512";
        }

        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(payloadBytes, documentOptions: PayloadOptions);
        }
        catch (JsonException)
        {
            return "has a JWS payload that is not JSON";
        }
        if (payload is not JsonObject original)
        {
            return "has a JWS payload that is not a Statement object";
        }
        if (StatementComparer.Compare(original, statement) is { AreEquivalent: false } difference)
        {
            return $"signs a different statement (first difference at '{difference.DifferencePath}')";
        }

        return header["x5c"] is { } chain ? CheckAgainstCertificate(chain, segments, signatureBytes, hash) : null;
    }

    private static string? CheckAgainstCertificate(JsonNode chain, string[] segments, byte[] signature, HashAlgorithmName hash)
    {
        if (chain is not JsonArray { Count: > 0 } certificates || certificates[0] is not JsonValue leaf || leaf.GetValueKind() != JsonValueKind.String)
        {
            return "has an x5c header that is not an array of base64 certificates";
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(leaf.GetValue<string>()));
            using var key = certificate.GetRSAPublicKey();
            if (key is null)
            {
                return "has an x5c certificate without an RSA key";
            }
            var signingInput = Encoding.ASCII.GetBytes($"{segments[0]}.{segments[1]}");
            return key.VerifyData(signingInput, signature, hash, RSASignaturePadding.Pkcs1)
                ? null
                : "does not verify against the certificate in its x5c header";
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return "has an x5c certificate that cannot be read";
        }
    }

    private static HashAlgorithmName? HashOf(string? algorithm) => algorithm switch
    {
        "RS256" => HashAlgorithmName.SHA256,
        "RS384" => HashAlgorithmName.SHA384,
        "RS512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static byte[]? Decode(string segment)
    {
        try
        {
            return Base64Url.DecodeFromChars(segment);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
