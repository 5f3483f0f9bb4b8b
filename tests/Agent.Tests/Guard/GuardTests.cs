using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Agent.Tests.Guard;

[Collection(AgentCollection.Name)]
public sealed class GuardTests(AgentFixture agent, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_hostile_query_is_refused_with_a_reason_and_nothing_changed()
    {
        var before = await StateAsync();
        using var client = agent.Client();
        var gotThrough = new List<string>();
        var byCode = new SortedDictionary<string, int>();
        foreach (var (kind, sql) in HostileQueries.All)
        {
            using var response = await client.PostAsJsonAsync("/api/agent/query", new { sql });
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity || body?["detail"]?.GetValue<string>() is not { Length: > 0 })
            {
                gotThrough.Add($"[{kind}] {sql} -> {(int)response.StatusCode} {body?.ToJsonString()}");
                continue;
            }
            var code = body["code"]!.GetValue<string>();
            byCode[code] = byCode.GetValueOrDefault(code) + 1;
            output.WriteLine($"[{kind}] {Shorten(sql)} -> {code}: {body["detail"]}");
        }
        output.WriteLine($"{HostileQueries.All.Count} hostile queries, {gotThrough.Count} got through; refusals by code: " +
                         string.Join(", ", byCode.Select(pair => $"{pair.Key} {pair.Value}")));

        Assert.True(HostileQueries.All.Count >= 80);
        Assert.Empty(gotThrough);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Legitimate_analytics_sql_runs()
    {
        using var client = agent.Client();
        var refused = new List<string>();
        foreach (var sql in LegitimateQueries.All)
        {
            using var response = await client.PostAsJsonAsync("/api/agent/query", new { sql });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused.Add($"{sql} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        output.WriteLine($"{LegitimateQueries.All.Count - refused.Count} of {LegitimateQueries.All.Count} legitimate queries ran");
        Assert.Empty(refused);
    }

    [Fact]
    public async Task Answers_equal_the_database_and_are_capped()
    {
        using var client = agent.Client();
        var counted = await client.PostAsJsonAsync("/api/agent/query",
            new { sql = "SELECT count(*) AS learners, $1::text AS label FROM analysis.users WHERE user_id <> $2", parameters = new object[] { "all", "" } });
        var body = (await counted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(["learners", "label"], body["columns"]!.AsArray().Select(column => column!.GetValue<string>()));
        Assert.Equal((long)(await agent.ScalarAsync("SELECT count(*) FROM analysis.users"))!, body["rows"]![0]![0]!.GetValue<long>());
        Assert.Equal("all", body["rows"]![0]![1]!.GetValue<string>());
        Assert.False(body["truncated"]!.GetValue<bool>());

        var many = (await (await client.PostAsJsonAsync("/api/agent/query", new { sql = "SELECT g FROM generate_series(1, 5000) g" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1000, many["rows"]!.AsArray().Count);
        Assert.True(many["truncated"]!.GetValue<bool>());

        // An endless recursive query is read only as far as the cap: the cursor never asks for more.
        var endless = (await (await client.PostAsJsonAsync("/api/agent/query",
            new { sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(endless["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Queries_run_as_a_login_role_that_can_read_analysis_and_nothing_else()
    {
        using var client = agent.Client();
        var who = (await (await client.PostAsJsonAsync("/api/agent/query", new { sql = "SELECT current_user, session_user" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("seventaps_query", who["rows"]![0]![0]!.GetValue<string>());
        // The session itself logged in as the role: nothing to RESET ROLE back to.
        Assert.Equal("seventaps_query", who["rows"]![0]![1]!.GetValue<string>());

        Assert.Equal(true, await agent.ScalarAsync("""
            SELECT rolcanlogin AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb AND NOT rolreplication AND NOT rolbypassrls
            FROM pg_roles WHERE rolname = 'seventaps_query'
            """));
        Assert.Equal(0L, await agent.ScalarAsync("SELECT count(*) FROM pg_auth_members WHERE member = 'seventaps_query'::regrole"));
        Assert.Equal(false, await agent.ScalarAsync("""
            SELECT has_table_privilege('seventaps_query', 'xapi.statements', 'SELECT')
                OR has_table_privilege('seventaps_query', 'analytics.api_keys', 'SELECT')
                OR has_table_privilege('seventaps_query', 'analysis.users', 'INSERT, UPDATE, DELETE, TRUNCATE')
                OR has_schema_privilege('seventaps_query', 'analysis', 'CREATE')
                OR has_schema_privilege('seventaps_query', 'public', 'CREATE')
            """));
        Assert.Equal(true, await agent.ScalarAsync("SELECT has_table_privilege('seventaps_query', 'analysis.user_responses', 'SELECT')"));
    }

    [Fact]
    public async Task The_query_endpoint_needs_the_agent_scope()
    {
        var analyticsOnly = await TestApiKeys.CreateAsync(agent.DatabaseConnectionString, "dashboard", SevenTaps.ApiKeys.ApiKeyScopes.Analytics);
        using var forbidden = agent.Client(analyticsOnly);
        Assert.Equal(HttpStatusCode.Forbidden, (await forbidden.PostAsJsonAsync("/api/agent/query", new { sql = "SELECT 1" })).StatusCode);
        using var anonymous = agent.Client("sta_not-a-key-at-all-0000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/agent/query", new { sql = "SELECT 1" })).StatusCode);
    }

    /// <summary>What a hostile query could have changed: row counts, tables, roles, the query role's powers and settings.</summary>
    private async Task<string> StateAsync() => (string)(await agent.ScalarAsync("""
        SELECT concat_ws(' | ',
            (SELECT count(*) FROM analysis.users), (SELECT count(*) FROM analysis.lessons), (SELECT count(*) FROM analysis.questions),
            (SELECT count(*) FROM analysis.user_activities), (SELECT count(*) FROM analysis.user_responses),
            (SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')),
            (SELECT string_agg(rolname || rolsuper::text, ',' ORDER BY 1) FROM pg_roles),
            (SELECT string_agg(c, ',' ORDER BY c) FROM pg_db_role_setting s, unnest(s.setconfig) c WHERE s.setrole = 'seventaps_query'::regrole),
            (SELECT count(*) FROM pg_largeobject_metadata))
        """))!;

    private static string Shorten(string sql) => sql.Length > 90 ? sql[..90] + "..." : sql.ReplaceLineEndings(" ");
}
