namespace SevenTaps.AppHost.Hosting;

/// <summary>The service projects this AppHost was built with (the list itself is generated at build time).</summary>
internal static partial class ServiceProjects
{
    public static ServiceProject IngestApi => Get("Ingest.Api");
    public static ServiceProject NormalizerWorker => Get("Normalizer.Worker");
    public static ServiceProject AnalyticsApi => Get("Analytics.Api");
    public static ServiceProject AgentApi => Get("Agent.Api");
    public static ServiceProject Gateway => Get("Gateway");
    public static ServiceProject DashboardWeb => Get("Dashboard.Web");

    private static ServiceProject Get(string assemblyName) =>
        Built.SingleOrDefault(project => project.AssemblyName == assemblyName)
        ?? throw new InvalidOperationException($"AppHost was built without a project reference to {assemblyName}.");
}
