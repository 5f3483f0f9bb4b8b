using System.Net;
using SevenTaps.Security;

namespace Gateway.Health;

/// <summary>
/// Caps health probes per client, because the gateway's <c>/health</c> fans out to every replica of every service:
/// <see cref="PermitLimit"/> probes per <see cref="Window"/>, then 429 with Retry-After until the client's window ends.
/// Not ASP.NET Core's rate limiter: its partitioned limiters wake every 100 ms for as long as the process lives (two
/// of them, about 20 timer firings a second in an idle gateway); these windows simply lapse, and the table of clients
/// is bounded (<see cref="MaxClients"/>, the least recently seen forgotten first).
/// </summary>
internal sealed class HealthProbeLimit(TimeProvider time)
{
    public const int PermitLimit = 120;

    public const int MaxClients = 10_000;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly BoundedCache<IPAddress, ProbeWindow> _clients = new(MaxClients, Window, time);

    /// <summary>Counts a probe from <paramref name="client"/>; how long it must wait when it is over the limit, else null.</summary>
    public TimeSpan? Take(IPAddress? client)
    {
        var now = time.GetUtcNow();
        var window = _clients.AddOrUpdate(
            client ?? IPAddress.None,
            () => new ProbeWindow(now, 1),
            current => now - current.Start >= Window ? new ProbeWindow(now, 1) : current with { Probes = current.Probes + 1 });
        return window.Probes > PermitLimit ? window.Start + Window - now : null;
    }

    private sealed record ProbeWindow(DateTimeOffset Start, int Probes);
}

internal static class HealthProbeLimitExtensions
{
    /// <summary>Answers 429 to a client over its health-probe limit; every other request passes untouched.</summary>
    public static IApplicationBuilder UseHealthProbeLimit(this IApplicationBuilder app)
    {
        var limit = new HealthProbeLimit(app.ApplicationServices.GetService<TimeProvider>() ?? TimeProvider.System);
        return app.Use(async (context, next) =>
        {
            if (Gateway.Extensions.Extensions.IsHealthProbe(context.Request.Path) && limit.Take(context.Connection.RemoteIpAddress) is { } wait)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
                return;
            }
            await next(context);
        });
    }
}
