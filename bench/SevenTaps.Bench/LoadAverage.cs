namespace SevenTaps.Bench;

/// <summary>The machine's 1, 5 and 15 minute load averages: on a shared machine, what a latency figure was measured under.</summary>
internal static class LoadAverage
{
    public static string Now() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
}
