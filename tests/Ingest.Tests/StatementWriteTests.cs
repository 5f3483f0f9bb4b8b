using System.Text.Json;

namespace Ingest.Tests;

[Collection(IngestCollection.Name)]
public sealed class StatementWriteTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [RealSampleFact(RealSamples.Statement)]
    public async Task The_real_7taps_statement_is_accepted_as_it_was_sent()
    {
        var stored = await PutAsItWasSentAsync(RealSamples.Read(RealSamples.Statement));

        Assert.Equal("https://courses.practiceoflife.com/yjG39Clb0pSm", stored["context"]!["contextActivities"]!["parent"]!["id"]!.GetValue<string>());
        Assert.Equal("aloha!", stored["result"]!["response"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_lone_statement_reaches_the_stream_once_and_its_outbox_row_is_cleared_without_another_write()
    {
        var id = Guid.NewGuid();
        using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        // No write follows to delete the row in its transaction: the publisher does, before outbox recovery would take
        // the row for unsent (2 s) and put the statement on the stream a second time.
        await Eventually.HoldsAsync(async () => await ingest.ScalarAsync<long>(
            "SELECT count(*) FROM xapi.outbox_batches, unnest(statement_ids) AS waiting(id) WHERE waiting.id = $1", id) == 0);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(await ingest.StreamEntriesAsync(), entry => entry.Id == id.ToString());
    }

    [Fact]
    public async Task The_sample_7taps_statement_is_accepted_as_it_was_sent()
    {
        var stored = await PutAsItWasSentAsync(SampleFiles.Read(SampleFiles.Statement));

        Assert.Equal("8c1e4b27-5d93-4f0a-b6e2-71a9d3c05f48", stored["id"]!.GetValue<string>());
        Assert.Equal(SampleFiles.Lesson1Url, stored["context"]!["contextActivities"]!["parent"]!["id"]!.GetValue<string>());
        Assert.Equal("Water first, then the phone 🙂", stored["result"]!["response"]!.GetValue<string>());
        Assert.Equal("3f9a0c5d7b2e48f1a6c4d9e0b1f27a83", stored["actor"]!["account"]!["name"]!.GetValue<string>());
    }

    /// <summary>PUTs a statement as 7taps does and returns it as stored, checking what the LRS adds.</summary>
    private async Task<JsonNode> PutAsItWasSentAsync(string json)
    {
        var id = JsonNode.Parse(json)!["id"]!.GetValue<string>();
        await ingest.ScalarAsync<int>("DELETE FROM xapi.statements WHERE id = $1::uuid", id);

        using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = JsonNode.Parse((await ingest.ScalarAsync<string>("SELECT statement::text FROM xapi.statements WHERE id = $1::uuid", Guid.Parse(id)))!)!;
        // What the LRS sets: stored, timestamp (missing in the original), authority, version.
        Assert.NotNull(stored["stored"]);
        Assert.Equal(stored["stored"]!.GetValue<string>(), stored["timestamp"]!.GetValue<string>());
        Assert.Equal("1.0.0", stored["version"]!.GetValue<string>());
        Assert.Equal("bootstrap", stored["authority"]!["name"]!.GetValue<string>());
        return stored;
    }

    [Fact]
    public async Task A_PUT_retried_three_times_stores_one_row_and_one_stream_entry()
    {
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(1L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
        await Eventually.HoldsAsync(async () => (await ingest.StreamEntriesAsync()).Count(entry => entry.Id == id.ToString()) == 1);
    }

    [Fact]
    public async Task Concurrent_PUTs_of_the_same_statement_store_it_once()
    {
        var id = Guid.NewGuid();
        var statement = Statements.Simple(id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        Assert.Equal(1L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
    }

    [Fact]
    public async Task The_same_statement_with_its_properties_in_another_order_is_not_a_conflict()
    {
        var id = Guid.NewGuid();
        var first = Statements.Simple(id);
        var reordered = new JsonObject(first.Reverse().Select(pair => KeyValuePair.Create(pair.Key, pair.Value?.DeepClone())));
        (await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(first))).EnsureSuccessStatusCode();

        using var again = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(reordered));

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task The_same_id_with_different_content_is_a_conflict()
    {
        var id = Guid.NewGuid();
        (await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id, response: "yes")))).EnsureSuccessStatusCode();

        using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(Statements.Simple(id, response: "no")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var stored = await ingest.ScalarAsync<string>("SELECT statement->'result'->>'response' FROM xapi.statements WHERE id = $1", id);
        Assert.Equal("yes", stored);
    }

    [Fact]
    public async Task PUT_needs_a_statementId_that_matches_the_body()
    {
        var id = Guid.NewGuid();
        using var missing = await _client.PutAsync("/xapi/statements", Statements.Json(Statements.Simple(id)));
        using var mismatch = await _client.PutAsync($"/xapi/statements?statementId={Guid.NewGuid()}", Statements.Json(Statements.Simple(id)));
        using var array = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(new JsonArray(Statements.Simple(id))));

        Assert.Equal("statementId", await Problems.SingleErrorPathAsync(missing));
        Assert.Equal("id", await Problems.SingleErrorPathAsync(mismatch));
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
    }

    [Fact]
    public async Task POST_stores_a_batch_and_returns_ids_in_order_assigning_missing_ones()
    {
        var given = Guid.NewGuid();
        var batch = new JsonArray(Statements.Simple(given), Statements.Simple(), Statements.Simple(response: "third"));

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(batch));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = JsonSerializer.Deserialize<Guid[]>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(3, ids.Length);
        Assert.Equal(given, ids[0]);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal("third", await ingest.ScalarAsync<string>("SELECT statement->'result'->>'response' FROM xapi.statements WHERE id = $1", ids[2]));
    }

    [Fact]
    public async Task A_streamed_batch_without_Content_Length_is_read_to_its_end()
    {
        // Chunked, with no length to size the first buffer by: the body (about 100 KB) outgrows it several times.
        var ids = Enumerable.Range(0, 400).Select(_ => Guid.NewGuid()).ToArray();
        var batch = new JsonArray(ids.Select(id => (JsonNode)Statements.Simple(id, response: $"streamed {id}")).ToArray());
        using var request = Statements.StreamedPost(batch);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ids, JsonSerializer.Deserialize<Guid[]>(await response.Content.ReadAsStringAsync()));
        Assert.Equal(400L, await ingest.ScalarAsync<long>(
            "SELECT count(*) FROM xapi.statements WHERE id = ANY($1) AND statement->'result'->>'response' = 'streamed ' || id", ids));
    }

    [Fact]
    public async Task A_stored_statement_is_the_received_one_completed_by_the_LRS()
    {
        var lowerCase = Guid.NewGuid();
        var upperCase = Guid.NewGuid();
        var claimsAuthority = Guid.NewGuid();
        // Whitespace, escapes and non-ASCII text as a client may send them; an id in upper case (stored in the
        // canonical lower case); properties the LRS replaces (stored, authority); a timestamp the client chose.
        var body = """
            [ { "id" : "__LOWER__",
                "actor": {"account": {"homePage": "https://7taps.com", "name": "l\u00e9a"}},
                "verb": {"id": "http:\/\/adlnet.gov\/expapi\/verbs\/answered", "display": {"en-US": "answered"}},
                "object": {"id": "https://courses.example.com/lesson-1/form/1", "definition": {"name": {"en-US": "Caf\u00e9 \"quoted\" \ud83e\udde0"}}},
                "result": {"response": "tab\tnewline\nend"},
                "timestamp": "2026-11-30T10:00:00.123+01:00" },
              { "id": "__UPPER__", "actor": {"mbox": "mailto:a@example.com"},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"}, "object": {"id": "https://courses.example.com/a"} },
              { "id": "__CLAIMS__", "actor": {"mbox": "mailto:b@example.com"},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"}, "object": {"id": "https://courses.example.com/b"},
                "stored": "2001-01-01T00:00:00Z",
                "authority": {"objectType": "Agent", "mbox": "mailto:someone-else@example.com"} } ]
            """.Replace("__LOWER__", lowerCase.ToString()).Replace("__UPPER__", upperCase.ToString().ToUpperInvariant())
            .Replace("__CLAIMS__", claimsAuthority.ToString());

        using var response = await _client.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = JsonNode.Parse(body)!.AsArray();
        var ids = new[] { lowerCase, upperCase, claimsAuthority };
        for (var index = 0; index < ids.Length; index++)
        {
            var statement = JsonNode.Parse((await ingest.ScalarAsync<string>("SELECT statement::text FROM xapi.statements WHERE id = $1", ids[index]))!)!.AsObject();
            // Everything the client sent is kept as sent (the id in canonical form, stored and authority replaced) ...
            var expected = received[index]!.DeepClone().AsObject();
            expected["id"] = ids[index].ToString();
            expected.Remove("stored");
            expected.Remove("authority");
            expected["timestamp"] ??= statement["stored"]!.GetValue<string>();
            var kept = statement.DeepClone().AsObject();
            kept.Remove("stored");
            kept.Remove("authority");
            kept.Remove("version");
            Assert.True(JsonNode.DeepEquals(expected, kept), $"statement {index}: {kept.ToJsonString()} is not {expected.ToJsonString()}");
            // ... and the LRS adds what it owns.
            Assert.Equal("1.0.0", statement["version"]!.GetValue<string>());
            Assert.Equal("https://lrs.seventaps.local", statement["authority"]!["account"]!["homePage"]!.GetValue<string>());
            Assert.NotEqual("2001-01-01T00:00:00Z", statement["stored"]!.GetValue<string>());
            if (index == 0)
            {
                Assert.Equal("léa", statement["actor"]!["account"]!["name"]!.GetValue<string>());
                Assert.Equal("Café \"quoted\" 🧠", statement["object"]!["definition"]!["name"]!["en-US"]!.GetValue<string>());
                Assert.Equal("2026-11-30T10:00:00.123+01:00", statement["timestamp"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task POST_of_a_single_statement_returns_an_array_of_one_id()
    {
        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(Statements.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(JsonSerializer.Deserialize<Guid[]>(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_statement_stores_nothing_and_names_the_property()
    {
        var good = Guid.NewGuid();
        var bad = Statements.Simple();
        bad["actor"]!["mbox"] = "mailto:two@identifiers.example";
        var batch = new JsonArray(Statements.Simple(good), bad);

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(batch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("statements[1].actor", await Problems.SingleErrorPathAsync(response));
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", good));
    }

    /// <summary>
    /// Data "Voided": a voiding statement's object MUST be a StatementRef. Data "Authority": a Group authority (3-legged
    /// OAuth) MUST be the anonymous pair of an application and a user, so an identified Group is refused. Both 400,
    /// naming the property, and nothing stored.
    /// </summary>
    [Theory]
    [InlineData("voiding an Activity", "object")]
    [InlineData("authority an identified Group", "authority.mbox")]
    public async Task Statements_the_data_rules_forbid_are_400_naming_the_property(string @case, string path)
    {
        var id = Guid.NewGuid();
        var statement = @case == "voiding an Activity" ? Statements.Simple(id, verb: Statements.Voided) : Statements.Simple(id);
        if (@case == "authority an identified Group")
        {
            statement["authority"] = JsonNode.Parse("""
                { "objectType": "Group", "mbox": "mailto:group@example.com",
                  "member": [ { "mbox": "mailto:app@example.com" }, { "mbox": "mailto:user@example.com" } ] }
                """);
        }

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(statement));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, await Problems.SingleErrorPathAsync(response));
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", id));
    }

    [Fact]
    public async Task A_batch_with_a_conflicting_statement_stores_nothing()
    {
        var existing = Guid.NewGuid();
        (await _client.PutAsync($"/xapi/statements?statementId={existing}", Statements.Json(Statements.Simple(existing, response: "a")))).EnsureSuccessStatusCode();
        var fresh = Guid.NewGuid();

        using var response = await _client.PostAsync("/xapi/statements",
            Statements.Json(new JsonArray(Statements.Simple(fresh), Statements.Simple(existing, response: "b"))));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = $1", fresh));
    }

    [Fact]
    public async Task A_batch_resending_stored_statements_stores_the_others_once()
    {
        var stored = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        (await _client.PostAsync("/xapi/statements",
            Statements.Json(new JsonArray(stored.Select(id => (JsonNode)Statements.Simple(id, response: "sent twice")).ToArray())))).EnsureSuccessStatusCode();
        var fresh = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        // The stored ones among fresh ones, as a client re-sending a batch after a lost response does.
        var resent = fresh.Take(100).Concat(stored).Concat(fresh.Skip(100)).ToArray();

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(new JsonArray(
            resent.Select(id => (JsonNode)Statements.Simple(id, response: stored.Contains(id) ? "sent twice" : "fresh")).ToArray())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(resent, JsonSerializer.Deserialize<Guid[]>(await response.Content.ReadAsStringAsync()));
        Assert.Equal(203L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = ANY($1)", resent));
        var ids = resent.Select(id => id.ToString()).ToHashSet();
        await Eventually.HoldsAsync(async () => (await ingest.StreamEntriesAsync()).Count(entry => ids.Contains(entry.Id)) == 203);
    }

    [Fact]
    public async Task A_batch_repeating_an_id_is_rejected()
    {
        var id = Guid.NewGuid();
        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(new JsonArray(Statements.Simple(id), Statements.Simple(id))));

        Assert.Equal("statements[1].id", await Problems.SingleErrorPathAsync(response));
    }

    [Theory]
    [InlineData("{\"actor\": ", "")]
    [InlineData("42", "")]
    [InlineData("[1]", "statements[0]")]
    public async Task Malformed_bodies_are_rejected_with_a_clear_error(string body, string path)
    {
        using var response = await _client.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task Duplicate_properties_in_a_statement_are_rejected()
    {
        var body = "{\"actor\":{\"mbox\":\"mailto:a@example.com\"},\"verb\":{\"id\":\"http://example.com/v\"},\"verb\":{\"id\":\"http://example.com/w\"},\"object\":{\"id\":\"http://example.com/a\"}}";
        using var response = await _client.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_properties_and_bad_values_are_named_in_the_error()
    {
        var statement = Statements.Simple();
        statement["mood"] = "happy";
        statement["verb"]!["id"] = "not an iri";

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(statement));

        var paths = await Problems.ErrorPathsAsync(response);
        Assert.Contains("mood", paths);
        Assert.Contains("verb.id", paths);
    }

    [Theory]
    [InlineData("text/plain", "Content-Type")]
    [InlineData("application/json; charset=iso-8859-1", "Content-Type")]
    public async Task Other_content_types_and_charsets_are_rejected(string contentType, string path)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Statements.Simple().ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await _client.PostAsync("/xapi/statements", content);

        Assert.Equal(path, await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task More_statements_than_allowed_in_one_request_is_413()
    {
        var batch = new JsonArray(Enumerable.Range(0, 1001).Select(_ => (JsonNode)Statements.Simple()).ToArray());

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(batch));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413_with_a_json_error()
    {
        var huge = Statements.Simple(response: new string('x', 33 * 1024 * 1024));
        // As a well-behaved client would: ask before sending 33 MB, and get the refusal without sending it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/xapi/statements") { Content = Statements.Json(huge) };
        request.Headers.ExpectContinue = true;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_streamed_body_over_the_size_limit_is_413_and_stores_nothing()
    {
        // No Content-Length to refuse up front: the limit applies while the body is read.
        var marker = Guid.NewGuid().ToString();
        var huge = Statements.Simple(response: marker + new string('x', 33 * 1024 * 1024));
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = _client.DefaultRequestHeaders.Authorization!.ToString(),
            ["X-Experience-API-Version"] = "1.0.3",
            ["Content-Type"] = "application/json",
        };

        var answer = await ChunkedUpload.PostAsync(ingest.BaseAddress, "/xapi/statements", headers, Encoding.UTF8.GetBytes(huge.ToJsonString()));

        Assert.Equal((int)HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.StartsWith("application/problem+json", answer.Headers["Content-Type"]);
        Assert.Equal(0L, await ingest.ScalarAsync<long>(
            "SELECT count(*) FROM xapi.statements WHERE starts_with(statement->'result'->>'response', $1)", marker));
    }
}
