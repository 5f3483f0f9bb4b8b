using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using SevenTaps.AppHost;
using SevenTaps.AppHost.Hosting;
using SevenTaps.Hosting;

namespace SevenTaps.Testing;

/// <summary>
/// The real system (or the part <c>--only</c> names), started by AppHost's own entry point through
/// <see cref="DistributedApplicationTestingBuilder"/>, the way Aspire users test: every resource runs as it would
/// under <c>./start.sh</c>. Started means every resource is healthy (every migration applied).
/// </summary>
/// <param name="withDashboard">Run the Aspire dashboard too (Aspire's testing builder leaves it out by default).</param>
public sealed class TestSystem(string[] args, bool withDashboard = false) : IAsyncDisposable
{
    // Generous: on a shared 2-core machine under load the whole system (seven services in dependency order) has taken
    // over 4 minutes to become healthy; a healthy start on an idle machine takes about one.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system has not been started.");

    public IReadOnlyList<IResource> Resources =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Where(resource => resource is not ParameterResource).ToList();

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        // The factory also hands these arguments to the builder as they are, so they go in already expanded.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(AppHostOptions), AppHostOptions.ExpandCommandLine(args),
            (options, _) => options.DisableDashboard = !withDashboard, timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        await Task.WhenAll(Resources.Select(resource => MigrationResource.WaitUntilReadyAsync(notifications, resource, timeout.Token)));
    }

    public T Resource<T>(string name) where T : IResource => Resources.OfType<T>().Single(resource => resource.Name == name);

    public Uri GetEndpoint(string resourceName) => App.GetEndpoint(resourceName, ServiceResource.EndpointName);

    /// <summary>The <c>warm-up</c> entry of the service's <c>/health</c> report (<see cref="StartupWarmUp"/>).</summary>
    public async Task<JsonNode> WarmUpReportAsync(string resourceName)
    {
        using var client = new HttpClient { BaseAddress = GetEndpoint(resourceName) };
        var health = JsonNode.Parse(await client.GetStringAsync(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath))!;
        return health["entries"]![StartupWarmUp.HealthCheckName]!;
    }

    public string GetConnectionString(string resourceName) =>
        App.GetConnectionStringAsync(resourceName).AsTask().GetAwaiter().GetResult()
        ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    /// <summary>Stops a resource as the dashboard's Stop does: it stays stopped until started again.</summary>
    public Task StopResourceAsync(string name) => ExecuteAsync(name, KnownResourceCommands.StopCommand);

    /// <summary>Starts a stopped resource and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string name)
    {
        await ExecuteAsync(name, KnownResourceCommands.StartCommand);
        // The start command returns before the orchestrator publishes the new process: the first state seen may
        // still be the stopped one, which a wait that gives up on an unavailable resource took for a failed start.
        await WaitForHealthyAsync(name, TimeSpan.FromMinutes(2), WaitBehavior.WaitOnResourceUnavailable);
    }

    /// <summary>Waits until the resource is healthy; when it fails to start or the time runs out, says what the resource printed last.</summary>
    public async Task WaitForHealthyAsync(string name, TimeSpan timeout, WaitBehavior behavior = WaitBehavior.StopOnResourceUnavailable)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, behavior, deadline.Token);
        }
        catch (Exception exception) when (exception is DistributedApplicationException or OperationCanceledException)
        {
            throw new InvalidOperationException($"{name} is not healthy ({exception.Message}). Its last output:\n{await LastOutputAsync(name, 40)}", exception);
        }
    }

    private async Task<string> LastOutputAsync(string name, int lines)
    {
        var output = new Queue<string>();
        await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(Resources.Single(resource => resource.Name == name)))
        {
            foreach (var line in batch)
            {
                output.Enqueue(line.Content);
                if (output.Count > lines)
                {
                    output.Dequeue();
                }
            }
        }
        return string.Join('\n', output);
    }

    /// <summary>The running process of a resource, or null while it is down.</summary>
    public async Task<int?> ProcessIdAsync(string name)
    {
        var current = await CurrentStateAsync(name);
        return current.Snapshot.State?.Text == KnownResourceStates.Running
               && current.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>How often AppHost restarted the resource's process after it exited on its own.</summary>
    public async Task<int> RestartCountAsync(string name) =>
        App.Services.GetRequiredService<AutomaticRestarts>().RestartCount((await CurrentStateAsync(name)).ResourceId);

    /// <summary>The resources' names of a service's replicas: "normalizer-worker", "normalizer-worker-2", ...</summary>
    public IReadOnlyList<string> Replicas(string name) =>
        Resources.Select(resource => resource.Name)
            .Where(resource => resource == name || (resource.StartsWith(name + "-", StringComparison.Ordinal) && resource[(name.Length + 1)..].All(char.IsAsciiDigit)))
            .ToList();

    /// <summary>Every OS process the system runs: services, Redis and the PostgreSQL postmaster.</summary>
    public async Task<IReadOnlyList<int>> ProcessIdsAsync()
    {
        var processes = Resources.Where(resource => resource is ServiceResource or LocalRedisResource or LocalPostgresResource)
            .Select(resource => ProcessIdAsync(resource.Name));
        return (await Task.WhenAll(processes)).OfType<int>().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent, so a test can stop the system part-way and still hold it in an await using.
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The latest state the orchestrator published for the resource (a watch replays it first).</summary>
    private async Task<ResourceEvent> CurrentStateAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await App.ResourceNotifications.WaitForResourceAsync(name, _ => true, timeout.Token);
    }

    private async Task ExecuteAsync(string name, string command)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Resources.Single(resource => resource.Name == name), command);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} of {name} failed: {result.Message}");
        }
    }
}
