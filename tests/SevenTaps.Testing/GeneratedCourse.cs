using Npgsql;
using SevenTaps.Contracts;
using SevenTaps.Generator;

namespace SevenTaps.Testing;

/// <summary>A generated 7taps course sent through a test system's real xAPI endpoint, and its ground truth.</summary>
public static class GeneratedCourse
{
    /// <summary>
    /// Sends the course through ingest, waits until the normalizer has derived every activity, and then as long as
    /// analytics may still serve answers cached before them (it reads the data version once a second).
    /// </summary>
    public static async Task<GroundTruth> LoadAsync(TestSystem app, GeneratorOptions course, string xapiKey, string xapiSecret)
    {
        var generator = new CourseGenerator(course);
        await SendAsync(app, generator.Statements().Select(statement => statement.Json), xapiKey, xapiSecret);
        return generator.Truth;
    }

    /// <summary>Sends statements through ingest and waits as <see cref="LoadAsync"/> does.</summary>
    public static async Task SendAsync(TestSystem app, IEnumerable<string> statements, string xapiKey, string xapiSecret)
    {
        using var xapi = StatementSender.CreateClient(new Uri(app.GetEndpoint(ResourceNames.IngestApi), PublicRoutes.Xapi + "/"), xapiKey, xapiSecret);
        await new StatementSender(xapi).SendAsync(statements);
        await WaitUntilNormalizedAsync(app.GetConnectionString(ResourceNames.Database));
        // Analytics reads the data version once a second: after that, no answer cached before these statements is served.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
    }

    /// <summary>Every stored statement that is neither voiding nor voided has its activity row.</summary>
    private static async Task WaitUntilNormalizedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var expected = await CountAsync("SELECT count(*) FROM xapi.statements WHERE NOT is_voided AND voids_statement_id IS NULL");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await CountAsync("SELECT count(*) FROM analysis.user_activities") != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The normalizer did not catch up: {await CountAsync("SELECT count(*) FROM analysis.user_activities")} of {expected} activities.");
            }
            await Task.Delay(250);
        }
    }
}
