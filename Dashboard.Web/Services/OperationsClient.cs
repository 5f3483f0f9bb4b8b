using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// The normalizer's operations API (scope admin): the statement stream's status, dead letters and their replay, CSV
/// import, the lesson catalogue and re-normalization. Any replica answers: what they share lives in Redis and PostgreSQL.
/// </summary>
public sealed class OperationsClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication)
    : ApiClient(http, options, authentication)
{
    /// <summary>An import of the largest export the normalizer takes (20 MB) is written in one transaction: give it time.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private const string Path = "/api/normalizer";

    public async Task<StreamStatus> StatusAsync(CancellationToken cancellationToken) =>
        (await GetAsync<StreamStatus>($"{Path}/status", cancellationToken)).Value;

    public async Task<DeadLetterPage> DeadLettersAsync(int limit, CancellationToken cancellationToken) =>
        (await GetAsync<DeadLetterPage>($"{Path}/dead-letters?limit={limit}", cancellationToken)).Value;

    public async Task ReplayAsync(string entryId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}/dead-letters/{Uri.EscapeDataString(entryId)}/replay"), cancellationToken);
    }

    public async Task<int> ReplayAllAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}/dead-letters/replay"), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ReplayedDeadLetters>(cancellationToken))!.Replayed;
    }

    /// <summary>Sends a 7taps export as it is read from <paramref name="csv"/>, reporting the bytes sent.</summary>
    public async Task<CsvImportResult> ImportCsvAsync(Stream csv, long length, string fileName, DateOnly importDate, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var query = $"importDate={importDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&fileName={Uri.EscapeDataString(fileName)}";
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}/imports/csv?{query}")
        {
            Content = new ProgressContent(csv, length, "text/csv", progress),
        }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CsvImportResult>(cancellationToken))!;
    }

    /// <summary>The stored catalogue, or null when none has been loaded.</summary>
    public Task<StoredCatalogue?> CatalogueAsync(CancellationToken cancellationToken) =>
        GetOrNullAsync<StoredCatalogue>($"{Path}/catalogue", cancellationToken);

    public async Task<CatalogueLoad> LoadCatalogueAsync(Stream json, long length, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{Path}/catalogue")
        {
            Content = new ProgressContent(json, length, "application/json", new Progress<long>()),
        }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CatalogueLoad>(cancellationToken))!;
    }

    public async Task<RenormalizationStatus> StartRenormalizationAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}/renormalizations"), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<RenormalizationStatus>(cancellationToken))!;
    }

    /// <summary>Where a statement stands (stored, trace, normalization), or null when the LRS has none with this id.</summary>
    public Task<StatementTrace?> StatementAsync(Guid id, CancellationToken cancellationToken) =>
        GetOrNullAsync<StatementTrace>($"{Path}/statements/{id}", cancellationToken);

    /// <summary>The latest re-normalization started through the API, or null when none was.</summary>
    public Task<RenormalizationStatus?> RenormalizationAsync(CancellationToken cancellationToken) =>
        GetOrNullAsync<RenormalizationStatus>($"{Path}/renormalizations/current", cancellationToken);

    /// <summary>Pretty-printed, for the page to show.</summary>
    public static string Indented(JsonElement document) => JsonSerializer.Serialize(document, IndentedJson);

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };
}
