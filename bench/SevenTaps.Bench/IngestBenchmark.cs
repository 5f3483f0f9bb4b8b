using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting.Testing;
using Npgsql;
using NpgsqlTypes;
using SevenTaps.AppHost;
using SevenTaps.Contracts;
using SevenTaps.Xapi;

namespace SevenTaps.Bench;

/// <summary>
/// Ingest through the gateway (PUT at concurrency 1/16/64, POST batches of 100 and 1,000, and State documents PUT and
/// GET at concurrency 1/16/64) next to the two physical limits of the same PostgreSQL: single-row INSERT commits at the
/// same concurrency, and COPY.
/// </summary>
public static class IngestBenchmark
{
    private static readonly int[] PutConcurrency = [1, 16, 64];
    private static readonly int[] BatchSizes = [100, 1_000];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await using var system = options.Gateway is null ? await StartSystemAsync(options.Https) : null;
        var gateway = options.Gateway ?? (options.Https ? system!.App.App.GetEndpoint(ResourceNames.Gateway, "https") : system!.App.GetEndpoint(ResourceNames.Gateway));
        var database = options.DatabaseConnectionString ?? system?.App.GetConnectionString(ResourceNames.Database)
            ?? throw new ArgumentException("--connection is required with --gateway");
        var (key, secret) = options.Gateway is null ? (BenchSystem.Key, BenchSystem.Secret) : (options.Key!, options.Secret!);

        using var client = CreateClient(gateway, key, secret, system is not null && options.Https ? system.GatewayCertificate() : null);
        Console.WriteLine($"Ingest benchmark: {Environment.ProcessorCount} cores, {SevenTapsStatements.Size} B statements, {options.Seconds} s per run, durable storage{(gateway.Scheme == Uri.UriSchemeHttps ? ", over TLS" : "")}");
        Console.WriteLine($"gateway {gateway}");

        await LoadRunner.RunAsync("warm-up", 16, TimeSpan.FromSeconds(3), 1, sequence => PutAsync(client, sequence));

        var meter = system is null ? null : new CpuMeter();
        var results = new List<RunResult>();
        async Task<RunResult> MeasureAsync(Func<Task<RunResult>> run)
        {
            var before = meter?.SnapshotSeconds();
            var result = await run();
            Print(result);
            if (meter is not null)
            {
                Console.WriteLine("    " + CpuMeter.PerThousand(before!, meter.SnapshotSeconds(), result.Items));
            }
            return result;
        }
        foreach (var concurrency in PutConcurrency)
        {
            results.Add(await MeasureAsync(() => LoadRunner.RunAsync("PUT /xapi/statements", concurrency, duration, 1, sequence => PutAsync(client, sequence))));
        }
        foreach (var size in BatchSizes)
        {
            results.Add(await MeasureAsync(() => LoadRunner.RunAsync($"POST batch of {size}", 4, duration, size, sequence => PostAsync(client, sequence, size))));
        }
        if (system is not null)
        {
            // Ingest's own capacity, as where the normalizer runs on other machines: here it shares the two
            // cores, and a burst of batches keeps it busy catching up the whole time.
            await system.App.StopResourceAsync(ResourceNames.NormalizerWorker);
            foreach (var size in BatchSizes)
            {
                results.Add(await MeasureAsync(() => LoadRunner.RunAsync($"POST batch of {size}, normalizer stopped", 4, duration, size, sequence => PostAsync(client, sequence, size))));
            }
            // Left stopped for the physical limits: started now, it would spend the cores on its backlog meanwhile.
        }
        // State documents, a learner's progress as a SCORM-era player keeps it: each PUT a new document (one
        // transaction, like a single-row INSERT), each GET one of those written.
        var stateWrites = new List<RunResult>();
        var stateReads = new List<RunResult>();
        // The runner's sequence numbers are not contiguous (worker * 1,000,000 + n), so the GETs pick from those stored.
        var written = new System.Collections.Concurrent.ConcurrentQueue<int>();
        for (var run = 0; run < PutConcurrency.Length; run++)
        {
            var offset = run * 100_000_000;
            stateWrites.Add(await MeasureAsync(() => LoadRunner.RunAsync("PUT /xapi/activities/state", PutConcurrency[run], duration, 1, async sequence =>
            {
                var stored = await PutStateAsync(client, offset + sequence);
                if (stored)
                {
                    written.Enqueue(offset + sequence);
                }
                return stored;
            })));
        }
        var addresses = written.ToArray();
        foreach (var concurrency in PutConcurrency)
        {
            stateReads.Add(await MeasureAsync(() => LoadRunner.RunAsync("GET /xapi/activities/state", concurrency, duration, 1, sequence => GetStateAsync(client, addresses[sequence % addresses.Length]))));
        }

