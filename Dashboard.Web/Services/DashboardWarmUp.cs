using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SevenTaps.Hosting;

namespace Dashboard.Web.Services;

/// <summary>What a new dashboard-web does before it reports healthy (<see cref="StartupWarmUp"/>).</summary>
public static class DashboardWarmUp
{
    /// <summary>
    /// One call to Analytics.Api with the dashboard's key, over a day long before any course: the first page's tiles
    /// then find the client's pipeline (service discovery, resilience, connections) built and the key already verified
    /// by analytics (a PBKDF2 of about 250 ms per process), instead of waiting for both.
    /// </summary>
    public static async Task AnalyticsCallAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AnalyticsClient));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{PublicRoutes.Analytics}/overview?{WarmUpCall.NoDay}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", services.GetRequiredService<IOptions<DashboardOptions>>().Value.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadFromJsonAsync<Overview>(cancellationToken);
    }
}
