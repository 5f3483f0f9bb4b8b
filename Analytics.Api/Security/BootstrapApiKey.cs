using Microsoft.Extensions.Options;

namespace Analytics.Api.Security;

/// <summary>For development: stores the key in <c>Analytics:BootstrapApiKey</c> (AppHost passes SEVENTAPS_API_KEY).</summary>
public sealed class BootstrapApiKey(ApiKeyStore keys, IOptions<AnalyticsOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapApiKey is { Length: > 0 } key)
        {
            await keys.EnsureAsync("bootstrap", key, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
