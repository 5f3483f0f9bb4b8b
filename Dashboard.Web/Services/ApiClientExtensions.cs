namespace Dashboard.Web.Services;

public static class ApiClientExtensions
{
    /// <summary>Typed clients of the services, resolved by name through service discovery (AppHost passes <c>services__*</c>).</summary>
    public static void AddApiClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<AnalyticsClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.AnalyticsApi}"));
        builder.Services.AddHttpClient<IngestAdminClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.IngestApi}"));
        // The export streams for as long as its rows take, a chat answer streams its parts, an import sends megabytes:
        // their own time-outs and no retry (a retry would restart the export, ask the question twice, send the file
        // twice; the standard handler's 30 s total would cut them).
        builder.AddStreamingClient<ExplorerExportClient>(ResourceNames.AnalyticsApi, ExplorerExportClient.HeadersTimeout);
        builder.AddStreamingClient<AgentClient>(ResourceNames.AgentApi, AgentClient.Timeout);
        // A workbench run or export lasts as long as its query: no retry (it would run the query twice).
        builder.AddStreamingClient<WorkbenchClient>(ResourceNames.AgentApi, ExplorerExportClient.HeadersTimeout);
        builder.AddStreamingClient<OperationsClient>(ResourceNames.NormalizerWorker, OperationsClient.Timeout);
        // A health report is shown as it is now: a retry would only hide a failure. Health is served over plain HTTP.
        builder.AddStreamingClient<GatewayHealthClient>(ResourceNames.Gateway, TimeSpan.FromSeconds(15), "http");
    }

    private static void AddStreamingClient<TClient>(this IHostApplicationBuilder builder, string service, TimeSpan timeout, string scheme = "https+http")
        where TClient : class
    {
        // EXTEXP0001: the removal is marked experimental.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<TClient>(client =>
        {
            client.BaseAddress = new Uri($"{scheme}://{service}");
            client.Timeout = timeout;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
