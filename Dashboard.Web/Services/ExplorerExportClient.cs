using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// Opens Analytics.Api's CSV export of a whole filtered set, for the dashboard to pass on to the browser as it arrives.
/// A client of its own: without the resilience handler of the other clients (whose 30 s total timeout would cut a
/// long export, and whose retries would start it again), and with a long wait for the first bytes (PostgreSQL sorts a
/// large set before it sends its first row).
/// </summary>
public sealed class ExplorerExportClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication)
    : ApiClient(http, options, authentication)
{
    /// <summary>How long the export may take to start answering; the rows then stream for as long as they take.</summary>
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The export's response, headers read and body not yet: the caller copies the body and disposes the response.</summary>
    public Task<HttpResponseMessage> OpenAsync(ExplorerQuery query, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{PublicRoutes.Analytics}/explorer/{query.ApiPath}/export?{query.ToApiQuery()}"),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
