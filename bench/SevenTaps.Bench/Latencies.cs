namespace SevenTaps.Bench;

/// <summary>Throughput and latency percentiles of one measured run.</summary>
public sealed record RunResult(string Name, int Concurrency, long Operations, long Items, TimeSpan Elapsed, double P50Ms, double P99Ms, long Errors)
{
    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    public static RunResult From(string name, int concurrency, IReadOnlyList<double> latenciesMs, long itemsPerOperation, TimeSpan elapsed, long errors)
    {
        var sorted = latenciesMs.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new RunResult(name, concurrency, sorted.Length, sorted.Length * itemsPerOperation, elapsed, Percentile(0.50), Percentile(0.99), errors);
    }
}

/// <summary>Runs an operation from N concurrent workers for a fixed time and records each one's latency.</summary>
public static class LoadRunner
{
    public static async Task<RunResult> RunAsync(string name, int concurrency, TimeSpan duration, long itemsPerOperation, Func<int, Task<bool>> operation)
    {
        var latencies = new List<double>[concurrency];
        long errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            var sequence = 0;
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await operation(worker * 1_000_000 + sequence++);
                if (ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        stopwatch.Stop();
        return RunResult.From(name, concurrency, latencies.SelectMany(list => list).ToList(), itemsPerOperation, stopwatch.Elapsed, errors);
    }
}
