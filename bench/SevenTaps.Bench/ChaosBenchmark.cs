using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using SevenTaps.Contracts;

namespace SevenTaps.Bench;

/// <summary>
/// Sustained ingest (single PUTs and batches through the gateway, each retried with the same statement ids until it is
/// acknowledged, as 7taps retries) while processes are SIGKILLed at random moments: ingest, every normalizer replica,
/// the gateway, Redis and the PostgreSQL postmaster, each restarted by AppHost. Each round kills every one of them once,
/// in a random order, so every victim is hit however short the run. Afterwards every acknowledged statement
/// must be stored exactly once and normalized exactly once. Prints acknowledged / stored / normalized / duplicated /
/// lost, the worst time until the LRS acknowledged again after a kill, and every 5xx answered.
/// </summary>
public static class ChaosBenchmark
{
    private const int Normalizers = 2;
    private const int PutWorkers = 4;
    private const int BatchWorkers = 2;
    private const int BatchSize = 100;

    /// <summary>How long a victim that is still down (restarting after an earlier kill) is waited for before it is passed over.</summary>
    private static readonly TimeSpan VictimUpTimeout = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(ChaosOptions options)
    {
        await using var system = new BenchSystem(["--normalizers", Normalizers.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await system.StartAsync();
        var gateway = system.App.GetEndpoint(ResourceNames.Gateway);
        using var client = IngestBenchmark.CreateClient(gateway, BenchSystem.Key, BenchSystem.Secret);
        client.Timeout = TimeSpan.FromSeconds(30);
        string[] victims = [ResourceNames.IngestApi, .. system.App.Replicas(ResourceNames.NormalizerWorker), ResourceNames.Gateway, ResourceNames.Redis, ResourceNames.Postgres];
        Console.WriteLine($"Chaos benchmark: {options.Duration.TotalMinutes:N0} min, {PutWorkers} PUT and {BatchWorkers} batch ({BatchSize}) senders, a SIGKILL every {options.MinPause.TotalSeconds:N0}-{options.MaxPause.TotalSeconds:N0} s, each round every one of {string.Join(", ", victims)} in a random order (seed {options.Seed}); load average {LoadAverage.Now()}");

        var load = new ChaosLoad(client);
        using var stop = new CancellationTokenSource(options.Duration);
        var senders = Enumerable.Range(0, PutWorkers).Select(_ => load.SendPutsAsync(stop.Token))
            .Concat(Enumerable.Range(0, BatchWorkers).Select(_ => load.SendBatchesAsync(BatchSize, stop.Token)))
            .ToList();

        var kills = new List<(string Victim, TimeSpan Recovery)>();
        var passedOver = new List<string>();
        var random = new Random(options.Seed);
        var bag = new ShuffledBag<string>(victims, random);
        while (!stop.IsCancellationRequested)
        {
            var pause = options.MinPause + (options.MaxPause - options.MinPause) * random.NextDouble();
            try
            {
                await Task.Delay(pause, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var victim = bag.Next();
            if (await RunningProcessAsync(system.App, victim) is not { } pid)
            {
                passedOver.Add(victim);
                Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} {victim} not running after {VictimUpTimeout.TotalSeconds:N0} s: passed over");
                continue;
            }
            var killedAt = Stopwatch.GetTimestamp();
            var killed = Stopwatch.StartNew();
            Process.GetProcessById(pid).Kill();
            // Recovered once a request sent after the kill has been acknowledged.
            while (load.LastAcknowledgedRequestSentAt <= killedAt && killed.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(100, CancellationToken.None);
            }
            kills.Add((victim, killed.Elapsed));
            Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} round {bag.Round}: killed {victim} (pid {pid}); acknowledging again after {killed.Elapsed.TotalSeconds:N1} s");
        }
        await Task.WhenAll(senders);

        var acknowledged = load.AcknowledgedIds();
        Console.WriteLine($"load stopped: {acknowledged.Length:N0} statements acknowledged; waiting for every resource to be healthy and the normalizers to catch up");
        // Migrations ran once, before the services, and have finished: they have no health to wait for.
        foreach (var resource in system.App.Resources.Where(resource => resource is not SevenTaps.AppHost.Hosting.MigrationResource))
        {
            await system.App.WaitForHealthyAsync(resource.Name, TimeSpan.FromMinutes(3));
        }
        await using var dataSource = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        var counts = await CountAsync(dataSource, acknowledged);
        var waited = Stopwatch.StartNew();
        while (counts.Normalized < acknowledged.Length && waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(1000);
            counts = await CountAsync(dataSource, acknowledged);
        }

        Console.WriteLine();
        Console.WriteLine($"kills: {kills.Count} in {bag.Round} rounds ({string.Join(", ", victims.Select(victim => $"{victim} {kills.Count(kill => kill.Victim == victim)}"))}); passed over (down): {passedOver.Count}");
        Console.WriteLine($"worst time to acknowledge again after a kill: {(kills.Count == 0 ? 0 : kills.Max(kill => kill.Recovery.TotalSeconds)):N1} s " +
                          $"({(kills.Count == 0 ? "-" : kills.MaxBy(kill => kill.Recovery).Victim)}); per victim: " +
                          string.Join(", ", kills.GroupBy(kill => kill.Victim).Select(group => $"{group.Key} {group.Max(kill => kill.Recovery.TotalSeconds):N1} s")));
        Console.WriteLine($"acknowledged {acknowledged.Length:N0}  stored {counts.Stored:N0}  normalized {counts.Normalized:N0}  " +
                          $"duplicated {counts.DuplicatedActivities:N0}  lost {acknowledged.Length - counts.Stored:N0} (not normalized {acknowledged.Length - counts.Normalized:N0})");
        Console.WriteLine($"requests: {load.Requests:N0}, retried {load.Retries:N0}; answers 5xx: {load.ServerErrors()}; connection failures {load.ConnectionFailures:N0}; statements refused (4xx) {load.Refused:N0}");
        var whole = counts.Stored == acknowledged.Length && counts.Normalized == acknowledged.Length && counts.DuplicatedActivities == 0 && load.Refused == 0;
        Console.WriteLine($"load average at the end: {LoadAverage.Now()}");
        Console.WriteLine($"Target: every acknowledged statement stored and normalized exactly once -> {(whole ? "met" : "NOT met")}");
        return whole ? 0 : 1;
    }

    /// <summary>The victim's process, waiting while AppHost is still restarting it after an earlier kill; null if it stays down.</summary>
    private static async Task<int?> RunningProcessAsync(TestSystem app, string victim)
    {
        var waited = Stopwatch.StartNew();
        var pid = await app.ProcessIdAsync(victim);
        while (pid is null && waited.Elapsed < VictimUpTimeout)
        {
            await Task.Delay(500, CancellationToken.None);
            pid = await app.ProcessIdAsync(victim);
        }
        return pid;
    }

    private static async Task<(long Stored, long Normalized, long DuplicatedActivities)> CountAsync(NpgsqlDataSource dataSource, Guid[] ids)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM xapi.statements WHERE id = ANY($1)),
                   (SELECT count(DISTINCT statement_id) FROM analysis.user_activities WHERE statement_id = ANY($1)),
                   (SELECT count(*) - count(DISTINCT statement_id) FROM analysis.user_activities WHERE statement_id = ANY($1))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}

/// <summary>The senders: each request is retried, with the same statements, until it is acknowledged or the run ends.</summary>
internal sealed class ChaosLoad(HttpClient client)
{
    private readonly ConcurrentQueue<Guid> _acknowledged = new();
    private readonly ConcurrentDictionary<int, int> _serverErrors = new();
    private int _sequence;
    private long _acknowledgedCount;
    private long _requests;
    private long _retries;
    private long _connectionFailures;
    private long _lastAcknowledgedRequestSentAt;
    private long _refused;

