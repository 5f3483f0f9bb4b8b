using System.Net.Http.Headers;
using Npgsql;
using SevenTaps.Contracts;
using SevenTaps.Generator;
using StackExchange.Redis;

namespace SevenTaps.Bench;

/// <summary>
/// Analytics latency on a large course: generates N statements for M learners (SevenTaps.Generator), POSTs them
/// through the gateway, waits until the normalizer has derived every row, then requests every analytics endpoint
/// one at a time, cold (answer cache emptied before each request) and warm, and prints p50/p95 of each. The data
/// directory is kept, so a second run with the same sizes skips the loading.
/// </summary>
public static class AnalyticsBenchmark
{
    private const int Seed = 7;
    internal const string LoadedMarker = "bench-analytics-loaded";

    public static async Task<int> RunAsync(AnalyticsBenchOptions options)
    {
        var dataDirectory = options.DataDirectory ?? Path.Combine("/tmp", $"seventaps-bench-analytics-{options.Statements}-{options.Learners}");
        Console.WriteLine($"Analytics benchmark: {Environment.ProcessorCount} cores, {options.Statements:N0} statements for {options.Learners:N0} learners, data in {dataDirectory}");
        Directory.CreateDirectory(dataDirectory);
        await using var system = new BenchSystem([], dataDirectory);
        var started = Stopwatch.StartNew();
        await system.StartAsync();
        Console.WriteLine($"system started in {started.Elapsed.TotalSeconds:N1} s (migrations included)");

        await using var database = NpgsqlDataSource.Create(system.App.GetConnectionString(ResourceNames.Database));
        var marker = Path.Combine(dataDirectory, LoadedMarker);
        if (File.Exists(marker))
        {
            Console.WriteLine($"data loaded by an earlier run: {(await File.ReadAllTextAsync(marker)).Trim()}");
        }
        else
        {
            await LoadAsync(system, database, options, marker);
        }
        Console.WriteLine($"analysis.user_activities: {await ScalarAsync<long>(database, "SELECT count(*) FROM analysis.user_activities"):N0} rows, " +
                          $"user_responses: {await ScalarAsync<long>(database, "SELECT count(*) FROM analysis.user_responses"):N0}, " +
                          $"users: {await ScalarAsync<long>(database, "SELECT count(*) FROM analysis.users"):N0}");

        using var client = new HttpClient { BaseAddress = system.App.GetEndpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchSystem.AnalyticsKey);
        using var redis = await ConnectionMultiplexer.ConnectAsync(system.App.GetConnectionString(ResourceNames.Redis));

        var endpoints = await EndpointsAsync(database);
        Console.WriteLine();
        Console.WriteLine($"{"endpoint",-62} {"cold p50",9} {"cold p95",9} {"warm p50",9} {"warm p95",9}   (ms; {options.ColdSamples} cold, {options.WarmSamples} warm requests)");
        var slow = new List<string>();
        foreach (var endpoint in endpoints)
        {
            try
            {
                await RequestAsync(client, endpoint); // the first request pays for plan caches and connection set-up in every service
            }
            catch (HttpRequestException exception)
            {
                Console.WriteLine($"{Shorten(endpoint),-62} failed: {exception.Message}");
                slow.Add(endpoint);
                continue;
            }
            var cold = new List<double>();
            for (var sample = 0; sample < options.ColdSamples; sample++)
            {
                await EmptyAnswerCacheAsync(redis);
                cold.Add(await RequestAsync(client, endpoint));
            }
            var warm = new List<double>();
            for (var sample = 0; sample < options.WarmSamples; sample++)
            {
                warm.Add(await RequestAsync(client, endpoint));
            }
            var (coldP50, coldP95) = (Percentile(cold, 0.50), Percentile(cold, 0.95));
            var (warmP50, warmP95) = (Percentile(warm, 0.50), Percentile(warm, 0.95));
            Console.WriteLine($"{Shorten(endpoint),-62} {coldP50,9:N1} {coldP95,9:N1} {warmP50,9:N1} {warmP95,9:N1}");
            if (coldP95 >= 100 || warmP95 >= 100)
            {
                slow.Add(endpoint);
            }
        }
        Console.WriteLine();
        Console.WriteLine(slow.Count == 0
            ? "Target: p95 < 100 ms for every endpoint, cold and warm -> met"
            : $"Target: p95 < 100 ms for every endpoint, cold and warm -> NOT met by {string.Join(", ", slow)}");
        await ExportAsync(system, client, $"{PublicRoutes.Analytics}/explorer/responses/export");
        await ExportAsync(system, client, $"{PublicRoutes.Analytics}/explorer/activities/export");
        return 0;
    }

