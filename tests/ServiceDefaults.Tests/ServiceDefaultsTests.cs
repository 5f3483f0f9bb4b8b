using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace ServiceDefaults.Tests;

/// <summary>A real Kestrel server built with AddServiceDefaults, exporting spans to memory.</summary>
public sealed class ServiceDefaultsTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    // Shares the process with the server, so its HttpClient instrumentation traces this client too.
    private readonly HttpClient _client = new();
    private WebApplication _app = null!;
    private volatile bool _dependencyHealthy = true;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(_spans));
        builder.Services.AddHealthChecks().AddCheck("dependency",
            () => _dependencyHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"));

        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/things/{id}", (int id) => Results.Ok(new { id }));
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client.BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_request_produces_a_server_span_with_its_route()
    {
        using var response = await _client.GetAsync("/things/42");
        response.EnsureSuccessStatusCode();

        var span = await WaitForSpanAsync(activity => activity.Kind == ActivityKind.Server);
        Assert.Equal("GET /things/{id}", span.DisplayName);
        Assert.Equal("/things/{id}", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task An_outgoing_call_and_the_request_it_makes_are_one_trace()
    {
        using var response = await _client.GetAsync("/things/7");
        response.EnsureSuccessStatusCode();

        var server = await WaitForSpanAsync(activity => activity.Kind == ActivityKind.Server);
        var client = await WaitForSpanAsync(activity => activity.Kind == ActivityKind.Client);
        Assert.Equal(client.TraceId, server.TraceId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
    }

    [Fact]
    public async Task Alive_answers_healthy_with_only_the_liveness_check()
    {
        _dependencyHealthy = false;
        using var response = await _client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(["self"], report.RootElement.GetProperty("entries").EnumerateObject().Select(entry => entry.Name));
    }

    [Fact]
    public async Task Health_reports_every_check_and_fails_when_one_does()
    {
        using (var healthy = await _client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        _dependencyHealthy = false;
        using var unhealthy = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        using var report = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("entries").GetProperty("dependency").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("entries").GetProperty("self").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_probes_are_not_traced()
    {
        (await _client.GetAsync("/health")).Dispose();
        (await _client.GetAsync("/alive")).Dispose();
        (await _client.GetAsync("/things/1")).Dispose();

        await WaitForSpanAsync(activity => activity.Kind == ActivityKind.Server);
        Assert.DoesNotContain(_spans.ToList(), activity => activity.DisplayName.Contains("health") || activity.DisplayName.Contains("alive"));
    }

    private async Task<Activity> WaitForSpanAsync(Func<Activity, bool> predicate)
    {
        // The server span is exported when the request ends, which can be just after the client sees the response.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            lock (_spans)
            {
                if (_spans.FirstOrDefault(predicate) is { } span)
                {
                    return span;
                }
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("No matching span was exported.");
    }
}
