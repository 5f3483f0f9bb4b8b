namespace SevenTaps.AppHost.Hosting;

/// <summary>The resources of the application and the order their dependencies impose.</summary>
public sealed class ApplicationModel(IReadOnlyList<Resource> resources)
{
    public IReadOnlyList<Resource> Resources => resources;

    public Resource this[string name] =>
        resources.FirstOrDefault(resource => resource.Name == name)
        ?? throw new KeyNotFoundException($"There is no resource named '{name}'. Known: {string.Join(", ", resources.Select(r => r.Name))}.");

    /// <summary>The named resources plus everything they transitively depend on; all resources when none are named.</summary>
    public IReadOnlyList<Resource> SelectWithDependencies(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return resources;
        }
        var selected = new HashSet<Resource>();
        var pending = new Stack<Resource>(names.Select(name => this[name]));
        while (pending.TryPop(out var resource))
        {
            if (selected.Add(resource))
            {
                foreach (var dependency in resource.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }
        return resources.Where(selected.Contains).ToList();
    }

    public IEnumerable<Resource> DependentsOf(Resource resource, IReadOnlyCollection<Resource> among) =>
        among.Where(candidate => candidate.Dependencies.Contains(resource));
}
