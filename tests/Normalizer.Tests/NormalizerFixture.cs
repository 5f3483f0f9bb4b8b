using System.Net.Http.Headers;
using Npgsql;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>
/// The real system from AppHost's model with <c>--only normalizer-worker</c> (PostgreSQL, Redis, ingest-api and
/// the worker processes). Statements go in through ingest's HTTP API, or straight onto the stream to test
/// re-delivery; tests read the analysis tables with SQL.
/// </summary>
public class NormalizerFixture : IAsyncLifetime
{
    public const string Key = "test-admin-key";
    public const string Secret = "test-admin-secret-0123456789";
    public const string Group = "normalizer";
    public const string DeadLetterStream = "seventaps:statements:dead";
    public const int MaxDeliveries = 3;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    // The summaries first: a query that names these tables in this order locks them in the order re-normalization's
    // swap does (it locks the summaries before lessons and users), so polling them all in one query cannot deadlock with it.
    public static readonly string[] Tables =
        ["learner_lesson_days", "learner_lessons", "learner_totals", "question_answer_counts", "free_text_sentiment_counts", "users", "lessons", "questions", "user_responses", "user_activities"];

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    static NormalizerFixture()
    {
        // AppHost passes its own environment on to services (except what it manages), so these reach the workers:
        // short take-over times keep the failure tests fast, housekeeping runs every second; the sample catalogue names lessons.
        Environment.SetEnvironmentVariable("Normalizer__ClaimMinIdle", "00:00:02");
        Environment.SetEnvironmentVariable("Normalizer__ClaimInterval", "00:00:00.500");
        // Polling is only the fallback behind ingest's announcements; a long interval lets a test tell them apart.
        Environment.SetEnvironmentVariable("Normalizer__PollInterval", PollInterval.ToString());
        Environment.SetEnvironmentVariable("Normalizer__MaxDeliveries", MaxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("Normalizer__HousekeepingInterval", "00:00:01");
        // The sentiment backfill runs when a worker starts; a test that restarts the worker must not have its next pass
        // run during later tests, which run passes of their own.
        Environment.SetEnvironmentVariable("Normalizer__SentimentBackfill__Interval", "01:00:00");
        Environment.SetEnvironmentVariable("Normalizer__LessonCatalogueFile", SampleFiles.Path(SampleFiles.Catalogue));
    }

    /// <summary>The development key AppHost passes to the services (every scope).</summary>
    public const string AdminApiKey = "sta_test-normalizer-admin-0001";

    protected virtual int Workers => 1;

    /// <summary>
    /// How often the workers reconcile stored statements with the analysis tables. Tests empty those tables between
    /// them while the statements stay, which the reconciler would take for lost entries: only its own tests run it.
    /// </summary>
    protected virtual TimeSpan ReconcileInterval => TimeSpan.FromDays(1);

    /// <summary>What to start (with what it depends on); without analytics-api, the API key table does not exist.</summary>
    protected virtual string Only => ResourceNames.NormalizerWorker;

    public TestSystem App { get; private set; } = null!;

    public string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(App.GetConnectionString(ResourceNames.Database)) { Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        // Fixtures start one after another (collections do not run in parallel): each sets its own before starting.
        Environment.SetEnvironmentVariable("Normalizer__Reconciler__Interval", ReconcileInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        App = TestApplication.Create(_dataDirectory, ["--only", Only, "--normalizers", Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"--SEVENTAPS_XAPI_KEY={Key}", $"--SEVENTAPS_XAPI_SECRET={Secret}", $"--SEVENTAPS_API_KEY={AdminApiKey}"]);
        await App.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.IngestApi), Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key}:{Secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    /// <summary>A client of the worker's operations API, with this bearer key (none when null).</summary>
    public HttpClient OperationsClient(string? apiKey = AdminApiKey)
    {
        var client = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.NormalizerWorker), Timeout = TimeSpan.FromSeconds(120) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    public async Task<ConnectionMultiplexer> RedisAsync() => await ConnectionMultiplexer.ConnectAsync(App.GetConnectionString(ResourceNames.Redis));

    /// <summary>The analysis data version analytics keys its cached answers by (0 before the first bump).</summary>
    public async Task<long> DataVersionAsync()
    {
        await using var redis = await RedisAsync();
        return (long)await redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey);
    }

    /// <summary>Stores the statements through ingest (POST, in order, 500 per request).</summary>
    public async Task PostAsync(IReadOnlyList<JsonObject> statements)
    {
        using var client = Client();
        foreach (var chunk in statements.Chunk(500))
        {
            using var response = await client.PostAsync("/xapi/statements", new StringContent(new JsonArray([.. chunk.Select(s => s.DeepClone())]).ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Adds stream entries for these statement ids, as ingest does (a re-delivery, in the order given).</summary>
    public async Task PublishAsync(IEnumerable<string> statementIds)
    {
        await using var redis = await RedisAsync();
        var database = redis.GetDatabase();
        foreach (var id in statementIds)
        {
            await database.StreamAddAsync(StatementStream.Key, StatementStream.StatementIdField, id);
        }
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(StatementStream.AddedChannel), "test");
    }

    public async Task NormalizeAsync(IReadOnlyList<JsonObject> statements)
    {
        await PostAsync(statements);
        await WaitDrainedAsync();
    }

    /// <summary>Ingest has handed everything to the stream, and the group has read and acknowledged every entry.</summary>
    public async Task WaitDrainedAsync(int seconds = 120)
    {
        await using var redis = await RedisAsync();
        await Eventually.HoldsAsync(async () =>
        {
            if (await ScalarAsync<long>("SELECT count(*) FROM xapi.outbox_batches") != 0)
            {
                return false;
            }
            var groups = await redis.GetDatabase().StreamGroupInfoAsync(StatementStream.Key);
            return groups.SingleOrDefault(group => group.Name == Group) is { PendingMessageCount: 0, Lag: 0 };
        }, seconds);
    }

    /// <summary>Empties the analysis tables (between tests; the raw statements stay).</summary>
    public async Task ResetAsync()
    {
        await WaitDrainedAsync();
        await ExecuteAsync($"TRUNCATE {string.Join(", ", Tables.Select(table => $"analysis.{table}"))}");
    }

    /// <summary>Every row of every analysis table as text, sorted: equal dumps mean identical tables.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DumpAsync()
    {
        var dump = new Dictionary<string, string>();
        foreach (var table in Tables)
        {
            dump[table] = await ScalarAsync<string>($"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM analysis.{table} t") ?? "";
        }
        return dump;
    }

    /// <summary>
    /// Fails unless each summary table equals a recomputation from the fact tables (written here independently of
    /// the normalizer's SQL: activities joined to their statement's response; the learner totals straight from the
    /// facts, not from the learner-lessons) and the learner-lesson summaries cover every activity.
    /// </summary>
    public async Task AssertSummaryMatchesFactsAsync()
    {
        const string facts = """
            SELECT a.*, (a.activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND a.question_id IS NULL) AS is_completion, r.statement_id AS response_id
            FROM analysis.user_activities a LEFT JOIN analysis.user_responses r USING (statement_id)
            """;
        const string sums = """
            count(*)::int AS statements, count(*) FILTER (WHERE is_completion)::int AS completions, count(response_id)::int AS responses,
            min("timestamp") AS first_at, max("timestamp") AS last_at, min("timestamp") FILTER (WHERE is_completion) AS first_completed_at
            """;
        await AssertTableEqualsAsync("learner_lesson_days", $"""
            SELECT user_id, coalesce(lesson_url, '') AS lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date AS day, {sums}
            FROM ({facts}) f GROUP BY 1, 2, 3
            """);
        await AssertTableEqualsAsync("learner_lessons", $"SELECT user_id, coalesce(lesson_url, '') AS lesson_url, {sums} FROM ({facts}) f GROUP BY 1, 2");
        // Per learner: lessons with an activity, lessons with a completion, and the sums of their activities.
        await AssertTableEqualsAsync("learner_totals", $"""
            SELECT user_id, count(DISTINCT lesson_url)::int AS lessons_started, count(DISTINCT lesson_url) FILTER (WHERE is_completion)::int AS lessons_completed,
                   count(*)::int AS statements, count(response_id)::int AS responses, min("timestamp") AS first_at, max("timestamp") AS last_at
            FROM ({facts}) f GROUP BY user_id
            """);
        await AssertTableEqualsAsync("question_answer_counts", """
            SELECT question_id, count(*)::int AS answers, count(*) FILTER (WHERE is_correct)::int AS correct,
                   count(is_correct)::int AS judged, ("timestamp" AT TIME ZONE 'UTC')::date AS day
            FROM analysis.user_responses WHERE question_id IS NOT NULL GROUP BY question_id, day
            """);
        await AssertTableEqualsAsync("free_text_sentiment_counts", FreeTextSentimentFromFacts);
        var activities = await ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities");
        Assert.Equal(activities, await ScalarAsync<long>("SELECT coalesce(sum(statements), 0) FROM analysis.learner_lesson_days"));
        Assert.Equal(activities, await ScalarAsync<long>("SELECT coalesce(sum(statements), 0) FROM analysis.learner_lessons"));
    }

    /// <summary>
    /// Counts the free-text sentiment summary again from the answers, as the migration that created it did: for tests
    /// that change sentiments behind the normalizer's back to stage answers stored before there was one.
    /// </summary>
    public Task RecountFreeTextSentimentAsync() =>
        ExecuteAsync($"DELETE FROM analysis.free_text_sentiment_counts; INSERT INTO analysis.free_text_sentiment_counts {FreeTextSentimentFromFacts}");

    private const string FreeTextSentimentFromFacts = """
        SELECT question_id, lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date AS day, count(*)::int AS answers, sum(sentiment::numeric) AS sentiment_sum,
               count(*) FILTER (WHERE sentiment >= 0.05)::int AS positive, count(*) FILTER (WHERE abs(sentiment) < 0.05)::int AS neutral,
               count(*) FILTER (WHERE sentiment <= -0.05)::int AS negative
        FROM analysis.user_responses WHERE question_id IS NOT NULL AND sentiment IS NOT NULL GROUP BY question_id, lesson_url, day
        """;

    private async Task AssertTableEqualsAsync(string table, string recomputed)
    {
        var differences = await RowsAsync($"""
            (SELECT 'missing' AS side, f::text AS row FROM ({recomputed}) f EXCEPT ALL SELECT 'missing', s::text FROM analysis.{table} s)
            UNION ALL
            (SELECT 'extra', s::text FROM analysis.{table} s EXCEPT ALL SELECT 'extra', f::text FROM ({recomputed}) f)
            LIMIT 10
            """);
        Assert.True(differences.Count == 0, $"{table} differs from the facts: " + string.Join("; ", differences.Select(row => $"{row["side"]} {row["row"]}")));
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    /// <summary>The rows of a query, each as column name → value.</summary>
    public async Task<IReadOnlyList<Dictionary<string, object?>>> RowsAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The running worker process (the first replica), or null while it is down.</summary>
    public Task<int?> WorkerProcessIdAsync() => App.ProcessIdAsync(ResourceNames.NormalizerWorker);

    public string WorkerEntryAssembly => App.Resource<SevenTaps.AppHost.Hosting.ServiceResource>(ResourceNames.NormalizerWorker).EntryAssembly;
}

[CollectionDefinition(Name)]
public sealed class NormalizerCollection : ICollectionFixture<NormalizerFixture>
{
    public const string Name = "normalizer";
}

public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The condition did not hold within {seconds} s.");
            }
            await Task.Delay(100);
        }
    }
}
