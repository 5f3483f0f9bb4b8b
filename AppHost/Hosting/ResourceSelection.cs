namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// <c>--only a,b</c>: the model keeps the named resources and everything they reference or wait for (a replica
/// set is named by its first replica's name). Parameters always stay: expressions of kept resources use them.
/// </summary>
internal static class ResourceSelection
{
    public static void KeepOnly(IDistributedApplicationBuilder builder, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }
        var resources = builder.Resources.ToList();
        var selected = new HashSet<IResource>();
        foreach (var name in names)
        {
            var named = resources.Where(resource => resource.Name == name || IsReplicaOf(resource.Name, name)).ToList();
            if (named.Count == 0)
            {
                throw new InvalidOperationException(
                    $"--only names '{name}', which is not a resource. Resources: {string.Join(", ", resources.Where(r => r is not ParameterResource).Select(r => r.Name))}.");
            }
            named.ForEach(resource => AddWithDependencies(resource, selected));
        }
        foreach (var resource in resources.Where(resource => resource is not ParameterResource && !selected.Contains(resource)))
        {
            builder.Resources.Remove(resource);
        }
    }

    private static bool IsReplicaOf(string resourceName, string name) =>
        resourceName.StartsWith(name + "-", StringComparison.Ordinal) && resourceName[(name.Length + 1)..].All(char.IsAsciiDigit);

    private static void AddWithDependencies(IResource resource, HashSet<IResource> selected)
    {
        if (!selected.Add(resource))
        {
            return;
        }
        var dependencies = resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource)
            .Concat(resource.Annotations.OfType<ResourceRelationshipAnnotation>().Select(relationship => relationship.Resource))
            .Concat(resource is IResourceWithParent child ? [child.Parent] : []);
        foreach (var dependency in dependencies)
        {
            AddWithDependencies(dependency, selected);
        }
    }
}
