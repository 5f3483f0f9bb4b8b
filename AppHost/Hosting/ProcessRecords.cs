using System.Globalization;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// Every process AppHost supervises is recorded next to its log (<c>logs/NAME.pid</c>: its pid and its start time
/// since boot), and the record is removed when AppHost stops it. A record still there at start-up is what a killed
/// AppHost left running, such as a redis-server still appending to the file the new one is about to open, or
/// services of the old run; AppHost stops those first. The start time tells a leftover from an unrelated process
/// that got the same pid later. (Linux: read from /proc; elsewhere nothing is recognized and the records are dropped.)
/// </summary>
internal static class ProcessRecords
{
    private const string Extension = ".pid";

    public static void Write(string logFile, int pid)
    {
        if (StartTime(pid) is { } start)
        {
            File.WriteAllText(RecordOf(logFile), string.Create(CultureInfo.InvariantCulture, $"{pid} {start}"));
        }
    }

    public static void Delete(string logFile) => File.Delete(RecordOf(logFile));

    public static async Task StopLeftoversAsync(string logsDirectory, TimeSpan gracePeriod, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(logsDirectory))
        {
            return;
        }
        foreach (var record in Directory.EnumerateFiles(logsDirectory, $"*{Extension}"))
        {
            if ((await File.ReadAllTextAsync(record, cancellationToken)).Split(' ') is [var pidText, var startText]
                && int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(startText, CultureInfo.InvariantCulture, out var start)
                && IsRunning(pid, start))
            {
                logger.LogWarning("{Name} (pid {Pid}) is still running from an earlier AppHost that did not stop it; stopping it first",
                    Path.GetFileNameWithoutExtension(record), pid);
                await StopAsync(pid, start, gracePeriod, cancellationToken);
            }
            File.Delete(record);
        }
    }

    private static async Task StopAsync(int pid, long start, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        Unix.Signal(pid, Unix.SigTerm);
        var deadline = DateTime.UtcNow + gracePeriod;
        while (IsRunning(pid, start))
        {
            if (DateTime.UtcNow > deadline)
            {
                Unix.Signal(pid, Unix.SigKill);
                deadline = DateTime.MaxValue;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static string RecordOf(string logFile) => Path.ChangeExtension(logFile, Extension);

    /// <summary>The process exists, is the one recorded, and is not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid, long start) => Stat(pid) is { } stat && stat.Start == start && stat.State != 'Z';

    private static long? StartTime(int pid) => Stat(pid)?.Start;

    private static (char State, long Start)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // After the parenthesised command name: state (field 3) ... starttime (field 22).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
