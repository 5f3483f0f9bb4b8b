using System.Diagnostics;
using System.Runtime.InteropServices;

// AppHost supervises POSIX processes (signals, runuser, file modes): it runs where those exist.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("macos")]

namespace SevenTaps.AppHost.Hosting;

/// <summary>The few POSIX facilities AppHost needs and .NET does not expose: whether a process lives, the effective user, running as another user.</summary>
internal static class Unix
{
    private const int NoSuchProcess = 3;
    private const int KillSignal = 9;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    [DllImport("libc", EntryPoint = "realpath")]
    private static extern IntPtr RealPath(string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool IsRoot { get; } = GetEffectiveUserId() == 0;


    /// <summary>Signal 0 probes for existence; "permission denied" still means the process exists.</summary>
    public static bool IsAlive(int pid) => SendSignal(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    public static void Kill(int pid) => SendSignal(pid, KillSignal);

    /// <summary>
    /// The processes whose working directory is <paramref name="directory"/>, from /proc (empty where there is none).
    /// Reading another user's working directory needs root or the same user, which is how AppHost runs its servers.
    /// </summary>
    public static IReadOnlyList<int> ProcessesWorkingIn(string directory)
    {
        if (!Directory.Exists("/proc"))
        {
            return [];
        }
        // The kernel reports a working directory with every symbolic link resolved.
        var target = ResolvedPath(directory);
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && WorkingDirectoryOf(entry) == target)
            {
                found.Add(pid);
            }
        }
        return found;
    }

    /// <summary>
    /// Runs a short command to completion. As root, <paramref name="runAsUser"/> switches user with runuser
    /// (PostgreSQL refuses to run as root). Throws with the command's output when it fails.
    /// </summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? runAsUser = null)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null && IsRoot)
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(runAsUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }
        else
        {
            startInfo.FileName = fileName;
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await output) + (await error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} exited with code {process.ExitCode}: {text.Trim()}");
        }
        return text;
    }

    public static Task ChangeOwnerAsync(string path, string user, CancellationToken cancellationToken) =>
        RunAsync("chown", ["-R", user, path], cancellationToken);

    /// <summary>
    /// A directory another OS user must reach needs every ancestor to be traversable by "others".
    /// Returns the first ancestor that is not, or null.
    /// </summary>
    public static string? FirstUntraversableAncestor(string path) => FirstUntraversable(new DirectoryInfo(path).Parent);

    /// <summary>Whether another OS user can reach into <paramref name="directory"/> (it and every ancestor traversable).</summary>
    public static bool IsTraversableByOthers(string directory) => FirstUntraversable(new DirectoryInfo(directory)) is null;

    private static string ResolvedPath(string path)
    {
        var resolved = RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Free(resolved);
        }
    }

    private static string? WorkingDirectoryOf(string processDirectory)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(processDirectory, "cwd")).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked, or is not ours to inspect.
            return null;
        }
    }

    private static string? FirstUntraversable(DirectoryInfo? start)
    {
        for (var directory = start; directory is not null; directory = directory.Parent)
        {
            if (!directory.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
