using System.Net;
using System.Text.Json;
using SevenTaps.AppHost.Hosting;
using SevenTaps.Contracts;

namespace AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class EndToEndTests(SevenTapsSystemFixture system)
{
    [Fact]
    public async Task Gateway_health_reports_every_resource_healthy()
    {
        using var response = await system.Gateway.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var entries = report.RootElement.GetProperty("entries");
        foreach (var backend in ResourceNames.GatewayBackends)
        {
            Assert.Equal("Healthy", entries.GetProperty(backend).GetProperty("status").GetString());
        }
        // The database and Redis are reported through the services that use them.
        var ingest = entries.GetProperty(ResourceNames.IngestApi).GetProperty("data");
        Assert.Equal("Healthy", ingest.GetProperty(ResourceNames.Database).GetString());
        Assert.Equal("Healthy", ingest.GetProperty(ResourceNames.Redis).GetString());
        Assert.Equal("Healthy", entries.GetProperty(ResourceNames.AnalyticsApi).GetProperty("data").GetProperty(ResourceNames.Redis).GetString());
    }

    [Fact]
    public void Every_resource_is_running_and_healthy()
    {
        Assert.All(system.App.Model.Resources, resource =>
        {
            Assert.Equal(ResourceState.Running, resource.State);
            Assert.Equal(ResourceHealth.Healthy, resource.Health);
        });
    }

    [Theory]
    [InlineData("/xapi/openapi/v1.json", "Ingest.Api")]
    [InlineData("/api/analytics/openapi/v1.json", "Analytics.Api")]
    [InlineData("/api/normalizer/openapi/v1.json", "Normalizer.Worker")]
    [InlineData("/api/agent/openapi/v1.json", "Agent.Api")]
    public async Task Each_api_route_reaches_its_service(string path, string service)
    {
        using var response = await system.Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        Assert.StartsWith(service, document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_statement_sent_through_the_gateway_is_stored_and_read_back()
    {
        var id = Guid.NewGuid();
        var statement = $$$"""
            {"id":"{{{id}}}","actor":{"account":{"homePage":"https://7taps.com","name":"e2e-learner"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://courses.example.com/l1/poll/1"}}
            """;
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={id}")
        {
            Content = new StringContent(statement, System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{SevenTapsSystemFixture.XapiKey}:{SevenTapsSystemFixture.XapiSecret}")));
        put.Headers.Add("X-Experience-API-Version", "1.0.3");
        using var stored = await system.Gateway.SendAsync(put);
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);

        using var get = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={id}");
        get.Headers.Authorization = put.Headers.Authorization;
        get.Headers.Add("X-Experience-API-Version", "1.0.3");
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

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>SevenTaps Analytics</title>", body);
    }

    [Fact]
    public void Services_receive_configuration_exactly_as_Aspire_passes_it()
    {
        var ingest = system.App.GetResource<ProjectResource>(ResourceNames.IngestApi);
        var gateway = system.App.GetResource<ProjectResource>(ResourceNames.Gateway);
        var ingestEnvironment = TestApplication.EnvironmentOf(ingest.Replicas[0].ProcessId!.Value);
        var gatewayEnvironment = TestApplication.EnvironmentOf(gateway.Replicas[0].ProcessId!.Value);

        Assert.Equal(system.App.GetConnectionString(ResourceNames.Database), ingestEnvironment[$"ConnectionStrings__{ResourceNames.Database}"]);
        Assert.Equal(system.App.GetConnectionString(ResourceNames.Redis), ingestEnvironment[$"ConnectionStrings__{ResourceNames.Redis}"]);
        Assert.Equal(ResourceNames.IngestApi, ingestEnvironment["OTEL_SERVICE_NAME"]);
        Assert.Equal(ingest.Replicas[0].Url.ToString().TrimEnd('/'), ingestEnvironment["ASPNETCORE_URLS"]);
        Assert.Equal(ingest.Replicas[0].Url.ToString().TrimEnd('/'), gatewayEnvironment[$"services__{ResourceNames.IngestApi}__http__0"]);
        // The gateway never gets database credentials it does not need.
        Assert.DoesNotContain(gatewayEnvironment.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        var ingest = system.App.GetResource<ProjectResource>(ResourceNames.IngestApi);
        var replica = ingest.Replicas[0];
        var killedPid = replica.ProcessId!.Value;
        var restartsBefore = replica.RestartCount;

        Assert.True(Unix_Kill(killedPid));

        await WaitUntilAsync(() => replica.RestartCount > restartsBefore && replica.ProcessId is { } pid && pid != killedPid, TimeSpan.FromSeconds(30));
        await system.App.WaitForHealthyAsync(ResourceNames.IngestApi, TimeSpan.FromSeconds(60));
        await WaitUntilAsync(async () =>
        {
            using var response = await system.Gateway.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60));
        Assert.False(TestApplication.IsAlive(killedPid));
    }

    private static bool Unix_Kill(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill();
        return true;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token);
        }
    }
}
