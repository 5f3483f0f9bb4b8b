namespace Ingest.Tests;

/// <summary>
/// Input that once broke the LRS: U+0000 in a string (answered 503, so clients retried it forever), a body that
/// is not UTF-8 (500), and a statement of 30 MB (accepted). Each is now a clear client error and stores nothing.
/// </summary>
[Collection(IngestCollection.Name)]
public sealed class HostileInputTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [Theory]
    [InlineData("result.response")]
    [InlineData("extension key")]
    public async Task A_statement_holding_U_0000_is_refused_with_400_and_nothing_is_stored(string where)
    {
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id, response: where == "result.response" ? "before\0after" : "fine");
        if (where == "extension key")
        {
            statement["result"]!["extensions"] = new JsonObject { ["https://example.com/ext\0key"] = 1 };
        }
        Assert.Contains("\\u0000", statement.ToJsonString());

        using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement));

        Assert.Equal("", await Problems.SingleErrorPathAsync(response));
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
    }

    [Fact]
    public async Task A_batch_with_one_U_0000_statement_stores_none_and_names_it()
    {
        var good = Guid.NewGuid();
        var bad = Guid.NewGuid();
        var batch = new JsonArray(Statements.Simple(good), Statements.Simple(bad, response: "\0"));

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(batch));

        Assert.Equal("statements[1]", await Problems.SingleErrorPathAsync(response));
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = ANY($1)", new[] { good, bad }));
    }

    [Fact]
    public async Task An_escaped_backslash_before_u0000_is_text_and_is_stored_as_sent()
    {
        var id = Guid.NewGuid();
        const string response = @"C:\u0000\file";

        using var put = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id, response: response)));
        using var get = await _client.GetAsync($"/xapi/statements?statementId={id}");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(response, JsonNode.Parse(await get.Content.ReadAsStringAsync())!["result"]!["response"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_UTF_8_is_refused_with_400()
    {
        var id = Guid.NewGuid();
        var utf8 = Encoding.UTF8.GetBytes(Statements.Simple(id, response: "XX").ToJsonString());
        var at = Encoding.UTF8.GetString(utf8).IndexOf("XX", StringComparison.Ordinal);
        // A lone continuation byte and a truncated two-byte sequence inside a string.
        utf8[at] = 0x80;
        utf8[at + 1] = 0xC3;
        var content = new ByteArrayContent(utf8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", content);

        Assert.Equal("", await Problems.SingleErrorPathAsync(response));
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
    }

    [Fact]
    public async Task A_statement_over_the_per_statement_limit_is_refused_with_413_and_one_under_it_is_stored()
    {
        var huge = Guid.NewGuid();
        var large = Guid.NewGuid();

        using var hugeResponse = await _client.PutAsync($"/xapi/statements?statementId={huge}", Statements.Json(Statements.Simple(huge, response: new string('x', 30 * 1024 * 1024))));
        using var largeResponse = await _client.PutAsync($"/xapi/statements?statementId={large}", Statements.Json(Statements.Simple(large, response: new string('x', 1000 * 1024))));

        var body = await hugeResponse.Content.ReadAsStringAsync();
        Assert.True(hugeResponse.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)hugeResponse.StatusCode}: {body}");
        Assert.Equal("application/problem+json", hugeResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1,048,576", body);
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", huge));
        Assert.Equal(HttpStatusCode.NoContent, largeResponse.StatusCode);
    }

    [Fact]
    public async Task In_a_batch_the_oversized_statement_is_named()
    {
        var batch = new JsonArray(Statements.Simple(), Statements.Simple(), Statements.Simple(response: new string('y', 2 * 1024 * 1024)));

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(batch));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("statements[2] ", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }
}
