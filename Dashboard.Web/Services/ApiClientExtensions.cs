namespace Dashboard.Web.Services;

public static class ApiClientExtensions
{
    /// <summary>Typed clients of the services, resolved by name through service discovery (AppHost passes <c>services__*</c>).</summary>
    public static void AddApiClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<AnalyticsClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.AnalyticsApi}"));
        builder.Services.AddHttpClient<IngestAdminClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.IngestApi}"));
        // The export streams for as long as its rows take: no total timeout, no retry (EXTEXP0001: the removal is marked experimental).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<ExplorerExportClient>(client =>
        {
            client.BaseAddress = new Uri($"https+http://{ResourceNames.AnalyticsApi}");
            client.Timeout = ExplorerExportClient.HeadersTimeout;
        }).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<WorkbenchClient>(client =>
        {
            client.BaseAddress = new Uri($"https+http://{ResourceNames.AgentApi}");
            client.Timeout = ExplorerExportClient.HeadersTimeout;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
