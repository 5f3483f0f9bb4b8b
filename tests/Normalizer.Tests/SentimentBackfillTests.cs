using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Normalizer.Worker.Backfill;
using Normalizer.Worker.Streaming;
using Npgsql;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Normalizer.Tests;

/// <summary>
/// Free-text answers stored without a sentiment (as before the column existed) get the normalizer's score from the
/// backfill, on the real system: passes run here in the test process against its PostgreSQL and Redis, as replicas
/// would run them, and the worker process runs one when it starts.
/// </summary>
[Collection(NormalizerCollection.Name)]
public sealed class SentimentBackfillTests(NormalizerFixture system) : IAsyncLifetime
{
    private const string Lessons = "https://courses.example.com/backfill";

    private static readonly string[] Texts =
    [
        "I love this course, it is great and really helpful",
        "This is terrible, I hate it",
        "The lesson was kind of good",
        "This course is the bomb",
        "It doesn't cut the mustard",
        "I walk to class",
        "Feeling under the weather but hopeful",
        "no problems or worries",
        "GOOD stuff 😊",
        "Yeah right, as if that helps!!",
    ];

    private NpgsqlDataSource _dataSource = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        await system.ResetAsync();
        _dataSource = NpgsqlDataSource.Create(system.DatabaseConnectionString);
        _redis = await system.RedisAsync();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Two_replicas_at_once_give_each_null_answer_the_normalizers_score_once_and_change_nothing_else()
    {
        await system.NormalizeAsync(Answers(1_200));
        var normalized = await system.DumpAsync();
        var scores = await ScoresAsync();
        Assert.Equal(600, scores.Count); // the form, fill-in and long-fill-in answers
        // The probe a worker runs at start: every free-text answer normalized now has its sentiment (poll answers never do).
        Assert.False(await Backfill(batchSize: 500).AnyToScoreAsync(default));
        // As before the sentiment column: null. A tenth keep a value the analyser never gives: a backfill must leave
        // every answer that has a sentiment alone.
        var stale = scores.Keys.Order().Where((_, index) => index % 10 == 0).ToArray();
        var nulled = await system.ScalarAsync<long>(
            "WITH nulled AS (UPDATE analysis.user_responses SET sentiment = NULL WHERE sentiment IS NOT NULL AND NOT statement_id = ANY($1) RETURNING 1) SELECT count(*) FROM nulled", stale);
        await system.ScalarAsync<long>("UPDATE analysis.user_responses SET sentiment = 0.4242 WHERE statement_id = ANY($1)", stale);
        await system.RecountFreeTextSentimentAsync();
        var versionBefore = await DataVersionAsync();
        Assert.True(await Backfill(batchSize: 500).AnyToScoreAsync(default));

        // Small pages, so that the two passes interleave over the same pages.
        var passes = await Task.WhenAll(Backfill(batchSize: 20).RunPassAsync(default), Backfill(batchSize: 20).RunPassAsync(default))
            .WaitAsync(TimeSpan.FromSeconds(120));

        // Each read every answer; between them they scored each null answer exactly once.
        Assert.All(passes, pass => Assert.Equal(1_200, pass.Read));
        Assert.Equal(nulled, passes.Sum(pass => pass.Scored));
        var backfilled = await ScoresAsync();
        Assert.Equal(scores.Keys.Except(stale).ToDictionary(id => id, id => scores[id]), backfilled.Where(row => !stale.Contains(row.Key)).ToDictionary());
        Assert.All(stale, id => Assert.Equal(0.4242, backfilled[id]));
        Assert.True(await DataVersionAsync() > versionBefore, "the analytics data version was not bumped");
        // The answers scored were counted in the sentiment summary as they were scored.
        await system.AssertSummaryMatchesFactsAsync();
        // Nothing else changed: with the stale values put back, every table is as normalization left it.
        foreach (var id in stale)
        {
            await system.ScalarAsync<long>("UPDATE analysis.user_responses SET sentiment = $1 WHERE statement_id = $2", scores[id]!.Value, id);
        }
        await system.RecountFreeTextSentimentAsync();
        Assert.Equal(normalized, await system.DumpAsync());
        // Until none are left: the next pass finds nothing, and so does the probe.
        Assert.True((await Backfill(batchSize: 500).RunPassAsync(default)).FoundNone);
        Assert.False(await Backfill(batchSize: 500).AnyToScoreAsync(default));
    }

    [Fact]
    public async Task Rows_another_transaction_holds_are_skipped_not_waited_for_and_scored_by_a_later_pass()
    {
        var scores = await NormalizedWithoutSentimentAsync(120);
        var held = scores.Keys.Order().Take(10).ToArray();

        await using var other = await _dataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await ExecuteAsync(other, "SELECT 1 FROM analysis.user_responses WHERE statement_id = ANY($1) FOR UPDATE", held);
        var first = await Backfill(batchSize: 7).RunPassAsync(default).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((scores.Count - 10L, 10L, false), (first.Scored, first.Busy, first.FoundNone));
        var afterFirst = await ScoresAsync(nullToo: true);
        Assert.Equal(held, scores.Keys.Where(id => afterFirst[id] is null).Order());
        await transaction.RollbackAsync();

        var second = await Backfill(batchSize: 7).RunPassAsync(default);
        Assert.Equal(10, second.Scored);
        Assert.Equal(scores, await ScoresAsync());
        Assert.True((await Backfill(batchSize: 7).RunPassAsync(default)).FoundNone);
    }

