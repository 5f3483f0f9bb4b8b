using System.Net.Http.Json;
using Npgsql;
using SevenTaps.Contracts;
using Xunit.Abstractions;

namespace Agent.Tests.Workbench;

/// <summary>The SQL workbench's endpoints against the real agent, PostgreSQL and guard, on behalf of named people.</summary>
[Collection(AgentCollection.Name)]
public sealed class WorkbenchApiTests(AgentFixture agent, ITestOutputHelper output)
{
    private const string Runs = "/api/agent/workbench/runs";

    /// <summary>
    /// Counts a billion generated numbers (streamed, not stored): the bound is a subquery, so the planner cannot see
    /// it and estimates the default 1,000 rows (under the guard's cost limit), while the count runs far longer than the
    /// 10 s statement timeout on any machine (250 million took 7 s on a quiet one).
    /// </summary>
    internal const string LongQuery = "SELECT count(*) AS n FROM generate_series(1, (SELECT 1000000000)) AS g";

    [Fact]
    public async Task A_run_returns_the_true_result_and_is_kept_in_the_history_with_its_result()
    {
        using var ana = Client("ana@example.org");
        var run = await RunAsync(ana, "SELECT count(*) AS learners FROM analysis.users");

        Assert.Equal("ok", run["outcome"]!.GetValue<string>());
        Assert.Equal(agent.Truth.Learners, run["rows"]![0]![0]!.GetValue<int>());
        Assert.False(run["truncated"]!.GetValue<bool>());
        var id = run["id"]!.GetValue<string>();

        var history = await ana.GetFromJsonAsync<JsonArray>($"{Runs}?mine=true");
        var listed = history!.Single(item => item!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("ana@example.org", listed["runBy"]!.GetValue<string>());
        Assert.Equal(1, listed["rowCount"]!.GetValue<int>());
        Assert.Equal("SELECT count(*) AS learners FROM analysis.users", listed["sql"]!.GetValue<string>());

        // Another person opens the stored result: the rows as they were, not a new run.
        using var bo = Client("bo@example.org");
        var stored = await bo.GetFromJsonAsync<JsonObject>($"{Runs}/{id}");
        Assert.Equal(agent.Truth.Learners, stored!["rows"]![0]![0]!.GetValue<int>());
        Assert.Equal("ana@example.org", stored["runBy"]!.GetValue<string>());
        Assert.DoesNotContain(await bo.GetFromJsonAsync<JsonArray>($"{Runs}?mine=true") ?? [], item => item!["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [InlineData("DELETE FROM analysis.users", "refused")]
    [InlineData("SELECT 1; SELECT 2", "refused")]
    [InlineData("SELECT pg_sleep(60)", "refused")]
    [InlineData("SET ROLE postgres", "refused")]
    [InlineData("SELECT set_config('role', 'postgres', false)", "refused")]
    [InlineData("SELECT no_such_column FROM analysis.users", "error")]
    public async Task Writes_second_statements_sleeps_and_role_switches_are_refused_with_a_reason(string sql, string outcome)
    {
        using var client = Client("ana@example.org");
        var run = await RunAsync(client, sql);
        output.WriteLine($"{sql} -> {run["outcome"]}: {run["message"]}");
        Assert.Equal(outcome, run["outcome"]!.GetValue<string>());
        Assert.StartsWith(outcome == "error" ? "Error: " : "Refused: ", run["message"]!.GetValue<string>());
        var stored = await client.GetFromJsonAsync<JsonObject>($"{Runs}/{run["id"]}");
        Assert.Equal(outcome, stored!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_stops_the_query_in_PostgreSQL()
    {
        using var client = Client("ana@example.org");
        var id = Guid.NewGuid();
        var running = client.PostAsJsonAsync(Runs, new { id, sql = LongQuery });

        var pid = await WaitForAsync(async () => await ActiveGuardedBackendAsync(), TimeSpan.FromSeconds(20));
        output.WriteLine($"the run is active on backend {pid}");
        using (var cancel = await client.PostAsync($"{Runs}/{id}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }
        using var response = await running;
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        output.WriteLine($"{run["outcome"]} after {run["durationMs"]} ms: {run["message"]}");

        Assert.Equal("cancelled", run["outcome"]!.GetValue<string>());
        Assert.True(run["durationMs"]!.GetValue<double>() < 10_000, "stopped before the statement timeout");
        Assert.Null(await ActiveGuardedBackendAsync());
        // Another person cannot cancel it, and a finished run is no longer cancellable.
        using var other = Client("bo@example.org");
        using var late = await other.PostAsync($"{Runs}/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [Fact]
    public async Task A_long_query_is_stopped_by_the_statement_timeout()
    {
        using var client = Client("ana@example.org");
        var run = await RunAsync(client, LongQuery);
        Assert.Equal("timeout", run["outcome"]!.GetValue<string>());
        Assert.Contains("statement timeout", run["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_grid_is_capped_and_says_so_and_the_export_has_every_row()
    {
        var total = (long)(await agent.ScalarAsync("SELECT count(*) FROM analysis.user_activities"))!;
        Assert.True(total > 1_000, $"the course has {total} activities: more than the row cap is needed");
        using var client = Client("ana@example.org");
        var run = await RunAsync(client, "SELECT statement_id, user_id, verb, \"timestamp\" FROM analysis.user_activities ORDER BY statement_id");

        Assert.True(run["truncated"]!.GetValue<bool>());
        Assert.Equal(1_000, run["rows"]!.AsArray().Count);

        using var export = await client.GetAsync($"{Runs}/{run["id"]}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var records = Csv.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal(["statement_id", "user_id", "verb", "timestamp"], records[0]);
        Assert.Equal(total, records.Count - 1);
        Assert.Equal(run["rows"]![0]![0]!.GetValue<string>(), records[1][0]);
    }

    [Fact]
    public async Task Saved_queries_keep_versions_and_shared_ones_join_the_library()
    {
        using var ana = Client("ana@example.org");
        using var created = await ana.PostAsJsonAsync("/api/agent/workbench/queries",
            new { name = "Learners per verb", description = "test", sql = "SELECT verb, count(*) FROM analysis.user_activities GROUP BY 1", shared = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var second = await SaveVersionAsync(ana, id, "SELECT verb, count(DISTINCT user_id) FROM analysis.user_activities GROUP BY 1");
        Assert.Equal([1, 2], second["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        var unchanged = await SaveVersionAsync(ana, id, "SELECT verb, count(DISTINCT user_id) FROM analysis.user_activities GROUP BY 1");
        Assert.Equal(2, unchanged["versions"]!.AsArray().Count);

        using var bo = Client("bo@example.org");
        using var notTheirs = await bo.PostAsJsonAsync($"/api/agent/workbench/queries/{id}/versions", new { sql = "SELECT 1" });
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.DoesNotContain(await bo.GetFromJsonAsync<JsonArray>("/api/agent/workbench/queries") ?? [], q => q!["id"]!.GetValue<string>() == id);
        var library = (await bo.GetFromJsonAsync<JsonArray>("/api/agent/workbench/library"))!;
        var shared = library.Single(q => q!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("shared", shared["category"]!.GetValue<string>());
        Assert.Contains("count(DISTINCT user_id)", shared["sql"]!.GetValue<string>());

        using var bad = await ana.PostAsJsonAsync("/api/agent/workbench/queries", new { name = new string('x', 201), sql = "SELECT 1" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Every_library_query_runs_through_the_guard_with_its_default_parameters()
    {
        using var client = Client("ana@example.org");
        var library = (await client.GetFromJsonAsync<JsonArray>("/api/agent/workbench/library"))!.Where(q => q!["category"]!.GetValue<string>() != "shared").ToList();
        Assert.Equal(["advanced", "basic", "keyword"], library.Select(q => q!["category"]!.GetValue<string>()).Distinct().Order());
        var failed = new List<string>();
        foreach (var query in library)
        {
            var parameters = query!["parameters"]!.AsArray().Select(p => p!["default"]!.GetValue<string>()).ToArray();
            var run = await RunAsync(client, query["sql"]!.GetValue<string>(), parameters);
            if (run["outcome"]!.GetValue<string>() != "ok" || run["rows"]!.AsArray().Count == 0)
            {
                failed.Add($"{query["id"]}: {run["outcome"]} {run["message"]}");
            }
        }
        Assert.Empty(failed);
    }

    [Fact]
    public async Task The_overview_tile_sql_gives_the_courses_learners()
    {
        using var client = Client("ana@example.org");
        var tile = (await client.GetFromJsonAsync<JsonObject>("/api/agent/workbench/tiles/overview"))!;
        var run = await RunAsync(client, tile["sql"]!.GetValue<string>());
        Assert.Equal("ok", run["outcome"]!.GetValue<string>());
        var columns = run["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(agent.Truth.Learners, run["rows"]![0]![columns.IndexOf("learners")]!.GetValue<int>());

        using var unknown = await client.GetAsync("/api/agent/workbench/tiles/nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_nothing_is_served()
    {
        using var anonymous = new HttpClient { BaseAddress = agent.App.GetEndpoint(ResourceNames.AgentApi) };
        using var response = await anonymous.GetAsync($"{Runs}?mine=true");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient Client(string person)
    {
        var client = agent.Client();
        client.DefaultRequestHeaders.Add(AuditHeaders.OnBehalfOf, person);
        return client;
    }

    private static async Task<JsonObject> RunAsync(HttpClient client, string sql, string[]? parameters = null)
    {
        using var response = await client.PostAsJsonAsync(Runs, new { sql, parameters });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> SaveVersionAsync(HttpClient client, string id, string sql)
    {
        using var response = await client.PostAsJsonAsync($"/api/agent/workbench/queries/{id}/versions", new { sql });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The pid of a guarded query executing in PostgreSQL now, if any (the query role's, active, fetching from its cursor: past the guard's checks).</summary>
    private async Task<int?> ActiveGuardedBackendAsync()
    {
        await using var connection = new NpgsqlConnection(agent.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE usename = 'seventaps_query' AND state = 'active' AND query LIKE 'FETCH%' LIMIT 1", connection);
        return await command.ExecuteScalarAsync() as int?;
    }

    private static async Task<int> WaitForAsync(Func<Task<int?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("No guarded query became active.");
    }
}
