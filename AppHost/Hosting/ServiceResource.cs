namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// One of our .NET services, run from its build output (<c>dotnet Service.dll</c>) rather than through
/// <c>dotnet run</c> as Aspire's project resources are: no build tool stays resident beside each service, the
/// orchestrator's process id is the service's own, and a root AppHost can run it as an unprivileged user.
/// </summary>
public sealed class ServiceResource(string name, string command, string projectDirectory, string entryAssembly)
    : ExecutableResource(name, command, projectDirectory), IResourceWithServiceDiscovery
{
    public const string EndpointName = "http";

    /// <summary>The service's built entry assembly, which <c>dotnet</c> runs.</summary>
    public string EntryAssembly => entryAssembly;

    public EndpointReference HttpEndpoint => new(this, EndpointName);
}
