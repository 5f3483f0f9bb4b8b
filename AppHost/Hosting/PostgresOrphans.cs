namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Ends the server processes a dead postmaster left behind in its data directory.
/// <para>
/// A killed postmaster's backends and auxiliary processes run on until they next wait on a latch; one busy with a long
/// query can run for minutes. They serve nobody (their postmaster is gone; a new one runs crash recovery), yet while
/// any is attached to the old shared memory a new postmaster refuses to start ("pre-existing shared memory block is
/// still in use"). Worse, they inherited the postmaster's output pipes, and DCP reports an executable as exited only
/// once those close: measured, a postmaster SIGKILLed under a busy backend stayed "Running" with no server behind it
/// until the query ended, then was restarted within a second. So the watch ends them as soon as the postmaster is
/// gone, and every start first makes sure none is left.
/// </para>
/// </summary>
internal sealed class PostgresOrphans(LocalPostgresResource server, ResourceNotificationService notifications, ILogger<PostgresOrphans> logger)
    : BackgroundService
{
    /// <summary>Time for orphans to notice their postmaster's death and exit on their own before they are killed.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Waits until no process works in <paramref name="dataDirectory"/>, killing those still there after <see cref="Grace"/>.</summary>
    public static async Task EndAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var since = TimeProvider.System.GetTimestamp();
        while (Unix.ProcessesWorkingIn(dataDirectory) is { Count: > 0 } orphans)
        {
            if (TimeProvider.System.GetElapsedTime(since) > Grace)
            {
                foreach (var orphan in orphans)
                {
                    Unix.Kill(orphan);
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // 0 while no postmaster runs (no process has id 0).
        var postmaster = 0;
        var following = FollowPostmasterAsync(pid => Volatile.Write(ref postmaster, pid ?? 0), stoppingToken);
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (Volatile.Read(ref postmaster) is var pid and not 0 && !Unix.IsAlive(pid))
                {
                    logger.LogWarning("The PostgreSQL postmaster {Pid} is gone; ending the server processes it left in {DataDirectory}", pid, server.DataDirectory);
                    await EndAsync(server.DataDirectory, stoppingToken);
                    // Unless a new postmaster was reported meanwhile.
                    Interlocked.CompareExchange(ref postmaster, 0, pid);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await following;
    }

    /// <summary>Reports the running postmaster's process id as the orchestrator publishes it (null while none runs).</summary>
    private async Task FollowPostmasterAsync(Action<int?> report, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource == server)
                {
                    report(update.Snapshot.State?.Text == KnownResourceStates.Running
                           && update.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid
                        ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
                        : null);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
