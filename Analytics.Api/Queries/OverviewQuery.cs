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
        var asOfParameter = command.Add(asOf.UtcDateTime);
        var weekAgo = $"{asOfParameter}::timestamptz - interval '7 days'";
        var monthAgo = $"{asOfParameter}::timestamptz - interval '30 days'";
        var days = LearnerLessonDays.Cte(filter, command, [$"{asOfParameter}::timestamptz", weekAgo, monthAgo]);
        // Learner-lesson-days (about one per nine activities) grouped by learner and lesson, then counted; no day
        // row spans the activity windows' ends, so a row is in a window when its first and last statement are.
        command.CommandText = $"""
            WITH {days},
            pairs AS (
                SELECT user_id, lesson_url, sum(statements) AS statements, sum(responses) AS responses,
                       bool_or(completions > 0) AS done,
                       bool_or(first_at > {weekAgo} AND last_at <= {asOfParameter}) AS active_7_days,
                       bool_or(first_at > {monthAgo} AND last_at <= {asOfParameter}) AS active_30_days
                FROM days
                GROUP BY user_id, lesson_url)
            SELECT count(DISTINCT user_id),
                   count(DISTINCT user_id) FILTER (WHERE active_7_days),
                   count(DISTINCT user_id) FILTER (WHERE active_30_days),
                   coalesce(sum(statements), 0)::bigint,
                   count(DISTINCT lesson_url),
                   coalesce(round(avg(done::int) FILTER (WHERE lesson_url IS NOT NULL), 4), 0)::float8,
                   coalesce(sum(responses), 0)::bigint
            FROM pairs
            """;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        return new Overview(rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), rows.GetDouble(5), rows.GetInt64(6), asOf);
    }
}
