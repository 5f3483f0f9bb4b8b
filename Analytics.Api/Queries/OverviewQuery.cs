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
        // One pass over the activities, grouped by learner and lesson (about 6 rows per learner), then counted:
        // reading the table once per figure, or materializing it for each, costs several times more.
        command.CommandText = $"""
            WITH pairs AS (
                SELECT a.user_id, a.lesson_url, count(*) AS statements,
                       bool_or(a.activity_type = {completed} AND a.question_id IS NULL) AS done,
                       bool_or(a."timestamp" > {asOfParameter}::timestamptz - interval '7 days' AND a."timestamp" <= {asOfParameter}) AS active_7_days,
                       bool_or(a."timestamp" > {asOfParameter}::timestamptz - interval '30 days' AND a."timestamp" <= {asOfParameter}) AS active_30_days
                FROM analysis.user_activities a WHERE {activityFilter}
                GROUP BY a.user_id, a.lesson_url)
            SELECT count(DISTINCT user_id),
                   count(DISTINCT user_id) FILTER (WHERE active_7_days),
                   count(DISTINCT user_id) FILTER (WHERE active_30_days),
                   coalesce(sum(statements), 0)::bigint,
                   count(DISTINCT lesson_url),
                   coalesce(round(avg(done::int) FILTER (WHERE lesson_url IS NOT NULL), 4), 0)::float8,
                   (SELECT count(*) FROM analysis.user_responses r WHERE {responseFilter})
            FROM pairs
            """;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        return new Overview(rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), rows.GetDouble(5), rows.GetInt64(6), asOf);
    }
}
