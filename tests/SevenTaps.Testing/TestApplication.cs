namespace SevenTaps.Testing;

/// <summary>
/// Builds the real application model the way <c>dotnet run --project AppHost</c> does, on free ports in a
/// throwaway data directory (world-traversable, as the servers' and services' OS users need), with non-durable storage.
/// </summary>
public static class TestApplication
{
    public static TestSystem Create(string dataDirectory, params string[] extraArgs) => new([.. Arguments(dataDirectory), .. extraArgs]);

    private static string[] Arguments(string dataDirectory) =>
    [
        "--port", "0",
        "--data-dir", dataDirectory,
        "--AppHost:DurableStorage=false",
        "--AppHost:PrintResourceTable=false",
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>A loopback port nothing listens on now; the kernel hands out ephemeral ports in turn, so reuse within seconds is rare.</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The whole system with the Aspire dashboard, on free loopback ports, its telemetry API open to
    /// <paramref name="dashboardApiKey"/> (header <c>x-api-key</c>).
    /// </summary>
    public static (TestSystem System, Uri Dashboard) CreateWithDashboard(string dataDirectory, string dashboardApiKey, params string[] extraArgs)
    {
        var dashboard = new Uri($"http://127.0.0.1:{FreePort()}");
        string[] dashboardArgs =
        [
            $"--ASPNETCORE_URLS={dashboard.ToString().TrimEnd('/')}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            $"--AppHost:DashboardApiKey={dashboardApiKey}",
            // The testing builder moves proxied endpoints (the dashboard's) to random ports unless told not to.
            "--DcpPublisher:RandomizePorts=false",
        ];
        return (new TestSystem([.. Arguments(dataDirectory), .. dashboardArgs, .. extraArgs], withDashboard: true), dashboard);
    }

    public static string NewDataDirectory()
    {
        var directory = Path.Combine("/tmp", $"seventaps-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try
        {
            // Field 3 of /proc/PID/stat is the state; Z is a zombie awaiting its parent.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Processes whose command line mentions the path: a leftover would show up here.</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string path) =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(path, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();

    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(group => group.Key, group => group.Last()[1]);
}
