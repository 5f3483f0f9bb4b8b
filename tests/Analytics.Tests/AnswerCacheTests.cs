using System.Diagnostics;
using Analytics.Api.Caching;
using Npgsql;
using SevenTaps.Contracts;

namespace Analytics.Tests;

/// <summary>Heavy answers come from the Redis cache until the normalizer commits new data; without Redis they are computed.</summary>
[Collection(ChangingDataCollection.Name)]
public sealed class AnswerCacheTests(AnalyticsFixture analytics)
{
    private readonly HttpClient _client = analytics.Client();

    [Fact]
    public async Task A_cached_answer_is_served_until_a_new_statement_is_normalized_then_it_changes_within_seconds()
    {
        // After the fixture's last batch, so the answer is cached under the version the next requests see.
        await Task.Delay(AnalysisDataVersion.RefreshInterval * 1.5);
        var first = await GetOverviewAsync();

        // Changed behind the normalizer's back: no data version bump, so the cached answer stays, though a computed one would differ.
        // (A response row and its count in the learner summaries, as voiding would change them all.)
        await DeleteOneResponseBehindTheNormalizersBackAsync();
        Assert.Equal(first.Responses - 1, await analytics.CountAsync("SELECT count(*) FROM analysis.user_responses"));
        await Task.Delay(AnalysisDataVersion.RefreshInterval * 1.5);
        var cached = await GetOverviewAsync();
        Assert.Equal(first, cached);

        await analytics.SendAsync([TestAnswers.FormAnswer("https://courses.example.com/cache-lesson/form/1234567", "Fewer notifications after dinner")]);
        var normalized = Stopwatch.StartNew();
        var fresh = await GetOverviewAsync();
        while (fresh.Statements == first.Statements && normalized.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
            fresh = await GetOverviewAsync();
        }

        Assert.Equal(first.Statements + 1, fresh.Statements);
        Assert.Equal(await analytics.CountAsync("SELECT count(*) FROM analysis.user_responses"), fresh.Responses);
        Assert.True(normalized.Elapsed < TimeSpan.FromSeconds(5), $"fresh after {normalized.Elapsed}");
    }

    [Fact]
    public async Task A_request_naming_a_newer_data_version_is_answered_from_it_at_once()
    {
        await Task.Delay(AnalysisDataVersion.RefreshInterval * 1.5);
        var first = await GetOverviewAsync();
        var cached = await GetOverviewAsync();
        Assert.Equal(first, cached);

        // A response row gone behind the normalizer's back (as in the test above), then the version bumped: a caller who
        // names the new version gets the new answer at once, though analytics read the version milliseconds before.
        await DeleteOneResponseBehindTheNormalizersBackAsync();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(analytics.App.GetConnectionString(ResourceNames.Redis));
        // Analytics reads the version now, and keeps that reading for a second: still the old version, so the old answer.
        await Task.Delay(AnalysisDataVersion.RefreshInterval * 1.5);
        Assert.Equal(first, await GetOverviewAsync());
        var version = await redis.GetDatabase().StringIncrementAsync(AnalyticsCache.DataVersionKey);
        var fresh = await GetOverviewAsync(version);

        Assert.Equal(first.Responses - 1, fresh.Responses);
    }

    [Fact]
    public async Task Without_Redis_answers_are_computed_and_still_200()
    {
        await analytics.App.StopResourceAsync(ResourceNames.Redis);
        try
        {
            foreach (var path in new[] { "overview", "lessons", "dropoff", "engagement?interval=week", "learners?sort=-atRisk", "questions" })
            {
                using var response = await _client.GetAsync($"/api/analytics/{path}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            Assert.Equal(await analytics.CountAsync("SELECT count(*) FROM analysis.user_activities"), (await GetOverviewAsync()).Statements);
        }
        finally
        {
            await analytics.App.StartResourceAsync(ResourceNames.Redis);
        }
    }

    private sealed record OverviewCounts(long Learners, long Statements, long Responses);

    /// <param name="seenVersion">The data version to name in <see cref="AnalyticsCache.DataVersionHeader"/>, if any.</param>
    private async Task<OverviewCounts> GetOverviewAsync(long? seenVersion = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/analytics/overview?to=2030-01-01");
        if (seenVersion is { } version)
        {
            request.Headers.Add(AnalyticsCache.DataVersionHeader, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var overview = JsonNode.Parse(body)!;
        return new OverviewCounts(overview["learners"]!.GetValue<long>(), overview["statements"]!.GetValue<long>(), overview["responses"]!.GetValue<long>());
    }

    /// <summary>
    /// A response row and its count in the learner summaries, deleted as voiding would change them all, but without a
    /// data version bump: a cached answer stays, though a computed one would differ.
    /// </summary>
    private Task DeleteOneResponseBehindTheNormalizersBackAsync() =>
        ExecuteAsync("""
        WITH gone AS (
            DELETE FROM analysis.user_responses WHERE statement_id = (SELECT statement_id FROM analysis.user_responses LIMIT 1)
            RETURNING user_id, lesson_url, "timestamp"),
        days AS (
            UPDATE analysis.learner_lesson_days d SET responses = d.responses - 1 FROM gone
            WHERE d.user_id = gone.user_id AND d.lesson_url = coalesce(gone.lesson_url, '') AND d.day = (gone."timestamp" AT TIME ZONE 'UTC')::date),
        pairs AS (
            UPDATE analysis.learner_lessons p SET responses = p.responses - 1 FROM gone
            WHERE p.user_id = gone.user_id AND p.lesson_url = coalesce(gone.lesson_url, ''))
        UPDATE analysis.learner_totals t SET responses = t.responses - 1 FROM gone WHERE t.user_id = gone.user_id
        """);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(analytics.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
