using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using SevenTaps.Contracts;

namespace SevenTaps.Bench;

/// <summary>
/// 7taps' real rate: the idle system's CPU (no traffic, after it settled), then a steady trickle of single PUTs
/// (50/s, at most 4 in flight) with the whole system's CPU and the visibility latency, from ingest's
/// acknowledgement to the statement's row in analysis.user_activities.
/// </summary>
public static class TrickleBenchmark
{
    private const int RatePerSecond = 50;
    private const int MaxInFlight = 4;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    // Fine enough for a 100 ms target, coarse enough not to load PostgreSQL: the poller's session counts as the bench's.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await using var system = new BenchSystem();
        await system.StartAsync();
        var meter = new CpuMeter();
        Console.WriteLine($"Trickle benchmark: {Environment.ProcessorCount} cores, {SevenTapsStatements.Size} B statements, durable storage");

        // Idle: what the running system costs with nothing to do, once start-up work (JIT, first health probes) is over.
        await Task.Delay(Settle);
        var idleBefore = meter.SnapshotSeconds();
        await Task.Delay(IdleWindow);
        var idle = CpuMeter.PercentOfCore(idleBefore, meter.SnapshotSeconds(), IdleWindow);
        Console.WriteLine($"idle ({IdleWindow.TotalSeconds:N0} s, {Settle.TotalSeconds:N0} s after every resource was healthy): whole system {idle.Total:N1} % of one core");
        Console.WriteLine("    " + idle.Parts);

        using var client = IngestBenchmark.CreateClient(system.App.GetEndpoint(ResourceNames.Gateway), BenchSystem.Key, BenchSystem.Secret);
        await using var dataSource = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        await RunTrickleAsync(client, dataSource, meter, WarmUp, sequenceOffset: 0);
        var (result, visible, busy) = await RunTrickleAsync(client, dataSource, meter, duration, sequenceOffset: 10_000_000);
        Console.WriteLine($"trickle {RatePerSecond} PUT/s, c<=4, {duration.TotalSeconds:N0} s: {result.Operations:N0} statements ({result.Errors} errors), acknowledged p50 {result.P50Ms:N1} ms p99 {result.P99Ms:N1} ms;" +
            $" visible in analysis.user_activities after the acknowledgement p50 {visible.P50Ms:N0} ms p99 {visible.P99Ms:N0} ms (polled every {PollInterval.TotalMilliseconds:N0} ms)");
        Console.WriteLine($"    whole system {busy.Total:N1} % of one core (bench client and visibility poller included in bench+apphost)");
        Console.WriteLine("    " + busy.Parts);
        Console.WriteLine();
        Console.WriteLine($"Targets: idle < 5 % of one core: {idle.Total:N1} % -> {(idle.Total < 5 ? "met" : "NOT met")}");
        Console.WriteLine($"         trickle CPU < 25 % of one core: {busy.Total:N1} % -> {(busy.Total < 25 ? "met" : "NOT met")}");
        Console.WriteLine($"         visible p99 < 100 ms: {visible.P99Ms:N0} ms -> {(visible.P99Ms < 100 ? "met" : "NOT met")}");
        return 0;
    }

    private static async Task<(RunResult Acknowledged, RunResult Visible, (double Total, string Parts) Cpu)> RunTrickleAsync(
        HttpClient client, NpgsqlDataSource dataSource, CpuMeter meter, TimeSpan duration, int sequenceOffset)
    {
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var ackLatencies = new ConcurrentBag<double>();
        var visibleLatencies = new ConcurrentBag<double>();
        long errors = 0;
        using var stop = new CancellationTokenSource();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            meter.CountAsBench((int)(await pid.ExecuteScalarAsync())!);
        }
        await using var poll = new NpgsqlCommand("SELECT statement_id FROM analysis.user_activities WHERE statement_id = ANY($1)", connection);
        var pending = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
        poll.Parameters.Add(pending);
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || !acknowledged.IsEmpty)
            {
                if (!acknowledged.IsEmpty)
                {
                    pending.Value = acknowledged.Keys.ToArray();
                    await using var rows = await poll.ExecuteReaderAsync();
                    var now = Stopwatch.GetTimestamp();
                    while (await rows.ReadAsync())
                    {
                        if (acknowledged.TryRemove(rows.GetGuid(0), out var at))
                        {
                            visibleLatencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                        }
                    }
                }
                await Task.Delay(PollInterval);
            }
        });

        var cpuBefore = meter.SnapshotSeconds();
        var started = Stopwatch.GetTimestamp();
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var requests = new List<Task>();
        for (var tick = 0; Stopwatch.GetElapsedTime(started) < duration; tick++)
        {
            var due = TimeSpan.FromSeconds((double)tick / RatePerSecond);
            if (Stopwatch.GetElapsedTime(started) < due)
            {
                await Task.Delay(due - Stopwatch.GetElapsedTime(started));
            }
            await inFlight.WaitAsync();
            var (id, json) = SevenTapsStatements.Create(sequenceOffset + tick);
            requests.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await client.PutAsync($"/xapi/statements?statementId={id}", new StringContent(json, Encoding.UTF8, "application/json"));
                    var at = Stopwatch.GetTimestamp();
                    if (response.StatusCode == HttpStatusCode.NoContent)
                    {
                        acknowledged[id] = at;
                        ackLatencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }
        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(started);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!acknowledged.IsEmpty && !deadline.IsCancellationRequested)
        {
            await Task.Delay(PollInterval);
        }
        // The CPU window is the sending time plus the last statements' normalization.
        var cpu = CpuMeter.PercentOfCore(cpuBefore, meter.SnapshotSeconds(), Stopwatch.GetElapsedTime(started));
        await stop.CancelAsync();
        await poller;
        var unseen = acknowledged.Count;
        return (RunResult.From("trickle", MaxInFlight, ackLatencies.ToList(), 1, elapsed, errors),
            RunResult.From("visible", MaxInFlight, visibleLatencies.ToList(), 1, elapsed, unseen),
            cpu);
    }
}
