using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SevenTaps.Contracts;

namespace Gateway.Tests;

/// <summary>
/// The gateway's backend checks (its <c>/health</c> entries, run through its own health service) over real backends on
/// real ports: a backend that answers its probe late is busy, not down (Degraded, which <c>/health</c> answers with
/// 200); one that refuses connections is Unhealthy.
/// </summary>
public sealed class BackendHealthTests : IAsyncLifetime
{
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(8);
    private readonly List<WebApplication> _backends = [];

    [Fact]
    public async Task A_backend_that_answers_its_probe_late_leaves_the_gateway_degraded_but_up()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var service in ResourceNames.GatewayBackends)
        {
            settings[$"services:{service}:http:0"] = (await StartBackendAsync(slow: service == ResourceNames.IngestApi)).ToString();
        }
        var report = await CheckBackendsAsync(settings);

        Assert.Equal(HealthStatus.Degraded, report.Entries[ResourceNames.IngestApi].Status);
        Assert.Equal(HealthStatus.Degraded, report.Status);
    }

    [Fact]
    public async Task A_backend_that_refuses_connections_is_unhealthy()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var service in ResourceNames.GatewayBackends)
        {
            // Nothing listens on port 1.
            settings[$"services:{service}:http:0"] = service == ResourceNames.IngestApi ? "http://127.0.0.1:1" : (await StartBackendAsync(slow: false)).ToString();
        }
        var report = await CheckBackendsAsync(settings);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries[ResourceNames.IngestApi].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[ResourceNames.AnalyticsApi].Status);
    }

    private static async Task<HealthReport> CheckBackendsAsync(IReadOnlyDictionary<string, string?> settings)
    {
        using var gateway = new GatewayServer(settings, https: false);
        _ = gateway.Http;
        return await gateway.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Tags.Contains("backend"));
    }

    private async Task<Uri> StartBackendAsync(bool slow)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var backend = builder.Build();
        backend.MapGet("/health", async (CancellationToken cancellationToken) =>
        {
            if (slow)
            {
                await Task.Delay(SlowAnswer, cancellationToken);
            }
            return Results.Json(new { status = "Healthy", entries = new { postgres = new { status = "Healthy" } } });
        });
        await backend.StartAsync();
        _backends.Add(backend);
        return new Uri(backend.Urls.Single());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }
}
