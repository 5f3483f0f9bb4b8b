using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Ingest.Tests;

/// <summary>
/// The State, Activity Profile and Agent Profile resources against the specification's MUSTs (Communication
/// "Document Resources", "State Resource", "Agent Profile Resource", "Activity Profile Resource", "Concurrency").
/// </summary>
[Collection(IngestCollection.Name)]
public sealed class DocumentTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task A_stored_document_comes_back_byte_for_byte_with_its_content_type_SHA_1_ETag_and_Last_Modified(string resource)
    {
        var documents = DocumentResource.Named(resource);
        var content = new byte[] { 0, 1, 2, 255, 254, 0x7F, 10, 13 };

        using var put = await PutNew(_client, documents.Url("doc"), Bytes(content, "application/x-custom"));
        using var get = await _client.GetAsync(documents.Url("doc"));
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, documents.Url("doc")));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/x-custom", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{Sha1(content)}\"", get.Headers.ETag?.Tag);
        Assert.InRange(get.Content.Headers.LastModified!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task A_document_never_stored_is_404_and_the_LRS_needs_no_prior_knowledge_of_the_Activity_or_Agent(string resource)
    {
        var documents = DocumentResource.Named(resource);

        using var absent = await _client.GetAsync(documents.Url("never"));
        using var put = await PutNew(_client, documents.Url("first"), Json("""{"a":1}"""));

        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal("application/problem+json", absent.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
    }

    public static TheoryData<string, string> ConcurrencyCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in new[] { "state", "activity-profile", "agent-profile" })
        {
            foreach (var @case in new[]
            {
                "PUT If-Match current", "PUT If-Match stale", "PUT If-Match * absent", "PUT If-None-Match * present",
                "PUT If-None-Match * absent", "PUT without headers present", "PUT without headers absent", "POST If-Match stale", "POST If-None-Match * present",
                "POST If-Match current", "DELETE If-Match stale", "DELETE If-Match current",
            })
            {
                data.Add(resource, @case);
            }
        }
        return data;
    }

    /// <summary>
    /// Communication "Concurrency": 412 and no change when a precondition fails; 409 for a blind PUT over a profile, 400
    /// for a blind PUT of a new profile; a 1.0.3 State PUT may be blind.
    /// </summary>
    [Theory]
    [MemberData(nameof(ConcurrencyCases))]
    public async Task The_concurrency_matrix(string resource, string @case)
    {
        var documents = DocumentResource.Named(resource);
        var original = """{"version":1}""";
        var present = !@case.EndsWith(" absent", StringComparison.Ordinal);
        if (present)
        {
            (await PutNew(_client, documents.Url("doc"), Json(original))).EnsureSuccessStatusCode();
        }
        var current = $"\"{Sha1(Encoding.UTF8.GetBytes(original))}\"";
        var stale = $"\"{Sha1("something else"u8.ToArray())}\"";
        var parts = @case.Split(' ');
        var request = new HttpRequestMessage(new HttpMethod(parts[0]), documents.Url("doc"));
        if (parts[0] != "DELETE")
        {
            request.Content = Json("""{"version":2}""");
        }
        if (parts[1] != "without")
        {
            var tag = parts[2] switch { "current" => current, "stale" => stale, _ => "*" };
            request.Headers.TryAddWithoutValidation(parts[1], tag);
        }

        using var response = await _client.SendAsync(request);
        using var after = await _client.GetAsync(documents.Url("doc"));
        var stored = after.StatusCode == HttpStatusCode.OK ? await after.Content.ReadAsStringAsync() : null;

        var (status, expected) = @case switch
        {
            "PUT If-Match current" or "PUT If-None-Match * absent" => (204, """{"version":2}"""),
            "POST If-Match current" => (204, """{"version":2}"""),
            "PUT If-Match * absent" => (412, null),
            "PUT without headers present" when !documents.IsState => (409, original),
            "PUT without headers present" => (204, """{"version":2}"""),
            // A profile PUT must carry If-Match or If-None-Match (the client's SHOULD*, XAPI-00273); a 1.0.3 State PUT need not.
            "PUT without headers absent" when !documents.IsState => (400, null),
            "PUT without headers absent" => (204, """{"version":2}"""),
            "DELETE If-Match current" => (204, null),
            _ => (412, original),
        };
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(expected, stored);
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task POST_of_JSON_merges_top_level_properties_into_the_stored_JSON_object(string resource)
    {
        var documents = DocumentResource.Named(resource);
        (await PutNew(_client, documents.Url("doc"), Json("""{"x":"foo","y":"bar","o":{"keep":false}}"""))).EnsureSuccessStatusCode();

        using var post = await _client.PostAsync(documents.Url("doc"), Json("""{"x":"bash","z":"faz","o":{"new":true}}"""));
        using var get = await _client.GetAsync(documents.Url("doc"));

        Assert.Equal(HttpStatusCode.NoContent, post.StatusCode);
        var merged = JsonNode.Parse(await get.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":"bash","y":"bar","z":"faz","o":{"new":true}}"""), merged), merged!.ToJsonString());
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{Sha1(await get.Content.ReadAsByteArrayAsync())}\"", get.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("stored text", "text/plain", """{"a":1}""", "application/json")]
    [InlineData("""{"a":1}""", "application/json", "plain", "text/plain")]
    [InlineData("""{"a":1}""", "application/json", """[1,2]""", "application/json")]
    [InlineData("""[1]""", "application/json", """{"a":1}""", "application/json")]
    [InlineData("""{"a":1}""", "application/json", """{"a":""", "application/json")]
    public async Task POST_that_cannot_merge_is_400_and_changes_nothing(string stored, string storedType, string posted, string postedType)
    {
        var documents = DocumentResource.State;
        var id = Guid.NewGuid().ToString();
        (await PutNew(_client, documents.Url(id), new StringContent(stored, Encoding.UTF8, storedType))).EnsureSuccessStatusCode();

        using var post = await _client.PostAsync(documents.Url(id), new StringContent(posted, Encoding.UTF8, postedType));
        using var get = await _client.GetAsync(documents.Url(id));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(stored, await get.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task POST_of_a_document_not_stored_yet_stores_it(string resource)
    {
        var documents = DocumentResource.Named(resource);

        using var post = await _client.PostAsync(documents.Url("new"), new StringContent("not even JSON", Encoding.UTF8, "text/plain"));
        using var get = await _client.GetAsync(documents.Url("new"));

        Assert.Equal(HttpStatusCode.NoContent, post.StatusCode);
        Assert.Equal("not even JSON", await get.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task Without_an_id_GET_lists_the_ids_and_since_keeps_those_updated_after_it(string resource)
    {
        var documents = DocumentResource.Named(resource);
        (await PutNew(_client, documents.Url("older"), Json("{}"))).EnsureSuccessStatusCode();
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await PutNew(_client, documents.Url("newer"), Json("{}"))).EnsureSuccessStatusCode();

        using var all = await _client.GetAsync(documents.Url(null));
        using var since = await _client.GetAsync(documents.Url(null, $"&since={Uri.EscapeDataString(between.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"))}"));
        using var none = await _client.GetAsync(documents.Url(null, $"&since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"));

        Assert.Equal(["newer", "older"], Ids(await all.Content.ReadAsStringAsync()));
        Assert.Equal(["newer"], Ids(await since.Content.ReadAsStringAsync()));
        Assert.Empty(Ids(await none.Content.ReadAsStringAsync()));
        Assert.NotNull(all.Headers.ETag);
        Assert.NotNull(all.Content.Headers.LastModified);
    }

    [Fact]
    public async Task State_documents_are_kept_per_registration_and_DELETE_without_stateId_deletes_the_context()
    {
        var documents = DocumentResource.State;
        var first = $"&registration={Guid.NewGuid()}";
        var second = $"&registration={Guid.NewGuid()}";
        (await PutNew(_client, documents.Url("s"), Json("""{"r":0}"""))).EnsureSuccessStatusCode();
        (await PutNew(_client, documents.Url("s", first), Json("""{"r":1}"""))).EnsureSuccessStatusCode();
        (await PutNew(_client, documents.Url("s", second), Json("""{"r":2}"""))).EnsureSuccessStatusCode();
        (await PutNew(_client, documents.Url("t", second), Json("""{"r":2}"""))).EnsureSuccessStatusCode();

        Assert.Equal("""{"r":1}""", await _client.GetStringAsync(documents.Url("s", first)));
        Assert.Equal("""{"r":0}""", await _client.GetStringAsync(documents.Url("s")));
        Assert.Equal(["s", "t"], Ids(await _client.GetStringAsync(documents.Url(null, second))));

        using (var deleteSecond = await _client.DeleteAsync(documents.Url(null, second)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleteSecond.StatusCode);
        }
        Assert.Empty(Ids(await _client.GetStringAsync(documents.Url(null, second))));
        Assert.Equal(["s"], Ids(await _client.GetStringAsync(documents.Url(null, first))));

        using (var deleteAll = await _client.DeleteAsync(documents.Url(null)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleteAll.StatusCode);
        }
        Assert.Empty(Ids(await _client.GetStringAsync(documents.Url(null))));
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task DELETE_removes_one_document(string resource)
    {
        var documents = DocumentResource.Named(resource);
        (await PutNew(_client, documents.Url("gone"), Json("{}"))).EnsureSuccessStatusCode();
        (await PutNew(_client, documents.Url("kept"), Json("{}"))).EnsureSuccessStatusCode();

        using var delete = await _client.DeleteAsync(documents.Url("gone"));
        using var get = await _client.GetAsync(documents.Url("gone"));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(["kept"], Ids(await _client.GetStringAsync(documents.Url(null))));
    }

    [Fact]
    public async Task An_Agent_is_the_same_whatever_else_its_JSON_says()
    {
        var documents = DocumentResource.AgentProfile;
        (await PutNew(_client, documents.Url("p"), Json("""{"a":1}"""))).EnsureSuccessStatusCode();
        var sameAgent = new JsonObject { ["name"] = "Someone", ["mbox"] = documents.AgentMbox };

        using var get = await _client.GetAsync($"/xapi/agents/profile?agent={Uri.EscapeDataString(sameAgent.ToJsonString())}&profileId=p");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Theory]
    [InlineData("state", "/xapi/activities/state?agent={agent}&stateId=s", "activityId")]
    [InlineData("state", "/xapi/activities/state?activityId=not%20an%20iri&agent={agent}&stateId=s", "activityId")]
    [InlineData("state", "/xapi/activities/state?activityId=https://a.example.com&stateId=s", "agent")]
    [InlineData("state", "/xapi/activities/state?activityId=https://a.example.com&agent=%7B%22name%22%3A%22no%20IFI%22%7D&stateId=s", "agent")]
    [InlineData("state", "/xapi/activities/state?activityId=https://a.example.com&agent=%7B%22objectType%22%3A%22Group%22%2C%22mbox%22%3A%22mailto%3Ag%40example.com%22%7D&stateId=s", "agent.objectType")]
    [InlineData("state", "/xapi/activities/state?activityId=https://a.example.com&agent={agent}&stateId=s&registration=nope", "registration")]
    [InlineData("state", "/xapi/activities/state?activityId=https://a.example.com&agent={agent}&stateId=s&unknown=1", "unknown")]
    [InlineData("activity-profile", "/xapi/activities/profile?activityId=https://a.example.com&profileId=p&agent={agent}", "agent")]
    [InlineData("agent-profile", "/xapi/agents/profile?agent={agent}&profileId=p&since=2020-01-01T00:00:00Z", "since")]
    public async Task Bad_parameters_are_400_naming_them(string resource, string url, string path)
    {
        _ = resource;
        var agent = Uri.EscapeDataString("""{"mbox":"mailto:someone@example.com"}""");

        using var get = await _client.GetAsync(url.Replace("{agent}", agent));
        using var put = await PutNew(_client, url.Replace("{agent}", agent), Json("{}"));

        Assert.Equal(path, await Problems.SingleErrorPathAsync(get));
        Assert.Equal(path, await Problems.SingleErrorPathAsync(put));
    }

    [Fact]
    public async Task Profile_DELETE_needs_a_profileId()
    {
        using var response = await _client.DeleteAsync(DocumentResource.ActivityProfile.Url(null));

        Assert.Equal("profileId", await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task Scopes_state_and_profile_each_open_their_resources_only_and_all_read_only_reads()
    {
        var state = await ingest.CreateCredentialAsync("state-only", "state");
        var profile = await ingest.CreateCredentialAsync("profile-only", "profile");
        var statements = await ingest.CreateCredentialAsync("statements-only", "statements/write,statements/read");
        var reader = await ingest.CreateCredentialAsync("all-reader", "all/read");
        var documents = new[] { DocumentResource.State, DocumentResource.ActivityProfile, DocumentResource.AgentProfile };

        async Task<int[]> PutStatuses((string Key, string Secret) credential)
        {
            using var client = ingest.Client(credential.Key, credential.Secret);
            var statuses = new List<int>();
            foreach (var resource in documents)
            {
                using var response = await PutNew(client, resource.Url($"scoped-{credential.Key}"), Json("{}"));
                statuses.Add((int)response.StatusCode);
            }
            return statuses.ToArray();
        }

        Assert.Equal(new[] { 204, 403, 403 }, await PutStatuses(state));
        Assert.Equal(new[] { 403, 204, 204 }, await PutStatuses(profile));
        Assert.Equal(new[] { 403, 403, 403 }, await PutStatuses(statements));
        Assert.Equal(new[] { 403, 403, 403 }, await PutStatuses(reader));
        // all/read reads every resource: the state-only credential's document is found, the others never existed.
        using var readerClient = ingest.Client(reader.Key, reader.Secret);
        var reads = new List<int>();
        foreach (var resource in documents)
        {
            using var response = await readerClient.GetAsync(resource.Url($"scoped-{state.Key}"));
            reads.Add((int)response.StatusCode);
        }
        Assert.Equal([200, 404, 404], reads);
    }

    [Fact]
    public async Task A_document_over_the_size_limit_is_413_and_not_stored()
    {
        var documents = DocumentResource.State;

        using var response = await _client.PutAsync(documents.Url("big"), Bytes(new byte[16 * 1024 * 1024 + 1], "application/octet-stream"));
        using var get = await _client.GetAsync(documents.Url("big"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Theory]
    [InlineData("1.0.3")]
    [InlineData("2.0.0")]
    public async Task Both_versions_are_served_and_a_request_without_a_version_is_400(string version)
    {
        var documents = DocumentResource.Named("state");
        using var client = ingest.Client(version: version);
        using var unversioned = ingest.Client(version: null);

        using var put = await PutNew(client, documents.Url("v"), Json("{}"));
        using var refused = await unversioned.GetAsync(documents.Url("v"));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(version, Assert.Single(put.Headers.GetValues("X-Experience-API-Version")));
        Assert.Equal("X-Experience-API-Version", await Problems.SingleErrorPathAsync(refused));
    }

    [Fact]
    public async Task Concurrent_merges_into_one_document_lose_no_property()
    {
        var documents = DocumentResource.State;
        (await PutNew(_client, documents.Url("shared"), Json("{}"))).EnsureSuccessStatusCode();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(index => _client.PostAsync(documents.Url("shared"), Json($$"""{"p{{index}}":{{index}}}"""))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        var merged = JsonNode.Parse(await _client.GetStringAsync(documents.Url("shared")))!.AsObject();
        Assert.Equal(24, merged.Count);
    }

    [Fact]
    public async Task The_1_0_3_alternate_request_syntax_reaches_the_documents()
    {
        var documents = DocumentResource.State;
        using var bare = ingest.Client(key: null, version: null);
        var url = documents.Url("form");
        var query = url[(url.IndexOf('?') + 1)..].Split('&').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
        query["content"] = """{"via":"form"}""";
        query["Content-Type"] = "application/json";
        query["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IngestFixture.Key}:{IngestFixture.Secret}"));
        query["X-Experience-API-Version"] = "1.0.3";

        using var put = await bare.PostAsync("/xapi/activities/state?method=PUT", new FormUrlEncodedContent(query));

        Assert.True(put.StatusCode == HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
        Assert.Equal("""{"via":"form"}""", await _client.GetStringAsync(url));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_each_document_resource()
    {
        using var client = ingest.Client(version: null);

        var paths = JsonNode.Parse(await client.GetStringAsync("/xapi/openapi/v1.json"))!["paths"]!;

        foreach (var path in new[] { "/xapi/activities/state", "/xapi/activities/profile", "/xapi/agents/profile" })
        {
            var operations = paths[path]!.AsObject();
            Assert.Equal(["delete", "get", "head", "post", "put"], operations.Select(operation => operation.Key).Order(StringComparer.Ordinal));
            Assert.NotNull(operations["put"]!["requestBody"]!["content"]!["*/*"]);
            Assert.NotNull(operations["put"]!["responses"]!["412"]);
        }
    }

    /// <summary>
    /// 2.0's concurrency rules cover the State Resource: a PUT without If-Match or If-None-Match over a stored State
    /// document is 409 and changes nothing; a new one is stored. Under 1.0.3 the blind PUT replaces it.
    /// </summary>
    [Theory]
    [InlineData("2.0.0", 409)]
    [InlineData("1.0.3", 204)]
    public async Task A_blind_State_PUT_over_a_stored_document_is_409_under_2_0(string version, int expected)
    {
        var documents = DocumentResource.Named("state");
        using var client = ingest.Client(version: version);

        using var first = await client.PutAsync(documents.Url("blind"), Json("""{"n":1}"""));
        using var second = await client.PutAsync(documents.Url("blind"), Json("""{"n":2}"""));
        var stored = await client.GetStringAsync(documents.Url("blind"));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(expected, (int)second.StatusCode);
        Assert.Equal(expected == 409 ? """{"n":1}""" : """{"n":2}""", stored);
        if (expected == 409)
        {
            Assert.Contains("If-Match", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>Communication "JSON Procedure": a POSTed application/json document that is not a JSON object is 400, also when none is stored.</summary>
    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task POST_of_invalid_JSON_is_400_and_stores_nothing_even_without_a_stored_document(string resource)
    {
        var documents = DocumentResource.Named(resource);

        using var invalid = await _client.PostAsync(documents.Url("fresh"), Json("""{"a":1}["""));
        using var array = await _client.PostAsync(documents.Url("fresh"), Json("""[1,2]"""));
        using var get = await _client.GetAsync(documents.Url("fresh"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A PUT of a new document as a client should send it (Communication "Concurrency": If-None-Match: *).</summary>
    private static Task<HttpResponseMessage> PutNew(HttpClient client, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        return client.SendAsync(request);
    }

    private static ByteArrayContent Bytes(byte[] content, string contentType)
    {
        var bytes = new ByteArrayContent(content);
        bytes.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return bytes;
    }

    private static string Sha1(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    private static List<string> Ids(string json) => JsonNode.Parse(json)!.AsArray().Select(id => id!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
}
