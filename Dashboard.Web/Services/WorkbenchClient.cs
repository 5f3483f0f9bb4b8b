using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// The SQL workbench's calls to Agent.Api, which owns the guard, the run history and the saved queries. Each call
/// names the signed-in person (<see cref="AuditHeaders.OnBehalfOf"/>): the history says who ran what, and saved
/// queries belong to them. A client without the resilience handler: its attempt timeout would cut a run the guard
/// still allows, and its retries would run a query (or start an export) twice.
/// </summary>
public sealed class WorkbenchClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication)
    : ApiClient(http, options, authentication)
{
    private const string Root = $"{PublicRoutes.Agent}/workbench";

    public Task<Timed<SchemaView>> SchemaAsync(CancellationToken cancellationToken) => GetAsync<SchemaView>($"{PublicRoutes.Agent}/schema", cancellationToken);

    public Task<Timed<WorkbenchLimits>> LimitsAsync(CancellationToken cancellationToken) => GetAsync<WorkbenchLimits>($"{Root}/limits", cancellationToken);

    public Task<Timed<List<LibraryQuery>>> LibraryAsync(CancellationToken cancellationToken) => GetAsync<List<LibraryQuery>>($"{Root}/library", cancellationToken);

    public Task<Timed<List<WorkbenchRunSummary>>> HistoryAsync(CancellationToken cancellationToken) => GetAsync<List<WorkbenchRunSummary>>($"{Root}/runs", cancellationToken);

    public Task<Timed<List<SavedQuerySummary>>> SavedQueriesAsync(CancellationToken cancellationToken) => GetAsync<List<SavedQuerySummary>>($"{Root}/queries", cancellationToken);

    public Task<Timed<SavedQueryDetail>> SavedQueryAsync(Guid id, CancellationToken cancellationToken) => GetAsync<SavedQueryDetail>($"{Root}/queries/{id}", cancellationToken);

    /// <summary>The stored run, or null when there is none with this id.</summary>
    public Task<WorkbenchRun?> StoredRunAsync(Guid id, CancellationToken cancellationToken) => GetOrNullAsync<WorkbenchRun>($"{Root}/runs/{id}", cancellationToken);

    /// <summary>The SQL behind a dashboard tile for its view (<paramref name="view"/>: the tile link's query string, passed on as it is), or null when the tile has none.</summary>
    public Task<TileSql?> TileSqlAsync(string tile, string view, CancellationToken cancellationToken) =>
        GetOrNullAsync<TileSql>($"{Root}/tiles/{Uri.EscapeDataString(tile)}{view}", cancellationToken);

    /// <summary>The SQL of one of the person's chat answers with its parameters written in, or null when it is not theirs or ran nothing.</summary>
    public Task<ExchangeSql?> ExchangeSqlAsync(Guid exchange, CancellationToken cancellationToken) =>
        GetOrNullAsync<ExchangeSql>($"{Root}/exchanges/{exchange}", cancellationToken);

    public Task<WorkbenchRun> RunAsync(Guid id, string sql, IReadOnlyList<string> parameters, Guid? savedQueryId, CancellationToken cancellationToken) =>
        PostAsync<WorkbenchRun>($"{Root}/runs", new { id, sql, parameters, savedQueryId }, cancellationToken);

    /// <summary>Asks the agent to cancel the run in PostgreSQL; false when it was no longer running.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Root}/runs/{id}/cancel"), cancellationToken);
            return true;
        }
        catch (ApiException exception) when (exception.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task<SavedQueryDetail> SaveAsync(string name, string? description, string sql, bool shared, CancellationToken cancellationToken) =>
        PostAsync<SavedQueryDetail>($"{Root}/queries", new { name, description, sql, shared }, cancellationToken);

    public Task<SavedQueryDetail> SaveVersionAsync(Guid id, string sql, CancellationToken cancellationToken) =>
        PostAsync<SavedQueryDetail>($"{Root}/queries/{id}/versions", new { sql }, cancellationToken);

    /// <summary>The run's CSV export, headers read and body not yet: the caller copies the body and disposes the response.</summary>
    public Task<HttpResponseMessage> OpenExportAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/runs/{id}/export"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken) ?? throw new InvalidOperationException($"{path} answered nothing.");
    }
}
