using System.Collections;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A .NET service AppHost launches, with one or more replicas. It receives configuration exactly as an
/// Aspire AppHost would pass it: <c>ConnectionStrings__*</c>, <c>services__{name}__http__{i}</c>,
/// <c>ASPNETCORE_URLS</c>, <c>OTEL_*</c>, so the service cannot tell the difference.
/// </summary>
public sealed class ProjectResource(string name, ServiceProject project) : Resource(name)
{
    /// <summary>Inherited variables of these kinds would leak AppHost's own settings into a service.</summary>
    private static readonly string[] ManagedVariablePrefixes = ["ConnectionStrings__", "services__", "OTEL_", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];

    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(3) };

    private readonly List<IResourceWithConnectionString> _connectionReferences = [];
    private readonly List<ProjectResource> _serviceReferences = [];
    private readonly Dictionary<string, string> _environment = [];
    private readonly List<ProjectReplica> _replicas = [];
    private int _replicaCount = 1;
    private int? _publicPort;

    public ServiceProject Project => project;

    public IReadOnlyList<ProjectReplica> Replicas => _replicas;

    public Uri PrimaryUrl => _replicas.Count > 0 ? _replicas[0].Url : throw new InvalidOperationException($"{Name} has not been prepared.");

    public override string Endpoint => string.Join(", ", _replicas.Select(replica => replica.Url.ToString().TrimEnd('/')));

    /// <summary>
    /// Passes <c>ConnectionStrings__{name}</c>. Unlike Aspire, a reference also waits for the resource: none
    /// of our services is useful before what it references is healthy.
    /// </summary>
    public ProjectResource WithReference<T>(T resource) where T : Resource, IResourceWithConnectionString
    {
        _connectionReferences.Add(resource);
        return this.WaitFor(resource);
    }

    /// <summary>Passes <c>services__{name}__http__{i}</c> for each replica of the referenced service, and waits for it.</summary>
    public ProjectResource WithReference(ProjectResource service)
    {
        _serviceReferences.Add(service);
        return this.WaitFor(service);
    }

    public ProjectResource WithReplicas(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _replicaCount = count;
        return this;
    }

    /// <summary>A fixed port for a public endpoint (the gateway); 0 takes a free one.</summary>
    public ProjectResource WithHttpEndpoint(int port)
    {
        _publicPort = port;
        return this;
    }

    public ProjectResource WithEnvironment(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _environment[name] = value;
        }
        return this;
    }

    internal override void Prepare(ResourceContext context)
    {
        _replicas.Clear();
        for (var index = 0; index < _replicaCount; index++)
        {
            var port = index == 0 && _publicPort is > 0 ? _publicPort.Value : FreePort.Next();
            // The public endpoint answers on every loopback name ("localhost"); internal ones on 127.0.0.1 only.
            var host = _publicPort is not null ? "localhost" : "127.0.0.1";
            _replicas.Add(new ProjectReplica(this, index, new Uri($"http://{host}:{port}")));
        }
    }

    internal override Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var command = project.LaunchCommand();
        foreach (var replica in _replicas)
        {
            replica.Start(context, command, BuildEnvironment(context, replica));
        }
        return Task.CompletedTask;
    }

    internal override Task StopAsync(ResourceContext context, CancellationToken cancellationToken) =>
        Task.WhenAll(_replicas.Select(replica => replica.StopAsync(context.StopTimeout)));

    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_replicas.Count == 0)
        {
            return false;
        }
        var results = await Task.WhenAll(_replicas.Select(replica => IsReplicaHealthyAsync(replica, cancellationToken)));
        return results.All(healthy => healthy);
    }

    private static async Task<bool> IsReplicaHealthyAsync(ProjectReplica replica, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthClient.GetAsync(new Uri(replica.Url, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    internal void OnReplicaStateChanged()
    {
        var states = _replicas.Select(replica => replica.State).ToList();
        SetState(states.All(state => state == ResourceState.Running) ? ResourceState.Running
            : states.Any(state => state == ResourceState.Restarting) ? ResourceState.Restarting
            : states.Any(state => state == ResourceState.Failed) ? ResourceState.Failed
            : states.Any(state => state == ResourceState.Stopping) ? ResourceState.Stopping
            : states.All(state => state == ResourceState.Stopped) ? ResourceState.Stopped
            : ResourceState.Starting);
    }

    private Dictionary<string, string?> BuildEnvironment(ResourceContext context, ProjectReplica replica)
    {
        var environment = new Dictionary<string, string?>();
        foreach (DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            var key = (string)inherited.Key;
            if (ManagedVariablePrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                environment[key] = null;
            }
        }

        environment["ASPNETCORE_URLS"] = replica.Url.ToString().TrimEnd('/');
        environment["ASPNETCORE_ENVIRONMENT"] = context.EnvironmentName;
        environment["DOTNET_ENVIRONMENT"] = context.EnvironmentName;
        // Aspire sets this for every project: the gateway forwards X-Forwarded-* and services honour them.
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        environment["OTEL_SERVICE_NAME"] = Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica.Index}";
        foreach (var (key, value) in OpenTelemetryEnvironment(context.Configuration))
        {
            environment[key] = value;
        }

        foreach (var resource in _connectionReferences)
        {
            environment[$"ConnectionStrings__{resource.ConnectionName}"] = resource.GetConnectionString();
        }
        foreach (var service in _serviceReferences)
        {
            foreach (var target in service.Replicas)
            {
                environment[$"services__{service.Name}__http__{target.Index}"] = target.Url.ToString().TrimEnd('/');
            }
        }
        foreach (var (key, value) in _environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>
    /// OTLP export is on only when the operator points AppHost at a collector; then services export there
    /// with Aspire's short development batching delays so traces show up within a second.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> OpenTelemetryEnvironment(IConfiguration configuration)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            yield break;
        }
        yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        foreach (var key in new[] { "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS" })
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                yield return new(key, value);
            }
        }
        yield return new("OTEL_BLRP_SCHEDULE_DELAY", "1000");
        yield return new("OTEL_BSP_SCHEDULE_DELAY", "1000");
        yield return new("OTEL_METRIC_EXPORT_INTERVAL", "1000");
    }
}

/// <summary>One process of a <see cref="ProjectResource"/>.</summary>
public sealed class ProjectReplica(ProjectResource owner, int index, Uri url)
{
    private SupervisedProcess? _process;

    public int Index => index;

    public Uri Url => url;

    public ResourceState State { get; private set; }

    public int? ProcessId => _process?.ProcessId;

    public int RestartCount => _process?.RestartCount ?? 0;

    public string? LogFile => _process?.LogFile;

    private string DisplayName => owner.Replicas.Count > 1 ? $"{owner.Name}-{index}" : owner.Name;

    internal void Start(ResourceContext context, IReadOnlyList<string> command, Dictionary<string, string?> environment)
    {
        _process = new SupervisedProcess(
            DisplayName,
            command,
            owner.Project.ProjectDirectory,
            environment,
            Path.Combine(context.LogsDirectory, $"{DisplayName}.log"),
            context.CreateLogger(owner.Name),
            state =>
            {
                State = state;
                owner.OnReplicaStateChanged();
            });
        _process.Start();
    }

    internal Task StopAsync(TimeSpan gracePeriod) => _process?.StopAsync(gracePeriod) ?? Task.CompletedTask;
}
