namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// One thing AppHost runs or connects to. Resources form a graph: a resource starts only once everything it
/// waits for reports healthy, and stops only after everything that waits for it has stopped.
/// </summary>
public abstract class Resource(string name)
{
    private readonly List<Resource> _waitsFor = [];
    private volatile ResourceState _state;
    private volatile ResourceHealth _health;

    public string Name { get; } = name;

    public ResourceState State => _state;

    public ResourceHealth Health => _health;

    /// <summary>What to show an operator in the resource table (host and port, URL, ...).</summary>
    public abstract string Endpoint { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public virtual IEnumerable<Resource> Dependencies => _waitsFor;

    internal void AddWaitFor(Resource resource)
    {
        if (!_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }

    internal void SetState(ResourceState state) => _state = state;

    internal void SetHealth(ResourceHealth health) => _health = health;

    /// <summary>Work before anything starts: reserve ports, so that every reference can be resolved up front.</summary>
    internal virtual void Prepare(ResourceContext context)
    {
    }

    internal abstract Task StartAsync(ResourceContext context, CancellationToken cancellationToken);

    internal abstract Task StopAsync(ResourceContext context, CancellationToken cancellationToken);

    internal abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    public override string ToString() => Name;
}

/// <summary>A resource others reach through <c>ConnectionStrings__{ConnectionName}</c>.</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }

    string GetConnectionString();
}

public static class ResourceExtensions
{
    /// <summary>Health-gated start order, as Aspire's WaitFor.</summary>
    public static T WaitFor<T>(this T resource, Resource dependency) where T : Resource
    {
        resource.AddWaitFor(dependency);
        return resource;
    }
}
