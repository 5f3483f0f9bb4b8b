namespace SevenTaps.AppHost.Hosting;

/// <summary>What the machine must offer before anything starts: the data directory, and the service user.</summary>
internal static class HostEnvironment
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Variables of these kinds, read into AppHost's configuration, are removed from its environment: every
    /// process the orchestrator starts inherits it, and each gets only the secrets and connection strings the
    /// model gives it.
    /// </summary>
    private static readonly string[] PrivateVariablePrefixes = ["SEVENTAPS_", "ConnectionStrings__"];

    /// <summary>Creates the data directory and the services' home directory (returned).</summary>
    public static string Prepare(AppHostOptions options)
    {
        var dataDirectory = options.FullDataDirectory;
        // Traversable by the servers' and services' OS users; what lies inside is each one's own.
        Directory.CreateDirectory(dataDirectory);
        var home = Path.Combine(dataDirectory, "home");
        Directory.CreateDirectory(home, OwnerOnly);
        if (Unix.IsRoot)
        {
            EnsureServiceUser();
            Unix.RunAsync("chown", [$"{ServiceBuilderExtensions.OsUser}:", home], CancellationToken.None).GetAwaiter().GetResult();
        }

        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(name => PrivateVariablePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))))
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        return home;
    }

    /// <summary>Services never run as root: a system user without a login shell or home of its own runs them.</summary>
    private static void EnsureServiceUser()
    {
        var user = ServiceBuilderExtensions.OsUser;
        if (File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal)))
        {
            return;
        }
        Unix.RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user], CancellationToken.None).GetAwaiter().GetResult();
    }
}
