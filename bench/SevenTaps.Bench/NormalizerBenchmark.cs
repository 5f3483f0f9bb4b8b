using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using SevenTaps.Contracts;

namespace SevenTaps.Bench;

/// <summary>
/// Normalization throughput (a backlog of statements drained by one worker, then by three) and freshness: the time
/// from ingest's acknowledgement to the statement's row being visible in analysis.user_activities, at a sustained
/// half of the end-to-end capacity measured in the same run (POSTs of 10 through the gateway, the normalizer consuming
/// on the same cores), after a warm-up at that rate.
/// </summary>
public static class NormalizerBenchmark
{
    private const int Backlog = 30_000;
    // The first tenth of the backlog warms the workers up (JIT, connections, plans): the clock starts after it.
    private const int WarmUpStatements = Backlog / 10;
    private const int Senders = 10;
    private const int StatementsPerPost = 10;
    private static readonly TimeSpan CapacityWindow = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FreshnessWarmUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"Normalizer benchmark: {Environment.ProcessorCount} cores, backlog {Backlog:N0} statements, freshness at half the end-to-end capacity for {options.Seconds} s");
        foreach (var workers in options.FreshnessOnly ? [] : new[] { 1, 3 })
        {
            await using var system = new BenchSystem(["--normalizers", workers.ToString()]);
            await system.StartAsync();
            var meter = new CpuMeter();
            var rate = await DrainBacklogAsync(system, meter);
            Console.WriteLine($"throughput, {workers} worker(s): {rate.PerSecond,8:N0} statements/s (backlog of {Backlog:N0} drained; {rate.Measured:N0} timed after the first {WarmUpStatements:N0})");
            Console.WriteLine("    " + CpuMeter.PerThousand(rate.CpuBefore, meter.SnapshotSeconds(), rate.Measured));
        }

        await using (var system = new BenchSystem([]))
        {
            await system.StartAsync();
            var capacity = await MeasureCapacityAsync(system);
            var rate = capacity / 2;
            Console.WriteLine($"end-to-end capacity: {capacity:N0} statements/s ({Senders} senders POSTing {StatementsPerPost} at a time as fast as answered for {CapacityWindow.TotalSeconds:N0} s; rows visible in the window)");
            await MeasureFreshnessAsync(system, rate, FreshnessWarmUp);
            var (p50, p99, count) = await MeasureFreshnessAsync(system, rate, TimeSpan.FromSeconds(options.Seconds));
            Console.WriteLine($"freshness at {rate:N0}/s (half the capacity): p50 {p50:N0} ms, p99 {p99:N0} ms over {count:N0} statements (after {FreshnessWarmUp.TotalSeconds:N0} s of warm-up; visibility polled every 50 ms)");
            Console.WriteLine($"Target: freshness p99 < 250 ms -> {(p99 < 250 ? "met" : "NOT met")}");
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
        while (await CountAsync(dataSource) < WarmUpStatements)
        {
            await Task.Delay(20);
        }
        var cpuBefore = meter.SnapshotSeconds();
        var stopwatch = Stopwatch.StartNew();
        var normalizedAtStart = await CountAsync(dataSource);
        while (await CountAsync(dataSource) < Backlog)
        {
            await Task.Delay(50);
        }
        return ((Backlog - normalizedAtStart) / stopwatch.Elapsed.TotalSeconds, cpuBefore, Backlog - normalizedAtStart);
    }

    /// <summary>
    /// Statements/s that become visible while senders POST as fast as they are answered: ingest and normalizer together
    /// on the same cores. Waits for the backlog to drain before returning, so the next run starts from nothing pending.
    /// </summary>
    private static async Task<double> MeasureCapacityAsync(BenchSystem system)
    {
        using var client = IngestBenchmark.CreateClient(system.App.GetEndpoint(ResourceNames.Gateway), BenchSystem.Key, BenchSystem.Secret);
        await using var dataSource = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        var before = await CountAsync(dataSource);
        var started = Stopwatch.GetTimestamp();
        var sent = 0L;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
        {
            for (var post = 0; Stopwatch.GetElapsedTime(started) < CapacityWindow; post++)
            {
                var first = 50_000_000 + sender * 1_000_000 + post * StatementsPerPost;
                var body = "[" + string.Join(',', Enumerable.Range(first, StatementsPerPost).Select(sequence => SevenTapsStatements.Create(sequence).Json)) + "]";
                using var response = await client.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                Interlocked.Add(ref sent, StatementsPerPost);
            }
        }));
        var visible = await CountAsync(dataSource) - before;
        var capacity = visible / Stopwatch.GetElapsedTime(started).TotalSeconds;
        while (await CountAsync(dataSource) - before < sent)
        {
            await Task.Delay(100);
        }
        return capacity;
    }

    private static async Task<(double P50, double P99, int Count)> MeasureFreshnessAsync(BenchSystem system, double ratePerSecond, TimeSpan duration)
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

        // A steady rate: the senders take turns POSTing a batch of 10 on a fixed schedule.
        var period = TimeSpan.FromSeconds(Senders * StatementsPerPost / ratePerSecond);
        var offset = (int)Interlocked.Add(ref _sequence, 10_000_000);
        var started = Stopwatch.GetTimestamp();
        var senders = Enumerable.Range(0, Senders).Select(async sender =>
        {
            for (var tick = 0; Stopwatch.GetElapsedTime(started) < duration; tick++)
            {
                var due = period * tick + period / Senders * sender;
                if (Stopwatch.GetElapsedTime(started) < due)
                {
                    await Task.Delay(due - Stopwatch.GetElapsedTime(started));
                }
                var statements = Enumerable.Range(0, StatementsPerPost).Select(index => SevenTapsStatements.Create(offset + sender * 1_000_000 + tick * StatementsPerPost + index)).ToList();
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

    private static long _sequence;

    /// <summary>Rows in analysis.user_activities: one per normalized statement.</summary>
    internal static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM analysis.user_activities");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