        var raw = new List<RunResult>();
        RunResult shaped;
        await using (var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 128 }.ConnectionString))
        {
            await PrepareRawTableAsync(dataSource);
            foreach (var concurrency in PutConcurrency)
            {
                raw.Add(await MeasureAsync(() => LoadRunner.RunAsync("raw INSERT commit", concurrency, duration, 1, sequence => InsertAsync(dataSource, sequence))));
            }
            // With their CPU per statement, to compare PostgreSQL's share with ingest's batches.
            raw.Add(await MeasureAsync(() => LoadRunner.RunAsync("raw COPY of 10,000", 1, duration, 10_000, sequence => CopyAsync(dataSource, sequence, 10_000))));
            shaped = await MeasureAsync(() => LoadRunner.RunAsync("COPY into statements' shape", 1, duration, 10_000, sequence => CopyShapedAsync(dataSource, sequence, 10_000)));
            await using var drop = dataSource.CreateCommand("DROP SCHEMA bench CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        Console.WriteLine();
        Console.WriteLine("Ratios (ours / physical limit on the same PostgreSQL):");
        for (var index = 0; index < PutConcurrency.Length; index++)
        {
            Console.WriteLine($"  PUT c={PutConcurrency[index],-3} {results[index].ItemsPerSecond,9:N0}/s vs single-row INSERT {raw[index].ItemsPerSecond,9:N0}/s = {results[index].ItemsPerSecond / raw[index].ItemsPerSecond:P0}");
        }
        for (var index = 0; index < PutConcurrency.Length; index++)
        {
            Console.WriteLine($"  State PUT c={PutConcurrency[index],-3} {stateWrites[index].ItemsPerSecond,9:N0}/s, GET {stateReads[index].ItemsPerSecond,9:N0}/s vs single-row INSERT {raw[index].ItemsPerSecond,9:N0}/s = {stateWrites[index].ItemsPerSecond / raw[index].ItemsPerSecond:P0}");
        }
        var copy = raw[^1].ItemsPerSecond;
        foreach (var batch in results.Skip(PutConcurrency.Length))
        {
            Console.WriteLine($"  {batch.Name,-40} {batch.ItemsPerSecond,9:N0}/s vs COPY {copy,9:N0}/s = {batch.ItemsPerSecond / copy:P0}" +
                $" (vs COPY into the statements' shape {shaped.ItemsPerSecond:N0}/s = {batch.ItemsPerSecond / shaped.ItemsPerSecond:P0})");
        }
        var put64 = results[PutConcurrency.Length - 1];
        Console.WriteLine();
        Console.WriteLine($"Targets: PUT c=64 >= 3,000/s with p99 < 50 ms: {put64.ItemsPerSecond:N0}/s, p99 {put64.P99Ms:N1} ms -> {(put64.ItemsPerSecond >= 3000 && put64.P99Ms < 50 ? "met" : "NOT met")}");
        var bestBatch = results.Skip(PutConcurrency.Length).Max(result => result.ItemsPerSecond);
        Console.WriteLine($"         batch POST >= 50% of COPY: {bestBatch / copy:P0} -> {(bestBatch >= copy / 2 ? "met" : "NOT met")}");
        return 0;
    }

    private static void Print(RunResult result) =>
        Console.WriteLine($"{result.Name,-22} c={result.Concurrency,-3} {result.ItemsPerSecond,10:N0} statements/s   p50 {result.P50Ms,7:N2} ms   p99 {result.P99Ms,7:N2} ms   ({result.Operations:N0} requests, {result.Errors} errors)");

    private static async Task<bool> PutAsync(HttpClient client, int sequence)
    {
        var (id, json) = SevenTapsStatements.Create(sequence);
        using var response = await client.PutAsync($"/xapi/statements?statementId={id}", new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>Document <paramref name="sequence"/>: one of 1,000 learners' progress in one of many lessons.</summary>
    private static string StateUrl(int sequence) =>
        $"/xapi/activities/state?activityId={Uri.EscapeDataString($"https://courses.example.com/bench/lesson-{sequence / 1000}")}" +
        $"&agent={Uri.EscapeDataString($$"""{"mbox":"mailto:learner-{{sequence % 1000}}@example.com"}""")}&stateId=progress";

    private static async Task<bool> PutStateAsync(HttpClient client, int sequence)
    {
        var document = $$"""{"card":{{sequence % 40}},"answers":["a","c","b"],"completed":false,"updated":"{{DateTimeOffset.UtcNow:O}}"}""";
        using var response = await client.PutAsync(StateUrl(sequence), new StringContent(document, Encoding.UTF8, "application/json"));
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    private static async Task<bool> GetStateAsync(HttpClient client, int sequence)
    {
        using var response = await client.GetAsync(StateUrl(sequence));
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> PostAsync(HttpClient client, int sequence, int size)
    {
        var body = new StringBuilder("[");
        for (var index = 0; index < size; index++)
        {
            body.Append(index == 0 ? "" : ",").Append(SevenTapsStatements.Create(sequence * size + index).Json);
        }
        body.Append(']');
        using var response = await client.PostAsync("/xapi/statements", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task PrepareRawTableAsync(NpgsqlDataSource dataSource)
    {
        // shaped_statements: the same columns, indexes and storage settings as xapi.statements, to show how much
        // of the gap to the raw COPY is the storing of what the GET filters need.
        await using var command = dataSource.CreateCommand(
            """
            DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench;
            CREATE TABLE bench.raw_statements (id uuid PRIMARY KEY, statement jsonb NOT NULL);
            CREATE TABLE bench.shaped_statements (LIKE xapi.statements INCLUDING ALL);
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> InsertAsync(NpgsqlDataSource dataSource, int sequence)
    {
        var (id, json) = SevenTapsStatements.Create(sequence);
        await using var command = dataSource.CreateCommand("INSERT INTO bench.raw_statements (id, statement) VALUES ($1, $2::jsonb)");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(json);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static async Task<bool> CopyAsync(NpgsqlDataSource dataSource, int sequence, int rows)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync("COPY bench.raw_statements (id, statement) FROM STDIN (FORMAT BINARY)");
        for (var index = 0; index < rows; index++)
        {
            var (id, json) = SevenTapsStatements.Create(sequence * rows + index);
            await copy.StartRowAsync();
            await copy.WriteAsync(id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(json, NpgsqlDbType.Jsonb);
        }
        return await copy.CompleteAsync() == (ulong)rows;
    }

    /// <summary>
    /// COPY of the statements as ingest stores them (with stored, authority and version) into the statements
    /// table's shape, with the index columns extracted by the client, so that PostgreSQL does only its own part.
    /// </summary>
    private static async Task<bool> CopyShapedAsync(NpgsqlDataSource dataSource, int sequence, int rows)
    {
        var stored = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY bench.shaped_statements (id, statement, stored, timestamp, verb_id, activity_id, agents, related_agents, " +
            "related_activities, is_voided, credential_id) FROM STDIN (FORMAT BINARY)");
        for (var index = 0; index < rows; index++)
        {
            var (id, json) = SevenTapsStatements.Create(sequence * rows + index);
            var statement = JsonNode.Parse(json)!.AsObject();
            statement["stored"] = stored.ToString("O");
            statement["timestamp"] = stored.ToString("O");
            statement["version"] = "1.0.0";
            statement["authority"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = "https://lrs.example", ["name"] = "bench" } };
            var keys = StatementIndexKeys.From(statement);
            await copy.StartRowAsync();
            await copy.WriteAsync(id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(statement.ToJsonString(), NpgsqlDbType.Jsonb);
            await copy.WriteAsync(stored, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(stored, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(keys.VerbId!, NpgsqlDbType.Text);
            await copy.WriteAsync(keys.ObjectActivityId!, NpgsqlDbType.Text);
            await copy.WriteAsync(new[] { keys.ActorIfi! }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(keys.RelatedAgentIfis.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(keys.RelatedActivityIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            await copy.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
        }
        return await copy.CompleteAsync() == (ulong)rows;
    }

    /// <summary>A client for the gateway with LRS credentials and the xAPI version header, as 7taps sends.</summary>
    /// <param name="gateway">The gateway's address.</param>
    /// <param name="key">The xAPI credential's key.</param>
    /// <param name="secret">Its secret.</param>
    /// <param name="trustedCertificate">Over HTTPS, the one server certificate to accept (the gateway's self-signed one).</param>
    internal static HttpClient CreateClient(Uri gateway, string key, string secret, X509Certificate2? trustedCertificate = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 256 };
        if (trustedCertificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == trustedCertificate.GetCertHashString();
        }
        var client = new HttpClient(handler)
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    private static async Task<BenchSystem> StartSystemAsync(bool https)
    {
        var system = new BenchSystem(https ? ["--https-port", "0"] : []);
        await system.StartAsync();
        return system;
    }
}

/// <summary>
/// The whole system, durable as in production, in a temporary data directory (deleted afterwards) or in
/// <paramref name="keptDataDirectory"/> (kept, so a later run finds the data loaded).
/// </summary>
public sealed class BenchSystem(string[] extraArgs, string? keptDataDirectory = null) : IAsyncDisposable
{
    public BenchSystem()
        : this([])
    {
    }

    public const string Key = "bench-key-0001";
    public const string Secret = "bench-secret-0001";
    public const string AnalyticsKey = "sta_bench-analytics-key-0001";

    private readonly string _dataDirectory = keptDataDirectory ?? Path.Combine("/tmp", $"seventaps-bench-{Guid.NewGuid():N}");

    public string DataDirectory => _dataDirectory;

    public TestSystem App { get; private set; } = null!;

    /// <summary>The self-signed certificate AppHost made for the gateway's HTTPS endpoint (with <c>--https-port</c>).</summary>
    public X509Certificate2 GatewayCertificate() =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_dataDirectory, "certificates", "gateway.crt")));

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        App = new TestSystem([
            "--port", "0", "--data-dir", _dataDirectory, "--AppHost:PrintResourceTable=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:AppHost.Resources=None", "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None", $"--SEVENTAPS_XAPI_KEY={Key}", $"--SEVENTAPS_XAPI_SECRET={Secret}", $"--SEVENTAPS_API_KEY={AnalyticsKey}", .. extraArgs]);
        await App.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (keptDataDirectory is null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
