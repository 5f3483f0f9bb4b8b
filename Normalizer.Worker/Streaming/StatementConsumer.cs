using Microsoft.Extensions.Options;
using Normalizer.Worker.Processing;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Worker.Streaming;

/// <summary>
/// Consumes the statement stream in a consumer group shared by all replicas: reads a batch, has it written,
/// acknowledges it only after commit. Entries left pending by a consumer that died (or failed on them) are
/// taken over once idle for <see cref="NormalizerOptions.ClaimMinIdle"/>; after
/// <see cref="NormalizerOptions.MaxDeliveries"/> deliveries they go to the dead-letter stream instead.
/// </summary>
internal sealed class StatementConsumer(
    IConnectionMultiplexer redis,
    StatementBatchProcessor processor,
    DeadLetters deadLetters,
    AnalysisDataVersionBump dataVersion,
    ConsumerState state,
    StreamSignal signal,
    IOptions<NormalizerOptions> options,
    TimeProvider time,
    ILogger<StatementConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Unique per process: a restarted worker is a new consumer, and its predecessor's entries are claimed.</summary>
    public static string ConsumerName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    private NormalizerOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        state.Started();
        // Several loops per process: while one waits for its commit, another reads and normalizes the next batch.
        // A loop that fails stops the others, so the health check never reports a half-working consumer healthy.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var loops = Enumerable.Range(0, Options.Concurrency).Select(async loop =>
        {
            try
            {
                await ConsumeAsync(claims: loop == 0, failed.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await failed.CancelAsync();
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(loops);
            state.Stopped(null);
        }
        catch (Exception) when (loops.All(loop => !loop.IsFaulted) && stoppingToken.IsCancellationRequested)
        {
            state.Stopped(null);
        }
        catch (Exception)
        {
            var failure = loops.First(loop => loop.IsFaulted).Exception!.InnerException!;
            state.Stopped(failure.Message);
            logger.LogCritical(failure, "The statement consumer stopped");
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task ConsumeAsync(bool claims, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var database = redis.GetDatabase();
        var groupReady = false;
        var nextClaim = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await EnsureGroupAsync(database);
                    groupReady = true;
                }

                if (claims && time.GetUtcNow() >= nextClaim)
                {
                    await ClaimStaleAsync(database, stoppingToken);
                    nextClaim = time.GetUtcNow() + Options.ClaimInterval;
                }

                var read = await database.StreamReadGroupAsync(
                    StatementStream.Key, Options.ConsumerGroup, ConsumerName, StreamPosition.NewMessages, Options.BatchSize);
                if (read.Length > 0)
                {
                    await HandleAsync(read.Select(StreamEntry.From).ToList(), redelivered: false, stoppingToken);
                }
                if (read.Length < Options.BatchSize)
                {
                    // The stream held no more when it was read. Entries added since were announced, and the
                    // announcement wakes a loop: reading again now would only find nothing, once per statement
                    // when they trickle in one by one.
                    await signal.WaitForEntriesAsync(Options.PollInterval, stoppingToken);
                }
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // The stream (and with it the group) is gone, e.g. Redis restarted without persistence.
                logger.LogWarning("The consumer group is gone; creating it again");
                groupReady = false;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                logger.LogWarning("Redis is unavailable ({Reason}); retrying in {Delay}", exception.Message, RetryDelay);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    /// <summary>From the stream's first entry, so that nothing ingest published before the first worker started is missed.</summary>
    private async Task EnsureGroupAsync(IDatabase database)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(StatementStream.Key, Options.ConsumerGroup, StreamPosition.Beginning, createStream: true);
            logger.LogInformation("Created consumer group {Group} on {Stream}", Options.ConsumerGroup, StatementStream.Key);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica (or an earlier run) created it.
        }
    }

    /// <summary>
    /// Writes a batch and acknowledges what is done. While the database is unreachable the same batch is tried
    /// again here: that is nobody's fault, so it must not use up the entries' deliveries.
    /// </summary>
    private async Task HandleAsync(IReadOnlyList<StreamEntry> entries, bool redelivered, CancellationToken stoppingToken)
    {
        IReadOnlyDictionary<string, string> failures;
        while (true)
        {
            try
            {
                failures = await processor.ProcessAsync(entries, stoppingToken);
                break;
            }
            catch (Exception exception) when (StatementBatchProcessor.IsTransient(exception))
            {
                logger.LogWarning("The database is unavailable ({Reason}); retrying {Count} entries in {Delay}", exception.Message, entries.Count, RetryDelay);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }

        foreach (var (entryId, reason) in failures)
        {
            logger.LogWarning("Stream entry {EntryId} failed and stays pending: {Reason}", entryId, reason);
        }
        // Everything after the commit goes to Redis together: one round trip, not one per command.
        await Task.WhenAll(
            failures.Count < entries.Count ? dataVersion.BumpAsync() : Task.CompletedTask,
            deadLetters.RecordFailuresAsync(failures),
            deadLetters.AcknowledgeAsync(Options.ConsumerGroup, entries.Select(entry => entry.Id).Where(id => !failures.ContainsKey(id)).ToList(), redelivered));
    }

    /// <summary>
    /// Takes over entries idle for <see cref="NormalizerOptions.ClaimMinIdle"/>. XPENDING (not XAUTOCLAIM) finds
    /// them, because it reports how often each was delivered: those delivered
    /// <see cref="NormalizerOptions.MaxDeliveries"/> times are dead-lettered, the others claimed and written again.
    /// XCLAIM with the same minimum idle time lets only one replica win each entry.
    /// </summary>
    private async Task ClaimStaleAsync(IDatabase database, CancellationToken stoppingToken)
    {
        var minIdle = (long)Options.ClaimMinIdle.TotalMilliseconds;
        var pending = await database.StreamPendingMessagesAsync(
            StatementStream.Key, Options.ConsumerGroup, Options.BatchSize, RedisValue.Null, "-", "+", minIdle);
        if (pending.Length == 0)
        {
            return;
        }

        var exhausted = pending.Where(message => message.DeliveryCount >= Options.MaxDeliveries).ToDictionary(message => message.MessageId.ToString());
        var retry = pending.Where(message => message.DeliveryCount < Options.MaxDeliveries).Select(message => message.MessageId).ToArray();

        if (exhausted.Count > 0)
        {
            var claimed = await database.StreamClaimAsync(
                StatementStream.Key, Options.ConsumerGroup, ConsumerName, minIdle, [.. exhausted.Keys.Select(id => (RedisValue)id)]);
            foreach (var entry in claimed.Where(entry => !entry.IsNull).Select(StreamEntry.From))
            {
                var message = exhausted[entry.Id];
                logger.LogError("Stream entry {EntryId} (statement {StatementId}) was delivered {Deliveries} times; moving it to {DeadLetterStream}",
                    entry.Id, entry.RawStatementId, message.DeliveryCount, Options.DeadLetterStream);
                await deadLetters.MoveAsync(Options.ConsumerGroup, entry, message.DeliveryCount, message.ConsumerName.ToString());
            }
        }

        if (retry.Length > 0)
        {
            var claimed = await database.StreamClaimAsync(StatementStream.Key, Options.ConsumerGroup, ConsumerName, minIdle, retry);
            // Redis drops entries trimmed from the stream meanwhile from the pending list itself.
            var entries = claimed.Where(entry => !entry.IsNull).Select(StreamEntry.From).ToList();
            if (entries.Count > 0)
            {
                logger.LogInformation("Claimed {Count} stream entries idle for over {MinIdle}", entries.Count, Options.ClaimMinIdle);
                await HandleAsync(entries, redelivered: true, stoppingToken);
            }
        }
    }
}
