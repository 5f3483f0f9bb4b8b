namespace Ingest.Tests;

/// <summary>The Activities Resource (Communication "Activities Resource") and the define scope.</summary>
[Collection(IngestCollection.Name)]
public sealed class ActivitiesTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [Theory]
    [InlineData("1.0.3")]
    [InlineData("2.0.0")]
    public async Task An_Activity_the_LRS_has_no_definition_of_is_returned_with_its_id(string version)
    {
        using var client = ingest.Client(version: version);
        var id = $"https://courses.example.com/{Guid.NewGuid():N}";

        using var response = await client.GetAsync($"/xapi/activities?activityId={Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activity = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["objectType"] = "Activity", ["id"] = id }, activity), activity!.ToJsonString());
    }

    [Fact]
    public async Task The_canonical_definition_is_the_latest_from_a_credential_allowed_to_define()
    {
        var id = $"https://courses.example.com/{Guid.NewGuid():N}";
        var writer = await ingest.CreateCredentialAsync("no-define", "statements/write");
        var definer = await ingest.CreateCredentialAsync("definer", "statements/write,define");
        using var writerClient = ingest.Client(writer.Key, writer.Secret);
        using var definerClient = ingest.Client(definer.Key, definer.Secret);

        async Task StoreAsync(HttpClient client, string name)
        {
            var statement = Statements.Simple(activity: id);
            statement["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = name } };
            (await client.PostAsync("/xapi/statements", Statements.Json(statement))).EnsureSuccessStatusCode();
        }
        async Task<string?> NameAsync() =>
            JsonNode.Parse(await _client.GetStringAsync($"/xapi/activities?activityId={Uri.EscapeDataString(id)}"))!["definition"]?["name"]?["en-US"]?.GetValue<string>();

        await StoreAsync(writerClient, "from a credential without define");
        Assert.Null(await NameAsync());
        await StoreAsync(_client, "from the all credential");
        Assert.Equal("from the all credential", await NameAsync());
        await StoreAsync(writerClient, "ignored again");
        Assert.Equal("from the all credential", await NameAsync());
        await StoreAsync(definerClient, "from the define credential");
        Assert.Equal("from the define credential", await NameAsync());
    }

    [Theory]
    [InlineData("/xapi/activities", "activityId")]
    [InlineData("/xapi/activities?activityId=not%20an%20IRI", "activityId")]
    [InlineData("/xapi/activities?activityId=https://a.example.com&agent=x", "agent")]
    public async Task A_missing_or_invalid_activityId_or_another_parameter_is_400(string url, string path)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(path, await Problems.SingleErrorPathAsync(response));
    }
}
