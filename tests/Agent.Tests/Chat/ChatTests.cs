using System.Net.Http.Json;

namespace Agent.Tests.Chat;

/// <summary>The chat endpoint's contract: the response shape, evidence, declines, follow-ups, the audit and feedback.</summary>
[Collection(AgentCollection.Name)]
public sealed class ChatTests(AgentFixture agent)
{
    private readonly HttpClient _client = agent.Client();

    [Fact]
    public async Task An_answer_carries_its_evidence_and_the_sql_that_ran_reproduces_its_rows()
    {
        var answer = await _client.AskAsync("What is the completion rate of lesson 2?");

        Assert.True(answer.Answered());
        Assert.Equal("offline", answer["engine"]!.GetValue<string>());
        Assert.Equal("verified", answer["provenance"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer["conversationId"]!.GetValue<string>()));
        Assert.StartsWith("In lesson 2 \"", answer["answer"]!.GetValue<string>());
        Assert.Contains(answer["assumptions"]!.AsArray(), assumption => assumption!.GetValue<string>().StartsWith("lesson 2 is \""));
        Assert.NotEmpty(answer["followUps"]!.AsArray());
        Assert.Equal(DateTimeOffset.Parse((string)(await agent.ScalarAsync("SELECT max(\"timestamp\")::text FROM analysis.user_activities"))!),
            answer["asOf"]!.GetValue<DateTimeOffset>());

        // Running exactly the returned SQL and parameters through the guarded endpoint gives exactly the returned rows.
        using var rerun = await _client.PostAsJsonAsync("/api/agent/query", new { sql = answer["sql"]!.GetValue<string>(), parameters = answer["parameters"] });
        var rows = (await rerun.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        Assert.Equal(answer["columns"]!.ToJsonString(), rows["columns"]!.ToJsonString());
        Assert.Equal(answer["rows"]!.ToJsonString(), rows["rows"]!.ToJsonString());
        var lesson = agent.Truth.Lessons.Where(l => l.Started > 0).OrderBy(l => l.Number).ElementAt(1);
        Assert.Equal(Math.Round((double)lesson.Completed / lesson.Started, 4), answer.Numbers("completion_rate").Single());
    }

    [Fact]
    public async Task Charts_follow_the_shape_of_the_result()
    {
        var funnel = await _client.AskAsync("Where do learners drop off?");
        Assert.Equal("funnel", funnel["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        var series = await _client.AskAsync("statements per day");
        Assert.Equal("scatter", series["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(series["rows"]!.AsArray().Count, series["chart"]!["data"]![0]!["x"]!.AsArray().Count);
        var bars = await _client.AskAsync("completion rate by lesson");
        Assert.Equal("bar", bars["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        var single = await _client.AskAsync("How many learners are there?");
        Assert.Null(single["chart"]);
    }

    [Fact]
    public async Task A_question_it_cannot_place_is_declined_with_what_it_did_not_understand_and_questions_it_can_answer()
    {
        var answer = await _client.AskAsync("How many learners completed lesson 42?");

        Assert.False(answer.Answered());
        Assert.Contains("there is no lesson 42", answer["answer"]!.GetValue<string>());
        Assert.Null(answer["sql"]);
        Assert.Null(answer["provenance"]);
        Assert.Empty(answer["rows"]!.AsArray());
        Assert.NotEmpty(answer["followUps"]!.AsArray());

        var unknown = await _client.AskAsync("How many learners like pizza?");
        Assert.Contains("\"pizza\"", unknown["answer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Free_text_search_quotes_real_answers_that_match()
    {
        var answer = await _client.AskAsync("What do learners say about sleep?");

        Assert.True(answer.Answered());
        var quotes = answer.Texts("response_text");
        Assert.NotEmpty(quotes);
        var matching = (long)(await agent.ScalarAsync(
            "SELECT count(*) FROM analysis.user_responses WHERE response_search @@ websearch_to_tsquery('english', 'sleep')"))!;
        Assert.Equal(matching, answer.Numbers("matching_answers")[0]);
        foreach (var quote in quotes)
        {
            Assert.True((long)(await agent.ScalarAsync($"SELECT count(*) FROM analysis.user_responses WHERE response_text = '{quote!.Replace("'", "''")}'"))! > 0);
        }
        // Each quote is a Markdown quote block ending with where it was written.
        Assert.Equal(quotes.Count, answer["answer"]!.GetValue<string>().Split("> — lesson ").Length - 1);
    }

    [Fact]
    public async Task A_follow_up_changes_one_part_of_the_previous_question_and_a_cohort_filter_narrows_it()
    {
        var first = await _client.AskAsync("How many learners started lesson 1?");
        var conversation = first["conversationId"]!.GetValue<string>();
        var cohortLetter = "A";
        var narrowed = await _client.AskAsync($"only cohort {cohortLetter}", conversation);

        Assert.True(narrowed.Answered());
        Assert.Contains(narrowed["assumptions"]!.AsArray(), assumption => assumption!.GetValue<string>().StartsWith($"cohort {cohortLetter} is the"));
        var expected = (long)(await agent.ScalarAsync("""
            WITH first_week AS (SELECT min(date_trunc('week', first_seen AT TIME ZONE 'UTC')::date) AS week FROM analysis.users),
            lesson_one AS (SELECT lesson_url FROM analysis.lessons ORDER BY first_seen, lesson_url LIMIT 1)
            SELECT count(DISTINCT a.user_id) FROM analysis.user_activities a JOIN analysis.users u USING (user_id)
            WHERE a.lesson_url = (SELECT lesson_url FROM lesson_one)
              AND date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date = (SELECT week FROM first_week)
            """))!;
        Assert.Equal(expected, narrowed.Numbers("started").Single());
        Assert.True(expected < first.Numbers("started").Single());
    }

    [Fact]
    public async Task Every_exchange_is_audited_and_feedback_is_stored_next_to_it()
    {
        var conversation = Guid.NewGuid().ToString();
        var answered = await _client.AskAsync("How many lessons are there?", conversation);
        var declined = await _client.AskAsync("tell me a joke", conversation);

        var audit = (string)(await agent.ScalarAsync($"""
            SELECT string_agg(concat_ws('|', question, engine, coalesce(provenance, '-'), outcome, (sql IS NOT NULL)::text, coalesce(row_count, -1)::text, (duration_ms > 0)::text), ';' ORDER BY asked_at)
            FROM agent.exchanges WHERE conversation_id = '{conversation}'
            """))!;
        Assert.Equal("How many lessons are there?|offline|verified|answered|true|1|true;tell me a joke|offline|-|declined|false|-1|true", audit);

        using var feedback = await _client.PostAsJsonAsync("/api/agent/feedback",
            new { exchangeId = answered["exchangeId"]!.GetValue<Guid>(), helpful = false, reason = "I meant lessons with cards" });
        Assert.Equal(HttpStatusCode.NoContent, feedback.StatusCode);
        Assert.Equal("false|I meant lessons with cards", await agent.ScalarAsync(
            $"SELECT helpful::text || '|' || reason FROM agent.feedback WHERE exchange_id = '{answered["exchangeId"]}'"));
        using var unknown = await _client.PostAsJsonAsync("/api/agent/feedback", new { exchangeId = Guid.NewGuid(), helpful = true });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(declined.Answered());
    }

    [Fact]
    public async Task Chat_needs_the_agent_scope_and_a_message()
    {
        var analyticsOnly = await TestApiKeys.CreateAsync(agent.DatabaseConnectionString, "analytics-only", SevenTaps.ApiKeys.ApiKeyScopes.Analytics);
        using var forbidden = agent.Client(analyticsOnly);
        Assert.Equal(HttpStatusCode.Forbidden, (await forbidden.PostAsJsonAsync("/api/agent/chat", new { message = "How many learners?" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/api/agent/chat", new { message = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/api/agent/chat", new { message = new string('a', 2_001) })).StatusCode);
    }

    [Fact]
    public async Task The_streaming_variant_sends_started_the_text_in_parts_and_the_whole_answer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/chat/stream") { Content = JsonContent.Create(new { message = "Where do learners drop off?" }) };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);

        var events = new List<(string Type, JsonObject Data)>();
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            events.Add((item.EventType, System.Text.Json.Nodes.JsonNode.Parse(item.Data)!.AsObject()));
        }

        Assert.Equal("started", events[0].Type);
        Assert.Equal("answer", events[^1].Type);
        var answer = events[^1].Data;
        Assert.Equal(events[0].Data["conversationId"]!.GetValue<string>(), answer["conversationId"]!.GetValue<string>());
        var deltas = events.Where(e => e.Type == "delta").Select(e => e.Data["text"]!.GetValue<string>()).ToList();
        Assert.True(deltas.Count >= 2);
        Assert.Equal(answer["answer"]!.GetValue<string>(), string.Concat(deltas).TrimEnd());
        Assert.Equal(agent.Truth.Lessons.Where(l => l.Started > 0).OrderBy(l => l.Number).Select(l => (double?)l.Dropoff), answer.Numbers("stopped_here"));
    }

    [Fact]
    public async Task Sentiment_by_lesson_and_at_risk_learners_equal_the_same_questions_asked_of_the_tables_directly()
    {
        var sentiment = await _client.AskAsync("What is the sentiment by lesson?");
        Assert.True(sentiment.Answered());
        var expected = (string)(await agent.ScalarAsync("""
            SELECT string_agg(n::text || ':' || round(m::numeric, 3)::text, ',' ORDER BY first_seen, lesson_url)
            FROM (SELECT l.lesson_url, l.first_seen, count(*) AS n, avg(r.sentiment) AS m
                  FROM analysis.user_responses r JOIN analysis.lessons l USING (lesson_url)
                  WHERE r.sentiment IS NOT NULL GROUP BY l.lesson_url, l.first_seen) s
            """))!;
        Assert.Equal(expected, string.Join(",", sentiment.Numbers("answers").Zip(sentiment.Numbers("mean_sentiment"),
            (n, m) => $"{n}:{m!.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}")));

        var atRisk = await _client.AskAsync("Which learners are at risk?");
        Assert.True(atRisk.Answered());
        var inactive = (long)(await agent.ScalarAsync("""
            WITH t AS (SELECT max("timestamp") AS t FROM analysis.user_activities),
            lessons AS (SELECT count(*) AS n FROM analysis.lessons)
            SELECT count(*) FROM (
                SELECT a.user_id FROM analysis.user_activities a WHERE a.lesson_url IS NOT NULL GROUP BY a.user_id
                HAVING max(a."timestamp") < (SELECT t FROM t) - interval '7 days'
                   AND count(DISTINCT a.lesson_url) FILTER (WHERE a.activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND a.question_id IS NULL) < (SELECT n FROM lessons)) x
            """))!;
        Assert.True(inactive > 0);
        Assert.Equal(Math.Min(inactive, 50), atRisk["rows"]!.AsArray().Count);
        Assert.All(atRisk.Numbers("days_inactive"), days => Assert.True(days >= 7));
    }
}
