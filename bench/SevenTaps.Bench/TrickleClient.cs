using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SevenTaps.Bench;

/// <summary>What one trickle run measured: acknowledgement and visibility latencies.</summary>
public sealed record TrickleResult(RunResult Acknowledged, RunResult Visible);

/// <summary>
/// The trickle's load: single PUTs at <see cref="RatePerSecond"/> (at most <see cref="MaxInFlight"/> in flight) and a
/// poller that sees each acknowledged statement arrive in analysis.user_activities. It runs in a process of its own
/// (this program with <see cref="Command"/>), so the CPU it spends is told apart from AppHost's, which runs inside the
/// bench: the system's figure then holds AppHost but not the client. The two processes speak in lines: the client
/// names its poller's PostgreSQL session and waits; on "go" it sends, waits for the last statement to be visible and
/// says "sent"; on "report" it prints its result as JSON and ends.
/// </summary>
public static class TrickleClient
{
    public const string Command = "trickle-client";
    public const int RatePerSecond = 50;
    public const int MaxInFlight = 4;
    // Fine enough for a 100 ms target, coarse enough not to load PostgreSQL: the poller's session counts as the client's.
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private const string SecretVariable = "SEVENTAPS_TRICKLE_SECRET";
    private const string ConnectionVariable = "SEVENTAPS_TRICKLE_CONNECTION";

    /// <summary>The bench's side: runs the client for <paramref name="duration"/>; returns its result and the CPU of the window by part (percent of one core).</summary>
    public static async Task<(TrickleResult Result, SortedDictionary<string, double> Cpu)> RunAsync(
        Uri gateway, string key, string secret, string connectionString, CpuMeter meter, TimeSpan duration, int sequenceOffset)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            ArgumentList = { Command, "--gateway", gateway.ToString(), "--key", key,
                             "--seconds", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "--offset", sequenceOffset.ToString(CultureInfo.InvariantCulture) },
            // Not on the command line, which every local user can read (/proc/PID/cmdline); the environment only the owner can.
            Environment = { [SecretVariable] = secret, [ConnectionVariable] = connectionString },
        };
        using var client = Process.Start(start)!;
        meter.CountAsClient(int.Parse(await ExpectAsync(client, "poller "), CultureInfo.InvariantCulture));
        var before = meter.SnapshotSeconds();
        var started = Stopwatch.GetTimestamp();
        await client.StandardInput.WriteLineAsync("go");
        await ExpectAsync(client, "sent");
        // The CPU window is the sending time plus the last statements' normalization.
        var cpu = CpuMeter.PercentByPart(before, meter.SnapshotSeconds(), Stopwatch.GetElapsedTime(started));
        await client.StandardInput.WriteLineAsync("report");
        var result = JsonSerializer.Deserialize<TrickleResult>(await ExpectAsync(client, "result "))!;
        await client.WaitForExitAsync();
        return (result, cpu);
    }

    /// <summary>The client process (<see cref="Command"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var offset = int.Parse(args.SkipWhile(arg => arg != "--offset").Skip(1).First(), CultureInfo.InvariantCulture);
        using var client = IngestBenchmark.CreateClient(options.Gateway!, options.Key!, Environment.GetEnvironmentVariable(SecretVariable)!);
        await using var dataSource = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable(ConnectionVariable)!);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            Console.WriteLine($"poller {(int)(await pid.ExecuteScalarAsync())!}");
        }
        await ExpectLineAsync("go");
        var result = await SendAsync(client, connection, TimeSpan.FromSeconds(options.Seconds), offset);
        Console.WriteLine("sent");
        await ExpectLineAsync("report");
        Console.WriteLine("result " + JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<TrickleResult> SendAsync(HttpClient client, NpgsqlConnection connection, TimeSpan duration, int sequenceOffset)
    {
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var ackLatencies = new ConcurrentBag<double>();
        var visibleLatencies = new ConcurrentBag<double>();
        long errors = 0;
        using var stop = new CancellationTokenSource();

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
        await stop.CancelAsync();
        await poller;
        var unseen = acknowledged.Count;
        return new TrickleResult(RunResult.From("trickle", MaxInFlight, ackLatencies.ToList(), 1, elapsed, errors),
            RunResult.From("visible", MaxInFlight, visibleLatencies.ToList(), 1, elapsed, unseen));
    }

    /// <summary>Reads the client's lines until one starts with <paramref name="prefix"/>; returns the rest of it.</summary>
    private static async Task<string> ExpectAsync(Process client, string prefix)
    {
        while (await client.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }
        throw new InvalidOperationException($"The trickle client ended (exit code {(client.HasExited ? client.ExitCode : -1)}) before it said \"{prefix.Trim()}\".");
    }

    private static async Task ExpectLineAsync(string expected)
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == expected)
            {
                return;
            }
        }
        throw new InvalidOperationException($"The bench went away before it said \"{expected}\".");
    }
}
