using System.Net;

namespace Gateway.Tests;

/// <summary>
/// X-Forwarded-For is believed only from the proxies the operator lists. Observed through the per-client limit on
/// health probes (120 per 10 s): a client that could choose its address would never reach it.
/// </summary>
public sealed class TrustedProxiesTests
{
    private const int ProbeLimit = 120;

    [Fact]
    public async Task A_client_that_is_not_a_listed_proxy_cannot_spoof_its_address_past_the_limit()
    {
        using var gateway = new GatewayServer(new Dictionary<string, string?> { ["Gateway:TrustedProxies"] = "10.20.30.40,192.168.77.0/24" }, https: false);

        var statuses = await ProbeWithRandomForwardedForAsync(gateway, ProbeLimit + 5);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task A_listed_proxy_is_believed()
    {
        using var gateway = new GatewayServer(new Dictionary<string, string?> { ["Gateway:TrustedProxies"] = "127.0.0.1" }, https: false);

        var statuses = await ProbeWithRandomForwardedForAsync(gateway, ProbeLimit + 5);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    private static async Task<List<HttpStatusCode>> ProbeWithRandomForwardedForAsync(GatewayServer gateway, int count)
    {
        using var client = new HttpClient { BaseAddress = gateway.Http };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/alive");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i % 250 + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }
}
