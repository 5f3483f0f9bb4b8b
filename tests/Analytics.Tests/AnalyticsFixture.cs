using System.Net.Http.Headers;
using Npgsql;
using SevenTaps.Contracts;
using SevenTaps.Generator;

namespace Analytics.Tests;

/// <summary>
/// Analytics with everything it depends on (PostgreSQL, Redis, ingest, normalizer), loaded with a generated
/// course sent through the real xAPI endpoint and fully normalized; its ground truth is what answers are checked against.
/// </summary>
public class AnalyticsFixture : IAsyncLifetime
{
    public const string ApiKey = "sta_test-analytics-key-0001";
    private const string XapiKey = "analytics-test-key";
    private const string XapiSecret = "analytics-test-secret";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public TestSystem App { get; private set; } = null!;

    public GroundTruth Truth { get; private set; } = null!;

    public string DatabaseConnectionString => App.GetConnectionString(ResourceNames.Database);

    static AnalyticsFixture()
    {
        // AppHost passes its own environment on to the services: analytics looks for audit records past the retention
        // every second, two per statement, so the retention test sees backdated records go (in batches) within seconds.
        Environment.SetEnvironmentVariable("Audit__PurgeInterval", "00:00:01");
        Environment.SetEnvironmentVariable("Audit__PurgeBatchSize", "2");
    }

    /// <summary>The generated course the system is loaded with.</summary>
    protected virtual GeneratorOptions Course => new() { Seed = 11, Learners = 80, Cohorts = 3, VoidedFraction = 0.02 };

    public virtual async Task InitializeAsync()
    {
        App = TestApplication.Create(_dataDirectory, "--only", ResourceNames.AnalyticsApi,
            $"--SEVENTAPS_XAPI_KEY={XapiKey}", $"--SEVENTAPS_XAPI_SECRET={XapiSecret}", $"--SEVENTAPS_API_KEY={ApiKey}");
        await App.StartAsync();

        var generator = new CourseGenerator(Course);
        await SendAsync(generator.Statements().Select(statement => statement.Json));
        Truth = generator.Truth;
    }

    /// <summary>Sends statements through the real xAPI endpoint and waits until analytics answers with them.</summary>
    public Task SendAsync(IEnumerable<string> statements) => GeneratedCourse.SendAsync(App, statements, XapiKey, XapiSecret);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public HttpClient Client(string? apiKey = ApiKey)
    {
        var client = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.AnalyticsApi), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(Name)]
public sealed class AnalyticsCollection : ICollectionFixture<AnalyticsFixture>
{
    public const string Name = "analytics";
}

/// <summary>A second generated course for the ground-truth comparisons: another seed and size.</summary>
public sealed class LargerCourseFixture : AnalyticsFixture
{
    protected override GeneratorOptions Course => new() { Seed = 29, Learners = 400, Cohorts = 5, VoidedFraction = 0.05 };
}

[CollectionDefinition(Name)]
public sealed class LargerCourseCollection : ICollectionFixture<LargerCourseFixture>
{
    public const string Name = "larger-course";
}

/// <summary>
/// Tests that add statements (search, the watch list) or change data behind the normalizer's back and stop Redis (the
/// answer cache) share a system of their own, so the truth tests' data stays as planted. Each of them reads the counts
/// it compares against from the database, so they do not depend on one another's changes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChangingDataCollection : ICollectionFixture<AnalyticsFixture>
{
    public const string Name = "changing-data";
}
