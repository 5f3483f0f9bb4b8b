namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A PostgreSQL server run from the machine's binaries as an Aspire executable resource (no container engine is
/// needed): <c>postgres -D {data}</c> in the foreground, so the orchestrator watches the postmaster itself. The
/// cluster is created by initdb on first start. PostgreSQL refuses to run as root, so a root AppHost runs it as
/// the <c>postgres</c> OS user.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory: dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string Superuser = "postgres";
    public const string OsUser = "postgres";

    public string DataDirectory => WorkingDirectory;

    public ParameterResource Password => password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={Superuser};Password={Password}");

    /// <summary>The postmaster's PID, from its lock file, or null when no server holds the data directory.</summary>
    public int? LockFileProcessId()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
