namespace SevenTaps.AppHost.Hosting;

public static class ServiceReferences
{
    /// <summary>A secret passed to this resource alone; nothing is set when there is none.</summary>
    public static IResourceBuilder<T> WithSecret<T>(this IResourceBuilder<T> builder, string name, string? value)
        where T : IResourceWithEnvironment =>
        value is null ? builder : builder.WithEnvironment(name, value);

    public static IResourceBuilder<T> WaitForAll<T>(this IResourceBuilder<T> builder, IEnumerable<IResourceBuilder<IResource>> dependencies)
        where T : IResourceWithWaitSupport
    {
        foreach (var dependency in dependencies)
        {
            builder.WaitFor(dependency);
        }
        return builder;
    }

    /// <summary>
    /// Service discovery for replicas run as resources of their own: <c>services__{name}__http__{i}</c> for each,
    /// the shape Aspire gives a project with replicas, so the consumer sees one service with several endpoints.
    /// </summary>
    public static IResourceBuilder<T> WithReplicaReferences<T>(this IResourceBuilder<T> builder, string name, IReadOnlyList<IResourceBuilder<ServiceResource>> replicas)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        for (var index = 0; index < replicas.Count; index++)
        {
            builder.WithEnvironment($"services__{name}__{ServiceResource.EndpointName}__{index}", replicas[index].Resource.HttpEndpoint)
                .WithReferenceRelationship(replicas[index].Resource)
                .WaitFor(replicas[index]);
        }
        return builder;
    }
}
