using System.Net.Http.Json;
using System.Text.Json;
using Agent.Api;
using Agent.Api.Workbench;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    // A billion numbers the planner cannot see (it estimates 1,000), produced one at a time by ProjectSet: as a FROM item
    // generate_series is gathered into a tuplestore first, which reached the 1 GB temp_file_limit before the timeout.
    internal const string LongQuery = "SELECT count(*) AS n FROM (SELECT generate_series(1, (SELECT 1000000000)) AS g) AS numbers";

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
        await RunAndCancelAsync(id, client);
        // Another person cannot cancel it, and a finished run is no longer cancellable.
        using var other = Client("bo@example.org");
        using var late = await other.PostAsync($"{Runs}/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [Fact]
    public async Task Cancel_sent_to_another_agent_instance_stops_the_query_in_PostgreSQL()
    {
        await using var second = SecondAgent();
        using var elsewhere = second.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", agent.AgentKey);
        elsewhere.DefaultRequestHeaders.Add(AuditHeaders.OnBehalfOf, "ana@example.org");

        var id = Guid.NewGuid();
        await RunAndCancelAsync(id, elsewhere);
        // Finished: neither instance finds it running any more, and the pooled backend is not signalled again.
        using var late = await elsewhere.PostAsync($"{Runs}/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [Fact]
    public async Task Runs_left_running_by_a_stopped_agent_are_marked_abandoned_when_another_agent_starts()
    {
        // Three runs "running" as the table holds them: one whose agent died an hour ago (its backend gone), one as old
        // whose backend still runs it (a replica that is alive), and one that has just started.
        var (dead, alive, fresh) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var backend = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(agent.DatabaseConnectionString) { ApplicationName = RunningQueries.Tag(alive) }.ConnectionString);
        await backend.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO agent.workbench_runs (id, run_by, started_at, sql, outcome, duration_ms, truncated, backend_pid)
            VALUES ($1, 'abandoned@example.org', now() - interval '1 hour', 'SELECT 1', 'running', 0, false, 2147483000),
                   ($2, 'abandoned@example.org', now() - interval '1 hour', 'SELECT 2', 'running', 0, false, pg_backend_pid()),
                   ($3, 'abandoned@example.org', now(), 'SELECT 3', 'running', 0, false, NULL)
            """, backend))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = dead });
            insert.Parameters.Add(new NpgsqlParameter { Value = alive });
            insert.Parameters.Add(new NpgsqlParameter { Value = fresh });
            await insert.ExecuteNonQueryAsync();
        }
        try
        {
            // Another replica starts: its first sweep finds the dead one.
            await using var second = SecondAgent();
            using var client = second.CreateClient();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((string?)await agent.ScalarAsync($"SELECT outcome FROM agent.workbench_runs WHERE id = '{dead}'") == "running" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            using var ana = Client("ana@example.org");
            var stored = (await ana.GetFromJsonAsync<JsonObject>($"{Runs}/{dead}"))!;
            Assert.Equal(AbandonedRuns.Outcome, stored["outcome"]!.GetValue<string>());
            Assert.Equal(AbandonedRuns.Message, stored["message"]!.GetValue<string>());
            Assert.Equal("running", await agent.ScalarAsync($"SELECT outcome FROM agent.workbench_runs WHERE id = '{alive}'"));
            Assert.Equal("running", await agent.ScalarAsync($"SELECT outcome FROM agent.workbench_runs WHERE id = '{fresh}'"));
        }
        finally
        {
            await agent.ScalarAsync($"DELETE FROM agent.workbench_runs WHERE id IN ('{dead}', '{alive}', '{fresh}')");
        }
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

    [Theory]
    [InlineData("dropoff", "")]
    [InlineData("engagement", "")]
    [InlineData("engagement", "&interval=day")]
    [InlineData("at-risk", "")]
    [InlineData("sentiment", "")]
    [InlineData("sentiment-weekly", "")]
    [InlineData("completion-heatmap", "")]
    [InlineData("themes", "")]
    [InlineData("flagged", "")]
    [InlineData("explorer", "&q=sleep&sentiment=negative&sort=sentiment")]
    [InlineData("explorer", "&flagged=false&sort=-duration&pageSize=25")]
    [InlineData("explorer", "&view=activities&sort=verb&pageSize=200")]
    public async Task Every_tiles_sql_runs_through_the_guard_for_a_whole_filter(string tile, string view)
    {
        using var client = Client("ana@example.org");
        var lesson = agent.Truth.Lessons.OrderBy(l => l.Number).First().Url;
        var days = agent.Truth.Daily.OrderBy(day => day.Date).ToList();
        var cohort = await agent.ScalarAsync("SELECT min(date_trunc('week', first_seen AT TIME ZONE 'UTC')::date)::text FROM analysis.users");
        foreach (var filter in new[] { "", $"?from={days[0].Date:yyyy-MM-dd}&to={days[^1].Date.AddDays(1):yyyy-MM-dd}&lesson={Uri.EscapeDataString(lesson)}&cohort={cohort}" })
        {
            var query = filter + (filter.Length == 0 && view.Length > 0 ? "?" + view[1..] : view);
            var sql = (await client.GetFromJsonAsync<JsonObject>($"/api/agent/workbench/tiles/{tile}{query}"))!["sql"]!.GetValue<string>();
            var run = await RunAsync(client, sql);
            output.WriteLine($"{tile}{query}: {run["outcome"]} {run["rowCount"]} rows {run["message"]}");
            Assert.Equal("ok", run["outcome"]!.GetValue<string>());
            if (filter.Length == 0 && !view.Contains("q="))
            {
                Assert.NotEqual(0, run["rowCount"]!.GetValue<int>());
            }
        }
    }

    [Fact]
    public async Task A_chat_answers_sql_comes_with_its_values_written_in_and_gives_the_same_rows_to_the_asker_only()
    {
        using var ana = Client("ana@example.org");
        var day = agent.Truth.Daily.MaxBy(d => d.ActiveLearners)!;
        using var asked = await ana.PostAsJsonAsync("/api/agent/chat", new { message = $"active learners on {day.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}" });
        var answer = (await asked.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEmpty(answer["parameters"]!.AsArray());
        var exchange = answer["exchangeId"]!.GetValue<string>();

        var opened = (await ana.GetFromJsonAsync<JsonObject>($"/api/agent/workbench/exchanges/{exchange}"))!;
        var sql = opened["sql"]!.GetValue<string>();
        output.WriteLine(sql);
        Assert.DoesNotContain("$1", sql);
        var run = await RunAsync(ana, sql);
        Assert.Equal("ok", run["outcome"]!.GetValue<string>());
        Assert.Equal(answer["rows"]!.ToJsonString(), run["rows"]!.ToJsonString());
        Assert.Equal(day.ActiveLearners, run["rows"]![0]![0]!.GetValue<int>());

        using var bo = Client("bo@example.org");
        using var other = await bo.GetAsync($"/api/agent/workbench/exchanges/{exchange}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("SELECT $1, $2", "SELECT 'it''s', (-5)")]
    [InlineData("SELECT '$1' AS \"$2\", $$ $1 $$ -- $1\n, $1 /* $2 */", "SELECT '$1' AS \"$2\", $$ $1 $$ -- $1\n, 'it''s' /* $2 */")]
    [InlineData("SELECT x FROM t WHERE x = ANY($3) AND y = $1 OR z = $4", "SELECT x FROM t WHERE x = ANY('{1,2,\"a \\\"b\\\"\"}') AND y = 'it''s' OR z = $4")]
    public void Parameters_are_written_in_as_literals_outside_strings_names_and_comments(string sql, string inlined)
    {
        var parameters = JsonSerializer.Deserialize<JsonElement[]>("""["it's", -5, [1, 2, "a \"b\""]]""")!;
        Assert.Equal(inlined, SqlLiterals.Inline(sql, parameters));
    }

    [Fact]
    public async Task Without_a_key_nothing_is_served()
    {
        using var anonymous = new HttpClient { BaseAddress = agent.App.GetEndpoint(ResourceNames.AgentApi) };
        using var response = await anonymous.GetAsync($"{Runs}?mine=true");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// Runs the long query on the system's agent as ana, cancels it through <paramref name="canceller"/> once it runs
    /// in PostgreSQL, and checks that it ended there as cancelled, before the statement timeout.
    /// </summary>
    private async Task RunAndCancelAsync(Guid id, HttpClient canceller)
    {
        using var client = Client("ana@example.org");
        var running = client.PostAsJsonAsync(Runs, new { id, sql = LongQuery });
        var pid = await WaitForAsync(async () => await ActiveGuardedBackendAsync(), TimeSpan.FromSeconds(20));
        output.WriteLine($"the run is active on backend {pid}");
        // The backend carries the run's name while it runs it: what a cancel checks before signalling it.
        Assert.Equal(RunningQueries.Tag(id), await agent.ScalarAsync($"SELECT application_name FROM pg_stat_activity WHERE pid = {pid}"));

        using (var cancel = await canceller.PostAsync($"{Runs}/{id}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }
        using var response = await running;
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        output.WriteLine($"{run["outcome"]} after {run["durationMs"]} ms: {run["message"]}");
        Assert.Equal("cancelled", run["outcome"]!.GetValue<string>());
        Assert.True(run["durationMs"]!.GetValue<double>() < 10_000, "stopped before the statement timeout");
        Assert.Null(await ActiveGuardedBackendAsync());
    }

    /// <summary>
    /// A second agent on the same database and Redis, as a second replica behind the gateway, without its guarded
    /// connections: what the tests ask of it needs only the agent's own connection.
    /// </summary>
    private WebApplicationFactory<AgentMarker> SecondAgent() => new WebApplicationFactory<AgentMarker>().WithWebHostBuilder(host => host
        .UseSetting($"ConnectionStrings:{ResourceNames.Database}", agent.DatabaseConnectionString)
        .UseSetting($"ConnectionStrings:{ResourceNames.Redis}", agent.App.GetConnectionString(ResourceNames.Redis))
        .ConfigureServices(services =>
        {
            foreach (var provisioning in services.Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationFactory is not null).ToList())
            {
                services.Remove(provisioning);
            }
        }));

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
