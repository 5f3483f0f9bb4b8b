using System.Text.Json;

namespace Ingest.Tests;

[Collection(IngestCollection.Name)]
public sealed class StatementQueryTests(IngestFixture ingest)
{
    private readonly HttpClient _client = ingest.Client();

    [Fact]
    public async Task A_statement_is_returned_by_id_with_consistency_headers()
    {
        var id = Guid.NewGuid();
        await PutAsync(Statements.Simple(id, response: "hello"));

        using var response = await _client.GetAsync($"/xapi/statements?statementId={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(id.ToString(), statement["id"]!.GetValue<string>());
        Assert.Equal("hello", statement["result"]!["response"]!.GetValue<string>());
        Assert.True(response.Headers.Contains("X-Experience-API-Consistent-Through"));
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
    }

    [Fact]
    public async Task HEAD_answers_like_GET_without_a_body()
    {
        var id = Guid.NewGuid();
        await PutAsync(Statements.Simple(id));

        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/xapi/statements?statementId={id}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Experience-API-Consistent-Through"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unknown_id_is_404_with_a_json_error()
    {
        using var response = await _client.GetAsync($"/xapi/statements?statementId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_voided_statement_is_found_only_by_voidedStatementId_and_leaves_query_results()
    {
        var learner = $"voided-{Guid.NewGuid():N}";
        var target = Guid.NewGuid();
        var voiding = Guid.NewGuid();
        await PutAsync(Statements.Simple(target, learner: learner));
        await PutAsync(Statements.Voiding(target, voiding));

        using var byId = await _client.GetAsync($"/xapi/statements?statementId={target}");
        using var byVoidedId = await _client.GetAsync($"/xapi/statements?voidedStatementId={target}");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byVoidedId.StatusCode);
        // The voided statement leaves query results; its voiding statement refers to it, so it matches in its place.
        Assert.Equal([voiding], await QueryIdsAsync($"agent={Agent(learner)}"));
        Assert.Contains(voiding, await QueryIdsAsync($"verb={Uri.EscapeDataString(Statements.Voided)}"));
    }

    [Fact]
    public async Task A_voiding_statement_that_arrives_before_its_target_voids_it_on_arrival()
    {
        var target = Guid.NewGuid();
        await PutAsync(Statements.Voiding(target));
        await PutAsync(Statements.Simple(target));

        using var byId = await _client.GetAsync($"/xapi/statements?statementId={target}");
        using var byVoidedId = await _client.GetAsync($"/xapi/statements?voidedStatementId={target}");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byVoidedId.StatusCode);
    }

    [Fact]
    public async Task Voiding_holds_when_target_and_voiding_statement_arrive_at_the_same_moment()
    {
        var targets = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(targets.SelectMany(target => new[] { PutAsync(Statements.Simple(target)), PutAsync(Statements.Voiding(target)) }));

        Assert.Equal(40L, await ingest.ScalarAsync<long>("SELECT count(*) FROM xapi.statements WHERE id = ANY($1) AND is_voided", targets.ToArray()));
    }

    [Fact]
    public async Task A_voiding_statement_cannot_be_voided()
    {
        var target = Guid.NewGuid();
        var voiding = Guid.NewGuid();
        await PutAsync(Statements.Simple(target));
        await PutAsync(Statements.Voiding(target, voiding));

        using var response = await _client.PostAsync("/xapi/statements", Statements.Json(Statements.Voiding(voiding)));

        Assert.Equal("object.id", await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task Queries_filter_by_agent_verb_activity_registration_and_time()
    {
        var learner = $"filter-{Guid.NewGuid():N}";
        var registration = Guid.NewGuid().ToString();
        var lesson = $"https://courses.example.com/{Guid.NewGuid():N}";
        var answered = Guid.NewGuid();
        var completed = Guid.NewGuid();
        var other = Guid.NewGuid();
        await PutAsync(Statements.Simple(answered, learner: learner, activity: $"{lesson}/poll/1", registration: registration, parent: lesson));
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await PutAsync(Statements.Simple(completed, learner: learner, verb: Statements.Completed, activity: lesson));
        await PutAsync(Statements.Simple(other, learner: $"{learner}-other", activity: lesson));

        Assert.Equal([completed, answered], await QueryIdsAsync($"agent={Agent(learner)}"));
        Assert.Equal([completed], await QueryIdsAsync($"agent={Agent(learner)}&verb={Uri.EscapeDataString(Statements.Completed)}"));
        Assert.Equal([other, completed], await QueryIdsAsync($"activity={Uri.EscapeDataString(lesson)}"));
        Assert.Equal([answered], await QueryIdsAsync($"registration={registration}"));
        // The lesson is only a context parent of the answer: found with related_activities.
        Assert.Contains(answered, await QueryIdsAsync($"activity={Uri.EscapeDataString(lesson)}&related_activities=true"));
        Assert.Equal([completed], await QueryIdsAsync($"agent={Agent(learner)}&since={Uri.EscapeDataString(between.ToString("O"))}"));
        Assert.Equal([answered], await QueryIdsAsync($"agent={Agent(learner)}&until={Uri.EscapeDataString(between.ToString("O"))}"));
        // The same instant written with another offset.
        var elsewhere = between.ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz");
        Assert.Equal([completed], await QueryIdsAsync($"agent={Agent(learner)}&since={Uri.EscapeDataString(elsewhere)}"));
        Assert.Equal([answered], await QueryIdsAsync($"agent={Agent(learner)}&until={Uri.EscapeDataString(elsewhere)}"));
        Assert.Equal([answered, completed], await QueryIdsAsync($"agent={Agent(learner)}&ascending=true"));
    }

    [Fact]
    public async Task Paging_with_more_walks_every_matching_statement_once()
    {
        var learner = $"paging-{Guid.NewGuid():N}";
        var batch = new JsonArray(Enumerable.Range(0, 25).Select(index => (JsonNode)Statements.Simple(learner: learner, response: index.ToString())).ToArray());
        (await _client.PostAsync("/xapi/statements", Statements.Json(batch))).EnsureSuccessStatusCode();

        var seen = new List<Guid>();
        var pages = 0;
        string? next = $"/xapi/statements?agent={Agent(learner)}&limit=10";
        while (!string.IsNullOrEmpty(next))
        {
            using var response = await _client.GetAsync(next);
            response.EnsureSuccessStatusCode();
            var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            seen.AddRange(result["statements"]!.AsArray().Select(statement => Guid.Parse(statement!["id"]!.GetValue<string>())));
            next = result["more"]!.GetValue<string>();
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public async Task Format_ids_reduces_agents_and_activities_to_their_identifiers()
    {
        var id = Guid.NewGuid();
        await PutAsync(Statements.Simple(id));

        using var response = await _client.GetAsync($"/xapi/statements?statementId={id}&format=ids");

        var statement = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(statement["object"]!["definition"]);
        Assert.Null(statement["verb"]!["display"]);
        // "Only include minimum information necessary to identify": an Activity is its id (objectType is optional),
        // an Agent its objectType and identifier (XAPI-00171).
        Assert.Equal(["id"], statement["object"]!.AsObject().Select(pair => pair.Key));
        Assert.Equal(["objectType", "account"], statement["actor"]!.AsObject().Select(pair => pair.Key));
    }

    [Fact]
    public async Task Format_canonical_keeps_the_requested_language()
    {
        var id = Guid.NewGuid();
        await PutAsync(Statements.Simple(id));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={id}&format=canonical");
        request.Headers.AcceptLanguage.ParseAdd("fr");

        using var response = await _client.SendAsync(request);

        var name = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["object"]!["definition"]!["name"]!.AsObject();
        Assert.Equal(["fr"], name.Select(pair => pair.Key));
    }

    [Theory]
    [InlineData("colour=blue", "colour")]
    [InlineData("statementId=not-a-uuid", "statementId")]
    [InlineData("statementId=6c7ea2a0-9d1e-4a3e-8f61-6d3e3bd1c8f0&verb=http%3A%2F%2Fexample.com%2Fv", "verb")]
    [InlineData("agent=%7B%22name%22%3A%22nobody%22%7D", "agent")]
    [InlineData("limit=-1", "limit")]
    [InlineData("format=pretty", "format")]
    [InlineData("since=yesterday", "since")]
    [InlineData("ascending=maybe", "ascending")]
    public async Task Bad_query_parameters_are_rejected_by_name(string query, string parameter)
    {
        using var response = await _client.GetAsync($"/xapi/statements?{query}");

        Assert.Equal(parameter, await Problems.SingleErrorPathAsync(response));
    }

    [Fact]
    public async Task A_statement_referring_to_a_match_matches_too_recursively()
    {
        var learner = $"ref-{Guid.NewGuid():N}";
        var original = Guid.NewGuid();
        await PutAsync(Statements.Simple(original, learner: learner));
        var comment = Guid.NewGuid();
        await PutAsync(Referring(comment, original, "http://adlnet.gov/expapi/verbs/commented"));
        var reply = Guid.NewGuid();
        await PutAsync(Referring(reply, comment, "http://adlnet.gov/expapi/verbs/responded"));
        var unrelated = Guid.NewGuid();
        await PutAsync(Referring(unrelated, Guid.NewGuid(), "http://adlnet.gov/expapi/verbs/commented"));

        var ids = await QueryIdsAsync($"agent={Agent(learner)}&ascending=true");

        Assert.Equal([original, comment, reply], ids);
    }

    [Fact]
    public async Task Time_filters_apply_to_the_referring_statement_itself()
    {
        var learner = $"ref-time-{Guid.NewGuid():N}";
        var original = Guid.NewGuid();
        await PutAsync(Statements.Simple(original, learner: learner));
        await Task.Delay(20);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var comment = Guid.NewGuid();
        await PutAsync(Referring(comment, original, "http://adlnet.gov/expapi/verbs/commented"));

        var ids = await QueryIdsAsync($"agent={Agent(learner)}&since={Uri.EscapeDataString(since.ToString("O"))}");

        Assert.Equal([comment], ids);
    }

    [Fact]
    public async Task A_reference_matches_only_when_its_target_matches_every_filter()
    {
        var learner = $"ref-all-{Guid.NewGuid():N}";
        var original = Guid.NewGuid();
        await PutAsync(Statements.Simple(original, learner: learner, verb: Statements.Completed));
        await PutAsync(Referring(Guid.NewGuid(), original, "http://adlnet.gov/expapi/verbs/commented"));

        Assert.Empty(await QueryIdsAsync($"agent={Agent(learner)}&verb={Uri.EscapeDataString(Statements.Answered)}"));
        Assert.Equal(2, (await QueryIdsAsync($"agent={Agent(learner)}&verb={Uri.EscapeDataString(Statements.Completed)}")).Count);
    }

    /// <summary>Someone else's statement about another statement (its actor does not match the learner's filter).</summary>
    private static JsonObject Referring(Guid id, Guid target, string verb)
    {
        var statement = Statements.Simple(id, learner: "reviewer", verb: verb);
        statement["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.ToString() };
        return statement;
    }

    private async Task PutAsync(JsonObject statement)
    {
        var id = statement["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        statement["id"] = id;
        using var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Statements.Json(statement));
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private async Task<IReadOnlyList<Guid>> QueryIdsAsync(string query)
    {
        using var response = await _client.GetAsync($"/xapi/statements?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["statements"]!.AsArray().Select(statement => Guid.Parse(statement!["id"]!.GetValue<string>())).ToList();
    }

    private static string Agent(string learner) =>
        Uri.EscapeDataString(JsonSerializer.Serialize(new { account = new { homePage = "https://7taps.com", name = learner } }));
}
