namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A service's schema migrations, applied by its build output (<c>dotnet Service.dll migrate</c>) with the owner's
/// login before any service starts, in a process of its own that ends when they are applied: no service process
/// holds a login that can change the schema.
/// </summary>
public sealed class MigrationResource(string name, string command, string workingDirectory) : ExecutableResource(name, command, workingDirectory)
{
    /// <summary>The resource that migrates <paramref name="service"/>'s schema: <c>ingest-api-migrations</c>.</summary>
    public static string NameFor(string service) => $"{service}-migrations";

    /// <summary>Ready: migration resources have finished (successfully), every other resource is healthy.</summary>
    public static Task WaitUntilReadyAsync(ResourceNotificationService notifications, IResource resource, CancellationToken cancellationToken) =>
        resource is MigrationResource
            ? notifications.WaitForResourceAsync(resource.Name, update => update.Snapshot.State?.Text == KnownResourceStates.Finished && update.Snapshot.ExitCode == 0, cancellationToken)
            : notifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken);
}
