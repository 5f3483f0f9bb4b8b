namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A Redis server run from the machine's <c>redis-server</c> as an Aspire executable resource: password-protected,
/// its settings (password included) in a file only its owner reads, its append-only file in the data directory.
/// </summary>
public sealed class LocalRedisResource(string name, string command, string directory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory: directory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public string Directory => WorkingDirectory;

    public string ConfigurationFile => Path.Combine(WorkingDirectory, "redis.conf");

    public ParameterResource Password => password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");
}
