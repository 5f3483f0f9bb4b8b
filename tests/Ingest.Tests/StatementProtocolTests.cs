namespace Ingest.Tests;

/// <summary>Statement Resource rules of xAPI 1.0.3 and 2.0.0 that concern the protocol rather than storage.</summary>
[Collection(IngestCollection.Name)]
public sealed class StatementProtocolTests(IngestFixture ingest)
{
    private const string ConsistentThrough = "X-Experience-API-Consistent-Through";

    [Fact]
    public async Task Every_statements_response_carries_Consistent_Through_errors_included()
    {
        using var client = ingest.Client();
        using var anonymous = ingest.Client(key: null);
        var id = Guid.NewGuid();

        using var stored = await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));
        using var conflict = await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id, learner: "someone-else")));
        using var invalid = await client.PostAsync("/xapi/statements", Statements.Json(new JsonObject { ["actor"] = 1 }));
        using var missing = await client.GetAsync($"/xapi/statements?statementId={Guid.NewGuid()}");
        using var unauthorized = await anonymous.GetAsync("/xapi/statements");

        foreach (var (response, status) in new[] { (stored, 204), (conflict, 409), (invalid, 400), (missing, 404), (unauthorized, 401) })
        {
            Assert.Equal(status, (int)response.StatusCode);
            var value = Assert.Single(response.Headers.GetValues(ConsistentThrough));
            Assert.True(DateTimeOffset.TryParse(value, out var instant) && value.EndsWith('Z'), value);
            Assert.InRange(instant, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.Equal("1.0.3", Assert.Single(response.Headers.GetValues("X-Experience-API-Version")));
        }
    }

    [Fact]
    public async Task A_request_without_a_version_header_is_400_and_the_refusal_speaks_1_0_3()
    {
        using var client = ingest.Client(version: null);

        using var response = await client.PostAsync("/xapi/statements", Statements.Json(Statements.Simple()));

        Assert.Equal("X-Experience-API-Version", await Problems.SingleErrorPathAsync(response));
        Assert.Equal("1.0.3", Assert.Single(response.Headers.GetValues("X-Experience-API-Version")));
    }

    [Theory]
    [InlineData("1.0.3", "1.0")]
    [InlineData("1.0.3", "1.0.9")]
    [InlineData("2.0.0", "1.0")]
    [InlineData("2.0.0", "2.0")]
    public async Task A_statement_version_of_1_0_or_any_1_0_x_is_accepted_and_kept(string header, string version)
    {
        using var client = ingest.Client(version: header);
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id);
        statement["version"] = version;

        using var put = await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement));
        using var get = await client.GetAsync($"/xapi/statements?statementId={id}");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(version, JsonNode.Parse(await get.Content.ReadAsStringAsync())!["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1.0.3", 1)]
    [InlineData("1.0.3", 3)]
    [InlineData("2.0.0", 3)]
    public async Task An_authority_Group_must_be_exactly_two_Agents(string version, int members)
    {
        using var client = ingest.Client(version: version);
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id);
        statement["authority"] = new JsonObject
        {
            ["objectType"] = "Group",
            ["member"] = new JsonArray(Enumerable.Range(0, members)
                .Select(index => (JsonNode)new JsonObject { ["mbox"] = $"mailto:member{index}@example.com" }).ToArray()),
        };

        using var response = await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement));

        Assert.Equal("authority.member", await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task An_authority_Group_of_an_OAuth_consumer_and_a_user_is_accepted()
    {
        using var client = ingest.Client();
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id);
        statement["authority"] = JsonNode.Parse("""
            { "objectType": "Group", "member": [
                { "account": { "homePage": "https://example.com/oauth", "name": "consumer" } },
                { "mbox": "mailto:user@example.com" } ] }
            """);

        using var response = await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("ids")]
    [InlineData("canonical")]
    public async Task A_single_context_activity_object_is_returned_as_an_array_of_one(string format)
    {
        using var client = ingest.Client();
        var id = Guid.NewGuid();
        var registration = Guid.NewGuid().ToString();
        (await client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id, registration: registration)))).EnsureSuccessStatusCode();

        using var single = await client.GetAsync($"/xapi/statements?statementId={id}&format={format}");
        using var list = await client.GetAsync($"/xapi/statements?registration={registration}&format={format}");

        var fromSingle = JsonNode.Parse(await single.Content.ReadAsStringAsync())!;
        var fromList = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["statements"]![0]!;
        foreach (var statement in new[] { fromSingle, fromList })
        {
            var parent = Assert.IsType<JsonArray>(statement["context"]!["contextActivities"]!["parent"]);
            Assert.Equal("https://courses.example.com/lesson-1", Assert.Single(parent)!["id"]!.GetValue<string>());
        }
    }
}
