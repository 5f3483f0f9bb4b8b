using Microsoft.Extensions.Options;
using SevenTaps.Audit;
using SevenTaps.Contracts;
using SevenTaps.Hosting;
using SevenTaps.Security;
using Normalizer.Worker.Streaming;

namespace Normalizer.Worker.Catalogue;

/// <summary>
/// Before the consumer starts: loads the configured catalogue file (when set) or takes up the stored catalogue.
/// Then takes up the stored one whenever a load announces it (<see cref="ChangeChannels.LessonCatalogue"/>, sent by
/// <see cref="CatalogueStore.LoadAsync"/> through any replica or the command), so it labels new rows everywhere within
/// milliseconds, and again whenever the change listener starts listening, which covers announcements missed while it
/// was not. Nothing runs in between: no polling of the table.
/// </summary>
internal sealed class CatalogueSync(
    CatalogueStore store, AnalysisDataVersionBump dataVersion, IOptions<NormalizerOptions> options, ILogger<CatalogueSync> logger)
    : BackgroundService, IChangeSubscriber
{
    // One stored wake-up covers any number of announcements: a refresh reads the stored catalogue as it is then.
    private readonly WakeUpSignal _changed = new();

    public string Channel => ChangeChannels.LessonCatalogue;

    public void Changed(string payload) => _changed.Wake();

    public void Listening(bool listening)
    {
        if (listening)
        {
            _changed.Wake();
        }
    }

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
        while (!stoppingToken.IsCancellationRequested)
        {
            await _changed.WaitAsync(stoppingToken);
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
                // The database may be down for a while; the current catalogue stays in use meanwhile, and listening
                // again (once it is back) brings the next try.
                logger.LogWarning(exception, "Could not check the stored lesson catalogue");
            }
        }
    }
}
