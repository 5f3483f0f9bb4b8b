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
    public async Task The_canonical_definition_follows_the_latest_from_a_credential_allowed_to_define()
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

    /// <summary>
    /// Communication "Activities Resource" (XAPI-00254): the Activity object holds all the LRS knows from every statement
    /// about it; two statements naming it in two languages give both names.
    /// </summary>
    [Fact]
    public async Task Definitions_from_several_statements_are_merged_language_by_language()
    {
        var id = $"https://courses.example.com/{Guid.NewGuid():N}";
        var english = Statements.Simple(activity: id);
        english["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "meeting" }, ["type"] = "http://adlnet.gov/expapi/activities/meeting" };
        var french = Statements.Simple(activity: id);
        french["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["fr-FR"] = "réunion" } };

        (await _client.PostAsync("/xapi/statements", Statements.Json(new JsonArray(english, french)))).EnsureSuccessStatusCode();
        var definition = JsonNode.Parse(await _client.GetStringAsync($"/xapi/activities?activityId={Uri.EscapeDataString(id)}"))!["definition"]!;

        Assert.Equal("meeting", definition["name"]!["en-US"]!.GetValue<string>());
        Assert.Equal("réunion", definition["name"]!["fr-FR"]!.GetValue<string>());
        Assert.Equal("http://adlnet.gov/expapi/activities/meeting", definition["type"]!.GetValue<string>());
    }

    /// <summary>
    /// A context activity's definition is an Activity definition like the object's (Data "Activity Definition"): a
    /// defining credential's statements define it, other credentials' do not.
    /// </summary>
    [Fact]
    public async Task Context_activities_of_a_defining_credential_are_defined_too()
    {
        var defined = $"https://courses.example.com/{Guid.NewGuid():N}";
        var undefined = $"https://courses.example.com/{Guid.NewGuid():N}";
        var writer = await ingest.CreateCredentialAsync("no-define-context", "statements/write");
        using var writerClient = ingest.Client(writer.Key, writer.Secret);
        JsonObject WithParent(string parent)
        {
            var statement = Statements.Simple();
            statement["context"] = new JsonObject
            {
                ["contextActivities"] = new JsonObject
                {
                    ["parent"] = new JsonObject { ["id"] = parent, ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "The course" } } },
                },
            };
            return statement;
        }

        (await _client.PostAsync("/xapi/statements", Statements.Json(WithParent(defined)))).EnsureSuccessStatusCode();
        (await writerClient.PostAsync("/xapi/statements", Statements.Json(WithParent(undefined)))).EnsureSuccessStatusCode();

        var fromDefiner = JsonNode.Parse(await _client.GetStringAsync($"/xapi/activities?activityId={Uri.EscapeDataString(defined)}"))!;
        var fromWriter = JsonNode.Parse(await _client.GetStringAsync($"/xapi/activities?activityId={Uri.EscapeDataString(undefined)}"))!;
        Assert.Equal("The course", fromDefiner["definition"]?["name"]?["en-US"]?.GetValue<string>());
        Assert.Null(fromWriter["definition"]);
    }

    /// <summary>
    /// Communication "GET Statements", format canonical: Activity definitions come from the LRS's canonical definitions
    /// (not the statement's own), each Language Map reduced to the language Accept-Language prefers.
    /// </summary>
    [Fact]
    public async Task Format_canonical_serves_the_canonical_definition_in_the_preferred_language()
    {
        var id = $"https://courses.example.com/{Guid.NewGuid():N}";
        var writer = await ingest.CreateCredentialAsync("no-define-canonical", "statements/write");
        using var writerClient = ingest.Client(writer.Key, writer.Secret);
        var canonical = Statements.Simple(activity: id);
        canonical["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "Canonical", ["fr-FR"] = "Canonique" } };
        var own = Statements.Simple(Guid.NewGuid(), activity: id);
        own["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "The writer's own" } };
        (await _client.PostAsync("/xapi/statements", Statements.Json(canonical))).EnsureSuccessStatusCode();
        (await writerClient.PostAsync("/xapi/statements", Statements.Json(own))).EnsureSuccessStatusCode();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={own["id"]}&format=canonical");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");
        request.Headers.AcceptLanguage.ParseAdd("en-US;q=0.5");
        using var response = await _client.SendAsync(request);
        using var exact = await _client.GetAsync($"/xapi/statements?statementId={own["id"]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["object"]!["definition"]!["name"]!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["fr-FR"] = "Canonique" }, name), name.ToJsonString());
        var stored = JsonNode.Parse(await exact.Content.ReadAsStringAsync())!["object"]!["definition"]!["name"]!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["en-US"] = "The writer's own" }, stored), stored.ToJsonString());
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
