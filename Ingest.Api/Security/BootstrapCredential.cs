using Microsoft.Extensions.Options;

namespace Ingest.Api.Security;

/// <summary>
/// For development: creates (or updates) the credential configured in <c>Xapi:BootstrapCredential</c>, which
/// AppHost fills from SEVENTAPS_XAPI_KEY / SEVENTAPS_XAPI_SECRET. Registered after the migrations, so the
/// credentials table exists.
/// </summary>
public sealed class BootstrapCredential(CredentialStore credentials, IOptions<XapiOptions> options, ILogger<BootstrapCredential> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapCredential is not { Key: { Length: > 0 } key, Secret: { Length: > 0 } secret } bootstrap)
        {
            return;
        }
        await credentials.EnsureAsync(bootstrap.Name, bootstrap.Scopes, key, secret, cancellationToken);
        logger.LogInformation("Bootstrap credential '{Name}' is ready (scopes: {Scopes})", bootstrap.Name, string.Join(" ", bootstrap.Scopes));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
