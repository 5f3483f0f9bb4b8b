using System.Net.Http.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SevenTaps.Contracts;

namespace Agent.Tests.Mcp;

/// <summary>Seven's MCP server over real HTTP, driven by the MCP client of the ModelContextProtocol package.</summary>
[Collection(AgentCollection.Name)]
public sealed class McpTests(AgentFixture agent)
{
    private Uri Endpoint => new(agent.App.GetEndpoint(ResourceNames.AgentApi), "/api/agent/mcp");

    private Task<McpClient> ConnectAsync(string? apiKey) => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = Endpoint,
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = apiKey is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {apiKey}" },
    }));

    [Fact]
    public async Task The_tools_are_listed()
    {
        await using var client = await ConnectAsync(agent.AgentKey);

        var tools = (await client.ListToolsAsync()).Select(tool => tool.Name).Order().ToList();

        Assert.Equal(
            ["answers_per_card", "ask_seven", "at_risk_learners", "course_overview", "describe_schema", "engagement", "lesson_stats", "run_query",
             "search_answers", "sentiment_by_lesson"],
            tools);
    }

    [Fact]
    public async Task Each_tool_answers_from_the_course()
    {
        await using var client = await ConnectAsync(agent.AgentKey);
        var learners = (double)agent.Truth.Learners;

        Assert.Contains("## `user_activities` (fact)", await TextAsync(client, "describe_schema", new()));
        Assert.Equal(learners, Numbers(await JsonAsync(client, "run_query", new() { ["sql"] = "SELECT count(*) AS n FROM analysis.users WHERE user_id <> $1", ["parameters"] = new[] { "nobody" } }), "n").Single());

        var asked = await JsonAsync(client, "ask_seven", new() { ["question"] = "How many learners are there?" });
        Assert.True(asked["answered"]!.GetValue<bool>());
        Assert.Equal(learners, Numbers(asked, "learners").Single());

        var lesson = agent.Truth.Lessons.Where(l => l.Started > 0).OrderBy(l => l.Number).ElementAt(1);
        var rate = await JsonAsync(client, "lesson_stats", new() { ["measure"] = "completion_rate", ["lessons"] = new[] { 2 } });
        Assert.Equal(Math.Round((double)lesson.Completed / lesson.Started, 4), Numbers(rate, "completion_rate").Single());

        var funnel = await JsonAsync(client, "lesson_stats", new() { ["measure"] = "dropoff" });
        Assert.Equal(agent.Truth.Lessons.Where(l => l.Started > 0).OrderBy(l => l.Number).Select(l => (double)l.Dropoff), Numbers(funnel, "stopped_here"));

        Assert.Equal(learners, Numbers(await JsonAsync(client, "course_overview", new()), "learners").Single());
        Assert.Equal((double)(long)(await agent.ScalarAsync("SELECT count(*) FROM analysis.user_activities"))!,
            Numbers(await JsonAsync(client, "engagement", new() { ["interval"] = "day" }), "statements").Sum());
        Assert.Equal(agent.Truth.Questions.Where(q => q.LessonNumber == agent.Truth.Lessons.OrderBy(l => l.Number).First().Number).Sum(q => (double)q.Answers),
            Numbers(await JsonAsync(client, "answers_per_card", new() { ["lessons"] = new[] { 1 } }), "answers").Sum());
        Assert.NotEmpty((await JsonAsync(client, "search_answers", new() { ["words"] = "sleep" }))["rows"]!.AsArray());
        Assert.NotNull((await JsonAsync(client, "at_risk_learners", new()))["rows"]);
        Assert.Equal((double)(long)(await agent.ScalarAsync("SELECT count(*) FROM analysis.user_responses WHERE sentiment IS NOT NULL AND lesson_url IS NOT NULL"))!,
            Numbers(await JsonAsync(client, "sentiment_by_lesson", new()), "answers").Sum());

        var missing = await client.CallToolAsync("lesson_stats", new Dictionary<string, object?> { ["measure"] = "started", ["lessons"] = new[] { 42 } });
        Assert.True(missing.IsError);
        Assert.Contains("there is no lesson 42", Text(missing));
    }

    [Theory]
    [InlineData("DELETE FROM analysis.users", "refused (not_a_select)")]
    [InlineData("SELECT 1; DROP TABLE analysis.users", "refused (not_a_select)")]
    [InlineData("SELECT pg_read_file('/etc/passwd')", "refused (")]
    [InlineData("SELECT * FROM xapi.statements", "refused (")]
    public async Task Hostile_sql_is_refused_with_the_reason(string sql, string refusal)
    {
        await using var client = await ConnectAsync(agent.AgentKey);

        var result = await client.CallToolAsync("run_query", new Dictionary<string, object?> { ["sql"] = sql });

        Assert.True(result.IsError);
        Assert.StartsWith(refusal, Text(result));
        Assert.Equal((long)agent.Truth.Learners, await agent.ScalarAsync("SELECT count(*) FROM analysis.users"));
    }

    [Fact]
    public async Task Without_a_key_with_the_agent_scope_the_server_refuses()
    {
        using var http = new HttpClient();
        using var anonymous = await http.PostAsJsonAsync(Endpoint, new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(null));
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("st_not-a-real-key-0000000000000000"));
        var analyticsOnly = await TestApiKeys.CreateAsync(agent.DatabaseConnectionString, "analytics-only", SevenTaps.ApiKeys.ApiKeyScopes.Analytics);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(analyticsOnly));
    }

    private static async Task<string> TextAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        Assert.False(result.IsError is true, $"{tool}: {Text(result)}");
        return Text(result);
    }

    private static async Task<JsonObject> JsonAsync(McpClient client, string tool, Dictionary<string, object?> arguments) =>
        JsonNode.Parse(await TextAsync(client, tool, arguments))!.AsObject();

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    private static IReadOnlyList<double> Numbers(JsonObject result, string column)
    {
        var index = result["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList().IndexOf(column);
        Assert.True(index >= 0, $"no column {column} in {result["columns"]!.ToJsonString()}");
        return result["rows"]!.AsArray().Select(row => row![index]!.GetValue<double>()).ToList();
    }
}
