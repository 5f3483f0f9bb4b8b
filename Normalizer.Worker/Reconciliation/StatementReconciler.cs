using Microsoft.Extensions.Options;
using Normalizer.Worker.Renormalization;

namespace Normalizer.Worker.Reconciliation;

/// <summary>
/// Every <see cref="ReconcilerOptions.Interval"/>: a <see cref="ReconciliationPass"/> up to the sequence number that
/// was settled at the previous tick, then the settled number for the next one. So a pass only looks at statements
/// whose writes had ended an interval earlier, which the stream has had that long to deliver, and a lost one is
/// normalized within two intervals. Every replica runs it; the one that gets the lock does the pass.
/// </summary>
/// <remarks>
/// On an idle system a tick costs the settle barrier (an instant exclusive take of ingest's statement-write lock and
/// <c>max(seq)</c> from the index) and nothing else: the mark already stands at the settled number.
/// </remarks>
internal sealed class StatementReconciler(
    ReconciliationPass pass, StatementWatermark watermark, IOptions<ReconcilerOptions> options, TimeProvider time, ILogger<StatementReconciler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? settled = null;
        var failing = false;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            do
            {
                try
                {
                    if (settled is { } through)
                    {
                        await pass.RunAsync(through, stoppingToken);
                    }
                    settled = await watermark.SettledAsync(stoppingToken);
                    if (failing)
                    {
                        logger.LogInformation("Reconciliation works again");
                        failing = false;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // PostgreSQL or Redis down, or ingest's schema not created yet: the mark stays, the next tick goes on from it.
                    if (!failing)
                    {
                        logger.LogWarning(exception, "Reconciliation failed; trying again every {Interval}", options.Value.Interval);
                        failing = true;
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
