using System.Net;
using Gateway.Health;

namespace Gateway.Tests;

/// <summary>The per-client cap on health probes, on a clock the test moves.</summary>
public sealed class HealthProbeLimitTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void A_client_over_the_limit_waits_for_the_rest_of_its_window_and_then_probes_again()
    {
        var time = new ManualTime();
        var limit = new HealthProbeLimit(time);
        for (var probe = 0; probe < HealthProbeLimit.PermitLimit; probe++)
        {
            Assert.Null(limit.Take(Client));
        }

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HealthProbeLimit.Window - TimeSpan.FromSeconds(4), limit.Take(Client));
        Assert.NotNull(limit.Take(Client));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(limit.Take(Client));
    }

    [Fact]
    public void Clients_are_counted_apart()
    {
        var limit = new HealthProbeLimit(new ManualTime());
        for (var probe = 0; probe <= HealthProbeLimit.PermitLimit; probe++)
        {
            limit.Take(Client);
        }

        Assert.NotNull(limit.Take(Client));
        Assert.Null(limit.Take(IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public async Task The_gateway_answers_429_with_Retry_After_to_a_client_over_the_limit()
    {
        using var gateway = new GatewayServer(new Dictionary<string, string?>(), https: false);
        using var client = new HttpClient { BaseAddress = gateway.Http };
        for (var probe = 0; probe < HealthProbeLimit.PermitLimit; probe++)
        {
            using var allowed = await client.GetAsync("/alive");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, (int)HealthProbeLimit.Window.TotalSeconds);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
