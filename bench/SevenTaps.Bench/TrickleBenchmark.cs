using SevenTaps.Contracts;

namespace SevenTaps.Bench;

/// <summary>
/// 7taps' real rate: the idle system's CPU (no traffic, after it settled), then a steady trickle of single PUTs
/// (50/s, at most 4 in flight, sent by <see cref="TrickleClient"/> from a process of its own) with the whole system's
/// CPU and the visibility latency, from ingest's acknowledgement to the statement's row in analysis.user_activities.
/// </summary>
public static class TrickleBenchmark
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

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

        var gateway = system.App.GetEndpoint(ResourceNames.Gateway);
        var database = system.App.GetConnectionString(ResourceNames.Database)!;
        await TrickleClient.RunAsync(gateway, BenchSystem.Key, BenchSystem.Secret, database, meter, WarmUp, sequenceOffset: 0);
        var (result, cpu) = await TrickleClient.RunAsync(gateway, BenchSystem.Key, BenchSystem.Secret, database, meter, duration, sequenceOffset: 10_000_000);
        var (acknowledged, visible) = (result.Acknowledged, result.Visible);
        var client = cpu.GetValueOrDefault(CpuMeter.ClientPart);
        var busy = cpu.Where(part => part.Key != CpuMeter.ClientPart).Sum(part => part.Value);
        Console.WriteLine($"trickle {TrickleClient.RatePerSecond} PUT/s, c<={TrickleClient.MaxInFlight}, {duration.TotalSeconds:N0} s: {acknowledged.Operations:N0} statements ({acknowledged.Errors} errors), acknowledged p50 {acknowledged.P50Ms:N1} ms p99 {acknowledged.P99Ms:N1} ms;" +
            $" visible in analysis.user_activities after the acknowledgement p50 {visible.P50Ms:N0} ms p99 {visible.P99Ms:N0} ms (polled every {TrickleClient.PollInterval.TotalMilliseconds:N0} ms)");
        Console.WriteLine($"    whole system {busy:N1} % of one core (AppHost included, in the bench's own process; the trickle client, {client:N1} %, is not)");
        Console.WriteLine("    " + string.Join("  ", cpu.Select(part => $"{part.Key} {part.Value:N1}")) + " % of one core");
        Console.WriteLine();
        Console.WriteLine($"Targets: idle < 5 % of one core: {idle.Total:N1} % -> {(idle.Total < 5 ? "met" : "NOT met")}");
        Console.WriteLine($"         trickle CPU < 25 % of one core: {busy:N1} % -> {(busy < 25 ? "met" : "NOT met")}");
        Console.WriteLine($"         visible p99 < 100 ms: {visible.P99Ms:N0} ms -> {(visible.P99Ms < 100 ? "met" : "NOT met")}");
        return 0;
    }
}
