using SevenTaps.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// The public URL space. Destinations are service names ("http://ingest-api") that service discovery turns into
/// the addresses AppHost handed us.
/// </summary>
public static class GatewayRoutes
{
    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Route("xapi", $"{PublicRoutes.Xapi}/{{**rest}}", ResourceNames.IngestApi, order: 1),
        Route("analytics", $"{PublicRoutes.Analytics}/{{**rest}}", ResourceNames.AnalyticsApi, order: 1),
        Route("normalizer", $"{PublicRoutes.Normalizer}/{{**rest}}", ResourceNames.NormalizerWorker, order: 1),
        Route("agent", $"{PublicRoutes.Agent}/{{**rest}}", ResourceNames.AgentApi, order: 1),
        // Everything else is the dashboard; the highest order makes it the fallback.
        Route("dashboard", "/{**rest}", ResourceNames.DashboardWeb, order: 100),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
    [
        Cluster(ResourceNames.IngestApi),
        Cluster(ResourceNames.AnalyticsApi),
        Cluster(ResourceNames.NormalizerWorker),
        Cluster(ResourceNames.AgentApi),
        Cluster(ResourceNames.DashboardWeb),
    ];

    private static RouteConfig Route(string id, string path, string cluster, int order) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        Match = new RouteMatch { Path = path },
    };

    private static ClusterConfig Cluster(string service) => new()
    {
        ClusterId = service,
        LoadBalancingPolicy = "PowerOfTwoChoices",
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
    };
}
