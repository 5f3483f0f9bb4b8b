using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;
using SevenTaps.Generator;

namespace Agent.Tests;

/// <summary>
/// The agent with everything it depends on (PostgreSQL, Redis, ingest, normalizer, and analytics, which owns the API
/// key table), loaded with a generated course sent through the real xAPI endpoint and fully normalized; the course's
/// ground truth is what Seven's answers are checked against.
/// </summary>
public class AgentFixture : IAsyncLifetime
{
    private const string XapiKey = "agent-test-key";
    private const string XapiSecret = "agent-test-secret";

    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    public TestSystem App { get; private set; } = null!;

    public GroundTruth Truth { get; private set; } = null!;

    /// <summary>A key with the <c>agent</c> scope only.</summary>
    public string AgentKey { get; private set; } = null!;

    public string DatabaseConnectionString => App.GetConnectionString(ResourceNames.Database);

    /// <summary>The generated course the system is loaded with.</summary>
    protected virtual GeneratorOptions Course => new() { Seed = 11, Learners = 80, Cohorts = 3, VoidedFraction = 0.02 };

    /// <summary>More AppHost arguments (a model endpoint for the agent).</summary>
    protected virtual IEnumerable<string> SystemArguments => [];

    /// <summary>The watch list analytics and Seven flag answers with.</summary>
    public virtual IReadOnlyList<string> WatchList => SevenTaps.Text.WatchList.Default;

    public virtual async Task InitializeAsync()
    {
        App = TestApplication.Create(_dataDirectory, ["--only", $"{ResourceNames.AnalyticsApi},{ResourceNames.AgentApi}",
            $"--SEVENTAPS_XAPI_KEY={XapiKey}", $"--SEVENTAPS_XAPI_SECRET={XapiSecret}", .. SystemArguments]);
        await App.StartAsync();
        AgentKey = await TestApiKeys.CreateAsync(DatabaseConnectionString, "seven", ApiKeyScopes.Agent);

        var generator = new CourseGenerator(Course);
        using var xapi = StatementSender.CreateClient(new Uri(App.GetEndpoint(ResourceNames.IngestApi), "/xapi/"), XapiKey, XapiSecret);
        await new StatementSender(xapi).SendAsync(generator.Statements().Select(statement => statement.Json));
        await WaitUntilNormalizedAsync();
        Truth = generator.Truth;
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.AgentApi), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? AgentKey);
        return client;
    }

    /// <summary>A GET of the analytics API with a key of the <c>analytics</c> scope: what the dashboard shows.</summary>
    public async Task<JsonObject> AnalyticsAsync(string pathAndQuery)
    {
        var key = await TestApiKeys.CreateAsync(DatabaseConnectionString, $"dashboard-{Guid.NewGuid():N}", ApiKeyScopes.Analytics);
        using var client = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.AnalyticsApi) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.GetAsync(pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The first column of every row, as text.</summary>
    public async Task<IReadOnlyList<string>> TextsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    /// <summary>
    /// Which of <paramref name="texts"/> PostgreSQL's English full-text search matches for <paramref name="words"/>
    /// (web-search syntax, as Seven's search reads them): the truth of a search, computed on the generator's texts.
    /// </summary>
    public async Task<IReadOnlyList<bool>> SearchMatchesAsync(IReadOnlyList<string> texts, string words)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT to_tsvector('english', x.t) @@ websearch_to_tsquery('english', $2) FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY x.i",
            connection)
        {
            Parameters = { new() { Value = texts.ToArray() }, new() { Value = words } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var matches = new List<bool>();
        while (await reader.ReadAsync())
        {
            matches.Add(reader.GetBoolean(0));
        }
        return matches;
    }

    /// <summary>Every stored statement that is neither voiding nor voided has its activity row.</summary>
    private async Task WaitUntilNormalizedAsync()
    {
        var expected = (long)(await ScalarAsync("SELECT count(*) FROM xapi.statements WHERE NOT is_voided AND voids_statement_id IS NULL"))!;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((long)(await ScalarAsync("SELECT count(*) FROM analysis.user_activities"))! != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The normalizer did not catch up.");
            }
            await Task.Delay(250);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AgentCollection : ICollectionFixture<AgentFixture>
{
    public const string Name = "agent";
}

/// <summary>
/// A second generated course for the golden set: another seed, more learners and cohorts, more voided answers, and a
/// watch list of its own (the default and a word of the generator's energy theme), given to AppHost as an operator
/// would (<c>SEVENTAPS_WATCH_LIST</c>), which analytics and Seven must both flag answers by.
/// </summary>
public sealed class LargerCourseFixture : AgentFixture
{
    protected override GeneratorOptions Course => new() { Seed = 29, Learners = 200, Cohorts = 4, VoidedFraction = 0.05 };

    public override IReadOnlyList<string> WatchList => [.. SevenTaps.Text.WatchList.Default, "exhausted"];

    protected override IEnumerable<string> SystemArguments => [$"--SEVENTAPS_WATCH_LIST={string.Join(';', WatchList)}"];
}

[CollectionDefinition(Name)]
public sealed class LargerCourseCollection : ICollectionFixture<LargerCourseFixture>
{
    public const string Name = "agent-larger-course";
}
