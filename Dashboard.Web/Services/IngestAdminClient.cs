using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>Ingest.Api's administration of the LRS credentials 7taps and other xAPI clients sign in with.</summary>
public sealed class IngestAdminClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication)
    : ApiClient(http, options, authentication)
{
    private const string Path = "/api/ingest/credentials";

    public async Task<IReadOnlyList<XapiCredentialInfo>> CredentialsAsync(CancellationToken cancellationToken) =>
        (await GetAsync<List<XapiCredentialInfo>>(Path, cancellationToken)).Value;

    public async Task<CreatedXapiCredential> CreateAsync(string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(new { name, scopes }) }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CreatedXapiCredential>(cancellationToken))!;
    }

    public async Task RevokeAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(key)}"), cancellationToken);
    }
}

public sealed record XapiCredentialInfo(string Key, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record CreatedXapiCredential(XapiCredentialInfo Credential, string Secret);
