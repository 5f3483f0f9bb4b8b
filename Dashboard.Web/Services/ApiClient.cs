using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>An answer with its provenance: when it was answered and how long the request took.</summary>
public sealed record Timed<T>(T Value, DateTimeOffset AnsweredAt, TimeSpan Took)
{
    /// <summary>The number of the API call that gave it, counted per process: views showing the same number share one call.</summary>
    public long Call { get; init; }
}

/// <summary>
/// Calls one of our services through service discovery with the dashboard's API key, naming the signed-in person in
/// <see cref="AuditHeaders.OnBehalfOf"/>. Roles are enforced by the pages before they call.
/// </summary>
public abstract class ApiClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication)
{
    private static long calls;

    protected Task<Timed<T>> GetAsync<T>(string path, CancellationToken cancellationToken) => GetAsync<T>(path, null, cancellationToken);

    /// <summary>A GET; with <paramref name="dataVersion"/>, the data version the caller has seen, which analytics then answers from.</summary>
    protected async Task<Timed<T>> GetAsync<T>(string path, long? dataVersion, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (dataVersion is { } version)
        {
            request.Headers.Add(AnalyticsCache.DataVersionHeader, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var response = await SendAsync(request, cancellationToken);
        var value = await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                    ?? throw new InvalidOperationException($"{path} answered nothing.");
        return new Timed<T>(value, response.Headers.Date ?? DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(started))
        {
            Call = Interlocked.Increment(ref calls),
        };
    }

    /// <summary>The answer, or null when the service has none (404).</summary>
    protected async Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return (await GetAsync<T>(path, cancellationToken)).Value;
        }
        catch (ApiException exception) when (exception.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sends with the key and the person's name; a status other than 2xx is an <see cref="ApiException"/> with the problem's detail.</summary>
    protected Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>As <see cref="SendAsync(HttpRequestMessage, CancellationToken)"/>; with <see cref="HttpCompletionOption.ResponseHeadersRead"/> the body is left to the caller to stream.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.Identity?.Name is { } name)
        {
            request.Headers.Add(AuditHeaders.OnBehalfOf, name);
        }
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var problem = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new ApiException(response.StatusCode, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Detail(problem)}");
            }
        }
        return response;
    }

    private static string Detail(string problem)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? problem
                : document.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? problem : problem;
        }
        catch (System.Text.Json.JsonException)
        {
            return problem.Length > 200 ? problem[..200] : problem;
        }
    }
}

public sealed class ApiException(System.Net.HttpStatusCode status, string message) : Exception(message)
{
    public System.Net.HttpStatusCode Status { get; } = status;
}
