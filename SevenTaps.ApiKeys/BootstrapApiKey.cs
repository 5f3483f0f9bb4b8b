using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SevenTaps.ApiKeys;

/// <summary>
/// For development: stores <c>ApiKeys:BootstrapKey</c> with every scope (AppHost passes SEVENTAPS_API_KEY). In a
/// service that does not own the key table, the table may not exist yet: it tries again until it does.
/// </summary>
public sealed class BootstrapApiKey(ApiKeyStore keys, IOptions<ApiKeyOptions> options, ILogger<BootstrapApiKey> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BootstrapKey is { Length: > 0 } key)
        {
            await StoreWhenTableExistsAsync(keys, "bootstrap", key, logger, stoppingToken);
        }
    }

    /// <summary>Stores <paramref name="key"/> with every scope, trying again while the key table does not exist yet.</summary>
    public static async Task StoreWhenTableExistsAsync(ApiKeyStore keys, string name, string key, ILogger logger, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await keys.EnsureAsync(name, key, stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn }
                                              or NpgsqlException { IsTransient: true })
            {
                logger.LogInformation("API key {Name} not stored yet ({Error}); trying again", name, exception.Message);
            }
            await Task.Delay(RetryInterval, stoppingToken);
        }
    }
}
