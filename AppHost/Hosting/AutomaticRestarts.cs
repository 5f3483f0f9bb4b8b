using System.Collections.Concurrent;
using System.Diagnostics;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Restarts a process that exits on its own (a crash, a SIGKILL), which the orchestrator does not do: with
/// exponential backoff from 1 s to 30 s, reset once a process has stayed up for a minute. A process stopped on
/// purpose (the dashboard's Stop, a test) is "Terminated", not "Finished", and stays stopped; nothing is
/// restarted once the application is stopping.
/// </summary>
internal sealed class AutomaticRestarts(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<AutomaticRestarts> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableUptime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Instance> _instances = new();

    /// <summary>How often each process instance (a DCP resource id) was restarted.</summary>
    public int RestartCount(string resourceId) => _instances.TryGetValue(resourceId, out var instance) ? instance.Restarts : 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping.Token))
            {
                if (update.Resource is not ExecutableResource)
                {
                    continue;
                }
                var instance = _instances.GetOrAdd(update.ResourceId, _ => new Instance());
                var state = update.Snapshot.State?.Text;
                if (state == KnownResourceStates.Running)
                {
                    instance.MarkRunning();
                }
                else if ((state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart) && instance.TryClaimRestart())
                {
                    _ = RestartAsync(update.Resource.Name, update.ResourceId, instance, update.Snapshot.ExitCode, stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(string name, string resourceId, Instance instance, int? exitCode, CancellationToken stopping)
    {
        var backoff = instance.NextBackoff(MaxBackoff, StableUptime);
        logger.LogWarning("{Resource} exited (code {ExitCode}); restart #{Restart} in {Backoff} s", resourceId, exitCode, instance.Restarts + 1, backoff.TotalSeconds);
        try
        {
            await Task.Delay(backoff, stopping);
            instance.Restarts++;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stopping);
            if (!result.Success)
            {
                logger.LogError("{Resource} could not be restarted: {Error}", name, result.Message);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            instance.ReleaseRestart();
        }
    }

    private sealed class Instance
    {
        private long _runningSince;
        private int _consecutiveCrashes;
        private int _restarting;

        public int Restarts { get; set; }

        public void MarkRunning() => Interlocked.Exchange(ref _runningSince, Stopwatch.GetTimestamp());

        public bool TryClaimRestart() => Interlocked.CompareExchange(ref _restarting, 1, 0) == 0;

        public void ReleaseRestart() => Interlocked.Exchange(ref _restarting, 0);

        public TimeSpan NextBackoff(TimeSpan max, TimeSpan stableUptime)
        {
            var runningSince = Interlocked.Read(ref _runningSince);
            _consecutiveCrashes = runningSince != 0 && Stopwatch.GetElapsedTime(runningSince) > stableUptime ? 1 : _consecutiveCrashes + 1;
            return TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, _consecutiveCrashes - 1)));
        }
    }
}