    public long Acknowledged => Interlocked.Read(ref _acknowledgedCount);

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    public long ConnectionFailures => Interlocked.Read(ref _connectionFailures);

    /// <summary>Statements the LRS refused with a 4xx (none expected: a retry of a stored statement is acknowledged).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>When (<see cref="Stopwatch.GetTimestamp"/>) the latest-sent request that was acknowledged was sent.</summary>
    public long LastAcknowledgedRequestSentAt => Interlocked.Read(ref _lastAcknowledgedRequestSentAt);

    public Guid[] AcknowledgedIds() => _acknowledged.ToArray();

    public string ServerErrors() =>
        _serverErrors.IsEmpty ? "none" : string.Join(", ", _serverErrors.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value:N0} x {pair.Key}"));

    public async Task SendPutsAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var (id, json) = SevenTapsStatements.Create(Interlocked.Increment(ref _sequence));
            await SendUntilAcknowledgedAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={id}")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            }, HttpStatusCode.NoContent, [id], stop);
        }
    }

    public async Task SendBatchesAsync(int size, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var statements = Enumerable.Range(0, size).Select(_ => SevenTapsStatements.Create(Interlocked.Increment(ref _sequence))).ToList();
            var body = "[" + string.Join(",", statements.Select(statement => statement.Json)) + "]";
            await SendUntilAcknowledgedAsync(() => new HttpRequestMessage(HttpMethod.Post, "/xapi/statements")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }, HttpStatusCode.OK, statements.Select(statement => statement.Id).ToList(), stop);
        }
    }

    private async Task SendUntilAcknowledgedAsync(Func<HttpRequestMessage> request, HttpStatusCode acknowledgement, IReadOnlyList<Guid> ids, CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(200, CancellationToken.None);
            }
            Interlocked.Increment(ref _requests);
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                using var message = request();
                using var response = await client.SendAsync(message, CancellationToken.None);
                if (response.StatusCode == acknowledgement)
                {
                    foreach (var id in ids)
                    {
                        _acknowledged.Enqueue(id);
                    }
                    Interlocked.Add(ref _acknowledgedCount, ids.Count);
                    for (var latest = LastAcknowledgedRequestSentAt; sentAt > latest; latest = LastAcknowledgedRequestSentAt)
                    {
                        Interlocked.CompareExchange(ref _lastAcknowledgedRequestSentAt, sentAt, latest);
                    }
                    return;
                }
                if ((int)response.StatusCode < 500)
                {
                    Console.WriteLine($"  refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    Interlocked.Add(ref _refused, ids.Count);
                    return;
                }
                _serverErrors.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _connectionFailures);
            }
        }
    }
}

public sealed record ChaosOptions(TimeSpan Duration, TimeSpan MinPause, TimeSpan MaxPause, int Seed)
{
    public static ChaosOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        return new ChaosOptions(
            TimeSpan.FromMinutes(double.TryParse(Value("--minutes"), System.Globalization.CultureInfo.InvariantCulture, out var minutes) ? minutes : 10),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(40),
            int.TryParse(Value("--seed"), out var seed) ? seed : 7);
    }
}
