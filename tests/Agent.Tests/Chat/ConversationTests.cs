using System.Net.Http.Json;

namespace Agent.Tests.Chat;

/// <summary>Conversations kept per person (the caller names them in X-SevenTaps-User): listed, reopened, and private.</summary>
[Collection(AgentCollection.Name)]
public sealed class ConversationTests(AgentFixture agent)
{
    [Fact]
    public async Task A_persons_conversations_are_listed_and_reopened_with_their_answers_and_no_one_else_sees_them()
    {
        var ana = $"ana-{Guid.NewGuid():N}@example.org";
        var bob = $"bob-{Guid.NewGuid():N}@example.org";
        using var asAna = As(ana);
        using var asBob = As(bob);

        var first = await asAna.AskAsync("How many lessons are there?");
        var conversation = first["conversationId"]!.GetValue<string>();
        var second = await asAna.AskAsync("Where do learners drop off?", conversation);
        Assert.Equal(conversation, second["conversationId"]!.GetValue<string>());
        var other = await asAna.AskAsync("How many learners are there?");

        var listed = (await asAna.GetFromJsonAsync<JsonArray>("/api/agent/conversations"))!;
        Assert.Equal([other["conversationId"]!.GetValue<string>(), conversation],
            listed.Select(item => item!["conversationId"]!.GetValue<string>()).ToList());
        Assert.Equal("How many lessons are there?", listed[1]!["firstQuestion"]!.GetValue<string>());
        Assert.Equal(2, listed[1]!["exchanges"]!.GetValue<int>());

        // Reopened: each question with the answer exactly as it was given (its SQL and chart included).
        var turns = (await asAna.GetFromJsonAsync<JsonArray>($"/api/agent/conversations/{conversation}"))!;
        Assert.Equal(["How many lessons are there?", "Where do learners drop off?"], turns.Select(turn => turn!["question"]!.GetValue<string>()).ToList());
        var reopened = turns[0]!["answer"]!;
        foreach (var field in new[] { "conversationId", "exchangeId", "answer", "sql", "columns", "rows", "assumptions", "asOf", "followUps" })
        {
            Assert.Equal(first[field]!.ToJsonString(), reopened[field]!.ToJsonString());
        }
        Assert.Equal(second["sql"]!.GetValue<string>(), turns[1]!["answer"]!["sql"]!.GetValue<string>());
        Assert.Equal("funnel", turns[1]!["answer"]!["chart"]!["data"]![0]!["type"]!.GetValue<string>());

        // Bob sees none of it, and a follow-up on Ana's id starts a conversation of his own.
        Assert.Empty((await asBob.GetFromJsonAsync<JsonArray>("/api/agent/conversations"))!);
        using var notHis = await asBob.GetAsync($"/api/agent/conversations/{conversation}");
        Assert.Equal(HttpStatusCode.NotFound, notHis.StatusCode);
        var his = await asBob.AskAsync("How many lessons are there?", conversation);
        Assert.NotEqual(conversation, his["conversationId"]!.GetValue<string>());
        Assert.Equal(2L, await agent.ScalarAsync($"SELECT count(*) FROM agent.exchanges WHERE conversation_id = '{conversation}'"));
    }

    [Fact]
    public async Task Conversations_need_a_person_named_and_a_name_of_sensible_length()
    {
        using var nobody = agent.Client();
        using var unnamed = await nobody.GetAsync("/api/agent/conversations");
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("X-SevenTaps-User", (await unnamed.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());

        using var tooLong = As(new string('a', 257));
        using var listed = await tooLong.GetAsync("/api/agent/conversations");
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        using var asked = await tooLong.PostAsJsonAsync("/api/agent/chat", new { message = "How many lessons are there?" });
        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);

        var analyticsOnly = await TestApiKeys.CreateAsync(agent.DatabaseConnectionString, "conversations-analytics-only", SevenTaps.ApiKeys.ApiKeyScopes.Analytics);
        using var forbidden = agent.Client(analyticsOnly);
        forbidden.DefaultRequestHeaders.Add("X-SevenTaps-User", "ana@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await forbidden.GetAsync("/api/agent/conversations")).StatusCode);
    }

    private HttpClient As(string person)
    {
        var client = agent.Client();
        client.DefaultRequestHeaders.Add("X-SevenTaps-User", person);
        return client;
    }
}
