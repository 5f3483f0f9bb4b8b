namespace Ingest.Tests;

/// <summary>The Agents Resource (Communication "Agents Resource") and the About Resource.</summary>
[Collection(IngestCollection.Name)]
public sealed class AgentsAndAboutTests(IngestFixture ingest)
{
    [Theory]
    [InlineData("1.0.3", """{"objectType":"Agent","name":"Léa","mbox":"mailto:lea@example.com"}""", """{"objectType":"Person","name":["Léa"],"mbox":["mailto:lea@example.com"]}""")]
    [InlineData("2.0.0", """{"account":{"homePage":"https://7taps.com","name":"learner-9"}}""", """{"objectType":"Person","account":[{"homePage":"https://7taps.com","name":"learner-9"}]}""")]
    [InlineData("1.0.3", """{"mbox_sha1sum":"ebd31e95054c018b10727ccffd2ef2ec3a016ee9"}""", """{"objectType":"Person","mbox_sha1sum":["ebd31e95054c018b10727ccffd2ef2ec3a016ee9"]}""")]
    public async Task An_Agent_unknown_to_the_LRS_still_gets_a_Person_object_of_what_the_request_said(string version, string agent, string person)
    {
        using var client = ingest.Client(version: version);

        using var response = await client.GetAsync($"/xapi/agents?agent={Uri.EscapeDataString(agent)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(version, Assert.Single(response.Headers.GetValues("X-Experience-API-Version")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(person), body), body!.ToJsonString());
    }

    [Theory]
    [InlineData("/xapi/agents", "agent")]
    [InlineData("/xapi/agents?agent=%7B%22name%22%3A%22no%20IFI%22%7D", "agent")]
    [InlineData("/xapi/agents?agent=%7B%22objectType%22%3A%22Group%22%2C%22mbox%22%3A%22mailto%3Ag%40example.com%22%7D", "agent.objectType")]
    [InlineData("/xapi/agents?agent=%7B%22mbox%22%3A%22a%40example.com%22%7D", "agent.mbox")]
    [InlineData("/xapi/agents?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&profileId=x", "profileId")]
    public async Task A_missing_invalid_or_Group_agent_is_400(string url, string path)
    {
        using var client = ingest.Client();

        using var response = await client.GetAsync(url);

        Assert.Equal(path, await Problems.SingleErrorPathAsync(response));
    }

    [Theory]
    [InlineData(null, "1.0.3")]
    [InlineData("2.0.0", "2.0.0")]
    public async Task About_lists_both_versions_and_the_limits_extension_and_answers_in_the_version_asked(string? version, string answered)
    {
        using var client = ingest.Client(key: null, version: version);

        using var response = await client.GetAsync("/xapi/about");

        var about = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["1.0.3", "2.0.0"], about["version"]!.AsArray().Select(v => v!.GetValue<string>()));
        var limits = about["extensions"]!["https://seventaps.com/xapi/extensions/limits"]!;
        Assert.Equal(1000, limits["statementsPerRequest"]!.GetValue<int>());
        Assert.Equal(1024 * 1024, limits["statementBytes"]!.GetValue<int>());
        Assert.Equal(16 * 1024 * 1024, limits["documentBytes"]!.GetValue<int>());
        Assert.Equal(answered, Assert.Single(response.Headers.GetValues("X-Experience-API-Version")));
    }
}
