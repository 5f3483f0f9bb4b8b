using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace SevenTaps.Testing;

/// <summary>Signs statements the way an xAPI client does (JWS compact serialization, RSA, optional x5c chain).</summary>
public sealed class JwsTestSigner : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public JwsTestSigner()
    {
        var request = new CertificateRequest("CN=SevenTaps test signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>A JWS over <paramref name="payload"/>; <paramref name="withCertificate"/> adds the x5c header.</summary>
    public string Sign(JsonNode payload, string algorithm = "RS256", bool withCertificate = true, JsonObject? extraHeader = null)
    {
        var header = new JsonObject { ["alg"] = algorithm };
        if (withCertificate)
        {
            header["x5c"] = new JsonArray(Convert.ToBase64String(Certificate.RawData));
        }
        foreach (var (name, value) in extraHeader ?? [])
        {
            header[name] = value?.DeepClone();
        }
        var signingInput = $"{Encode(header.ToJsonString())}.{Encode(payload.ToJsonString())}";
        var hash = algorithm switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Adds the signature attachment declaration for <paramref name="jws"/> to a copy of the statement.</summary>
    public static JsonObject WithSignatureAttachment(JsonObject statement, string jws)
    {
        var signed = (JsonObject)statement.DeepClone();
        var bytes = Encoding.UTF8.GetBytes(jws);
        signed["attachments"] = new JsonArray(new JsonObject
        {
            ["usageType"] = "http://adlnet.gov/expapi/attachments/signature",
            ["display"] = new JsonObject { ["en-US"] = "Signature" },
            ["contentType"] = "application/octet-stream",
            ["length"] = bytes.Length,
            ["sha2"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        });
        return signed;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
