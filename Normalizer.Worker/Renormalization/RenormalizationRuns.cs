using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Streaming;
using SevenTaps.Audit;
using StackExchange.Redis;

namespace Normalizer.Worker.Renormalization;

/// <summary>A re-normalization started through the operations API, as any replica reports it.</summary>
/// <param name="State"><c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Progress">Its progress lines so far (the command prints the same), the latest last.</param>
/// <param name="Outcome">The summary when it finished, or why it failed.</param>
public sealed record RenormalizationStatus(string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, IReadOnlyList<string> Progress, string? Outcome);

/// <summary>
/// Runs <see cref="Renormalizer"/> in the background of this worker when an operator asks, and keeps its state in Redis
/// (<see cref="StateKey"/>), so the page that started it can follow it whichever replica answers. A lock key with a
/// time-out (refreshed while the run lives) makes one run at a time across replicas; should a worker die mid-run, the
/// lock expires and the state is reported failed. Renormalizer's own advisory lock stays the guarantee in PostgreSQL.
/// </summary>
internal sealed class RenormalizationRuns(
    Renormalizer renormalizer, CatalogueStore catalogue, IConnectionMultiplexer redis, AnalysisDataVersionBump dataVersion, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<RenormalizationRuns> logger)
{
    public const string StateKey = "seventaps:renormalization";
    private const string LockKey = "seventaps:renormalization:lock";
    private const int MaxProgressLines = 200;
    private static readonly TimeSpan LockLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Starts a run unless one is running; the status it starts with, or null when one was running already.</summary>
    public async Task<RenormalizationStatus?> StartAsync(AuditActor actor)
    {
        var database = redis.GetDatabase();
        if (!await database.StringSetAsync(LockKey, Environment.MachineName, LockLifetime, When.NotExists))
        {
            return null;
        }
        var status = new RenormalizationStatus("running", time.GetUtcNow(), null, [], null);
        await database.KeyDeleteAsync(ProgressKey);
        await database.HashSetAsync(StateKey, [new("state", status.State), new("started_at", status.StartedAt.ToString("O")), new("finished_at", ""), new("outcome", "")]);
        _ = Task.Run(() => RunAsync(actor, lifetime.ApplicationStopping));
        return status;
    }

    /// <summary>The latest run's status, or null when none was started through the API.</summary>
    public async Task<RenormalizationStatus?> CurrentAsync()
    {
        var database = redis.GetDatabase();
        // State and lock read as one snapshot: read one after the other, a run that finished in between (state
        // written, then lock deleted) looked like a run whose worker died.
        var snapshot = database.CreateTransaction();
        var stateFields = snapshot.HashGetAllAsync(StateKey);
        var locked = snapshot.KeyExistsAsync(LockKey);
        await snapshot.ExecuteAsync();
        var fields = (await stateFields).ToDictionary(entry => (string)entry.Name!, entry => (string?)entry.Value);
        if (!fields.TryGetValue("state", out var state) || state is null)
        {
            return null;
        }
        // A run whose worker died leaves "running" behind with nobody refreshing the lock.
        if (state == "running" && !await locked)
        {
            state = "failed";
            fields["outcome"] = "The worker running it stopped before it finished; the live tables are unchanged unless the swap had committed.";
        }
        var progress = (await database.ListRangeAsync(ProgressKey)).Select(line => (string)line!).ToList();
        return new RenormalizationStatus(state, DateTimeOffset.Parse(fields["started_at"]!, System.Globalization.CultureInfo.InvariantCulture),
            fields.GetValueOrDefault("finished_at") is { Length: > 0 } finished ? DateTimeOffset.Parse(finished, System.Globalization.CultureInfo.InvariantCulture) : null,
            progress, fields.GetValueOrDefault("outcome") is { Length: > 0 } outcome ? outcome : null);
    }

    private static string ProgressKey => StateKey + ":progress";

    private async Task RunAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        using var refresh = new PeriodicTimer(LockLifetime / 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepLock = KeepLockAsync(refresh, stop.Token);
        string state, outcome;
        try
        {
            await catalogue.RefreshAsync(cancellationToken);
            var result = await renormalizer.RunAsync(line =>
            {
                database.ListRightPush(ProgressKey, line, flags: CommandFlags.FireAndForget);
                database.ListTrim(ProgressKey, -MaxProgressLines, -1, CommandFlags.FireAndForget);
            }, actor, cancellationToken);
            await dataVersion.BumpAsync();
            (state, outcome) = ("succeeded",
                $"Re-normalized {result.Statements:N0} statements in {result.Elapsed.TotalSeconds:N1} s; {result.CaughtUpInSwap:N0} caught up in the swap, " +
                $"{result.CarriedRows:N0} rows carried over; workers paused {result.WritersPaused.TotalMilliseconds:N0} ms; {result.LeftOut.Count:N0} statements left out.");
        }
        catch (Exception exception)
        {
            // Whatever stopped it, the page that started it is told, and the lock is released.
            logger.LogError(exception, "Re-normalization failed");
            (state, outcome) = ("failed", $"{exception.Message} The live tables are unchanged.");
        }
        await stop.CancelAsync();
        await keepLock;
        await database.HashSetAsync(StateKey, [new("state", state), new("finished_at", time.GetUtcNow().ToString("O")), new("outcome", outcome)]);
        await database.KeyDeleteAsync(LockKey);
    }

    private async Task KeepLockAsync(PeriodicTimer refresh, CancellationToken cancellationToken)
    {
        try
        {
            while (await refresh.WaitForNextTickAsync(cancellationToken))
            {
                await redis.GetDatabase().KeyExpireAsync(LockKey, LockLifetime);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
