namespace SevenTaps.Testing;

/// <summary>
/// Builds the real application model the way <c>dotnet run --project AppHost</c> does, on free ports in a
/// throwaway data directory (world-traversable, as the servers' and services' OS users need), with non-durable storage.
/// </summary>
public static class TestApplication
{
    public static TestSystem Create(string dataDirectory, params string[] extraArgs)
    {
        string[] args =
        [
            "--port", "0",
            "--data-dir", dataDirectory,
            "--AppHost:DurableStorage=false",
            "--AppHost:PrintResourceTable=false",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        return new TestSystem(args);
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
