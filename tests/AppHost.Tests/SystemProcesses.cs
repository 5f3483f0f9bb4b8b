using System.Globalization;

namespace AppHost.Tests;

/// <summary>What /proc says about a process: who runs it, what it was given.</summary>
internal static class SystemProcesses
{
    public static int UserId(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public static int UserIdOf(string user) =>
        int.Parse(File.ReadLines("/etc/passwd").First(line => line.StartsWith(user + ":", StringComparison.Ordinal)).Split(':')[2], CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, string> Environment(int pid) => TestApplication.EnvironmentOf(pid);

    public static IReadOnlyList<int> WithEnvironmentMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != System.Environment.ProcessId && TestApplication.IsAlive(pid))
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/environ").Contains(text, StringComparison.Ordinal);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();

    public static void Kill(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill(); // SIGKILL: no chance to clean up
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }
}