    [Fact]
    public async Task A_pass_waits_while_a_renormalization_swaps_the_schema()
    {
        var scores = await NormalizedWithoutSentimentAsync(60);

        // What the swap holds (exclusively) while it renames the schemas.
        await using var swap = await _dataSource.OpenConnectionAsync();
        await ExecuteAsync(swap, "SELECT pg_advisory_lock($1)", AdvisoryLocks.AnalysisGeneration);
        var pass = Backfill(batchSize: 500).RunPassAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(pass.IsCompleted);
        Assert.Empty(await ScoresAsync());
        await ExecuteAsync(swap, "SELECT pg_advisory_unlock($1)", AdvisoryLocks.AnalysisGeneration);

        Assert.Equal(scores.Count, (await pass.WaitAsync(TimeSpan.FromSeconds(60))).Scored);
        Assert.Equal(scores, await ScoresAsync());
        await system.AssertSummaryMatchesFactsAsync();
    }

    [Fact]
    public async Task The_worker_backfills_when_it_starts()
    {
        var scores = await NormalizedWithoutSentimentAsync(300);
        var worker = (await system.WorkerProcessIdAsync())!.Value;

        // AppHost starts it again, as an orchestrator would after a deployment.
        Process.GetProcessById(worker).Kill();

        await Eventually.HoldsAsync(async () => (await ScoresAsync()).Count == scores.Count, seconds: 120);
        Assert.Equal(scores, await ScoresAsync());
        Assert.NotEqual(worker, await system.WorkerProcessIdAsync());
        await system.AssertSummaryMatchesFactsAsync();
    }

    /// <summary>Normalizes <paramref name="count"/> answers, then sets every sentiment back to null; returns the normalizer's scores.</summary>
    private async Task<Dictionary<Guid, double?>> NormalizedWithoutSentimentAsync(int count)
    {
        await system.NormalizeAsync(Answers(count));
        var scores = await ScoresAsync();
        await system.ExecuteAsync("UPDATE analysis.user_responses SET sentiment = NULL");
        await system.RecountFreeTextSentimentAsync();
        return scores;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = parameter } } };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Answers of every kind, in turn: free text (form card, fill-in, long-fill-in), a poll, a quiz, and an empty form answer.</summary>
    private static List<JsonObject> Answers(int count) =>
        Enumerable.Range(0, count).Select(index =>
        {
            var lesson = $"{Lessons}/lesson{index % 3}";
            var text = $"{Texts[index / 6 % Texts.Length]} ({index})";
            var (card, response) = (index % 6) switch
            {
                0 => (TestStatements.Card(lesson, "form", 1, "How did it go?"), text),
                1 => (TestStatements.Card(lesson, "form", 2, "Tell us more", new JsonObject { ["interactionType"] = "fill-in" }), text),
                2 => (TestStatements.Card(lesson, "form", 3, "And in detail?", new JsonObject { ["interactionType"] = "long-fill-in" }), text),
                3 => (TestStatements.Card(lesson, "poll", 4, "Pick one", Choices()), "great"),
                4 => (TestStatements.Card(lesson, "quiz", 5, "Which is right?", Choices()), "awful"),
                _ => (TestStatements.Card(lesson, "form", 6, "Anything else?"), ""),
            };
            return TestStatements.Statement(Guid.NewGuid(), $"learner-{index % 25}", TestStatements.Answered, card,
                TestStatements.Start.AddMinutes(index), lesson, TestStatements.Response(response));
        }).ToList();

    private static JsonObject Choices() => new()
    {
        ["interactionType"] = "choice",
        ["choices"] = new JsonArray(
            new JsonObject { ["id"] = "great", ["description"] = new JsonObject { ["en-US"] = "Great" } },
            new JsonObject { ["id"] = "awful", ["description"] = new JsonObject { ["en-US"] = "Awful" } }),
    };

    private SentimentBackfill Backfill(int batchSize) => new(
        _dataSource,
        new AnalysisDataVersionBump(_redis, TimeProvider.System, NullLogger<AnalysisDataVersionBump>.Instance),
        Options.Create(new SentimentBackfillOptions { BatchSize = batchSize }),
        TimeProvider.System,
        NullLogger<SentimentBackfill>.Instance);

    /// <summary>Every answer's sentiment, by statement id: those with one, or (<paramref name="nullToo"/>) every answer.</summary>
    private async Task<Dictionary<Guid, double?>> ScoresAsync(bool nullToo = false) =>
        (await system.RowsAsync($"SELECT statement_id, sentiment FROM analysis.user_responses{(nullToo ? "" : " WHERE sentiment IS NOT NULL")}"))
            .ToDictionary(row => (Guid)row["statement_id"]!, row => (double?)row["sentiment"]);

    private async Task<long> DataVersionAsync() => (long)await _redis.GetDatabase().StringGetAsync(AnalyticsCache.DataVersionKey);
}
