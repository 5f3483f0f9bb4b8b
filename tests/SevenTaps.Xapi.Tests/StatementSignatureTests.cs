using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using SevenTaps.Testing;
using static SevenTaps.Xapi.Tests.Samples;

namespace SevenTaps.Xapi.Tests;

public sealed class StatementSignatureTests : IDisposable
{
    private readonly JwsTestSigner _signer = new();

    public void Dispose() => _signer.Dispose();

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public void A_signature_over_the_statement_verifies(string algorithm)
    {
        var statement = Minimal();

        Assert.Null(Check(statement, _signer.Sign(statement, algorithm)));
    }

    [Fact]
    public void A_signature_without_a_certificate_is_checked_for_form_and_payload_only()
    {
        var statement = Minimal();

        Assert.Null(Check(statement, _signer.Sign(statement, withCertificate: false)));
    }

    [Fact]
    public void Properties_the_LRS_sets_do_not_break_the_signature()
    {
        var original = Minimal();
        original.Remove("id");
        var received = (JsonObject)original.DeepClone();
        received["id"] = Guid.NewGuid().ToString();
        received["stored"] = "2026-12-01T00:00:00.000Z";
        received["authority"] = N("""{"objectType":"Agent","account":{"homePage":"https://lrs.example.com","name":"lrs"}}""");

        Assert.Null(Check(received, _signer.Sign(original)));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("ES256")]
    [InlineData("PS256")]
    public void Algorithms_other_than_RSxxx_are_rejected(string algorithm)
    {
        var statement = Minimal();
        var jws = _signer.Sign(statement, withCertificate: false, extraHeader: new JsonObject { ["alg"] = algorithm });

        Assert.Contains("RS256, RS384 or RS512", Check(statement, jws));
    }

    [Fact]
    public void A_signature_over_a_different_statement_is_rejected()
    {
        var signed = Minimal();
        var received = (JsonObject)signed.DeepClone();
        received["verb"]!["id"] = "http://adlnet.gov/expapi/verbs/failed";

        Assert.Contains("different statement", Check(received, _signer.Sign(signed)));
    }

    [Fact]
    public void A_signature_the_certificate_does_not_verify_is_rejected()
    {
        var statement = Minimal();
        var parts = _signer.Sign(statement).Split('.');
        var forged = Base64Url.DecodeFromChars(parts[2]);
        forged[10] ^= 0xFF;

        Assert.Contains("does not verify", Check(statement, $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(forged)}"));
    }

    [Fact]
    public void A_certificate_of_another_key_does_not_verify()
    {
        using var other = new JwsTestSigner();
        var statement = Minimal();
        var otherCertificate = new JsonObject { ["x5c"] = new JsonArray(Convert.ToBase64String(other.Certificate.RawData)) };

        Assert.Contains("does not verify", Check(statement, _signer.Sign(statement, withCertificate: false, extraHeader: otherCertificate)));
    }

    [Theory]
    [InlineData("not a jws", "compact serialization")]
    [InlineData("a.b", "compact serialization")]
    [InlineData("a..c", "compact serialization")]
    [InlineData("@@@.@@@.@@@", "base64url")]
    [InlineData("e30.e30.AAAA", "RS256, RS384 or RS512")]
    public void Malformed_signatures_are_rejected(string jws, string reason)
    {
        Assert.Contains(reason, Check(Minimal(), jws));
    }

    [Fact]
    public void A_payload_that_is_not_a_statement_object_is_rejected()
    {
        Assert.Contains("not a Statement object", Check(Minimal(), _signer.Sign(new JsonArray(1, 2))));
    }

    [Fact]
    public void An_unreadable_certificate_is_rejected()
    {
        var statement = Minimal();
        var jws = _signer.Sign(statement, withCertificate: false, extraHeader: new JsonObject { ["x5c"] = new JsonArray("bm90IGEgY2VydA==") });

        Assert.Contains("cannot be read", Check(statement, jws));
    }

    [Fact]
    public void Signature_attachments_are_found_by_usage_type()
    {
        var statement = JwsTestSigner.WithSignatureAttachment(Minimal(), "x.y.z");

        var (index, attachment) = Assert.Single(StatementSignature.Attachments(statement));
        Assert.Equal(0, index);
        Assert.Equal(StatementSignature.ContentType, attachment["contentType"]!.GetValue<string>());
    }

    private static string? Check(JsonObject statement, string jws) => StatementSignature.Check(statement, Encoding.UTF8.GetBytes(jws));
}
