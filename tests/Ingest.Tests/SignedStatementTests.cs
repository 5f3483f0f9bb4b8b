using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Ingest.Tests;

[Collection(IngestCollection.Name)]
public sealed class SignedStatementTests(IngestFixture ingest) : IDisposable
{
    private readonly HttpClient _client = ingest.Client();
    private readonly JwsTestSigner _signer = new();

    public void Dispose() => _signer.Dispose();

    [Fact]
    public async Task A_signed_statement_is_stored_and_returned_with_its_signature()
    {
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id, response: "signed answer");
        var jws = _signer.Sign(statement);

        using var put = await _client.PutAsync($"/xapi/statements?statementId={id}", Multipart(JwsTestSigner.WithSignatureAttachment(statement, jws), jws));
        Assert.True(put.StatusCode == HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());

        using var response = await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(jws, text);
        Assert.Contains("http://adlnet.gov/expapi/attachments/signature", text);
    }

    [Fact]
    public async Task A_statement_changed_after_signing_is_rejected_naming_the_signature()
    {
        var statement = Statements.Simple(Guid.NewGuid(), response: "what I signed");
        var jws = _signer.Sign(statement);
        var tampered = JwsTestSigner.WithSignatureAttachment(statement, jws);
        tampered["result"]!["response"] = "what arrived";

        using var response = await _client.PostAsync("/xapi/statements", Multipart(tampered, jws));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("attachments[0]", await Problems.SingleErrorPathAsync(response));
        Assert.Equal(0, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", Guid.Parse(statement["id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_signature_with_a_symmetric_algorithm_is_rejected()
    {
        var statement = Statements.Simple(Guid.NewGuid());
        var jws = _signer.Sign(statement, withCertificate: false, extraHeader: new JsonObject { ["alg"] = "HS256" });

        using var response = await _client.PostAsync("/xapi/statements", Multipart(JwsTestSigner.WithSignatureAttachment(statement, jws), jws));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("RS256", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signature_attachment_with_another_content_type_is_rejected()
    {
        var statement = Statements.Simple(Guid.NewGuid());
        var jws = _signer.Sign(statement);
        var declared = JwsTestSigner.WithSignatureAttachment(statement, jws);
        declared["attachments"]![0]!["contentType"] = "text/plain";

        using var response = await _client.PostAsync("/xapi/statements", Multipart(declared, jws));

        Assert.Equal("attachments[0].contentType", await Problems.SingleErrorPathAsync(response));
    }

    private static MultipartContent Multipart(JsonObject statement, string jws)
    {
        var multipart = new MultipartContent("mixed") { Statements.Json(statement) };
        var bytes = Encoding.UTF8.GetBytes(jws);
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        part.Headers.Add("Content-Transfer-Encoding", "binary");
        part.Headers.Add("X-Experience-API-Hash", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        multipart.Add(part);
        return multipart;
    }
}
