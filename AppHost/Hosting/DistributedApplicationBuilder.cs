using System.ComponentModel.DataAnnotations;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Builds the application model, in the shape of Aspire's <c>IDistributedApplicationBuilder</c>:
/// configuration from appsettings, environment and command line; resources added by name.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        args = ExpandBooleanSwitches(args);
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        _host.Configuration.AddCommandLine(args, AppHostOptions.CommandLineSwitches.ToDictionary());

        Options = _host.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
        // The model is shaped by these options (replicas, ports), so they are checked now rather than at host start.
        Validator.ValidateObject(Options, new ValidationContext(Options), validateAllProperties: true);
        _host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        _host.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromMinutes(2));
    }

    public IConfiguration Configuration => _host.Configuration;

    public AppHostOptions Options { get; }

    public ILoggingBuilder Logging => _host.Logging;

    public IServiceCollection Services => _host.Services;

    public PostgresServerResource AddPostgres(string name) =>
        Add(new PostgresServerResource(name, _host.Configuration.GetConnectionString(name)));

    public PostgresDatabaseResource AddDatabase(PostgresServerResource server, string name) => Add(server.AddDatabase(name));

    public RedisServerResource AddRedis(string name) =>
        Add(new RedisServerResource(name, _host.Configuration.GetConnectionString(name)));

    public ProjectResource AddProject(string name, ServiceProject project) => Add(new ProjectResource(name, project));

    public DistributedApplication Build()
    {
        var model = new ApplicationModel(_resources.ToList());
        if (Options.OnlyResources.FirstOrDefault(name => _resources.All(resource => resource.Name != name)) is { } unknown)
        {
            throw new InvalidOperationException(
                $"--only names '{unknown}', which is not a resource. Resources: {string.Join(", ", _resources.Select(resource => resource.Name))}.");
        }
        _host.Services.AddSingleton(model);
        _host.Services.AddSingleton(services => new ResourceContext(
            Options,
            _host.Environment.EnvironmentName,
            _host.Configuration,
            services.GetRequiredService<ILoggerFactory>()));
        _host.Services.AddSingleton<ResourceTable>();
        _host.Services.AddSingleton<Orchestrator>();
        _host.Services.AddHostedService(services => services.GetRequiredService<Orchestrator>());
        return new DistributedApplication(_host.Build(), model);
    }

    /// <summary>"--demo" alone becomes "--demo true", which is what the configuration provider understands.</summary>
    private static string[] ExpandBooleanSwitches(string[] args) =>
        args.SelectMany((arg, index) =>
            AppHostOptions.BooleanSwitches.Contains(arg) && (index + 1 == args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
                ? new[] { arg, "true" }
                : [arg]).ToArray();

    private T Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return resource;
    }
}
