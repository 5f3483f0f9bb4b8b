using Agent.Tests.Chat;

namespace Agent.Tests.Model;

/// <summary>
/// The model engine against a local OpenAI-compatible server over real HTTP: scripted tool calls and SQL, the guard
/// and PostgreSQL answering for real, and the requests the model received inspected.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class ModelEngineTests(ModelFixture agent)
{
    private readonly HttpClient _client = agent.Client();
    private FakeModelServer Model => agent.Model;

    [Fact]
    public async Task A_verified_question_asked_as_a_tool_call_is_answered_with_the_verified_query()
    {
        const string question = "How are folks getting on with the third module?";
        Model.Script(question, FakeModelServer.ToolCall("verified_question", new { question = "What is the completion rate of lesson 3?" }));

        var answer = await _client.AskAsync(question);

        Assert.True(answer.Answered(), answer.ToJsonString());
        Assert.Equal(FakeModelServer.ModelName, answer["engine"]!.GetValue<string>());
        Assert.Equal("verified", answer["provenance"]!.GetValue<string>());
        var lesson = agent.Truth.Lessons.Where(l => l.Started > 0).OrderBy(l => l.Number).ElementAt(2);
        Assert.Equal(Math.Round((double)lesson.Completed / lesson.Started, 4), answer.Numbers("completion_rate").Single());
        Assert.Contains(answer["assumptions"]!.AsArray(), a => a!.GetValue<string>().Contains("What is the completion rate of lesson 3?"));

        // The model was offered both tools and given the published schema, our terms in SQL and verified examples.
        var request = Assert.Single(Model.RequestsFor(question));
        Assert.Equal(["run_sql", "verified_question"], request["tools"]!.AsArray().Select(tool => tool!["function"]!["name"]!.GetValue<string>()).Order());
        var system = string.Concat(Strings(request["messages"]![0]!["content"]));
        Assert.Contains("## `user_activities` (fact)", system);
        Assert.Contains("| `first_completed_at` |", system);
        Assert.Contains("- drop-off: ", system);
        Assert.Contains("\nQ: How many learners are there?\n", system);
        Assert.Matches(@"FROM analysis\.\w+", system);
    }

    [Fact]
    public async Task Generated_sql_with_a_wrong_column_is_repaired_from_the_database_error()
    {
        const string question = "How many different verbs do the statements use?";
        const string repaired = "SELECT count(DISTINCT verb) AS verbs FROM analysis.user_activities";
        Model.Script(question,
            FakeModelServer.ToolCall("run_sql", new { sql = "SELECT count(DISTINCT verb_name) AS verbs FROM analysis.user_activities" }),
            FakeModelServer.ToolCall("run_sql", new { sql = repaired }),
            FakeModelServer.Text("The statements use a handful of different verbs."));

        var answer = await _client.AskAsync(question);

        Assert.True(answer.Answered(), answer.ToJsonString());
        Assert.Equal("generated", answer["provenance"]!.GetValue<string>());
        Assert.Equal(FakeModelServer.ModelName, answer["engine"]!.GetValue<string>());
        Assert.Equal(repaired, answer["sql"]!.GetValue<string>());
        Assert.Equal((double)(long)(await agent.ScalarAsync("SELECT count(DISTINCT verb) FROM analysis.user_activities"))!, answer.Numbers("verbs").Single());
        Assert.StartsWith("The statements use a handful of different verbs.", answer["answer"]!.GetValue<string>());
        // The second request carried PostgreSQL's error about the wrong column back to the model.
        var requests = Model.RequestsFor(question);
        Assert.Equal(3, requests.Count);
        var toolReply = ToolMessages(requests[1]).Single();
        Assert.Contains("verb_name", toolReply);
        Assert.Contains("does not exist", toolReply);
    }

    [Fact]
    public async Task A_write_the_model_writes_is_refused_by_the_guard_and_nothing_changes()
    {
        const string question = "Remove the learners who never finished a lesson";
        var learners = await agent.ScalarAsync("SELECT count(*) FROM analysis.users");
        Model.Script(question,
            FakeModelServer.ToolCall("run_sql", new { sql = "DELETE FROM analysis.users WHERE user_id NOT IN (SELECT user_id FROM analysis.learner_totals WHERE lessons_completed > 0)" }),
            FakeModelServer.Text("I cannot change data; Seven only reads it."));

        var answer = await _client.AskAsync(question);

        Assert.False(answer.Answered(), answer.ToJsonString());
        Assert.Null(answer["sql"]);
        Assert.Null(answer["provenance"]);
        Assert.Equal(learners, await agent.ScalarAsync("SELECT count(*) FROM analysis.users"));
        Assert.Contains("Refused (not_a_select)", ToolMessages(Model.RequestsFor(question)[1]).Single());
    }

    [Fact]
    public async Task When_the_model_server_is_down_the_answer_says_so_and_the_offline_engine_answers()
    {
        const string question = "How many learners are there?";
        await Model.StopAsync();
        try
        {
            var answer = await _client.AskAsync(question);

            Assert.True(answer.Answered(), answer.ToJsonString());
            Assert.Equal("offline", answer["engine"]!.GetValue<string>());
            Assert.Equal("verified", answer["provenance"]!.GetValue<string>());
            var text = answer["answer"]!.GetValue<string>();
            Assert.True(text.StartsWith($"The model ({FakeModelServer.ModelName}) could not answer: it could not be reached.", StringComparison.Ordinal), text);
            Assert.Equal(agent.Truth.Learners, answer.Numbers("learners").Single());
        }
        finally
        {
            await Model.StartAsync();
        }
    }

    [Fact]
    public async Task Learners_free_text_and_identities_are_not_sent_to_the_model_by_default()
    {
        const string question = "What do learners write about sleep, and who?";
        const string sql = """
            SELECT r.response_text, r.user_id, u.display_name, count(*) OVER () AS answers
            FROM analysis.user_responses r JOIN analysis.users u USING (user_id)
            WHERE r.sentiment IS NOT NULL
            """;
        Model.Script(question, FakeModelServer.ToolCall("run_sql", new { sql }), FakeModelServer.Text("Several learners wrote about it."));

        var answer = await _client.AskAsync(question);

        // The course owner sees the answers themselves...
        Assert.True(answer.Answered(), answer.ToJsonString());
        var written = answer.Texts("response_text");
        Assert.NotEmpty(written);
        // ...the model saw none of them, nor whose they are: every value of those columns was withheld.
        var sent = Model.RequestsFor(question).SelectMany(Strings).ToList();
        foreach (var text in await agent.TextsAsync("SELECT DISTINCT response_text FROM analysis.user_responses WHERE sentiment IS NOT NULL AND length(response_text) > 12"))
        {
            Assert.DoesNotContain(sent, value => value.Contains(text, StringComparison.Ordinal));
        }
        foreach (var identity in await agent.TextsAsync("SELECT user_id FROM analysis.users UNION SELECT display_name FROM analysis.users WHERE length(display_name) > 5"))
        {
            Assert.DoesNotContain(sent, value => value.Contains(identity, StringComparison.Ordinal));
        }
        var rowsSeen = JsonNode.Parse(ToolMessages(Model.RequestsFor(question)[1]).Single())!["rows"]!.AsArray();
        Assert.NotEmpty(rowsSeen);
        Assert.All(rowsSeen, row => Assert.Equal("[withheld]", row![0]!.GetValue<string>()));
        var freeText = (long)(await agent.ScalarAsync("SELECT count(*) FROM analysis.user_responses WHERE sentiment IS NOT NULL"))!;
        Assert.All(rowsSeen, row => Assert.Equal(freeText, row![3]!.GetValue<long>()));
    }

    /// <summary>The contents of the tool messages in a request, as the model got them.</summary>
    private static IReadOnlyList<string> ToolMessages(JsonObject request) =>
        request["messages"]!.AsArray().Where(message => message!["role"]!.GetValue<string>() == "tool")
            .Select(message => message!["content"] is JsonValue value ? value.GetValue<string>() : string.Concat(message["content"]!.AsArray().Select(part => part!["text"]!.GetValue<string>())))
            .ToList();

    /// <summary>Every string in a request, decoded, and in the strings that are JSON themselves (tool results): what the model read.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject value => value.SelectMany(property => Strings(property.Value)),
        JsonArray items => items.SelectMany(Strings),
        JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => Inner(text.GetValue<string>()).Prepend(text.GetValue<string>()),
        _ => [],
    };

    private static IEnumerable<string> Inner(string text)
    {
        if (!text.StartsWith('{'))
        {
            return [];
        }
        try
        {
            return Strings(JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
