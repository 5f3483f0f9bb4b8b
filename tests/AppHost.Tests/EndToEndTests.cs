using System.Net;
using System.Text.Json;
using Npgsql;
using Aspire.Hosting.ApplicationModel;
using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class EndToEndTests(SevenTapsSystemFixture system)
{
    [Fact]
    public async Task Gateway_health_reports_every_resource_healthy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Authorization = new("Bearer", SevenTapsSystemFixture.AdminApiKey);
        using var response = await system.Gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var entries = report.RootElement.GetProperty("entries");
        foreach (var backend in ResourceNames.GatewayBackends)
        {
            Assert.Equal("Healthy", entries.GetProperty(backend).GetProperty("status").GetString());
        }
        // The database and Redis are reported through the services that use them (checks named by Aspire's client integrations).
        var ingest = entries.GetProperty(ResourceNames.IngestApi).GetProperty("data");
        Assert.Equal("Healthy", ingest.GetProperty("PostgreSql").GetString());
        Assert.Equal("Healthy", ingest.GetProperty("IngestContext").GetString());
        Assert.Equal("Healthy", ingest.GetProperty("StackExchange.Redis").GetString());
        Assert.Equal("Healthy", entries.GetProperty(ResourceNames.AnalyticsApi).GetProperty("data").GetProperty("StackExchange.Redis").GetString());
    }

    [Fact]
    public async Task Public_health_shows_the_overall_status_alone_unless_the_key_is_an_admins()
    {
        var analyticsOnly = await system.CreateApiKeyAsync("health-reader", "analytics");

        foreach (var key in new string?[] { null, analyticsOnly, "sta_not-a-key-at-all-0001" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            if (key is not null)
            {
                request.Headers.Authorization = new("Bearer", key);
            }
            using var response = await system.Gateway.SendAsync(request);
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
            Assert.False(report.RootElement.TryGetProperty("entries", out _), $"key {key ?? "(none)"} was shown the checks");
        }
    }

    [Fact]
    public async Task Aspire_reports_every_resource_running_and_healthy()
    {
        string[] migrated = [ResourceNames.IngestApi, ResourceNames.NormalizerWorker, ResourceNames.AnalyticsApi, ResourceNames.AgentApi, ResourceNames.DashboardWeb];
        string[] expected = [ResourceNames.Postgres, ResourceNames.Database, ResourceNames.Redis, .. migrated, ResourceNames.Gateway,
            .. migrated.Select(MigrationResource.NameFor)];
        Assert.Equal(expected.Order(), system.App.Resources.Select(resource => resource.Name).Order());
        foreach (var migration in system.App.Resources.OfType<MigrationResource>())
        {
            var finished = await system.App.App.ResourceNotifications.WaitForResourceAsync(migration.Name, _ => true);
            Assert.Equal((KnownResourceStates.Finished, 0), (finished.Snapshot.State?.Text, finished.Snapshot.ExitCode));
        }
        foreach (var resource in system.App.Resources.Where(resource => resource is not MigrationResource))
        {
            // Other tests of this collection kill PostgreSQL and a service: Aspire's next health probe, not the
            // last one, says whether everything came back.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var current = await system.App.App.ResourceNotifications.WaitForResourceAsync(resource.Name,
                update => update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, deadline.Token)
                .WaitAsync(deadline.Token).ContinueWith(wait => wait.IsCompletedSuccessfully ? wait.Result : null);
            Assert.True(current is not null, $"{resource.Name} did not report healthy within 90 s");
            Assert.Equal(KnownResourceStates.Running, current!.Snapshot.State?.Text);
        }
    }

    [Theory]
    [InlineData("/xapi/openapi/v1.json", "Ingest.Api")]
    [InlineData("/api/analytics/openapi/v1.json", "Analytics.Api")]
    [InlineData("/api/normalizer/openapi/v1.json", "Normalizer.Worker")]
    [InlineData("/api/agent/openapi/v1.json", "Agent.Api")]
    public async Task Each_api_route_reaches_its_service_whose_OpenAPI_document_needs_a_credential(string path, string service)
    {
        using var anonymous = await system.Gateway.GetAsync(path);
        // The LRS signs in xAPI credentials, the others API keys.
        using var request = path.StartsWith(PublicRoutes.Xapi, StringComparison.Ordinal) ? system.XapiRequest(HttpMethod.Get, path) : new HttpRequestMessage(HttpMethod.Get, path);
        if (request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new("Bearer", SevenTapsSystemFixture.AdminApiKey);
        }
        using var response = await system.Gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        Assert.StartsWith(service, document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_statement_sent_through_the_gateway_is_stored_and_read_back()
    {
        var id = Guid.NewGuid();
        using var stored = await system.PutStatementAsync(id);
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);

        using var get = system.XapiRequest(HttpMethod.Get, $"/xapi/statements?statementId={id}");
        using var read = await system.Gateway.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var document = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal(id.ToString(), document.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Everything_else_reaches_the_dashboard()
    {
        using var response = await system.Gateway.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();

        // The dashboard asks who is there before it shows anything.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Sign in · SevenTaps Analytics</title>", body);
    }

    [Fact]
    public async Task Services_receive_what_they_reference_and_no_one_elses_secrets()
    {
        var ingest = SystemProcesses.Environment((await system.App.ProcessIdAsync(ResourceNames.IngestApi))!.Value);
        var normalizer = SystemProcesses.Environment((await system.App.ProcessIdAsync(ResourceNames.NormalizerWorker))!.Value);
        var gateway = SystemProcesses.Environment((await system.App.ProcessIdAsync(ResourceNames.Gateway))!.Value);

        // Each service logs in with its own role, on the database AppHost's own connection string names.
        var database = new NpgsqlConnectionStringBuilder(system.App.GetConnectionString(ResourceNames.Database));
        var ingestDatabase = new NpgsqlConnectionStringBuilder(ingest[$"ConnectionStrings__{ResourceNames.Database}"]);
        Assert.Equal((database.Host, database.Port, database.Database, DatabaseRoles.Ingest), (ingestDatabase.Host, ingestDatabase.Port, ingestDatabase.Database, ingestDatabase.Username));
        Assert.Equal(system.App.GetConnectionString(ResourceNames.Redis), ingest[$"ConnectionStrings__{ResourceNames.Redis}"]);
        Assert.Equal(ResourceNames.IngestApi, ingest["OTEL_SERVICE_NAME"]);
        Assert.Equal(system.App.GetEndpoint(ResourceNames.IngestApi).ToString().TrimEnd('/'), gateway[$"services__{ResourceNames.IngestApi}__http__0"]);
        // The LRS credential reaches ingest alone, the API key the services that check keys; the gateway gets the
        // database (for the key table) but no secret of ours.
        Assert.Equal(SevenTapsSystemFixture.XapiSecret, ingest["Xapi__BootstrapCredential__Secret"]);
        Assert.DoesNotContain("ApiKeys__BootstrapKey", ingest.Keys);
        Assert.DoesNotContain("Xapi__BootstrapCredential__Secret", normalizer.Keys);
        Assert.Equal(DatabaseRoles.Gateway, new NpgsqlConnectionStringBuilder(gateway[$"ConnectionStrings__{ResourceNames.Database}"]).Username);
        Assert.DoesNotContain($"ConnectionStrings__{ResourceNames.Redis}", gateway.Keys);
        Assert.DoesNotContain("ApiKeys__BootstrapKey", gateway.Keys);
        Assert.DoesNotContain(gateway.Keys, key => key.StartsWith("SEVENTAPS_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_service_or_server_runs_as_root()
    {
        // As root, each runs as its own unprivileged user; otherwise as the user who started AppHost.
        foreach (var resource in system.App.Resources.Where(resource => resource is ServiceResource or LocalRedisResource or LocalPostgresResource))
        {
            var user = resource switch
            {
                LocalPostgresResource => LocalPostgresResource.OsUser,
                LocalRedisResource => LocalRedisBuilderExtensions.OsUser,
                _ => ServiceBuilderExtensions.OsUser,
            };
            var expected = Unix.IsRoot ? SystemProcesses.UserIdOf(user) : SystemProcesses.UserId(Environment.ProcessId);
            Assert.NotEqual(0, expected);
            Assert.Equal(expected, SystemProcesses.UserId((await system.App.ProcessIdAsync(resource.Name))!.Value));
        }
    }

    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        var killed = (await system.App.ProcessIdAsync(ResourceNames.IngestApi))!.Value;
        var restartsBefore = await system.App.RestartCountAsync(ResourceNames.IngestApi);

        SystemProcesses.Kill(killed);

        await SystemProcesses.WaitUntilAsync(async () => await system.App.ProcessIdAsync(ResourceNames.IngestApi) is { } pid && pid != killed,
            TimeSpan.FromSeconds(60), "ingest-api runs again");
        Assert.Equal(restartsBefore + 1, await system.App.RestartCountAsync(ResourceNames.IngestApi));
        await system.App.WaitForHealthyAsync(ResourceNames.IngestApi, TimeSpan.FromSeconds(60));
        await system.WaitForGatewayHealthyAsync();
        Assert.False(TestApplication.IsAlive(killed));
    }

    [Fact]
    public async Task A_service_stopped_on_purpose_stays_stopped_until_started()
    {
        var stopped = (await system.App.ProcessIdAsync(ResourceNames.AgentApi))!.Value;
        var restartsBefore = await system.App.RestartCountAsync(ResourceNames.AgentApi);

        await system.App.StopResourceAsync(ResourceNames.AgentApi);
        // Longer than the first restart's backoff (1 s) and a start: a stop taken for a crash would be running again.
        await Task.Delay(TimeSpan.FromSeconds(8));

        Assert.Equal(restartsBefore, await system.App.RestartCountAsync(ResourceNames.AgentApi));
        Assert.False(TestApplication.IsAlive(stopped));
        Assert.Null(await system.App.ProcessIdAsync(ResourceNames.AgentApi));
        await system.App.StartResourceAsync(ResourceNames.AgentApi);
        Assert.NotNull(await system.App.ProcessIdAsync(ResourceNames.AgentApi));
        await system.WaitForGatewayHealthyAsync();
    }

    [Fact]
    public async Task A_killed_postgres_is_restarted_and_the_LRS_serves_again()
    {
        var killed = (await system.App.ProcessIdAsync(ResourceNames.Postgres))!.Value;

        SystemProcesses.Kill(killed);

        await SystemProcesses.WaitUntilAsync(async () => await system.App.ProcessIdAsync(ResourceNames.Postgres) is { } pid && pid != killed,
            TimeSpan.FromSeconds(90), "postgres runs again");
        await system.App.WaitForHealthyAsync(ResourceNames.Postgres, TimeSpan.FromSeconds(90));
        await system.WaitForGatewayHealthyAsync();
        using var stored = await system.PutStatementAsync(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
    }
}
