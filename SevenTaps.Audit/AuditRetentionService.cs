using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SevenTaps.Audit;

/// <summary>Runs <see cref="AuditPurge"/> at start and then every <see cref="AuditRetentionOptions.PurgeInterval"/>.</summary>
public sealed partial class AuditRetentionService(AuditPurge purge, IOptions<AuditRetentionOptions> options, ILogger<AuditRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval);
        do
        {
            try
            {
                if (await purge.PurgeAsync(stoppingToken) is var deleted and > 0)
                {
                    LogPurged(deleted, options.Value.RetentionDays);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down for a while; the next interval tries again, and nothing is lost by waiting.
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} audit records older than {Days} days")]
    private partial void LogPurged(long count, int days);

    [LoggerMessage(LogLevel.Warning, "Could not delete old audit records")]
    private partial void LogFailed(Exception exception);
}
