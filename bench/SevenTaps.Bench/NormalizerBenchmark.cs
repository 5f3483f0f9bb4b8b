using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using SevenTaps.Contracts;

namespace SevenTaps.Bench;

/// <summary>
/// Normalization throughput (a backlog of statements drained by one worker, then by three) and freshness: the time
/// from ingest's acknowledgement to the statement's row being visible in analysis.user_activities, at a sustained
/// 1,000 statements/s through the gateway (100 POSTs of 10 per second: single PUTs at that rate would saturate the
/// two cores before the normalizer gets any).
/// </summary>
public static class NormalizerBenchmark
{
    private const int Backlog = 30_000;
    private const int RatePerSecond = 1_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"Normalizer benchmark: {Environment.ProcessorCount} cores, backlog {Backlog:N0} statements, freshness at {RatePerSecond:N0}/s for {options.Seconds} s");
        foreach (var workers in options.FreshnessOnly ? [] : new[] { 1, 3 })
        {
            await using var system = new BenchSystem(["--normalizers", workers.ToString()]);
            await system.StartAsync();
            var meter = new CpuMeter();
            var rate = await DrainBacklogAsync(system, meter);
            Console.WriteLine($"throughput, {workers} worker(s): {rate.PerSecond,8:N0} statements/s (backlog of {Backlog:N0} drained; {rate.Measured:N0} timed once the workers were healthy)");
            Console.WriteLine("    " + CpuMeter.PerThousand(rate.CpuBefore, meter.SnapshotSeconds(), rate.Measured));
        }

        await using (var system = new BenchSystem([]))
        {
            await system.StartAsync();
            var (p50, p99, count) = await MeasureFreshnessAsync(system, TimeSpan.FromSeconds(options.Seconds));
            Console.WriteLine($"freshness at {RatePerSecond:N0}/s: p50 {p50:N0} ms, p99 {p99:N0} ms over {count:N0} statements (POST batches of 10; visibility polled every 50 ms)");
            Console.WriteLine($"Target: freshness p99 < 1 s -> {(p99 < 1000 ? "met" : "NOT met")}");
        }
        return 0;
    }

    private static async Task<(double PerSecond, IReadOnlyDictionary<string, double> CpuBefore, long Measured)> DrainBacklogAsync(BenchSystem system, CpuMeter meter)
    {
        var workers = system.App.Replicas(ResourceNames.NormalizerWorker);
        foreach (var worker in workers)
        {
            await system.App.StopResourceAsync(worker);
        }
        using var client = IngestBenchmark.CreateClient(system.App.GetEndpoint(ResourceNames.Gateway), BenchSystem.Key, BenchSystem.Secret);
        for (var offset = 0; offset < Backlog; offset += 1_000)
        {
            var batch = "[" + string.Join(',', Enumerable.Range(offset, 1_000).Select(sequence => SevenTapsStatements.Create(sequence).Json)) + "]";
            using var response = await client.PostAsync("/xapi/statements", new StringContent(batch, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }

        // The workers' start-up (JIT, connections, catalogue) is not normalization: the clock starts once they are
        // healthy and counts what is left of the backlog then.
        await using var dataSource = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        await Task.WhenAll(workers.Select(system.App.StartResourceAsync));
        var cpuBefore = meter.SnapshotSeconds();
        var stopwatch = Stopwatch.StartNew();
        var normalizedAtStart = await CountAsync(dataSource);
        while (await CountAsync(dataSource) < Backlog)
        {
            await Task.Delay(50);
        }
        return ((Backlog - normalizedAtStart) / stopwatch.Elapsed.TotalSeconds, cpuBefore, Backlog - normalizedAtStart);
    }

    private static async Task<(double P50, double P99, int Count)> MeasureFreshnessAsync(BenchSystem system, TimeSpan duration)
    {
        using var client = IngestBenchmark.CreateClient(system.App.GetEndpoint(ResourceNames.Gateway), BenchSystem.Key, BenchSystem.Secret);
        await using var dataSource = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var freshness = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();

        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || !acknowledged.IsEmpty)
            {
                var pending = acknowledged.Keys.ToArray();
                if (pending.Length > 0)
                {
                    await using var command = dataSource.CreateCommand("SELECT statement_id FROM analysis.user_activities WHERE statement_id = ANY($1)");
                    command.Parameters.Add(new NpgsqlParameter { Value = pending, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
                    await using var rows = await command.ExecuteReaderAsync();
                    var now = Stopwatch.GetTimestamp();
                    while (await rows.ReadAsync())
                    {
                        if (acknowledged.TryRemove(rows.GetGuid(0), out var at))
                        {
                            freshness.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                        }
                    }
                }
                await Task.Delay(50);
            }
        });

        // A steady 1,000/s: 10 senders, each POSTing a batch of 10 every 100 ms on a fixed schedule.
        var started = Stopwatch.GetTimestamp();
        var senders = Enumerable.Range(0, 10).Select(async sender =>
        {
            for (var tick = 0; Stopwatch.GetElapsedTime(started) < duration; tick++)
            {
                var due = TimeSpan.FromMilliseconds(tick * 100 + sender * 10);
                if (Stopwatch.GetElapsedTime(started) < due)
                {
                    await Task.Delay(due - Stopwatch.GetElapsedTime(started));
                }
                var statements = Enumerable.Range(0, 10).Select(index => SevenTapsStatements.Create(sender * 1_000_000 + tick * 10 + index)).ToList();
                var body = "[" + string.Join(',', statements.Select(statement => statement.Json)) + "]";
                using var response = await client.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var at = Stopwatch.GetTimestamp();
                    foreach (var statement in statements)
                    {
                        acknowledged[statement.Id] = at;
                    }
                }
            }
        });
        await Task.WhenAll(senders);
        await stop.CancelAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!acknowledged.IsEmpty && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50);
        }
        await poller.WaitAsync(TimeSpan.FromSeconds(35));

        var sorted = freshness.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], sorted.Length);
    }

    /// <summary>Rows in analysis.user_activities: one per normalized statement.</summary>
    internal static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM analysis.user_activities");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
