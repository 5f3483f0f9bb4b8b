namespace Ingest.Tests;

/// <summary>The 1.0.3 alternate request syntax: everything travels in a form POSTed with ?method=.</summary>
[Collection(IngestCollection.Name)]
public sealed class AlternateRequestSyntaxTests(IngestFixture ingest)
{
    // Like IE's XDomainRequest: no Authorization or version header of its own.
    private readonly HttpClient _bare = ingest.Client(key: null, version: null);

    private static string Authorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IngestFixture.Key}:{IngestFixture.Secret}"));

    [Fact]
    public async Task PUT_through_the_form_stores_the_statement_and_GET_through_the_form_finds_it()
    {
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id, response: "sent through a form");

        using var put = await _bare.PostAsync("/xapi/statements?method=PUT", Form(new()
        {
            ["statementId"] = id.ToString(),
            ["content"] = statement.ToJsonString(),
            ["Content-Type"] = "application/json",
        }));
        Assert.True(put.StatusCode == HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());

        using var get = await _bare.PostAsync("/xapi/statements?method=GET", Form(new() { ["statementId"] = id.ToString() }));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("sent through a form", JsonNode.Parse(await get.Content.ReadAsStringAsync())!["result"]!["response"]!.GetValue<string>());
    }

    [Fact]
    public async Task POST_through_the_form_returns_the_ids()
    {
        var statements = new JsonArray(Statements.Simple(), Statements.Simple());

        using var response = await _bare.PostAsync("/xapi/statements?method=POST", Form(new() { ["content"] = statements.ToJsonString() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count);
    }

    [Fact]
    public async Task Credentials_in_the_form_are_checked()
    {
        using var response = await _bare.PostAsync("/xapi/statements?method=GET", Form(new()
        {
            ["statementId"] = Guid.NewGuid().ToString(),
            ["Authorization"] = "Basic " + Convert.ToBase64String("nobody:wrong"u8.ToArray()),
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Other_query_parameters_than_method_are_rejected()
    {
        using var response = await _bare.PostAsync($"/xapi/statements?method=GET&statementId={Guid.NewGuid()}", Form(new()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("only query parameter", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_method_is_rejected()
    {
        using var response = await _bare.PostAsync("/xapi/statements?method=PATCH", Form(new()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task xAPI_2_requests_cannot_use_it()
    {
        using var response = await _bare.PostAsync("/xapi/statements?method=GET", Form(new() { ["X-Experience-API-Version"] = "2.0.0" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2.0", await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields)
    {
        fields.TryAdd("Authorization", Authorization);
        fields.TryAdd("X-Experience-API-Version", "1.0.3");
        return new FormUrlEncodedContent(fields);
    }
}
