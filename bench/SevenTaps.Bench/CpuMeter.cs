using System.Collections.Concurrent;

namespace SevenTaps.Bench;

/// <summary>
/// CPU time (user + system) spent by each part of the system during a run, read from /proc: this process (the bench
/// and AppHost, in-process) and the Aspire orchestrator (DCP) it started, which runs every server and service. CPU seconds per statement do not depend on what else the machine runs,
/// so they show where the time goes even on a busy machine.
/// </summary>
public sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The trickle's load client (<see cref="TrickleClient"/>), a process of its own, with its poller's PostgreSQL session.</summary>
    public const string ClientPart = "trickle-client";

    // PostgreSQL sessions the trickle client opened (its poller), counted as the client's rather than the system's.
    private readonly ConcurrentDictionary<int, bool> _clientSessions = new();

    public void CountAsClient(int processId) => _clientSessions[processId] = true;

    public IReadOnlyDictionary<string, double> SnapshotSeconds()
    {
        var processes = ReadProcesses();
        var children = processes.Values.ToLookup(process => process.ParentId);
        // DCP runs detached, watching the AppHost's process id.
        var orchestrator = $"--monitor {Environment.ProcessId} ";
        var roots = processes.Values.Where(process => process.Id == Environment.ProcessId || process.CommandLine.Contains(orchestrator, StringComparison.Ordinal));

        var seconds = new Dictionary<string, double>();
        var pending = new Stack<ProcessTicks>(roots);
        var seen = new HashSet<int>();
        while (pending.TryPop(out var process))
        {
            if (!seen.Add(process.Id))
            {
                continue;
            }
            var part = _clientSessions.ContainsKey(process.Id) ? ClientPart : PartOf(process);
            seconds[part] = seconds.GetValueOrDefault(part) + process.Ticks / TicksPerSecond;
            foreach (var child in children[process.Id])
            {
                pending.Push(child);
            }
        }
        return seconds;
    }

    /// <summary>Milliseconds of CPU per <paramref name="items"/>-th share between two snapshots, by part.</summary>
    public static string PerThousand(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, long items)
    {
        var parts = after.Keys.Order().Select(part => (Part: part, Ms: (after[part] - before.GetValueOrDefault(part)) * 1000 / Math.Max(1, items) * 1000));
        return string.Join("  ", parts.Select(part => $"{part.Part} {part.Ms:N0}")) + $"  (total {parts.Sum(part => part.Ms):N0}) CPU-ms per 1,000 statements";
    }

    /// <summary>Percent of one core spent in <paramref name="elapsed"/> between two snapshots: the total, and by part.</summary>
    public static (double Total, string Parts) PercentOfCore(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, TimeSpan elapsed)
    {
        var parts = PercentByPart(before, after, elapsed);
        return (parts.Values.Sum(), string.Join("  ", parts.Select(part => $"{part.Key} {part.Value:N1}")) + " % of one core");
    }

    /// <summary>Percent of one core spent in <paramref name="elapsed"/> between two snapshots, by part (in name order).</summary>
    public static SortedDictionary<string, double> PercentByPart(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, TimeSpan elapsed) =>
        new(after.Keys.ToDictionary(part => part, part => (after[part] - before.GetValueOrDefault(part)) * 100 / elapsed.TotalSeconds), StringComparer.Ordinal);

    private static string PartOf(ProcessTicks process) => process.CommandLine switch
    {
        _ when process.Id == Environment.ProcessId => "bench+apphost",
        // Before the others: its command line holds the gateway's address and the database's connection string.
        var line when line.Contains($" {TrickleClient.Command} ", StringComparison.Ordinal) => ClientPart,
        var line when line.Contains("Gateway", StringComparison.Ordinal) => "gateway",
        var line when line.Contains("Ingest.Api", StringComparison.Ordinal) => "ingest",
        var line when line.Contains("Normalizer.Worker", StringComparison.Ordinal) => "normalizer",
        var line when line.Contains("Analytics.Api", StringComparison.Ordinal) => "analytics",
        var line when line.Contains("redis", StringComparison.Ordinal) => "redis",
        var line when line.Contains("dcp", StringComparison.Ordinal) => "orchestrator",
        // Sessions ("postgres: user db host(port) state") do the services' queries; the rest is upkeep: autovacuum,
        // checkpointer, WAL and background writers, and the postmaster, which inherits the CPU of workers that ended.
        var line when line.StartsWith("postgres: ", StringComparison.Ordinal) && !line.Contains('(') => "postgres-upkeep",
        var line when line.Contains("postgres", StringComparison.Ordinal) && line.Contains(" -D ", StringComparison.Ordinal) => "postgres-upkeep",
        var line when line.Contains("postgres", StringComparison.Ordinal) => "postgres",
        _ => "other",
    };

    private sealed record ProcessTicks(int Id, int ParentId, long Ticks, string CommandLine);

    private static Dictionary<int, ProcessTicks> ReadProcesses()
    {
        var processes = new Dictionary<int, ProcessTicks>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the parenthesised command name: state ppid ... utime (14th) stime (15th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                // utime + stime, and cutime + cstime: the CPU of children that ended and were waited for (autovacuum
                // workers come and go; their time lands on the postmaster).
                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
                processes[id] = new ProcessTicks(id, int.Parse(fields[1]), ticks, commandLine);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }
        return processes;
    }
}
