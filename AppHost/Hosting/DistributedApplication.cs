namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// The running application. <see cref="RunAsync"/> serves the command line (Ctrl+C / SIGTERM stop everything);
/// tests use <see cref="StartAsync"/> and dispose, like Aspire.Hosting.Testing.
/// </summary>
public sealed class DistributedApplication(IHost host, ApplicationModel model) : IAsyncDisposable
{
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public ApplicationModel Model => model;

    public IServiceProvider Services => host.Services;

    public Task StartAsync(CancellationToken cancellationToken = default) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => host.StopAsync(cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken = default) => host.RunAsync(cancellationToken);

    public T GetResource<T>(string name) where T : Resource =>
        model[name] as T ?? throw new InvalidOperationException($"Resource '{name}' is not a {typeof(T).Name}.");

    public string GetConnectionString(string name) =>
        GetResource<Resource>(name) is IResourceWithConnectionString resource
            ? resource.GetConnectionString()
            : throw new InvalidOperationException($"Resource '{name}' has no connection string.");

    public Uri GetEndpoint(string name) => GetResource<ProjectResource>(name).PrimaryUrl;

    /// <summary>Waits until AppHost's own health monitor reports the resource healthy again (after a restart, say).</summary>
    public async Task WaitForHealthyAsync(string name, TimeSpan timeout)
    {
        var resource = model[name];
        using var deadline = new CancellationTokenSource(timeout);
        while (!(resource.Health == ResourceHealth.Healthy && await resource.IsHealthyAsync(deadline.Token)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    /// <summary>Stops one resource (what depends on it keeps running, and sees it fail), as Aspire's "stop" command.</summary>
    public async Task StopResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var resource = model[name];
        resource.SetState(ResourceState.Stopping);
        await resource.StopAsync(Context, cancellationToken);
        resource.SetState(ResourceState.Stopped);
        resource.SetHealth(ResourceHealth.Unhealthy);
    }

    /// <summary>Starts a stopped resource again, on the endpoint it had, and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var resource = model[name];
        resource.SetState(ResourceState.Starting);
        await resource.StartAsync(Context, cancellationToken);
        if (resource.State == ResourceState.Starting)
        {
            resource.SetState(ResourceState.Running);
        }
        await WaitForHealthyAsync(name, TimeSpan.FromMinutes(1));
    }

    private ResourceContext Context => host.Services.GetRequiredService<ResourceContext>();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync();
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
