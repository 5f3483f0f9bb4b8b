using Microsoft.Extensions.Logging;

namespace SevenTaps.AppHost.Hosting;

/// <summary>What a resource needs from the host to start: where its state lives, how durable to be, where to log.</summary>
public sealed class ResourceContext(AppHostOptions options, string environmentName, IConfiguration configuration, ILoggerFactory loggerFactory)
{
    public string DataDirectory { get; } = Path.GetFullPath(options.DataDirectory);
    public string LogsDirectory => Path.Combine(DataDirectory, "logs");
    public string SecretsDirectory => Path.Combine(DataDirectory, "secrets");
    public bool DurableStorage => options.DurableStorage;
    public TimeSpan StopTimeout => options.StopTimeout;
    public string EnvironmentName => environmentName;
    public IConfiguration Configuration => configuration;
    public ILogger CreateLogger(string resourceName) => loggerFactory.CreateLogger($"SevenTaps.AppHost.{resourceName}");
}
