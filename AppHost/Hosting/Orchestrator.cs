using System.Collections.Concurrent;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Starts the selected resources in dependency order, each only once what it waits for is healthy; watches
/// their health while running; stops them in reverse order (services first, the database last).
/// </summary>
internal sealed class Orchestrator(
    ApplicationModel model,
    ResourceContext context,
    IOptions<AppHostOptions> options,
    ResourceTable table,
    ILogger<Orchestrator> logger) : IHostedService
{
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MonitorInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _monitorStopping = new();
    private readonly ConcurrentDictionary<Resource, Task> _starts = new();
    private IReadOnlyList<Resource> _selected = [];
    private Task _monitor = Task.CompletedTask;
    private int _stopped;

    public IReadOnlyList<Resource> Selected => _selected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _selected = model.SelectWithDependencies(options.Value.OnlyResources);
        Directory.CreateDirectory(context.DataDirectory);
        await ProcessRecords.StopLeftoversAsync(context.LogsDirectory, context.StopTimeout, logger, cancellationToken);
        foreach (var resource in _selected)
        {
            resource.Prepare(context);
        }

        try
        {
            await Task.WhenAll(_selected.Select(resource => StartWhenReadyAsync(resource, cancellationToken)));
        }
        catch
        {
            logger.LogError("Start-up failed; stopping what was started");
            await StopSelectedAsync(CancellationToken.None);
            throw;
        }

        _monitor = MonitorHealthAsync(_monitorStopping.Token);
        if (options.Value.PrintResourceTable)
        {
            table.Print(_selected);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host stops once on shutdown and again on dispose; the second is a no-op.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _monitorStopping.CancelAsync();
        await _monitor;
        await StopSelectedAsync(cancellationToken);
        if (options.Value.PrintResourceTable)
        {
            table.PrintStopped();
        }
    }

    private Task StartWhenReadyAsync(Resource resource, CancellationToken cancellationToken) =>
        _starts.GetOrAdd(resource, _ => StartAfterDependenciesAsync(resource, cancellationToken));

    private async Task StartAfterDependenciesAsync(Resource resource, CancellationToken cancellationToken)
    {
        resource.SetState(ResourceState.Waiting);
        await Task.WhenAll(resource.Dependencies.Select(dependency => StartWhenReadyAsync(dependency, cancellationToken)));

        resource.SetState(ResourceState.Starting);
        logger.LogInformation("Starting {Resource}", resource.Name);
        try
        {
            await resource.StartAsync(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            resource.SetState(ResourceState.Failed);
            throw new InvalidOperationException($"{resource.Name} failed to start: {exception.Message}", exception);
        }
        if (resource.State == ResourceState.Starting)
        {
            resource.SetState(ResourceState.Running);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.StartTimeout);
        try
        {
            while (!await resource.IsHealthyAsync(deadline.Token))
            {
                await Task.Delay(HealthPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            resource.SetHealth(ResourceHealth.Unhealthy);
            throw new TimeoutException(
                $"{resource.Name} did not report healthy within {options.Value.StartTimeout.TotalSeconds} s. See {context.LogsDirectory}.");
        }
        resource.SetHealth(ResourceHealth.Healthy);
        logger.LogInformation("{Resource} is healthy", resource.Name);
    }

    private async Task MonitorHealthAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(MonitorInterval, stopping);
                foreach (var resource in _selected)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    timeout.CancelAfter(TimeSpan.FromSeconds(5));
                    var health = await resource.IsHealthyAsync(timeout.Token) ? ResourceHealth.Healthy : ResourceHealth.Unhealthy;
                    if (health != resource.Health)
                    {
                        resource.SetHealth(health);
                        logger.Log(health == ResourceHealth.Healthy ? LogLevel.Information : LogLevel.Warning,
                            "{Resource} is now {Health}", resource.Name, health);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // One probe timed out; the next round tries again.
            }
        }
    }

    /// <summary>A resource stops only after everything that depends on it has stopped.</summary>
    private async Task StopSelectedAsync(CancellationToken cancellationToken)
    {
        var stops = new ConcurrentDictionary<Resource, Task>();
        Task StopWhenDependentsStopped(Resource resource) =>
            stops.GetOrAdd(resource, async _ =>
            {
                await Task.WhenAll(model.DependentsOf(resource, _selected).Select(StopWhenDependentsStopped));
                if (resource.State is ResourceState.NotStarted)
                {
                    return;
                }
                try
                {
                    resource.SetState(ResourceState.Stopping);
                    await resource.StopAsync(context, cancellationToken);
                    resource.SetState(ResourceState.Stopped);
                    resource.SetHealth(ResourceHealth.Unknown);
                }
                catch (Exception exception)
                {
                    resource.SetState(ResourceState.Failed);
                    logger.LogError(exception, "Stopping {Resource} failed", resource.Name);
                }
            });

        await Task.WhenAll(_selected.Select(StopWhenDependentsStopped));
    }
}
