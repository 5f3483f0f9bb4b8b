using System.Reflection;

namespace SevenTaps.AppHost.Hosting;

public static class ServiceBuilderExtensions
{
    /// <summary>The OS user services run as when AppHost is root.</summary>
    public const string OsUser = "seventaps";

    /// <summary>
    /// A service from its build output, built in AppHost's own configuration (Debug or Release). It listens on
    /// <paramref name="port"/> (null: a loopback port the orchestrator allocates), receives configuration the way
    /// Aspire passes it to projects (<c>ConnectionStrings__*</c>, <c>services__*</c>, <c>OTEL_*</c>), and exports
    /// its telemetry to the Aspire dashboard. <paramref name="bindsLowPorts"/>: the service may listen on ports below 1024.
    /// </summary>
    public static IResourceBuilder<ServiceResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, string homeDirectory, int? port = null, bool bindsLowPorts = false)
        where TProject : IProjectMetadata, new()
    {
        var (projectDirectory, entryAssembly) = BuildOutput<TProject>();
        var launch = OsUserLaunch.For(OsUser, "dotnet", resetEnvironment: false, bindsLowPorts);
        var host = port is null ? "127.0.0.1" : "localhost";

        var service = builder.AddResource(new ServiceResource(name, launch.Command, projectDirectory, entryAssembly))
            .WithArgs(context => AddLaunchArguments(context, launch, entryAssembly))
            .WithHttpEndpoint(port: port, targetPort: port, name: ServiceResource.EndpointName, isProxied: false)
            .WithOtlpExporter()
            .WithHttpHealthCheck("/health")
            .WithIconName("CodeCircle");
        service.WithEnvironment(async context =>
        {
            if (await StaticWebAssetsForServiceUser.PrepareAsync(entryAssembly, homeDirectory, name, context.CancellationToken) is { } manifest)
            {
                context.EnvironmentVariables["ASPNETCORE_STATICWEBASSETS"] = manifest;
            }
            context.EnvironmentVariables["ASPNETCORE_URLS"] = ReferenceExpression.Create($"http://{host}:{service.Resource.HttpEndpoint.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = builder.Environment.EnvironmentName;
            context.EnvironmentVariables["DOTNET_ENVIRONMENT"] = builder.Environment.EnvironmentName;
            context.EnvironmentVariables["HOME"] = homeDirectory;
            // An idle thread-pool worker spins before it sleeps, hoping for more work. Seven processes share the
            // machine's cores and a lone statement hops through four of them (gateway, ingest, Redis, normalizer),
            // waking a worker at each hop that then spins in vain: at one request at a time that spinning was a
            // large share of the CPU per request. Workers sleep at once instead; under load they are kept busy anyway.
            context.EnvironmentVariables["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
            // Without the dashboard (tests, the bench) Aspire still points the exporter at its default address,
            // where nothing listens: every service then serialized its spans, logs and metrics for a collector
            // that refused them. With no endpoint the services export nothing (ServiceDefaults).
            if (!context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>().Resources.Any(resource => resource.Name == DashboardResourceName))
            {
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            }
        });
        return service;
    }

    /// <summary>The project's directory and its built entry assembly, which <c>dotnet</c> runs.</summary>
    internal static (string ProjectDirectory, string EntryAssembly) BuildOutput<TProject>() where TProject : IProjectMetadata, new()
    {
        var projectPath = new TProject().ProjectPath;
        var projectDirectory = Path.GetDirectoryName(projectPath)!;
        return (projectDirectory, Path.Combine(projectDirectory, "bin", BuildConfiguration, "net10.0", Path.GetFileNameWithoutExtension(projectPath) + ".dll"));
    }

    /// <summary>The launcher's arguments (switching to the service user when AppHost is root), then the entry assembly.</summary>
    internal static void AddLaunchArguments(CommandLineArgsCallbackContext context, OsUserLaunch launch, string entryAssembly)
    {
        if (!File.Exists(entryAssembly))
        {
            throw new InvalidOperationException($"{entryAssembly} does not exist: build the solution ({BuildConfiguration}) first.");
        }
        foreach (var argument in launch.Arguments)
        {
            context.Args.Add(argument);
        }
        context.Args.Add(entryAssembly);
    }

    /// <summary>The Aspire dashboard's resource, in the model only when the dashboard runs.</summary>
    private const string DashboardResourceName = "aspire-dashboard";

    /// <summary>Debug or Release: the services are run from the output of the build AppHost itself comes from.</summary>
    private static string BuildConfiguration { get; } =
        typeof(ServiceBuilderExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
