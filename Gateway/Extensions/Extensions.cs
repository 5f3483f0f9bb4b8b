using Gateway.Proxy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;

namespace Gateway.Extensions;

public static class Extensions
{
    /// <summary>Largest request body the gateway accepts anywhere: an xAPI batch with attachments.</summary>
    public const long MaxRequestBodyBytes = 32 * 1024 * 1024;

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.AddServerHeader = false;
        });

        // The gateway is the edge: YARP sets X-Forwarded-* for the services from what the gateway itself saw,
        // after believing incoming forwarded headers only from the proxies the operator lists.
        builder.AddTrustedProxies();
        builder.AddGatewayHttps();

        builder.AddBackendHealthChecks();
        // Only to tell an admin API key on /health (its details): the key table, read through the key store.
        builder.AddServiceDataSource(ResourceNames.Database);
        builder.AddApiKeyScheme();

        // Destinations are service names ("http://ingest-api") that service discovery resolves, one per replica.
        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes, GatewayRoutes.Clusters)
            .AddServiceDiscoveryDestinationResolver();
    }

    public static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
        || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath);
}
