using System.Net;
using Npgsql;
using SevenTaps.Contracts;

namespace SevenTaps.Bench;

/// <summary>
/// Re-normalization: a backlog of statements normalized by the worker, then rebuilt by <c>Normalizer.Worker
/// renormalize</c> (the command, as an operator runs it), once on a quiet system and once while statements keep
/// arriving through the gateway; afterwards every statement must have exactly one activity row.
/// </summary>
public static class RenormalizeBenchmark
{
    private const int Backlog = 100_000;
    private const int RatePerSecond = 500;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"Re-normalization benchmark: {Environment.ProcessorCount} cores, {Backlog:N0} statements");
        await using var system = new BenchSystem([]);
        await system.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        using var client = IngestBenchmark.CreateClient(system.App.GetEndpoint(ResourceNames.Gateway), BenchSystem.Key, BenchSystem.Secret);
        for (var offset = 0; offset < Backlog; offset += 1_000)
        {
            var batch = "[" + string.Join(',', Enumerable.Range(offset, 1_000).Select(sequence => SevenTapsStatements.Create(sequence).Json)) + "]";
            using var response = await client.PostAsync("/xapi/statements", new StringContent(batch, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
        await WaitNormalizedAsync(dataSource, Backlog);

        var (quiet, quietOutput) = await RenormalizeAsync(system);
        Console.WriteLine($"quiet system: {quiet.TotalSeconds:N1} s ({Backlog / quiet.TotalSeconds:N0} statements/s)");
        Console.WriteLine($"  {quietOutput}");

        // The same again while a steady stream arrives: 5 senders, a POST of 10 every 100 ms each.
        using var stop = new CancellationTokenSource();
        var sent = 0;
        var senders = Enumerable.Range(0, RatePerSecond / 100).Select(async sender =>
        {
            for (var tick = 0; !stop.IsCancellationRequested; tick++)
            {
                var body = "[" + string.Join(',', Enumerable.Range(0, 10).Select(index => SevenTapsStatements.Create(Backlog + sender * 1_000_000 + tick * 10 + index).Json)) + "]";
                using var response = await client.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Add(ref sent, 10);
                }
                await Task.Delay(100);
            }
        }).ToList();
        var (busy, busyOutput) = await RenormalizeAsync(system);
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        await WaitNormalizedAsync(dataSource, Backlog + sent);
        Console.WriteLine($"while {RatePerSecond}/s arrive: {busy.TotalSeconds:N1} s; {sent:N0} statements arrived meanwhile");
        Console.WriteLine($"  {busyOutput}");

        await using var check = dataSource.CreateCommand(
            "SELECT count(*) FROM xapi.statements s WHERE NOT EXISTS (SELECT 1 FROM analysis.user_activities a WHERE a.statement_id = s.id)");
        var missing = (long)(await check.ExecuteScalarAsync())!;
        Console.WriteLine($"statements without their activity row afterwards: {missing} (activity rows: {await NormalizerBenchmark.CountAsync(dataSource):N0}, statements: {Backlog + sent:N0})");
        return missing == 0 ? 0 : 1;
    }

    private static async Task<(TimeSpan Elapsed, string Summary)> RenormalizeAsync(BenchSystem system)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(system.App.Resource<SevenTaps.AppHost.Hosting.ServiceResource>(ResourceNames.NormalizerWorker).EntryAssembly);
        start.ArgumentList.Add("renormalize");
        start.Environment[$"ConnectionStrings__{ResourceNames.Database}"] = system.App.GetConnectionString(ResourceNames.Database);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"renormalize failed ({process.ExitCode}): {await output}{await error}");
        }
        return (stopwatch.Elapsed, (await output).Trim().Split('\n')[^1]);
    }

    private static async Task WaitNormalizedAsync(NpgsqlDataSource dataSource, long count)
    {
        while (await NormalizerBenchmark.CountAsync(dataSource) < count)
        {
            await Task.Delay(100);
        }
    }
}
