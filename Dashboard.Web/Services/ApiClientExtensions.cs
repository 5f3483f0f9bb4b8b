namespace Dashboard.Web.Services;

public static class ApiClientExtensions
{
    /// <summary>Typed clients of the services, resolved by name through service discovery (AppHost passes <c>services__*</c>).</summary>
    public static void AddApiClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<AnalyticsClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.AnalyticsApi}"));
        builder.Services.AddHttpClient<IngestAdminClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.IngestApi}"));
    }
}
