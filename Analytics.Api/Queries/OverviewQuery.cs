namespace Analytics.Api.Queries;

public sealed record Overview(
    long Learners, long ActiveLearners7Days, long ActiveLearners30Days, long Statements, long Lessons, double CompletionRate, long Responses, DateTimeOffset AsOf);

/// <summary>The headline numbers. "Active" counts back from <c>to</c> when given, else from now.</summary>
public static class OverviewQuery
{
    public static async Task<Overview> RunAsync(AnalysisReader reader, AnalyticsFilter filter, TimeProvider time, CancellationToken cancellationToken)
    {
        var asOf = filter.To ?? time.GetUtcNow();
        await using var command = reader.DataSource.CreateCommand();
        var activityFilter = filter.Where("a", command);
        var responseFilter = filter.Where("r", command);
        var asOfParameter = command.Add(asOf.UtcDateTime);
        var completed = command.Add(Verbs.Completed);
        command.CommandText = $"""
            WITH a AS (SELECT * FROM analysis.user_activities a WHERE {activityFilter}),
            progress AS (
                SELECT user_id, lesson_url, bool_or(activity_type = {completed} AND question_id IS NULL) AS done
                FROM a WHERE lesson_url IS NOT NULL GROUP BY user_id, lesson_url)
            SELECT (SELECT count(DISTINCT user_id) FROM a),
                   (SELECT count(DISTINCT user_id) FROM a WHERE "timestamp" > {asOfParameter}::timestamptz - interval '7 days' AND "timestamp" <= {asOfParameter}),
                   (SELECT count(DISTINCT user_id) FROM a WHERE "timestamp" > {asOfParameter}::timestamptz - interval '30 days' AND "timestamp" <= {asOfParameter}),
                   (SELECT count(*) FROM a),
                   (SELECT count(DISTINCT lesson_url) FROM a),
                   (SELECT coalesce(round(avg(done::int), 4), 0)::float8 FROM progress),
                   (SELECT count(*) FROM analysis.user_responses r WHERE {responseFilter})
            """;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        return new Overview(rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), rows.GetDouble(5), rows.GetInt64(6), asOf);
    }
}
