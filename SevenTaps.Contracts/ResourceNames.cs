namespace SevenTaps.Contracts;

/// <summary>
/// Names of the resources in the application model. AppHost uses them to name processes and to pass
/// <c>ConnectionStrings__{name}</c> and <c>services__{name}__http__0</c>; services use the same constants
/// to read them, so the two sides cannot drift apart.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "seventaps";
    public const string Redis = "redis";
    public const string IngestApi = "ingest-api";
    public const string NormalizerWorker = "normalizer-worker";
    public const string AnalyticsApi = "analytics-api";
    public const string AgentApi = "agent-api";
    public const string Gateway = "gateway";
    public const string DashboardWeb = "dashboard-web";

    /// <summary>The HTTP services the gateway fronts and whose health it aggregates.</summary>
    public static readonly IReadOnlyList<string> GatewayBackends =
        [IngestApi, NormalizerWorker, AnalyticsApi, AgentApi, DashboardWeb];
}
