using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SevenTaps.Hosting.Tests;

/// <summary>A web application on a real port whose named endpoints the warm-up calls once at start.</summary>
public sealed class StartupWarmUpTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _called = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHealthChecks();
        builder.AddStartupWarmUp(
            [new("Lesson", "from=2000-01-01", new Dictionary<string, string> { ["id"] = "warm-up" }), new("Held"), new("Fails"), new("Missing")],
            (_, _) => { _called.Enqueue("step"); return Task.CompletedTask; }, TimesOutAsync);
        // Registered after the warm-up, so the server starts later still: the warm-up must wait for the endpoints.
        builder.Services.AddHostedService<SlowToStart>();
        _app = builder.Build();
        _app.MapHealthChecks("/health");
        _app.MapGet("/lessons/{id}", (string id, string? from) => _called.Enqueue($"lesson {id} from {from}")).WithName("Lesson");
        _app.MapGet("/held", async () => { await _release.Task; _called.Enqueue("held"); }).WithName("Held");
        _app.MapGet("/fails", string () => throw new InvalidOperationException("the database is gone")).WithName("Fails");
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_service_is_unhealthy_until_every_call_has_answered_then_healthy_with_what_failed()
    {
        // The service listens, the other calls and the step have run, but one call has not answered yet.
        await Eventually(() => Task.FromResult(_called.Contains("lesson warm-up from 2000-01-01") && _called.Contains("step") ? "" : null));
        using (var response = await _http.GetAsync("/health"))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("held", _called);

        _release.SetResult();
        var report = await Eventually(async () => await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync() is { Status: HealthStatus.Healthy } healthy ? healthy : null);
        Assert.Contains("held", _called);
        var warmUp = report.Entries[StartupWarmUp.HealthCheckName];
        Assert.Equal(["Fails?", "Missing?", nameof(TimesOutAsync)], warmUp.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("an inner time-out", warmUp.Data[nameof(TimesOutAsync)]);
        Assert.Equal("the database is gone", warmUp.Data["Fails?"]);
        Assert.Equal("no endpoint has this name", warmUp.Data["Missing?"]);
        Assert.Equal("Healthy", await _http.GetStringAsync("/health"));
    }

    /// <summary>A hosted service that takes a while to start, as one that connects to a server does.</summary>
    private sealed class SlowToStart : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A step whose own time-out fired: it must not stop the host, as a background service's exception would.</summary>
    private static Task TimesOutAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        throw new OperationCanceledException("an inner time-out");

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(20);
        }
    }
}
