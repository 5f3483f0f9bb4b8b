using Microsoft.Extensions.Options;

namespace Normalizer.Worker.Backfill;

/// <summary>
/// Runs a <see cref="SentimentBackfill"/> pass at start and then every <see cref="SentimentBackfillOptions.Interval"/>
/// until a pass finds no free-text answer without a sentiment; then it stops (the normalizer and the CSV import
/// score every new answer). Every replica runs it; passes at once share the work row by row.
/// </summary>
internal sealed class SentimentBackfillService(
    SentimentBackfill backfill, IOptions<SentimentBackfillOptions> options, TimeProvider time, ILogger<SentimentBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Sentiment backfill is off ({Section}:Enabled)", SentimentBackfillOptions.SectionName);
            return;
        }
        try
        {
            while (true)
            {
                try
                {
                    if (!await backfill.AnyToScoreAsync(stoppingToken) || (await backfill.RunPassAsync(stoppingToken)).FoundNone)
                    {
                        logger.LogInformation("Sentiment backfill done: every free-text answer has its sentiment");
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database may be unreachable for a while; the next pass starts over, past scored answers.
                    logger.LogWarning(exception, "Sentiment backfill pass failed; trying again in {Interval}", options.Value.Interval);
                }
                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
