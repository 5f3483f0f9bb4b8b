using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;
using Gateway.Proxy;
using SevenTaps.Contracts;

namespace Gateway.Health;

/// <summary>
/// The health of one backend service as the gateway sees it: every replica's <c>/health</c> must answer
/// Healthy. The backend's own entries (postgres, redis, ...) are passed up as data, so the gateway's
/// <c>/health</c> shows the whole system in one document.
/// </summary>
/// <remarks>
/// A replica that does not answer within the timeout is Degraded, not Unhealthy: a service saturated by a burst of
/// statements answers its probes late but works, and calling it unhealthy (which fails the gateway's own probe)
/// would report an outage where there is none. A replica that refuses the connection or answers Unhealthy is.
/// </remarks>
internal sealed class BackendHealthCheck(string service, ServiceEndpointResolver resolver) : IHealthCheck
{
    /// <summary>
    /// Deliberately not a factory client: the default HTTP pipeline retries failures, and a health probe
    /// must report a failure at once.
    /// </summary>
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var serviceUri = new Uri($"http://{service}");
        var source = await resolver.GetEndpointsAsync(serviceUri.ToString(), cancellationToken);
        if (source.Endpoints.Count == 0)
        {
            return HealthCheckResult.Unhealthy($"No endpoint is known for {service}.");
        }

        var data = new Dictionary<string, object>();
        var unhealthy = 0;
        var slow = 0;
        for (var replica = 0; replica < source.Endpoints.Count; replica++)
        {
            var prefix = source.Endpoints.Count > 1 ? $"{replica}:" : "";
            var baseAddress = EndpointAddress.ToUri(serviceUri, source.Endpoints[replica].EndPoint);
            try
            {
                using var response = await Client.GetAsync(new Uri(baseAddress, Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath), cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var report = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                foreach (var entry in report.RootElement.GetProperty("entries").EnumerateObject())
                {
                    data[prefix + entry.Name] = entry.Value.GetProperty("status").GetString() ?? "Unknown";
                }
                if (!response.IsSuccessStatusCode)
                {
                    unhealthy++;
                }
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                data[prefix + "reachable"] = $"Degraded: no answer within {Client.Timeout.TotalSeconds:N0} s";
                slow++;
            }
            catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException)
            {
                data[prefix + "reachable"] = "Unhealthy";
                unhealthy++;
            }
        }

        return unhealthy > 0 ? HealthCheckResult.Unhealthy($"{unhealthy} of {source.Endpoints.Count} replica(s) unhealthy", data: data)
            : slow > 0 ? HealthCheckResult.Degraded($"{slow} of {source.Endpoints.Count} replica(s) slow to answer", data: data)
            : HealthCheckResult.Healthy($"{source.Endpoints.Count} replica(s) healthy", data);
    }
}

internal static class BackendHealthCheckExtensions
{
    public static void AddBackendHealthChecks(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks();
        foreach (var service in ResourceNames.GatewayBackends)
        {
            checks.Add(new HealthCheckRegistration(
                service,
                services => ActivatorUtilities.CreateInstance<BackendHealthCheck>(services, service),
                failureStatus: HealthStatus.Unhealthy,
                tags: ["backend"]));
        }
    }
}
