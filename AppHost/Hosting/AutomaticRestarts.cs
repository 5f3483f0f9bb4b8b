using System.Collections.Concurrent;
using System.Diagnostics;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Restarts a process that exits on its own (a crash, a SIGKILL), which the orchestrator does not do: with
/// exponential backoff from 1 s to 30 s, reset once a process has stayed up for a minute. A process stopped on
/// purpose (the dashboard's Stop or Restart, a test) stays stopped: its Stop command is wrapped to say so, since a
/// process that ends cleanly on the orchestrator's SIGTERM is reported "Finished" just like one that exited on its
/// own. Nothing is restarted once the application is stopping.
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
    private readonly ConcurrentDictionary<ResourceCommandAnnotation, bool> _wrappedCommands = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Wraps the resource's Stop and Restart commands (added by the orchestrator just before its first start) so that
    /// a stop asked for is not taken for a crash.
    /// </summary>
    public void MarkStopsAsIntended(IResource resource)
    {
        foreach (var command in resource.Annotations.OfType<ResourceCommandAnnotation>()
                     .Where(command => (command.Name == KnownResourceCommands.StopCommand || command.Name == KnownResourceCommands.RestartCommand) && !_wrappedCommands.ContainsKey(command))
                     .ToList())
        {
            var wrapped = new ResourceCommandAnnotation(command.Name, command.DisplayName, command.UpdateState,
                context =>
                {
                    _instances.GetOrAdd(context.ResourceName, _ => new Instance()).MarkStopRequested();
                    return command.ExecuteCommand(context);
                },
                command.DisplayDescription, parameter: null, command.ConfirmationMessage, command.IconName, command.IconVariant, command.IsHighlighted);
            _wrappedCommands.TryAdd(wrapped, true);
            resource.Annotations.Remove(command);
            resource.Annotations.Add(wrapped);
        }
    }

    /// <summary>How often each process instance (a DCP resource id) was restarted.</summary>
    public int RestartCount(string resourceId) => _instances.TryGetValue(resourceId, out var instance) ? instance.Restarts : 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping.Token))
            {
                // A migration that succeeded is meant to end; one that failed is tried again like a crashed service.
                if (update.Resource is not ExecutableResource || update.Resource is MigrationResource && update.Snapshot.ExitCode == 0)
                {
                    continue;
                }
                var instance = _instances.GetOrAdd(update.ResourceId, _ => new Instance());
                var state = update.Snapshot.State?.Text;
                // Snapshots repeat the state with every health change, so "Running" begins only when the state changes to it.
                var previous = instance.ObserveState(state);
                if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
                {
                    instance.MarkRunning();
                }
                else if ((state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart) && !instance.StopRequested && instance.TryClaimRestart())
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
        private int _stopRequested;
        private string? _state;

        public int Restarts { get; set; }

        public bool StopRequested => Volatile.Read(ref _stopRequested) == 1;

        /// <summary>Records the state of the latest snapshot and returns the one before it.</summary>
        public string? ObserveState(string? state) => Interlocked.Exchange(ref _state, state);

        public void MarkStopRequested() => Interlocked.Exchange(ref _stopRequested, 1);

        public void MarkRunning()
        {
            Interlocked.Exchange(ref _runningSince, Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref _stopRequested, 0);
        }

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
