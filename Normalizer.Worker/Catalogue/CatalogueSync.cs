using Microsoft.Extensions.Options;
using SevenTaps.Audit;
using Normalizer.Worker.Streaming;

namespace Normalizer.Worker.Catalogue;

/// <summary>
/// Before the consumer starts: loads the configured catalogue file (when set) or takes up the stored catalogue.
/// Then watches the stored one, so a catalogue loaded through any replica labels new rows everywhere within
/// <see cref="NormalizerOptions.CatalogueRefreshInterval"/>.
/// </summary>
internal sealed class CatalogueSync(
    CatalogueStore store, AnalysisDataVersionBump dataVersion, IOptions<NormalizerOptions> options, ILogger<CatalogueSync> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LessonCatalogueFile is { Length: > 0 } path)
        {
            await store.LoadAsync(await File.ReadAllTextAsync(path, cancellationToken), Path.GetFileName(path), AuditActor.Itself(), cancellationToken);
        }
        else
        {
            await store.RefreshAsync(cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatalogueRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await store.RefreshAsync(stoppingToken))
                {
                    // Another replica or the command loaded a catalogue and this one relabelled lessons.
                    await dataVersion.BumpAsync();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down for a while; the current catalogue stays in use meanwhile.
                logger.LogWarning(exception, "Could not check the stored lesson catalogue");
            }
        }
    }
}