    /// <summary>
    /// The explorer's CSV export of a whole table: rows per second as the client reads them, and analytics-api's
    /// resident memory before and at its peak while streaming (sampled every 100 ms from /proc).
    /// </summary>
    private static async Task ExportAsync(BenchSystem system, HttpClient client, string path)
    {
        var pid = await system.App.ProcessIdAsync(ResourceNames.AnalyticsApi) ?? throw new InvalidOperationException("analytics-api is not running");
        var before = ResidentMegabytes(pid);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMegabytes(pid));
                await Task.Delay(100);
            }
        });
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var rows = lines - 1; // the header
        Console.WriteLine($"export {path[PublicRoutes.Analytics.Length..]}: {rows:N0} rows, {bytes / 1048576.0:N1} MiB in {seconds:N1} s " +
                          $"({rows / seconds:N0} rows/s); analytics-api resident memory {before:N0} MiB before, {peak:N0} MiB at peak");
    }

    internal static double ResidentMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).FirstOrDefault();

    /// <summary>Sends the generated course through the gateway as 7taps would (POST batches of 500, 4 in flight) and waits for the normalizer.</summary>
    internal static async Task LoadAsync(BenchSystem system, NpgsqlDataSource database, AnalyticsBenchOptions options, string marker)
    {
        var generator = new CourseGenerator(GeneratorOptions.ForStatementCount(options.Statements, options.Learners, Seed));
        var endpoint = new Uri(system.App.GetEndpoint(ResourceNames.Gateway), PublicRoutes.Xapi + "/");
        using var xapi = StatementSender.CreateClient(endpoint, BenchSystem.Key, BenchSystem.Secret);
        var loading = Stopwatch.StartNew();
        var progress = new Progress<long>(sent =>
        {
            if (sent % 100_000 < 500)
            {
                Console.WriteLine($"  sent {sent:N0} statements in {loading.Elapsed.TotalSeconds:N0} s");
            }
        });
        var sent = await new StatementSender(xapi).SendAsync(generator.Statements().Select(statement => statement.Json), progress);
        var sendTime = loading.Elapsed;
        Console.WriteLine($"load: {sent:N0} statements generated and POSTed through the gateway in {sendTime.TotalSeconds:N1} s ({sent / sendTime.TotalSeconds:N0}/s)");

        var expected = await ScalarAsync<long>(database, "SELECT count(*) FROM xapi.statements WHERE NOT is_voided AND voids_statement_id IS NULL");
        while (await ScalarAsync<long>(database, "SELECT count(*) FROM analysis.user_activities") < expected)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var normalizedTime = loading.Elapsed;
        Console.WriteLine($"normalized: all {expected:N0} activity rows {normalizedTime.TotalSeconds:N1} s after the first POST ({(normalizedTime - sendTime).TotalSeconds:N1} s after the last)");
        await File.WriteAllTextAsync(marker,
            $"{sent:N0} statements, seed {Seed}, {options.Learners:N0} learners; POSTed in {sendTime.TotalSeconds:N1} s, normalized after {normalizedTime.TotalSeconds:N1} s ({DateTimeOffset.UtcNow:u})\n");
    }

    /// <summary>Every analytics endpoint, with a real learner and real questions of the loaded course.</summary>
    private static async Task<IReadOnlyList<string>> EndpointsAsync(NpgsqlDataSource database)
    {
        var learner = await ScalarAsync<string>(database, "SELECT user_id FROM analysis.users ORDER BY user_id LIMIT 1");
        var poll = await ScalarAsync<string>(database, "SELECT question_id FROM analysis.questions WHERE question_type = 'poll' ORDER BY question_id LIMIT 1");
        var form = await ScalarAsync<string>(database, "SELECT question_id FROM analysis.questions WHERE question_type = 'form' ORDER BY question_id LIMIT 1");
        var lesson = await ScalarAsync<string>(database, "SELECT lesson_url FROM analysis.lessons ORDER BY lesson_url LIMIT 1");
        var cohort = await ScalarAsync<string>(database, "SELECT to_char(date_trunc('week', min(first_seen) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') FROM analysis.users");
        // The generated course lies in the past: the last 30 days of its free-text answers (to the end of that day),
        // so trending compares two periods that hold answers, and the date-filtered requests read real rows.
        var to = await ScalarAsync<string>(database,
            "SELECT to_char((max(\"timestamp\") AT TIME ZONE 'UTC')::date + 1, 'YYYY-MM-DD') FROM analysis.user_responses WHERE sentiment IS NOT NULL");
        var from = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture).AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var period = $"from={from}&to={to}";
        var analytics = PublicRoutes.Analytics;
        return
        [
            $"{analytics}/overview",
            $"{analytics}/lessons",
            $"{analytics}/dropoff",
            $"{analytics}/engagement?interval=day",
            $"{analytics}/engagement?interval=week&byCohort=true",
            $"{analytics}/learners",
            $"{analytics}/learners?sort=-atRisk&page=3",
            $"{analytics}/learners/{Uri.EscapeDataString(learner)}",
            $"{analytics}/questions",
            $"{analytics}/questions/answers?questionId={Uri.EscapeDataString(poll)}",
            $"{analytics}/questions/answers?questionId={Uri.EscapeDataString(form)}",
            $"{analytics}/responses/search?q=sleep",
            $"{analytics}/responses/search?q=%22screen%20time%22%20-phone",
            $"{analytics}/themes",
            $"{analytics}/themes?questionId={Uri.EscapeDataString(form)}",
            $"{analytics}/themes/trending?{period}",
            $"{analytics}/sentiment?groupBy=lesson",
            $"{analytics}/sentiment?groupBy=week",
            $"{analytics}/responses/flagged",
            // Filtered: a date range reads the learner-lesson-days (and the responses for questions), a lesson or
            // cohort alone the whole-time summaries.
            $"{analytics}/overview?{period}",
            $"{analytics}/lessons?{period}",
            $"{analytics}/dropoff?cohort={cohort}",
            $"{analytics}/learners?lesson={Uri.EscapeDataString(lesson)}",
            $"{analytics}/learners?{period}",
            $"{analytics}/questions?{period}",
            $"{analytics}/responses/flagged?{period}",
            // The explorer's pages (not cached: each is a short index range scan): the newest answers, a deep offset,
            // one lesson's negative answers, one learner's activities, a text search.
            $"{analytics}/explorer/responses?pageSize=100",
            $"{analytics}/explorer/responses?pageSize=100&offset=500000",
            $"{analytics}/explorer/responses?pageSize=100&lesson={Uri.EscapeDataString(lesson)}&sentiment=negative",
            $"{analytics}/explorer/activities?pageSize=100&learner={Uri.EscapeDataString(learner)}",
            $"{analytics}/explorer/responses?pageSize=100&q=sleep&sort=learner",
        ];
    }

    /// <summary>The path without the common prefix, and ids cut short, so the table stays readable.</summary>
    private static string Shorten(string endpoint)
    {
        var path = endpoint[PublicRoutes.Analytics.Length..];
        return path.Length <= 62 ? path : path[..40] + "…" + path[^20..];
    }

    private static async Task<double> RequestAsync(HttpClient client, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return elapsed;
    }

    internal static async Task EmptyAnswerCacheAsync(ConnectionMultiplexer redis)
    {
        var server = redis.GetServers()[0];
        var keys = server.KeysAsync(pattern: AnalyticsCache.AnswerKeyPrefix + "*", pageSize: 1_000);
        var database = redis.GetDatabase();
        await foreach (var key in keys)
        {
            await database.KeyDeleteAsync(key);
        }
    }

    internal static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
