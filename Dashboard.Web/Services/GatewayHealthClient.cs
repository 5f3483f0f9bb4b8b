using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// The gateway's <c>/health</c>, which asks every replica of every service and nests their own checks: the system's
/// resources and health in one document. It answers 503 when anything is unhealthy, which is still the report to show.
/// The gateway shows the checks only to an admin key: the dashboard's own.
/// </summary>
public sealed class GatewayHealthClient(HttpClient http, IOptions<DashboardOptions> options)
{
    public async Task<SystemHealth> HealthAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var report = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var root = report.RootElement;
        var resources = root.GetProperty("entries").EnumerateObject().Select(entry => new ResourceHealth(
                entry.Name,
                entry.Value.GetProperty("status").GetString() ?? "Unknown",
                entry.Value.TryGetProperty("description", out var description) ? description.GetString() : null,
                entry.Value.TryGetProperty("data", out var data)
                    ? data.EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetString())
                    : new Dictionary<string, string?>()))
            .ToList();
        return new SystemHealth(root.GetProperty("status").GetString() ?? "Unknown", resources);
    }
}
