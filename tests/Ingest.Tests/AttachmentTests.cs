using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Ingest.Tests;

[Collection(IngestCollection.Name)]
public sealed class AttachmentTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [Fact]
    public async Task An_attachment_sent_as_a_multipart_part_is_stored_and_returned_with_attachments_true()
    {
        var content = Encoding.UTF8.GetBytes($"certificate for {Guid.NewGuid()}");
        var sha2 = Convert.ToHexStringLower(SHA256.HashData(content));
        var id = Guid.NewGuid();
        var statement = WithAttachment(Statements.Simple(id), sha2, content.Length, fileUrl: null);

        using var put = await _client.PutAsync($"/xapi/statements?statementId={id}", Multipart(statement, (sha2, content)));
        Assert.True(put.StatusCode == HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());

        using var response = await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true");
        Assert.Equal("multipart/mixed", response.Content.Headers.ContentType?.MediaType);
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(
            response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!, await response.Content.ReadAsStreamAsync());
        var json = await reader.ReadNextSectionAsync();
        Assert.Equal(id.ToString(), JsonNode.Parse(await new StreamReader(json!.Body).ReadToEndAsync())!["id"]!.GetValue<string>());
        var part = await reader.ReadNextSectionAsync();
        Assert.Equal(sha2, part!.Headers!["X-Experience-API-Hash"].ToString());
        using var bytes = new MemoryStream();
        await part.Body.CopyToAsync(bytes);
        Assert.Equal(content, bytes.ToArray());
    }

    [Fact]
    public async Task An_attachment_with_a_fileUrl_needs_no_part()
    {
        var statement = WithAttachment(Statements.Simple(), new string('a', 64), 10, fileUrl: "https://files.example.com/a.pdf");

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(statement));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_attachment_without_fileUrl_or_part_is_rejected()
    {
        var statement = WithAttachment(Statements.Simple(), new string('b', 64), 10, fileUrl: null);

        using var response = await _client.PostAsync("/xapi/statements", Multipart(statement));

        Assert.Equal("attachments", await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task A_part_whose_content_does_not_match_its_hash_is_rejected()
    {
        var content = "real content"u8.ToArray();
        var claimed = new string('c', 64);
        var statement = WithAttachment(Statements.Simple(), claimed, content.Length, fileUrl: null);

        using var response = await _client.PostAsync("/xapi/statements", Multipart(statement, (claimed, content)));

        Assert.Equal("X-Experience-API-Hash", await Problems.SingleErrorPathAsync(response));
    }

    private static JsonObject WithAttachment(JsonObject statement, string sha2, int length, string? fileUrl)
    {
        var attachment = new JsonObject
        {
            ["usageType"] = "http://id.tincanapi.com/attachment/certificate_of_completion",
            ["display"] = new JsonObject { ["en-US"] = "Certificate" },
            ["contentType"] = "text/plain",
            ["length"] = length,
            ["sha2"] = sha2,
        };
        if (fileUrl is not null)
        {
            attachment["fileUrl"] = fileUrl;
        }
        statement["attachments"] = new JsonArray(attachment);
        return statement;
    }

    private static MultipartContent Multipart(JsonObject statement, params (string Sha2, byte[] Content)[] parts)
    {
        var multipart = new MultipartContent("mixed");
        multipart.Add(Statements.Json(statement));
        foreach (var (sha2, content) in parts)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            part.Headers.Add("Content-Transfer-Encoding", "binary");
            part.Headers.Add("X-Experience-API-Hash", sha2);
            multipart.Add(part);
        }
        return multipart;
    }
}
